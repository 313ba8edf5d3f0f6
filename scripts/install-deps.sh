#!/bin/sh
# Installs every Debian 12 package labelgen needs to build, run and test. Idempotent: packages
# already present are left as they are, and apt is only refreshed when something is missing.
set -eu
PACKAGES="
  build-essential cmake pkg-config
  libzxing-dev libhpdf-dev libcairo2-dev libboost-program-options-dev libgtest-dev
  libsqlite3-dev sqlite3 libicu-dev libtomlplusplus-dev nlohmann-json3-dev
  libpoppler-cpp-dev libfontconfig-dev libfreetype-dev libssl-dev libdeflate-dev
  fontconfig fonts-liberation2 fonts-noto-core fonts-dejavu-core
  poppler-utils qpdf
  libjpeg62-turbo-dev libtiff-dev zbar-tools
  libcups2-dev cups cups-client printer-driver-cups-pdf
  clang libclang-rt-14-dev
"
missing=""
for p in $PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done
# Node.js runs the independent ZPL renderer in tests; any Node >= 18 with npm will do (Debian's
# own, or one already installed from elsewhere).
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  missing="$missing nodejs npm"
fi
if [ -n "$missing" ]; then
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi
# The independent ZPL renderer the tests judge ZPL output with (npm, pinned by its lock file).
# Only the ZPL judge tests need it: a failure here (no network to the npm registry) is reported
# and does not stop the build or the main job; those tests then fail saying what is missing.
judge="$(dirname "$0")/../tests/zpl/judge/install.sh"
if [ -f "$judge" ]; then
  sh "$judge" || echo "install-deps: warning: the ZPL judge (npm zpl-renderer-js) could not be installed" >&2
fi
