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
    # clang with its sanitizer and libFuzzer runtimes: the fuzz preset (tests/fuzz/README.md);
    # clang-format: the source_format test (tests/check-format.sh)
    clang libclang-rt-14-dev clang-format
    # Qt 6 and the SQL editor component
    qt6-base-dev qt6-base-dev-tools qt6-tools-dev libgl-dev libqscintilla2-qt6-dev
    qt6-qpa-plugins
    # PostgreSQL client library, parser and server (the shadow server and the test cluster)
    libpq-dev libpg-query-dev postgresql postgresql-contrib
    # formatting
    libfmt-dev
    # used by the process helpers: runuser (util-linux)
    util-linux
    # faster rebuilds; checks of the desktop file and AppStream metadata; .deb building;
    # ssh-keygen -Y for signed approvals
    ccache appstream desktop-file-utils dpkg-dev file openssh-client
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

# --- Test tools: the Prisma oracle -------------------------------------------------------------
# The Prisma conformance tests (tests/corpus/test_prisma_*) compare Bellows' DDL with the SQL
# Prisma's own schema engine generates: ../shared/tools/prisma-oracle next to the repository,
# run with Node. Its npm packages are installed outside the source tree, once per lock file.
# BELLOWS_PRISMA_ORACLE_DIR overrides the place (CMake: BELLOWS_PRISMA_ORACLE_MODULES).
repo_root="$(cd "$(dirname "$0")/.." && pwd)"
oracle_src="$repo_root/../shared/tools/prisma-oracle"
oracle_dir="${BELLOWS_PRISMA_ORACLE_DIR:-/var/tmp/bellows-prisma-oracle}"
if [ -d "$oracle_src" ]; then
    if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends nodejs npm
    fi
    if [ -d "$oracle_dir/node_modules/@prisma/schema-engine-wasm" ] &&
        cmp -s "$oracle_src/package-lock.json" "$oracle_dir/package-lock.json"; then
        echo "Prisma oracle already installed in $oracle_dir."
    else
        mkdir -p "$oracle_dir"
        cp "$oracle_src/package.json" "$oracle_src/package-lock.json" "$oracle_dir/"
        (cd "$oracle_dir" && npm ci --ignore-scripts --no-audit --no-fund)
        chmod -R a+rX "$oracle_dir"
        echo "Prisma oracle installed in $oracle_dir."
    fi
    # The real prisma CLI for the export tests (tests/integration/export_tests.cmake): it runs
    # `prisma migrate deploy` offline through the oracle's schema-engine-shim. --ignore-scripts:
    # its postinstall would download the native engine. BELLOWS_PRISMA_CLI_DIR overrides the
    # place (CMake: BELLOWS_PRISMA_CLI, the path of node_modules/.bin/prisma).
    prisma_cli_version="7.10.1"
    prisma_cli_dir="${BELLOWS_PRISMA_CLI_DIR:-/var/tmp/bellows-prisma-cli}"
    if [ -x "$prisma_cli_dir/node_modules/.bin/prisma" ] &&
        grep -q "\"version\": \"$prisma_cli_version\"" "$prisma_cli_dir/node_modules/prisma/package.json" 2>/dev/null; then
        echo "prisma CLI $prisma_cli_version already installed in $prisma_cli_dir."
    else
        mkdir -p "$prisma_cli_dir"
        [ -f "$prisma_cli_dir/package.json" ] ||
            echo '{"name": "bellows-prisma-cli", "private": true}' >"$prisma_cli_dir/package.json"
        (cd "$prisma_cli_dir" &&
            npm install --ignore-scripts --no-audit --no-fund --save-exact "prisma@$prisma_cli_version")
        chmod -R a+rX "$prisma_cli_dir"
        echo "prisma CLI $prisma_cli_version installed in $prisma_cli_dir."
    fi
else
    echo "No Prisma oracle at $oracle_src: the Prisma conformance tests will fail."
fi
