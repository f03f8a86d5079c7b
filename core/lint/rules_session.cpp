// Session and data statements: transaction blocks, lock_timeout, LOCK TABLE, and the data
// changes a migration makes (UPDATE, DELETE; §3 of the reference).

#include "lint/parse_tree.h"
#include "lint/statement_rules.h"

#include <QRegularExpression>

namespace bellows::lint {

using plan::HazardKind;
using plan::LockMode;
using plan::Work;

namespace {

// '0', 0, '0ms', '0s' disable the timeout.
bool enablesTimeout(const QString& value)
{
    static const QRegularExpression zero(QStringLiteral(R"(^\s*0+\s*[a-z]*\s*$)"),
                                         QRegularExpression::CaseInsensitiveOption);
    return !value.trimmed().isEmpty() && !zero.match(value).hasMatch();
}

void reportDataChange(LintContext& ctx, bool isUpdate)
{
    const QJsonObject& b = ctx.statement().body;
    const RelationName table = RelationName::fromRangeVar(tree::object(b, "relation"));
    ctx.noteLock(LockMode::RowExclusive, table, false);
    if (ctx.isNew(table))
        return;
    const QString verb = isUpdate ? QStringLiteral("UPDATE") : QStringLiteral("DELETE");
    const auto [held, line] = ctx.heldLock(table);
    if (held >= LockMode::Share) {
        Finding& f = ctx.report(
            Rule::BackfillHoldingLock, -1,
            QStringLiteral("%1 on %2 runs in the same transaction as line %3, which holds a %4 "
                           "lock on it: that lock stays held, blocking the app, for as long as "
                           "the %1 runs")
                .arg(verb, table.display())
                .arg(line)
                .arg(toString(held)),
            QStringLiteral("Commit the schema change first; change the data in batches, each in "
                           "its own short transaction."));
        f.work = Work::Scan;
        f.hazards = {hazard(HazardKind::BackfillLoad,
                            QStringLiteral("the data change runs under a strong lock"))};
        return;
    }
    if (b.contains(QLatin1String("whereClause"))) {
        Finding& f = ctx.report(
            Rule::BackfillInMigration, -1,
            QStringLiteral("%1 on %2 inside a migration: fine for a few rows, but on a large "
                           "table it is one long transaction")
                .arg(verb, table.display()),
            QStringLiteral("If it can touch many rows, run it as a batched backfill outside the "
                           "migration (PK ranges of ~1,000 rows, one transaction each)."));
        f.work = Work::Scan;
        f.hazards = {hazard(HazardKind::BackfillLoad,
                            QStringLiteral("row locks, dead tuples and WAL for every row it "
                                           "touches"))};
        return;
    }
    Finding& f = ctx.report(
        isUpdate ? Rule::UpdateWithoutWhere : Rule::DeleteWithoutWhere, -1,
        QStringLiteral("%1 of every row of %2 in one statement: one long transaction that locks "
                       "every row against app writers, leaves a dead copy of each row for vacuum "
                       "and bursts WAL (replica lag)")
            .arg(verb, table.display()),
        QStringLiteral("Batch it: walk the primary key in ranges of ~1,000 rows, commit each "
                       "batch, and restrict each to rows still needing the change so it can be "
                       "retried."));
    f.work = Work::Scan;
    f.hazards = {hazard(HazardKind::BackfillLoad,
                        QStringLiteral("every row of %1 is written").arg(table.display()))};
    if (!isUpdate)
        f.hazards.push_back(
            hazard(HazardKind::DataLoss,
                   QStringLiteral("every row of %1 is deleted").arg(table.display())));
}

} // namespace

void lintTransaction(LintContext& ctx)
{
    const QString kind = tree::string(ctx.statement().body, "kind");
    if (kind == QLatin1String("TRANS_STMT_BEGIN") || kind == QLatin1String("TRANS_STMT_START"))
        ctx.beginTransaction();
    else if (kind == QLatin1String("TRANS_STMT_COMMIT") ||
             kind == QLatin1String("TRANS_STMT_ROLLBACK") ||
             kind == QLatin1String("TRANS_STMT_PREPARE"))
        ctx.endTransaction();
}

void lintVariableSet(LintContext& ctx)
{
    const QJsonObject& b = ctx.statement().body;
    const QString kind = tree::string(b, "kind");
    if (kind == QLatin1String("VAR_RESET_ALL")) {
        ctx.setLockTimeout(false, false);
        return;
    }
    if (tree::string(b, "name") != QLatin1String("lock_timeout"))
        return;
    const bool local = tree::flag(b, "is_local");
    if (kind != QLatin1String("VAR_SET_VALUE")) {
        ctx.setLockTimeout(false, local);
        return;
    }
    const QJsonArray args = tree::array(b, "args");
    ctx.setLockTimeout(!args.isEmpty() && enablesTimeout(tree::scalar(args.first())), local);
}

void lintSelect(LintContext& ctx)
{
    // SELECT set_config('lock_timeout', '1s', is_local)
    for (const QJsonValue& target : tree::array(ctx.statement().body, "targetList")) {
        const QJsonObject value = tree::object(tree::body(target.toObject()), "val");
        if (!tree::is(value, "FuncCall"))
            continue;
        const QJsonObject call = tree::body(value);
        const QStringList name = tree::strings(tree::array(call, "funcname"));
        const QJsonArray args = tree::array(call, "args");
        if (name.isEmpty() || name.last() != QLatin1String("set_config") || args.size() != 3 ||
            tree::scalar(args.at(0)) != QLatin1String("lock_timeout"))
            continue;
        const QJsonObject local = tree::body(args.at(2).toObject());
        const bool isLocal = tree::flag(tree::object(local, "boolval"), "boolval");
        ctx.setLockTimeout(enablesTimeout(tree::scalar(args.at(1))), isLocal);
    }
}

void lintLockTable(LintContext& ctx)
{
    static constexpr LockMode kModes[] = {LockMode::None,
                                          LockMode::AccessShare,
                                          LockMode::RowShare,
                                          LockMode::RowExclusive,
                                          LockMode::ShareUpdateExclusive,
                                          LockMode::Share,
                                          LockMode::ShareRowExclusive,
                                          LockMode::Exclusive,
                                          LockMode::AccessExclusive};
    const QJsonObject& b = ctx.statement().body;
    const int mode = tree::integer(b, "mode", 8);
    const LockMode lockMode = mode >= 1 && mode <= 8 ? kModes[mode] : LockMode::AccessExclusive;
    for (const QJsonValue& value : tree::array(b, "relations"))
        ctx.noteLock(lockMode, RelationName::fromRangeVar(tree::body(value.toObject())), false);
}

void lintUpdate(LintContext& ctx)
{
    const QJsonObject& b = ctx.statement().body;
    QStringList reads;
    for (const QJsonValue& target : tree::array(b, "targetList"))
        tree::collectColumnRefs(tree::body(target.toObject()).value(QLatin1String("val")), reads);
    ctx.facts().updateReads.emplace_back(RelationName::fromRangeVar(tree::object(b, "relation")),
                                         reads);
    reportDataChange(ctx, true);
}

void lintDelete(LintContext& ctx)
{
    reportDataChange(ctx, false);
}

} // namespace bellows::lint
