// ALTER TABLE: the lock each sub-command takes, the dispatch to the column and constraint
// rules, and the table-level forms (rows M1, P1, P2).

#include "lint/alter_table_rules.h"
#include "lint/parse_tree.h"

#include <QRegularExpression>

namespace bellows::lint {

using plan::HazardKind;
using plan::LockMode;
using plan::Work;

namespace {

bool isOneOf(const QString& value, std::initializer_list<const char*> options)
{
    for (const char* o : options)
        if (value == QLatin1String(o))
            return true;
    return false;
}

// The table lock a sub-command takes (PostgreSQL's ALTER TABLE reference, §1.1).
LockMode lockFor(const QString& subtype, const QJsonObject& cmd, int version)
{
    if (isOneOf(subtype, {"AT_SetStatistics", "AT_SetOptions", "AT_ResetOptions", "AT_ClusterOn",
                          "AT_DropCluster", "AT_SetRelOptions", "AT_ResetRelOptions",
                          "AT_ValidateConstraint", "AT_DetachPartitionFinalize"}))
        return LockMode::ShareUpdateExclusive;
    if (subtype.startsWith(QLatin1String("AT_EnableTrig")) ||
        subtype.startsWith(QLatin1String("AT_DisableTrig")) ||
        isOneOf(subtype, {"AT_EnableAlwaysTrig", "AT_EnableReplicaTrig"}))
        return LockMode::ShareRowExclusive;
    if (subtype == QLatin1String("AT_AddConstraint")) {
        const QJsonObject constraint = tree::body(tree::object(cmd, "def"));
        if (tree::string(constraint, "contype") == QLatin1String("CONSTR_FOREIGN"))
            return LockMode::ShareRowExclusive;
    }
    if (subtype == QLatin1String("AT_AttachPartition"))
        return version >= 120000 ? LockMode::ShareUpdateExclusive : LockMode::AccessExclusive;
    if (subtype == QLatin1String("AT_DetachPartition")) {
        const QJsonObject partition = tree::body(tree::object(cmd, "def"));
        return tree::flag(partition, "concurrent") ? LockMode::ShareUpdateExclusive
                                                   : LockMode::AccessExclusive;
    }
    return LockMode::AccessExclusive;
}

void lintTableRewrite(LintContext& ctx, const AlterTarget& target, const QString& subtype,
                      const QJsonObject& cmd)
{
    ctx.noteLock(LockMode::AccessExclusive, target.table, false);
    if (target.isNew)
        return;
    QString form;
    if (subtype == QLatin1String("AT_SetLogged"))
        form = QStringLiteral("SET LOGGED");
    else if (subtype == QLatin1String("AT_SetUnLogged"))
        form = QStringLiteral("SET UNLOGGED");
    else if (subtype == QLatin1String("AT_SetTableSpace"))
        form = QStringLiteral("SET TABLESPACE %1").arg(ident(tree::string(cmd, "name")));
    else
        form = QStringLiteral("SET ACCESS METHOD %1").arg(ident(tree::string(cmd, "name")));
    Finding& f = ctx.report(
        Rule::TableRewrite,
        ctx.offsetOfMatch(
            QStringLiteral(R"(\bSET\s+(UN)?LOGGED|\bSET\s+TABLESPACE|\bSET\s+ACCESS)")),
        QStringLiteral("%1 rewrites %2 and rebuilds all its indexes under an ACCESS EXCLUSIVE "
                       "lock: no reads or writes until it finishes, about twice the disk space, "
                       "and a burst of WAL")
            .arg(form, target.table.display()),
        QStringLiteral("Keep it out of migrations on live tables: do it in a maintenance window, "
                       "or build a new table and move the data (T3 copy variant); for bloat, "
                       "pg_repack or pg_squeeze rebuild online."));
    f.work = Work::Rewrite;
    f.hazards = {hazard(HazardKind::Rewrite, QStringLiteral("writes a new copy of the table")),
                 hazard(HazardKind::AccessExclusiveLock,
                        QStringLiteral("every read and write waits for the rewrite"))};
}

void lintAttachPartition(LintContext& ctx, const AlterTarget& target, const QJsonObject& cmd)
{
    const QJsonObject partitionCmd = tree::body(tree::object(cmd, "def"));
    const RelationName partition = RelationName::fromRangeVar(tree::object(partitionCmd, "name"));
    const bool before12 = !ctx.atLeast(120000);
    ctx.noteLock(before12 ? LockMode::AccessExclusive : LockMode::ShareUpdateExclusive,
                 target.table, false);
    ctx.noteLock(LockMode::AccessExclusive, partition, false);
    if (target.isNew || (ctx.isNew(partition) && !before12))
        return;
    QString message = QStringLiteral("ATTACH PARTITION %1 scans it under an ACCESS EXCLUSIVE "
                                     "lock to check the partition bound, and scans a default "
                                     "partition too, unless valid CHECK constraints already "
                                     "prove the bounds")
                          .arg(partition.display());
    if (before12)
        message += QStringLiteral("; before PostgreSQL 12 it also locks all of %1 (ACCESS "
                                  "EXCLUSIVE)")
                       .arg(target.table.display());
    Finding& f = ctx.report(
        Rule::AttachPartition, ctx.offsetOf(tree::body(tree::object(partitionCmd, "name"))),
        message,
        QStringLiteral("Before attaching: add a CHECK matching the bound to the table (NOT VALID, "
                       "then VALIDATE), create the parent's indexes on it, and give a default "
                       "partition a validated CHECK excluding the new range; ATTACH is then "
                       "brief."));
    f.work = Work::Scan;
    f.hazards = {hazard(
        HazardKind::FullScan,
        QStringLiteral("checks every row of %1 against the bound").arg(partition.display()))};
}

void lintDetachPartition(LintContext& ctx, const AlterTarget& target, const QJsonObject& cmd)
{
    const QJsonObject partitionCmd = tree::body(tree::object(cmd, "def"));
    const RelationName partition = RelationName::fromRangeVar(tree::object(partitionCmd, "name"));
    if (tree::flag(partitionCmd, "concurrent")) {
        ctx.noteLock(LockMode::ShareUpdateExclusive, partition);
        if (ctx.inTransaction()) {
            Finding& f = ctx.report(
                Rule::CannotRunInTransaction, -1,
                QStringLiteral("DETACH PARTITION ... CONCURRENTLY cannot run inside a "
                               "transaction block: PostgreSQL refuses it and the migration "
                               "fails here"),
                QStringLiteral("Run it on its own, outside BEGIN ... COMMIT (autocommit)."));
            f.hazards = {
                hazard(HazardKind::OutsideTransaction, QStringLiteral("must run in autocommit"))};
        }
        return;
    }
    ctx.noteLock(LockMode::AccessExclusive, partition);
    if (target.isNew)
        return;
    const QString advice =
        ctx.atLeast(140000)
            ? QStringLiteral("Use DETACH PARTITION ... CONCURRENTLY outside a transaction block "
                             "(not possible while the table has a default partition).")
            : QStringLiteral("DETACH ... CONCURRENTLY needs PostgreSQL 14: run it alone with a "
                             "short lock_timeout and retry on timeout.");
    Finding& f = ctx.report(
        Rule::DetachPartitionNotConcurrently,
        ctx.offsetOf(tree::body(tree::object(partitionCmd, "name"))),
        QStringLiteral("DETACH PARTITION %1 without CONCURRENTLY takes an ACCESS EXCLUSIVE lock "
                       "on the whole partitioned table %2: every read and write of it waits")
            .arg(partition.display(), target.table.display()),
        advice);
    f.hazards = {hazard(
        HazardKind::AccessExclusiveLock,
        QStringLiteral("blocks all of %1 while queued and held").arg(target.table.display()))};
}

} // namespace

QString identifierPattern(const QString& name)
{
    QString quoted = name;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QStringLiteral("(?:\"%1\"|\\b%2\\b)")
        .arg(QRegularExpression::escape(quoted), QRegularExpression::escape(name));
}

void lintAlterTable(LintContext& ctx)
{
    const QJsonObject& b = ctx.statement().body;
    const RelationName table = RelationName::fromRangeVar(tree::object(b, "relation"));
    const QJsonArray cmds = tree::array(b, "cmds");
    const QString objectType = tree::string(b, "objtype");
    if (objectType == QLatin1String("OBJECT_TYPE"))
        return; // ALTER TYPE ... ADD ATTRIBUTE: a composite type, no table

    AlterTarget target{table, ctx.isNew(table), false};
    for (const QJsonValue& value : cmds) {
        const QJsonObject cmd = tree::body(value.toObject());
        const LockMode mode = lockFor(tree::string(cmd, "subtype"), cmd, ctx.version());
        ctx.noteLock(mode, table);
        if (mode >= LockMode::ShareRowExclusive &&
            tree::string(cmd, "subtype") != QLatin1String("AT_ValidateConstraint"))
            target.strongerElsewhere = true;
    }
    // ALTER INDEX / VIEW / SEQUENCE / MATERIALIZED VIEW: the lock is all that matters here.
    if (objectType != QLatin1String("OBJECT_TABLE"))
        return;

    for (const QJsonValue& value : cmds) {
        const QJsonObject cmd = tree::body(value.toObject());
        const QString subtype = tree::string(cmd, "subtype");
        if (subtype == QLatin1String("AT_AddColumn"))
            lintAddColumn(ctx, target, tree::body(tree::object(cmd, "def")));
        else if (subtype == QLatin1String("AT_DropColumn"))
            lintDropColumn(ctx, target, cmd);
        else if (subtype == QLatin1String("AT_AlterColumnType"))
            lintAlterColumnType(ctx, target, cmd);
        else if (subtype == QLatin1String("AT_SetNotNull"))
            lintSetNotNull(ctx, target, cmd);
        else if (subtype == QLatin1String("AT_DropNotNull"))
            lintDropNotNull(ctx, target, cmd);
        else if (subtype == QLatin1String("AT_ColumnDefault"))
            lintColumnDefault(ctx, target, cmd);
        else if (subtype == QLatin1String("AT_AddConstraint"))
            lintAddConstraint(ctx, target, tree::body(tree::object(cmd, "def")));
        else if (subtype == QLatin1String("AT_ValidateConstraint"))
            lintValidateConstraint(ctx, target, cmd);
        else if (subtype == QLatin1String("AT_DropConstraint"))
            lintDropConstraint(ctx, target, cmd);
        else if (isOneOf(subtype, {"AT_SetLogged", "AT_SetUnLogged", "AT_SetTableSpace",
                                   "AT_SetAccessMethod"}))
            lintTableRewrite(ctx, target, subtype, cmd);
        else if (subtype == QLatin1String("AT_AttachPartition"))
            lintAttachPartition(ctx, target, cmd);
        else if (subtype == QLatin1String("AT_DetachPartition"))
            lintDetachPartition(ctx, target, cmd);
    }
}

} // namespace bellows::lint
