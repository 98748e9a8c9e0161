#!/usr/bin/env bash
# The static checks before the tests: types, lint and formatting, side by side (each uses one core;
# together they take as long as ESLint alone). Every failure is printed, then the first one's code.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
npx tsc --noEmit >"$out/tsc" 2>&1 &
tsc=$!
npx eslint . >"$out/eslint" 2>&1 &
eslint=$!
npx prettier --check . >"$out/prettier" 2>&1 &
prettier=$!
status=0
for check in tsc eslint prettier; do
  if ! wait "${!check}"; then
    echo "✖ $check failed:"
    cat "$out/$check"
    status=1
  fi
done
[ "$status" -eq 0 ] && echo "✔ tsc, eslint and prettier"
exit "$status"
