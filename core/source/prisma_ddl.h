#pragma once

// Translates a parsed Prisma schema into the PostgreSQL DDL Prisma's own schema engine would
// run for it (`prisma migrate diff --from-empty --to-schema`): the same tables, columns, types,
// defaults, keys, indexes, foreign keys and names, in the engine's statement order (schemas,
// extensions, enums, tables, indexes, foreign keys).

#include "common/result.h"
#include "source/prisma_schema.h"

#include <QString>

#include <vector>

namespace bellows::source::prisma {

struct PrismaDdl {
    QString sql;
    std::vector<Warning> warnings; // parts of the schema that have no database effect here
};

// Fails when the schema cannot be turned into tables: a non-PostgreSQL datasource, a relation
// naming a field that does not exist, an implicit many-to-many relation on a model without a
// single-field @id.
Result<PrismaDdl> translatePrisma(const Schema& schema);

} // namespace bellows::source::prisma
