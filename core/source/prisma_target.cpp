#include "source/prisma_target.h"

#include "source/prisma_ddl.h"
#include "source/prisma_parser.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

namespace bellows::source {

bool isPrismaTarget(const QString& location)
{
    const QFileInfo info(location);
    if (info.isFile())
        return info.suffix().compare(QLatin1String("prisma"), Qt::CaseInsensitive) == 0;
    if (!info.isDir())
        return false;
    QDirIterator it(location, {QStringLiteral("*.prisma")}, QDir::Files,
                    QDirIterator::Subdirectories);
    return it.hasNext();
}

Result<PrismaScript> prismaTargetScript(const QString& location)
{
    auto files = prisma::readPrismaSources(location);
    if (!files)
        return files.error();
    auto schema = prisma::parsePrisma(*files);
    if (!schema)
        return schema.error();
    auto ddl = prisma::translatePrisma(*schema);
    if (!ddl)
        return ddl.error();

    PrismaScript script;
    script.fileName = QStringLiteral("%1 (SQL generated from the Prisma schema)").arg(location);
    script.sql = ddl->sql;
    for (const prisma::Warning& warning : ddl->warnings)
        script.warnings.push_back({warning.location, warning.message});
    return script;
}

} // namespace bellows::source
