#!/bin/sh
# Installs the ZPL judge (zpl-renderer-js, pinned by package-lock.json) into node_modules/ here.
# Idempotent: runs `npm ci` only when node_modules is missing or older than the lock file (or
# holds another version than the lock file pins). Called by scripts/install-deps.sh.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "tests/zpl/judge/install.sh: node and npm are required (scripts/install-deps.sh installs them)" >&2
  exit 1
fi
stamp=node_modules/.labelgen-lock
if [ -f "$stamp" ] && [ -f node_modules/zpl-renderer-js/package.json ] && cmp -s package-lock.json "$stamp"; then
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
cp package-lock.json "$stamp"
