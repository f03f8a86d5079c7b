#!/usr/bin/env bash
# Checks that every golden <name>.sql here is exactly what Prisma's own schema engine prints
# for <name>.prisma (the oracle in ../shared/tools/prisma-oracle, installed by
# packaging/install-deps.sh). Run after changing a golden file.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
oracle="${BELLOWS_PRISMA_ORACLE:-$here/../../../../../shared/tools/prisma-oracle}"
export NODE_PATH="${BELLOWS_PRISMA_ORACLE_MODULES:-/var/tmp/bellows-prisma-oracle/node_modules}"
status=0
for schema in "$here"/*.prisma; do
    golden="${schema%.prisma}.sql"
    if ! node "$oracle/prisma-sql" --from-empty --to "$schema" 2>/dev/null | diff -u "$golden" -; then
        echo "MISMATCH: $(basename "$golden")"
        status=1
    fi
done
exit $status
