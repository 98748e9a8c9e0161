#!/usr/bin/env bash
# Builds the Temporal server (go.temporal.io/server cmd/server) and its SQL schema tool (cmd/tools/sql)
# from the Go module proxy into .tools/temporal-server/, and copies the PostgreSQL schemas that ship in
# the module source beside them. Each step is skipped when its result is already there, so a second run
# costs nothing. The server build takes about 3 minutes on 2 cores; `npm run cluster` runs this first.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
version="${HERALD_TEMPORAL_SERVER_VERSION:-v1.32.2}"
out="$root/.tools/temporal-server"
mkdir -p "$out"
export GOTOOLCHAIN=auto GOBIN="$out"

command -v go >/dev/null || { echo "go is not on the PATH (https://go.dev/dl/; GOTOOLCHAIN=auto fetches the version the module needs)" >&2; exit 1; }
if [ ! -x "$out/server" ]; then
  echo "building the Temporal server $version (a few minutes)"
  go install "go.temporal.io/server/cmd/server@$version"
fi
if [ ! -x "$out/sql" ]; then
  echo "building the Temporal SQL schema tool $version"
  go install "go.temporal.io/server/cmd/tools/sql@$version"
fi
if [ ! -d "$out/schema/postgresql/v12" ]; then
  source_dir="$(go env GOMODCACHE)/go.temporal.io/server@$version"
  [ -d "$source_dir/schema/postgresql/v12" ] || go mod download "go.temporal.io/server@$version"
  mkdir -p "$out/schema/postgresql"
  cp -r "$source_dir/schema/postgresql/v12" "$out/schema/postgresql/"
  chmod -R u+w "$out/schema"
fi
echo "Temporal server $version in $out"
