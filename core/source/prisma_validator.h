#pragma once

// The checks after parsing a Prisma schema: unique names across files, known field types,
// known attributes with arguments of the right shape. Errors carry file:line:column.

#include "common/result.h"
#include "source/prisma_schema.h"

#include <vector>

namespace bellows::source::prisma {

Status validatePrisma(const std::vector<SourceFile>& files, Schema& schema);

} // namespace bellows::source::prisma
