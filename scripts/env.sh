# Source this file to put Herald's project-local tools (.tools/) ahead of the system ones.
herald_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ -x "$herald_root/.tools/node/bin/node" ]; then
  export PATH="$herald_root/.tools/node/bin:$PATH"
fi
export PATH="$herald_root/.tools/venv/bin:$PATH"
export HERALD_TEMPORAL_CLI="${HERALD_TEMPORAL_CLI:-$herald_root/.tools/venv/bin/temporal}"
export HERALD_TEMPORAL_TEST_SERVER="${HERALD_TEMPORAL_TEST_SERVER:-$herald_root/.tools/venv/bin/temporal-test-server}"
