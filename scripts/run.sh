#!/usr/bin/env bash
# Runs a command with Herald's project-local tools (Node 24, Temporal binaries) first on PATH,
# so `npm test` and `npm run demo` work even when the node on PATH is older.
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
exec "$@"
