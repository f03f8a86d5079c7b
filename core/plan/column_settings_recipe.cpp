// Per-column storage settings: SET STORAGE, SET COMPRESSION, SET STATISTICS and attribute options
// (n_distinct, ...). Metadata only: none rewrites or scans (SET STORAGE and SET COMPRESSION apply
// to values written from then on). Lock levels as measured on PostgreSQL 15: STORAGE and
// COMPRESSION take ACCESS EXCLUSIVE (briefly), STATISTICS and options SHARE UPDATE EXCLUSIVE.

#include "plan/recipes.h"
#include "plan/sql_builders.h"
#include "plan/table_options.h"

#include "sql/quote.h"

namespace bellows::plan::detail {

using catalog::Column;
using sql::quoteIdent;

namespace {

struct Target {
    QString schema;
    QString table;
    QString column;
    QStringList dependsOn;
};

QString alterColumn(const Target& t, const QString& clause)
{
    return sqlb::alterTable(t.schema, t.table,
                            QStringLiteral("ALTER COLUMN %1 %2").arg(quoteIdent(t.column), clause));
}

Step settingStep(const Target& t, const QString& action, LockMode mode)
{
    Step s;
    s.id =
        sqlb::stepId(QStringLiteral("expand"), action, sqlb::idPath(t.schema, t.table, t.column));
    s.phase = Phase::Expand;
    s.locks = {sqlb::lock(mode, t.schema, t.table)};
    if (mode == LockMode::AccessExclusive)
        s.hazards = {sqlb::hazard(HazardKind::AccessExclusiveLock,
                                  QStringLiteral("ACCESS EXCLUSIVE on %1 for a catalog update")
                                      .arg(sqlb::rel(t.schema, t.table)))};
    s.referenceRow = QStringLiteral("M2");
    s.dependsOn = t.dependsOn;
    return s;
}

QString storageOf(const Column& c)
{
    return (c.storage.isEmpty() ? c.typeStorage : c.storage).toUpper();
}

QString compressionOf(const Column& c)
{
    return c.compression.isEmpty() ? QStringLiteral("DEFAULT") : sql::quoteIdent(c.compression);
}

QString statisticsOf(const Column& c)
{
    return QString::number(c.statisticsTarget < 0 ? -1 : c.statisticsTarget);
}

} // namespace

void planColumnSettings(RecipeContext& ctx, const QString& schema, const QString& table,
                        const Column* before, const Column& after, const QStringList& dependsOn)
{
    const Target t{schema, table, after.name, dependsOn};
    const QString who = sqlb::rel(schema, table) + QLatin1Char('.') + quoteIdent(after.name);
    Column none;
    none.typeStorage = after.typeStorage;
    const Column& from = before ? *before : none;
    if (from.storage != after.storage && !(before == nullptr && after.storage.isEmpty())) {
        Step s = settingStep(t, QStringLiteral("set-storage"), LockMode::AccessExclusive);
        s.title = QStringLiteral("Set the storage of %1 to %2").arg(who, storageOf(after));
        s.sql = alterColumn(t, QStringLiteral("SET STORAGE ") + storageOf(after));
        if (before && !storageOf(from).isEmpty())
            s.rollbackSql = alterColumn(t, QStringLiteral("SET STORAGE ") + storageOf(from));
        s.rationale = QStringLiteral("A catalog update: values written from now on are stored "
                                     "the new way; existing rows are not rewritten.");
        ctx.add(std::move(s));
    }
    if (from.compression != after.compression) {
        Step s = settingStep(t, QStringLiteral("set-compression"), LockMode::AccessExclusive);
        s.title = QStringLiteral("Set the compression of %1 to %2").arg(who, compressionOf(after));
        s.sql = alterColumn(t, QStringLiteral("SET COMPRESSION ") + compressionOf(after));
        if (before)
            s.rollbackSql =
                alterColumn(t, QStringLiteral("SET COMPRESSION ") + compressionOf(from));
        s.rationale = QStringLiteral("A catalog update: values written from now on are "
                                     "compressed the new way; existing values stay as they are.");
        ctx.add(std::move(s));
    }
    if (from.statisticsTarget != after.statisticsTarget &&
        !(from.statisticsTarget < 0 && after.statisticsTarget < 0)) {
        Step s = settingStep(t, QStringLiteral("set-statistics"), LockMode::ShareUpdateExclusive);
        s.title =
            QStringLiteral("Set the statistics target of %1 to %2").arg(who, statisticsOf(after));
        s.sql = alterColumn(t, QStringLiteral("SET STATISTICS ") + statisticsOf(after));
        if (before)
            s.rollbackSql = alterColumn(t, QStringLiteral("SET STATISTICS ") + statisticsOf(from));
        s.rationale = QStringLiteral("A catalog update read by the next ANALYZE; no effect on "
                                     "application reads or writes.");
        ctx.add(std::move(s));
    }
    QStringList fromOptions = from.options;
    QStringList toOptions = after.options;
    fromOptions.sort();
    toOptions.sort();
    if (fromOptions != toOptions) {
        Step s =
            settingStep(t, QStringLiteral("set-attribute-options"), LockMode::ShareUpdateExclusive);
        s.title = QStringLiteral("Set the attribute options of %1").arg(who);
        s.sql = alterColumn(
            t, storageOptionsClause(from.options, after.options)
                   .replace(QStringLiteral(", RESET"),
                            QStringLiteral(", ALTER COLUMN %1 RESET").arg(quoteIdent(after.name))));
        s.rollbackSql = alterColumn(
            t, storageOptionsClause(after.options, from.options)
                   .replace(QStringLiteral(", RESET"),
                            QStringLiteral(", ALTER COLUMN %1 RESET").arg(quoteIdent(after.name))));
        s.rationale = QStringLiteral("A catalog update read by the planner and ANALYZE; no effect "
                                     "on application reads or writes.");
        ctx.add(std::move(s));
    }
}

} // namespace bellows::plan::detail
