// Column sub-commands of ALTER TABLE (rows C1-C9, Y1, Y2).

#include "lint/alter_table_rules.h"
#include "lint/parse_tree.h"

#include <algorithm>

namespace bellows::lint {

using plan::HazardKind;
using plan::LockMode;
using plan::Work;

namespace {

bool listed(const QString& value, std::initializer_list<const char*> names)
{
    return std::any_of(names.begin(), names.end(),
                       [&](const char* n) { return value == QLatin1String(n); });
}

// Functions a DEFAULT may call without forcing a rewrite (IMMUTABLE or STABLE, C2) ...
bool knownNonVolatile(const QString& function)
{
    // clang-format off
    return listed(function,
                  {"now", "transaction_timestamp", "statement_timestamp", "current_setting",
                   "lower", "upper", "concat", "concat_ws", "to_char", "to_jsonb", "to_json",
                   "jsonb_build_object", "jsonb_build_array", "json_build_object",
                   "json_build_array", "array_fill", "date_trunc", "timezone", "make_date",
                   "make_interval", "md5", "length", "replace", "substring", "trim", "btrim",
                   "to_timestamp", "to_date", "uuid_nil", "int4range", "int8range", "tstzrange",
                   "daterange", "numrange", "point", "inet", "left", "right"});
    // clang-format on
}

// ... and those that do (C3).
bool knownVolatile(const QString& function)
{
    // clang-format off
    return listed(function, {"clock_timestamp", "random", "random_normal", "gen_random_uuid",
                             "gen_random_bytes", "uuid_generate_v1", "uuid_generate_v1mc",
                             "uuid_generate_v4", "uuidv4", "uuidv7", "nextval", "timeofday",
                             "txid_current", "pg_current_xact_id", "setseed"});
    // clang-format on
}

bool isSerialType(const QString& type)
{
    return listed(type, {"serial", "serial4", "bigserial", "serial8", "smallserial", "serial2"});
}

enum class Volatility { NonVolatile, Volatile, Unknown };

Volatility volatilityOf(const QJsonValue& expression, QString* function)
{
    QStringList functions;
    tree::collectFunctionNames(expression, functions);
    for (const QString& f : functions)
        if (knownVolatile(f)) {
            *function = f;
            return Volatility::Volatile;
        }
    for (const QString& f : functions)
        if (!knownNonVolatile(f)) {
            *function = f;
            return Volatility::Unknown;
        }
    return Volatility::NonVolatile;
}

bool isNullConstant(const QJsonValue& expression)
{
    const QJsonObject node = expression.toObject();
    return tree::is(node, "A_Const") && tree::flag(tree::body(node), "isnull");
}

bool addedInThisInput(LintContext& ctx, const RelationName& table, const QString& column)
{
    const auto& added = ctx.facts().addedColumns;
    return std::any_of(added.begin(), added.end(), [&](const ColumnChange& c) {
        return c.table.matches(table) && c.column == column;
    });
}

Finding& reportRewrite(LintContext& ctx, Rule rule, int offset, const QString& message,
                       const QString& advice, const RelationName& table)
{
    ctx.noteLock(LockMode::AccessExclusive, table, false);
    Finding& f = ctx.report(rule, offset, message, advice);
    f.work = Work::Rewrite;
    f.hazards = {hazard(HazardKind::Rewrite,
                        QStringLiteral("writes a new copy of %1 and rebuilds its indexes")
                            .arg(table.display())),
                 hazard(HazardKind::AccessExclusiveLock,
                        QStringLiteral("every read and write waits for the rewrite"))};
    return f;
}

QString backfillAdvice()
{
    return QStringLiteral("Add the column without a default, then ALTER COLUMN ... SET DEFAULT "
                          "(it applies to new rows only), then fill existing rows in batches.");
}

// Offset of "ALTER [COLUMN] name" in the statement, for sub-commands without a position.
int alterColumnOffset(LintContext& ctx, const QString& column)
{
    return ctx.offsetOfMatch(QStringLiteral(R"(\bALTER\s+(?:COLUMN\s+)?)") +
                             identifierPattern(column));
}

} // namespace

void lintAddColumn(LintContext& ctx, const AlterTarget& target, const QJsonObject& def)
{
    const QString column = tree::string(def, "colname");
    const QJsonObject typeNameBody = tree::object(def, "typeName");
    const QString type = tree::typeName(typeNameBody);
    const QString baseType = tree::baseTypeName(typeNameBody).toLower();
    const int offset = ctx.offsetOf(def);

    QJsonValue defaultExpression;
    bool hasDefault = false, notNull = false, identity = false, generated = false;
    std::vector<QJsonObject> constraints;
    for (const QJsonValue& value : tree::array(def, "constraints")) {
        const QJsonObject c = tree::body(value.toObject());
        const QString contype = tree::string(c, "contype");
        if (contype == QLatin1String("CONSTR_DEFAULT")) {
            defaultExpression = c.value(QLatin1String("raw_expr"));
            hasDefault = !isNullConstant(defaultExpression);
        } else if (contype == QLatin1String("CONSTR_NOTNULL")) {
            notNull = true;
        } else if (contype == QLatin1String("CONSTR_IDENTITY")) {
            identity = true;
        } else if (contype == QLatin1String("CONSTR_GENERATED")) {
            generated = true;
        } else if (contype != QLatin1String("CONSTR_NULL")) {
            if (contype == QLatin1String("CONSTR_PRIMARY"))
                notNull = true;
            if (contype == QLatin1String("CONSTR_FOREIGN"))
                ctx.noteLock(LockMode::ShareRowExclusive,
                             RelationName::fromRangeVar(tree::object(c, "pktable")));
            constraints.push_back(c);
        }
    }
    if (target.isNew)
        return;
    ctx.facts().addedColumns.push_back({target.table, column, ctx.statementIndex(), offset, -1});

    const QString columnText = ident(column);
    const QString tableText = target.table.display();
    const bool serial = isSerialType(baseType);
    if (generated) {
        const QString advice =
            ctx.atLeast(180000)
                ? QStringLiteral("Use a VIRTUAL generated column (no rewrite) if reads can pay "
                                 "for the computation; otherwise add a plain column filled by a "
                                 "BEFORE INSERT OR UPDATE trigger and backfill it in batches.")
                : QStringLiteral("Add a plain nullable column filled by a BEFORE INSERT OR "
                                 "UPDATE trigger and backfill it in batches; or compute it in a "
                                 "view or an expression index.");
        reportRewrite(ctx, Rule::AddColumnGeneratedStored, offset,
                      QStringLiteral("ADD COLUMN %1 GENERATED ALWAYS AS (...) STORED computes the "
                                     "value for every existing row: it rewrites %2 and rebuilds "
                                     "its indexes under an ACCESS EXCLUSIVE lock")
                          .arg(columnText, tableText),
                      advice, target.table);
    } else if (identity || serial) {
        reportRewrite(
            ctx, Rule::AddColumnVolatileDefault, offset,
            QStringLiteral("ADD COLUMN %1 %2 fills every existing row from a sequence: it "
                           "rewrites %3 and rebuilds its indexes under an ACCESS EXCLUSIVE lock, "
                           "so nothing can read or write the table until it finishes")
                .arg(columnText, identity ? QStringLiteral("GENERATED AS IDENTITY") : type,
                     tableText),
            QStringLiteral("Add a plain column, create a sequence and SET DEFAULT nextval(...), "
                           "backfill existing rows in batches, then add NOT NULL (C7)."),
            target.table);
    } else if (hasDefault) {
        QString function;
        const Volatility volatility = volatilityOf(defaultExpression, &function);
        if (!ctx.atLeast(110000)) {
            reportRewrite(ctx, Rule::AddColumnVolatileDefault, offset,
                          QStringLiteral("before PostgreSQL 11, ADD COLUMN %1 with any DEFAULT "
                                         "rewrites %2 and rebuilds its indexes under an ACCESS "
                                         "EXCLUSIVE lock")
                              .arg(columnText, tableText),
                          backfillAdvice(), target.table)
                .referenceRow = QStringLiteral("C2");
        } else if (volatility == Volatility::Volatile) {
            reportRewrite(ctx, Rule::AddColumnVolatileDefault, offset,
                          QStringLiteral("ADD COLUMN %1 with DEFAULT %2() rewrites %3 and rebuilds "
                                         "its indexes under an ACCESS EXCLUSIVE lock: the volatile "
                                         "default is computed for every existing row, and nothing "
                                         "can read or write the table until it finishes")
                              .arg(columnText, function, tableText),
                          backfillAdvice(), target.table);
        } else if (volatility == Volatility::Unknown) {
            Finding& f = ctx.report(
                Rule::AddColumnVolatileDefault, offset,
                QStringLiteral("ADD COLUMN %1 has a DEFAULT calling %2(), whose volatility this "
                               "file does not show: if it is VOLATILE (the default for "
                               "user-defined functions), it rewrites %3 under an ACCESS "
                               "EXCLUSIVE lock")
                    .arg(columnText, function, tableText),
                QStringLiteral("Check pg_proc.provolatile; if it is 'v': ") + backfillAdvice());
            f.severity = Severity::Warning;
            f.hazards = {
                hazard(HazardKind::Rewrite,
                       QStringLiteral("rewrites %1 if the default is volatile").arg(tableText))};
        }
    }
    if (notNull && !hasDefault && !identity && !serial && !generated) {
        ctx.noteLock(LockMode::AccessExclusive, target.table, false);
        Finding& f = ctx.report(
            Rule::AddColumnNotNullWithoutDefault, offset,
            QStringLiteral("ADD COLUMN %1 NOT NULL without a DEFAULT fails on a table that has "
                           "rows (\"column contains null values\") after scanning %2 under an "
                           "ACCESS EXCLUSIVE lock; running app versions that insert without the "
                           "column would fail too")
                .arg(columnText, tableText),
            QStringLiteral("Give it a constant default (NOT NULL DEFAULT <constant>, no rewrite "
                           "on PostgreSQL 11+), or add it nullable, backfill, then make it NOT "
                           "NULL the safe way (C7)."));
        f.work = Work::Scan;
        f.hazards = {hazard(HazardKind::FullScan, QStringLiteral("checks every row for NULL")),
                     hazard(HazardKind::BreaksRunningApp,
                            QStringLiteral("inserts that omit %1 fail").arg(columnText))};
    }
    for (const QJsonObject& c : constraints)
        lintAddConstraint(ctx, target, c, column);
}

void lintDropColumn(LintContext& ctx, const AlterTarget& target, const QJsonObject& cmd)
{
    const QString column = tree::string(cmd, "name");
    // A helper column this input added: no running app version knows it.
    if (target.isNew || addedInThisInput(ctx, target.table, column))
        return;
    const int offset =
        ctx.offsetOfMatch(QStringLiteral(R"(\bDROP\s+(?:COLUMN\s+)?(?:IF\s+EXISTS\s+)?)") +
                          identifierPattern(column));
    Finding& f = ctx.report(
        Rule::DropColumn, offset,
        QStringLiteral("DROP COLUMN %1 deletes the column and its data from %2; running app "
                       "versions that still read or write it fail (ORMs that cache column lists "
                       "fail even without naming it), and its indexes and constraints go with it")
            .arg(ident(column), target.table.display()),
        QStringLiteral("Contract step: first ship app code that no longer uses the column (and "
                       "tell the ORM to ignore it), then drop it in a later release, after a "
                       "backup if the data may be needed."));
    f.hazards = {hazard(HazardKind::DataLoss,
                        QStringLiteral("every value of %1 is gone").arg(ident(column))),
                 hazard(HazardKind::BreaksRunningApp,
                        QStringLiteral("old code that uses %1 fails").arg(ident(column)))};
    ctx.facts().droppedColumns.push_back(
        {target.table, column, ctx.statementIndex(), offset, ctx.findingCount() - 1});

    if (tree::string(cmd, "behavior") == QLatin1String("DROP_CASCADE")) {
        Finding& c = ctx.report(
            Rule::DropCascade, offset,
            QStringLiteral("DROP COLUMN %1 CASCADE also drops every view and constraint that "
                           "depends on it, without listing them")
                .arg(ident(column)),
            QStringLiteral("Drop the dependent views and constraints explicitly first, so the "
                           "migration says what it removes."));
        c.hazards = {hazard(HazardKind::DataLoss, QStringLiteral("dependent objects are dropped"))};
    }
}

void lintAlterColumnType(LintContext& ctx, const AlterTarget& target, const QJsonObject& cmd)
{
    if (target.isNew)
        return;
    const QString column = tree::string(cmd, "name");
    const QJsonObject def = tree::body(tree::object(cmd, "def"));
    const QJsonObject typeNameBody = tree::object(def, "typeName");
    const QString type = tree::typeName(typeNameBody);
    const QString base = tree::baseTypeName(typeNameBody).toLower();
    const bool hasUsing = def.contains(QLatin1String("raw_default"));
    const int offset = alterColumnOffset(ctx, column);
    const QString columnText = ident(column);
    const QString tableText = target.table.display();

    // Targets that some source types reach without a rewrite (Y1); the source type is not in
    // the file, so this can only be a warning.
    const bool maybeCoercible =
        !hasUsing && listed(base, {"text", "varchar", "numeric", "citext", "inet", "varbit"});
    if (maybeCoercible) {
        ctx.noteLock(LockMode::AccessExclusive, target.table);
        Finding& f = ctx.report(
            Rule::ChangeColumnType, offset,
            QStringLiteral("ALTER COLUMN %1 TYPE %2 rewrites %3 under an ACCESS EXCLUSIVE lock "
                           "unless the change is binary-coercible (varchar(n) to a longer "
                           "varchar or to text, text to unbounded varchar, numeric(p,s) to a "
                           "larger precision or to numeric, cidr to inet); even then a CHECK on "
                           "the column is re-verified with a full scan, and a collation change "
                           "rebuilds its indexes")
                .arg(columnText, type, tableText),
            QStringLiteral("If it is one of those widenings, run it alone with a short "
                           "lock_timeout; otherwise use the expand-contract recipe of Y2 (new "
                           "column, sync trigger, batched backfill, swap)."));
        f.severity = Severity::Warning;
        f.referenceRow = QStringLiteral("Y1");
        f.hazards = {hazard(
            HazardKind::Rewrite,
            QStringLiteral("rewrites %1 if the change is not binary-coercible").arg(tableText))};
        return;
    }
    const QString why = hasUsing ? QStringLiteral("a USING expression computes every value")
                                 : QStringLiteral("the stored values change representation");
    reportRewrite(ctx, Rule::ChangeColumnType, offset,
                  QStringLiteral("ALTER COLUMN %1 TYPE %2 rewrites %3 and rebuilds all its "
                                 "indexes under an ACCESS EXCLUSIVE lock (%4): no reads or "
                                 "writes until it finishes, and running app versions may not "
                                 "handle the new type")
                      .arg(columnText, type, tableText, why),
                  QStringLiteral("Expand-contract (Y2): add a column of the new type, keep it in "
                                 "sync with a trigger, backfill it in batches, build its indexes "
                                 "CONCURRENTLY, then swap the columns in one short transaction "
                                 "and drop the old one a release later."),
                  target.table);
}

void lintSetNotNull(LintContext& ctx, const AlterTarget& target, const QJsonObject& cmd)
{
    if (target.isNew)
        return;
    const QString column = tree::string(cmd, "name");
    bool proven = false, pending = false;
    for (const NotNullCheck& check : ctx.facts().notNullChecks)
        if (check.table.matches(target.table) && check.column == column)
            (check.validated ? proven : pending) = true;
    // A validated CHECK (c IS NOT NULL) lets 12+ skip the scan (v: 15-18).
    if (proven && ctx.atLeast(120000))
        return;

    QString advice;
    if (ctx.atLeast(180000))
        advice = QStringLiteral("Add ADD CONSTRAINT ... NOT NULL %1 NOT VALID, then VALIDATE "
                                "CONSTRAINT in its own transaction (SHARE UPDATE EXCLUSIVE: "
                                "reads and writes continue).");
    else if (ctx.atLeast(120000))
        advice = QStringLiteral("Add CHECK (%1 IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT it in "
                                "its own transaction, then SET NOT NULL (no scan on 12+ once the "
                                "check is validated) and drop the check. A validated check made "
                                "by an earlier migration would avoid the scan too; this file "
                                "alone cannot show one.");
    else
        advice = QStringLiteral("Before PostgreSQL 12 there is no scan-free route: enforce it "
                                "with CHECK (%1 IS NOT NULL) NOT VALID plus VALIDATE CONSTRAINT "
                                "instead.");
    QString message = QStringLiteral("SET NOT NULL on %1 scans all of %2 under an ACCESS "
                                     "EXCLUSIVE lock to look for NULLs: no reads or writes until "
                                     "it finishes; running app versions that write NULL fail "
                                     "from then on")
                          .arg(ident(column), target.table.display());
    if (pending)
        message += QStringLiteral(" (the CHECK (%1 IS NOT NULL) added earlier is not validated, "
                                  "so it does not help)")
                       .arg(ident(column));
    ctx.noteLock(LockMode::AccessExclusive, target.table, false);
    Finding& f = ctx.report(Rule::SetNotNull, alterColumnOffset(ctx, column), message,
                            advice.arg(ident(column)));
    f.work = Work::Scan;
    f.hazards = {hazard(HazardKind::FullScan, QStringLiteral("reads every row under the lock")),
                 hazard(HazardKind::AccessExclusiveLock,
                        QStringLiteral("every read and write waits for the scan")),
                 hazard(HazardKind::BreaksRunningApp, QStringLiteral("writers of NULL fail"))};
}

void lintDropNotNull(LintContext& ctx, const AlterTarget& target, const QJsonObject& cmd)
{
    if (target.isNew)
        return;
    const QString column = tree::string(cmd, "name");
    Finding& f = ctx.report(
        Rule::DropNotNull, alterColumnOffset(ctx, column),
        QStringLiteral("DROP NOT NULL on %1: readers that assume it is never NULL (app code, "
                       "PL/pgSQL) may break once NULLs appear")
            .arg(ident(column)),
        QStringLiteral("Cheap for the database (brief ACCESS EXCLUSIVE lock); run it before "
                       "deploying code that stops writing the column, once readers handle "
                       "NULL."));
    f.hazards = {hazard(HazardKind::BreaksRunningApp,
                        QStringLiteral("readers that expect a value may fail"))};
}

void lintColumnDefault(LintContext& ctx, const AlterTarget& target, const QJsonObject& cmd)
{
    const QString column = tree::string(cmd, "name");
    // A default on a column this input adds is step E2 of the C3 recipe.
    if (target.isNew || addedInThisInput(ctx, target.table, column))
        return;
    const bool set = cmd.contains(QLatin1String("def"));
    ctx.report(Rule::ChangeColumnDefault, alterColumnOffset(ctx, column),
               QStringLiteral("%1 on %2 changes what future inserts get, not existing rows; "
                              "ORMs that omit values equal to their cached default can store "
                              "the wrong value while old and new versions run side by side")
                   .arg(set ? QStringLiteral("SET DEFAULT") : QStringLiteral("DROP DEFAULT"),
                        ident(column)),
               QStringLiteral("Fine as a single statement with a short lock_timeout; if the ORM "
                              "caches defaults, make every version send the value explicitly "
                              "first."));
}

} // namespace bellows::lint
