#pragma once

// Reads Prisma schema files (Prisma 6 and 7 syntax) into the syntax tree of prisma_schema.h.

#include "common/result.h"
#include "source/prisma_schema.h"

#include <QString>

#include <vector>

namespace bellows::source::prisma {

// `location` is one .prisma file, or a folder whose *.prisma files (recursively, sorted by
// path) form one schema, as Prisma's multi-file schemas do. Fails for a missing path, an
// unreadable file or a folder without .prisma files.
Result<std::vector<SourceFile>> readPrismaSources(const QString& location);

// Parses all files into one Schema, then validates it: unique model/enum/view/type names
// across files, unique field names, known field types, known attributes with arguments of
// the right shape. Every error carries file:line:column (1-based) and the source line with a
// caret as context; only the first error is returned. Locations in the tree: a declaration's
// or field's is its name, an attribute's is its "@", an expression's its first token.
// Composite types are kept (Model::Kind::CompositeType) with a warning.
Result<Schema> parsePrisma(const std::vector<SourceFile>& files);

} // namespace bellows::source::prisma
