#pragma once

// A Prisma schema as a target: the .prisma file (or folder of them) is parsed and translated
// into the DDL Prisma would run, which is then loaded into the shadow database like any SQL
// target.

#include "common/result.h"
#include "source/sql_loader.h"

#include <QString>

#include <vector>

namespace bellows::source {

struct PrismaScript {
    QString fileName; // what load errors name: "<schema> (generated SQL)"
    QString sql;
    std::vector<LoadWarning> warnings; // the parser's and the translation's
};

// A .prisma file, or a folder that holds .prisma files.
bool isPrismaTarget(const QString& location);

// Parser errors come back as the parser reports them (file:line:column).
Result<PrismaScript> prismaTargetScript(const QString& location);

} // namespace bellows::source
