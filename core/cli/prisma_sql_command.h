#pragma once

#include "cli/cli_output.h"

#include <QString>

namespace bellows::cli {

// bellows-cli prisma-sql FILE|FOLDER: prints the DDL Bellows generates for a Prisma schema
// (what `diff`/`plan --target schema.prisma` load into the shadow database); warnings go to
// stderr.
int runPrismaSql(const QString& location, const Output& output);

} // namespace bellows::cli
