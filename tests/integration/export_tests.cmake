# core/export applied for real: the Prisma export through the real prisma CLI (`prisma migrate
# deploy`, offline through the oracle's schema-engine-shim) and the Flyway export through psql,
# each converging to the target (tests/integration/test_export_apply.cpp).
#
# packaging/install-deps.sh installs prisma@7.10.1 into /var/tmp/bellows-prisma-cli; the oracle's
# own npm packages (the wasm engine, pg) are in /var/tmp/bellows-prisma-oracle.
set(BELLOWS_PRISMA_CLI "/var/tmp/bellows-prisma-cli/node_modules/.bin/prisma"
    CACHE FILEPATH "The prisma CLI (prisma@7.10.1) the export tests deploy with")
set(BELLOWS_PRISMA_SHIM "${CMAKE_SOURCE_DIR}/../shared/tools/prisma-oracle/schema-engine-shim"
    CACHE FILEPATH "Stand-in for Prisma's native schema engine (offline)")
set(BELLOWS_PRISMA_SHIM_MODULES "/var/tmp/bellows-prisma-oracle/node_modules"
    CACHE PATH "node_modules of the prisma oracle (NODE_PATH of the shim)")

bellows_add_test(test_export_apply SOURCES test_export_apply.cpp LABELS integration TIMEOUT 900)
target_compile_definitions(test_export_apply PRIVATE
    BELLOWS_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
set_property(TEST test_export_apply APPEND PROPERTY ENVIRONMENT
    "BELLOWS_PRISMA_CLI=${BELLOWS_PRISMA_CLI}"
    "BELLOWS_PRISMA_SHIM=${BELLOWS_PRISMA_SHIM}"
    "BELLOWS_PRISMA_SHIM_MODULES=${BELLOWS_PRISMA_SHIM_MODULES}")
