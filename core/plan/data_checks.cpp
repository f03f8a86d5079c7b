#include "plan/data_checks.h"

#include "plan/conversion.h"
#include "plan/conversion_probe.h"
#include "plan/sql_builders.h"
#include "pq/connection.h"
#include "sql/quote.h"

#include <QLocale>

namespace bellows::plan {

namespace {

using catalog::Constraint;
using catalog::ConstraintKind;
using catalog::Table;
using diff::Action;
using diff::Change;
using diff::ObjectKind;

QString columnList(const QStringList& columns, const QString& alias = {})
{
    QStringList quoted;
    for (const QString& c : columns)
        quoted << (alias.isEmpty() ? QString() : alias + QLatin1Char('.')) + sql::quoteIdent(c);
    return quoted.join(QStringLiteral(", "));
}

QString allNotNull(const QStringList& columns, const QString& alias)
{
    QStringList parts;
    for (const QString& c : columns)
        parts << alias + QLatin1Char('.') + sql::quoteIdent(c) + QStringLiteral(" IS NOT NULL");
    return parts.join(QStringLiteral(" AND "));
}

// Counting stops at the cap: the probe must stay cheap on big tables.
QString capped(const QString& from, int limit)
{
    return QStringLiteral("SELECT count(*) FROM (SELECT 1 %1 LIMIT %2) AS probe")
        .arg(from)
        .arg(limit);
}

// The live table a change is about, when it and all `columns` already exist there.
const Table* liveTableWithColumns(const catalog::Catalog& database, const Change& change,
                                  const QStringList& columns)
{
    if (!change.tableRenamedFrom.isEmpty())
        return nullptr; // renamed in the same plan: the probe would need the new names
    const Table* table = database.table(change.schema, change.table);
    if (!table)
        return nullptr;
    for (const QString& c : columns)
        if (!table->column(c))
            return nullptr;
    return table;
}

bool isFilled(const DataCheckOptions& options, const Change& change)
{
    for (const Fill& f : options.choices.fills)
        if (f.schema == change.schema && f.table == change.table && f.column == change.name)
            return true;
    return false;
}

Finding blocking(const QString& object, const QString& title, const QString& reason,
                 const QStringList& choices, const QString& row)
{
    return Finding{Finding::Severity::Blocking, object, title, reason, choices, row};
}

void probeConstraint(const catalog::Catalog& database, const Change& change,
                     const DataCheckOptions& options, std::vector<DataProbe>& out)
{
    const Constraint* c = change.afterAs<Constraint>();
    if (!c)
        return;
    const Table* table = liveTableWithColumns(database, change, c->columns);
    if (!table)
        return;
    const QString qualifiedTable = sql::qualified(table->schema, table->name);
    const QString object = qualifiedTable + QLatin1Char('.') + sql::quoteIdent(c->name);
    // A target that keeps the constraint NOT VALID checks new rows only: existing rows that
    // violate it are what the target says, not a reason to refuse.
    if (!c->validated &&
        (c->kind == ConstraintKind::ForeignKey || c->kind == ConstraintKind::Check))
        return;

    if (c->kind == ConstraintKind::ForeignKey && c->matchType == QLatin1String("FULL") &&
        c->columns.size() > 1) {
        // MATCH FULL: a row with some of the key's columns NULL and others not fails.
        QStringList cols;
        for (const QString& col : c->columns)
            cols << sql::quoteIdent(col);
        const QString nulls = QStringLiteral("num_nulls(%1)").arg(cols.join(QStringLiteral(", ")));
        const QString from = QStringLiteral("FROM %1 AS c WHERE %2 NOT IN (0, %3)")
                                 .arg(qualifiedTable, nulls)
                                 .arg(cols.size());
        out.push_back({object + QStringLiteral(" (MATCH FULL)"), capped(from, options.sampleLimit),
                       blocking(object,
                                QStringLiteral("Partly NULL keys block the MATCH FULL "
                                               "foreign key"),
                                QStringLiteral("rows of %1 with some but not all of (%2) NULL: "
                                               "VALIDATE CONSTRAINT would fail")
                                    .arg(qualifiedTable, columnList(c->columns)),
                                {QStringLiteral("set the whole key or none of it in those rows, "
                                                "then plan again"),
                                 QStringLiteral("or keep the foreign key NOT VALID by editing "
                                                "the target")},
                                QStringLiteral("K2"))});
    }
    if (c->kind == ConstraintKind::ForeignKey) {
        const Table* parent = database.table(c->refSchema, c->refTable);
        if (!parent)
            return;
        for (const QString& col : c->refColumns)
            if (!parent->column(col))
                return;
        QStringList match;
        for (qsizetype i = 0; i < c->columns.size() && i < c->refColumns.size(); ++i)
            match << QStringLiteral("p.%1 = c.%2")
                         .arg(sql::quoteIdent(c->refColumns.at(i)),
                              sql::quoteIdent(c->columns.at(i)));
        const QString from =
            QStringLiteral("FROM %1 AS c WHERE %2 AND NOT EXISTS (SELECT 1 FROM %3 AS p WHERE %4)")
                .arg(qualifiedTable, allNotNull(c->columns, QStringLiteral("c")),
                     sql::qualified(parent->schema, parent->name),
                     match.join(QStringLiteral(" AND ")));
        out.push_back(
            {object, capped(from, options.sampleLimit),
             blocking(object, QStringLiteral("Rows without a parent block the foreign key"),
                      QStringLiteral("rows of %1 whose (%2) match no row of %3: "
                                     "VALIDATE CONSTRAINT would fail")
                          .arg(qualifiedTable, columnList(c->columns),
                               sql::qualified(parent->schema, parent->name)),
                      {QStringLiteral("delete or fix the orphan rows first, then plan again"),
                       QStringLiteral("or keep the foreign key NOT VALID (it still "
                                      "checks new rows) by editing the target")},
                      QStringLiteral("K2"))});
    } else if (c->kind == ConstraintKind::Unique || c->kind == ConstraintKind::PrimaryKey) {
        const QString keys = columnList(c->columns);
        // NULLS NOT DISTINCT: NULLs are equal to each other, so they count as duplicates too.
        const QString from =
            QStringLiteral("FROM %1 AS t WHERE %2 GROUP BY %3 HAVING count(*) > 1")
                .arg(qualifiedTable,
                     c->nullsNotDistinct ? QStringLiteral("true")
                                         : allNotNull(c->columns, QStringLiteral("t")),
                     columnList(c->columns, QStringLiteral("t")));
        out.push_back({object, capped(from, options.sampleLimit),
                       blocking(object, QStringLiteral("Duplicate values block the unique key"),
                                QStringLiteral("values of (%1) in %2 occur more than once: the "
                                               "unique index build would fail")
                                    .arg(keys, qualifiedTable),
                                {QStringLiteral("remove the duplicates first, then plan again")},
                                c->kind == ConstraintKind::Unique ? QStringLiteral("K3")
                                                                  : QStringLiteral("K4"))});
    } else if (c->kind == ConstraintKind::Check && !c->checkExpression.isEmpty()) {
        // The expression comes from PostgreSQL (pg_get_expr on the shadow), not from a person.
        // NO INHERIT: the check holds for the parent's own rows, not its children's.
        const QString from = QStringLiteral("FROM %1%2 WHERE NOT (%3)")
                                 .arg(c->noInherit ? QStringLiteral("ONLY ") : QString(),
                                      qualifiedTable, c->checkExpression);
        out.push_back({object, capped(from, options.sampleLimit),
                       blocking(object, QStringLiteral("Existing rows violate the check"),
                                QStringLiteral("rows of %1 fail CHECK (%2): VALIDATE CONSTRAINT "
                                               "would fail")
                                    .arg(qualifiedTable, c->checkExpression),
                                {QStringLiteral("fix those rows first, then plan again")},
                                QStringLiteral("K1"))});
    }
}

// A new unique index (not a constraint's): its concurrent build fails on duplicates, and leaves
// an INVALID index behind.
void probeUniqueIndex(const catalog::Catalog& database, const Change& change,
                      const DataCheckOptions& options, std::vector<DataProbe>& out)
{
    const catalog::Index* index = change.afterAs<catalog::Index>();
    if (!index || !index->unique || index->primary || !index->constraintName.isEmpty())
        return;
    QStringList columns;
    QStringList keys;
    for (const catalog::IndexKey& k : index->keys) {
        if (!k.column.isEmpty())
            columns << k.column;
        // Expressions come from PostgreSQL (pg_get_indexdef on the shadow), not from a person.
        keys << (k.column.isEmpty() ? QStringLiteral("(%1)").arg(k.expression)
                                    : QStringLiteral("t.") + sql::quoteIdent(k.column));
    }
    const Table* table = liveTableWithColumns(database, change, columns);
    if (!table || keys.isEmpty())
        return;
    const QString qualifiedTable = sql::qualified(table->schema, table->name);
    QStringList where;
    if (!index->nullsNotDistinct)
        for (const QString& k : keys)
            where << k + QStringLiteral(" IS NOT NULL");
    if (!index->predicate.isEmpty())
        where << QStringLiteral("(%1)").arg(index->predicate);
    const QString from =
        QStringLiteral("FROM %1 AS t%2 GROUP BY %3 HAVING count(*) > 1")
            .arg(qualifiedTable,
                 where.isEmpty() ? QString()
                                 : QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND ")),
                 keys.join(QStringLiteral(", ")));
    const QString object = sql::qualified(table->schema, index->name);
    out.push_back({object, capped(from, options.sampleLimit),
                   blocking(object, QStringLiteral("Duplicate values block the unique index"),
                            QStringLiteral("key values of %1 occur more than once in %2: the "
                                           "concurrent build would fail")
                                .arg(object, qualifiedTable),
                            {QStringLiteral("remove the duplicates first, then plan again")},
                            QStringLiteral("I2"))});
}

// A changed CHECK or foreign key is re-added and validated against the rows there are.
bool isRecheckedOnChange(const Change& change)
{
    const Constraint* c = change.afterAs<Constraint>();
    return c && (c->kind == ConstraintKind::Check || c->kind == ConstraintKind::ForeignKey);
}

// A primary key or unique constraint on other columns: the new key's index build fails on
// duplicates just like a new one's.
bool movesKey(const Change& change)
{
    const Constraint* before = change.beforeAs<Constraint>();
    const Constraint* after = change.afterAs<Constraint>();
    const auto isKey = [](const Constraint* k) {
        return k && (k->kind == ConstraintKind::PrimaryKey || k->kind == ConstraintKind::Unique);
    };
    return isKey(before) && isKey(after) && before->columns != after->columns;
}

void probeNotNull(const catalog::Catalog& database, const Change& change,
                  const DataCheckOptions& options, std::vector<DataProbe>& out)
{
    const auto* nullability = change.attribute(QStringLiteral("nullability"));
    const auto* after = change.afterAs<catalog::Column>();
    if (!nullability || nullability->to != QLatin1String("not null") || !after)
        return;
    if (!after->defaultExpr.isEmpty() || isFilled(options, change))
        return; // the planner backfills NULLs with the default or the --fill expression
    // A renamed column is counted under its live name.
    const QString liveColumn = change.renamedFrom.isEmpty() ? change.name : change.renamedFrom;
    const Table* table = liveTableWithColumns(database, change, {liveColumn});
    if (!table)
        return;
    const QString qualifiedTable = sql::qualified(table->schema, table->name);
    const QString object = qualifiedTable + QLatin1Char('.') + sql::quoteIdent(change.name);
    const QString from =
        QStringLiteral("FROM %1 WHERE %2 IS NULL").arg(qualifiedTable, sql::quoteIdent(liveColumn));
    out.push_back({object, capped(from, options.sampleLimit),
                   blocking(object, QStringLiteral("NULLs block NOT NULL"),
                            QStringLiteral("rows of %1 have %2 NULL and the target gives no "
                                           "default to fill them with")
                                .arg(qualifiedTable, sql::quoteIdent(change.name)),
                            {QStringLiteral("give the value: --fill %1.%2.%3=EXPR")
                                 .arg(table->schema, table->name, change.name),
                             QStringLiteral("or fix the rows first, then plan again")},
                            QStringLiteral("C7"))});
}

QStringList primaryKey(const Table& table)
{
    for (const Constraint& c : table.constraints)
        if (c.kind == ConstraintKind::PrimaryKey)
            return c.columns;
    return {};
}

// The live table of a column change, by its database-side names.
const Table* liveTableOf(const catalog::Catalog& database, const Change& change)
{
    return database.table(
        change.schema, change.tableRenamedFrom.isEmpty() ? change.table : change.tableRenamedFrom);
}

// Conversions (type changes that may lose something) and fills, checked row by row.
void conversionFindings(pq::Connection& conn, const catalog::Catalog& database,
                        const catalog::Catalog& target, const Change& change,
                        const DataCheckOptions& options, std::vector<Finding>& out)
{
    const auto* before = change.beforeAs<catalog::Column>();
    const auto* after = change.afterAs<catalog::Column>();
    const Table* table = before && after ? liveTableOf(database, change) : nullptr;
    if (!table || !table->column(before->name))
        return;
    ConversionProbeRequest request;
    request.schema = table->schema;
    request.table = table->name;
    request.column = before->name;
    request.oldType = sqlb::typeSql(*before);
    request.newType = sqlb::typeSql(*after);
    request.keyColumns = primaryKey(*table);
    request.choice = options.choices.conversionFor(change.schema, change.table, after->name);
    request.target = &target;
    request.live = &database;
    ConversionProbeLimits limits;
    limits.statementTimeoutMs = options.statementTimeoutMs;
    limits.maxBadRows = options.sampleLimit;
    const bool usesExpression = request.choice && !request.choice->usingExpression.isEmpty();
    if (request.oldType != request.newType &&
        (usesExpression || !isBinaryCoercible(before->type, after->type))) {
        for (Finding& f : probeConversion(conn, request, limits))
            out.push_back(std::move(f));
    }
    for (const Fill& fill : options.choices.fills) {
        if (fill.schema != change.schema || fill.table != change.table ||
            fill.column != after->name || !after->notNull)
            continue;
        request.oldType = request.newType; // NULLs are filled in the column as it will be
        for (Finding& f : probeFill(conn, request, fill.expression, limits))
            out.push_back(std::move(f));
    }
}

} // namespace

std::vector<DataProbe> dataProbes(const catalog::Catalog& database, const diff::ChangeSet& changes,
                                  const DataCheckOptions& options)
{
    std::vector<DataProbe> probes;
    for (const Change& change : changes.changes) {
        lockBudgetProbes(database, change, options, probes);
        if (change.kind == ObjectKind::Constraint && change.action == Action::Added)
            probeConstraint(database, change, options, probes);
        else if (change.kind == ObjectKind::Index && change.action == Action::Added)
            probeUniqueIndex(database, change, options, probes);
        else if (change.kind == ObjectKind::Constraint && change.action == Action::Changed &&
                 (movesKey(change) || isRecheckedOnChange(change)))
            probeConstraint(database, change, options, probes);
        else if (change.kind == ObjectKind::Column &&
                 (change.action == Action::Changed || change.action == Action::Renamed))
            probeNotNull(database, change, options, probes);
    }
    return probes;
}

std::vector<Finding> checkData(pq::Connection& conn, const catalog::Catalog& database,
                               const catalog::Catalog& target, const diff::ChangeSet& changes,
                               const DataCheckOptions& options)
{
    std::vector<Finding> findings;
    for (const Change& change : changes.changes)
        if (change.kind == ObjectKind::Column && change.parentKind == ObjectKind::Table &&
            (change.action == Action::Changed || change.action == Action::Renamed))
            conversionFindings(conn, database, target, change, options, findings);
    const auto probes = dataProbes(database, changes, options);
    if (probes.empty())
        return findings;
    (void)conn.exec(QStringLiteral("SET statement_timeout = %1").arg(options.statementTimeoutMs));
    const QLocale locale = QLocale::c();
    for (const DataProbe& probe : probes) {
        auto result = conn.exec(probe.sql);
        if (!result) {
            findings.push_back(Finding{
                Finding::Severity::Warning,
                probe.object,
                QStringLiteral("Could not check the data"),
                QStringLiteral("%1 (%2)").arg(probe.onViolation.title, result.error().message),
                {QStringLiteral("check it by hand before running the plan")},
                probe.onViolation.referenceRow});
            continue;
        }
        const qint64 rows = result->int64(0, 0);
        if (rows == 0)
            continue;
        Finding finding = probe.onViolation;
        const QString count = rows >= options.sampleLimit
                                  ? QStringLiteral("at least %1").arg(locale.toString(rows))
                                  : locale.toString(rows);
        finding.reason = count + QLatin1Char(' ') + finding.reason;
        findings.push_back(finding);
    }
    return findings;
}

} // namespace bellows::plan
