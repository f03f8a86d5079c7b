#!/usr/bin/env bash
# Installs every build and test dependency of Bellows from Debian 12's archive.
# Idempotent; run as root (or through sudo) on a fresh machine.
set -euo pipefail

if [ "$(id -u)" -ne 0 ]; then
    exec sudo -- "$0" "$@"
fi

packages=(
    # toolchain
    build-essential cmake ninja-build pkg-config git
    # Qt 6 and the SQL editor component
    qt6-base-dev qt6-base-dev-tools qt6-tools-dev libgl-dev libqscintilla2-qt6-dev
    qt6-qpa-plugins
    # PostgreSQL client library, parser and server (the shadow server and the test cluster)
    libpq-dev libpg-query-dev postgresql postgresql-contrib
    # formatting
    libfmt-dev
    # used by the process helpers: runuser (util-linux)
    util-linux
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Debian starts a cluster for the postgresql package; Bellows never uses it (it starts its
# own private servers), so it is left as the package configured it.
echo "Bellows build dependencies are installed."
