// Constraint sub-commands of ALTER TABLE (rows K1-K6), also for constraints written inline
// in ADD COLUMN.

#include "lint/alter_table_rules.h"
#include "lint/parse_tree.h"

namespace bellows::lint {

using plan::HazardKind;
using plan::LockMode;
using plan::Work;

namespace {

QString constraintText(const QJsonObject& constraint)
{
    const QString name = tree::string(constraint, "conname");
    return name.isEmpty() ? QString() : ident(name) + QLatin1Char(' ');
}

// CHECK (c IS NOT NULL): remembered so a later SET NOT NULL can skip its scan (C7).
void rememberNotNullCheck(LintContext& ctx, const AlterTarget& target,
                          const QJsonObject& constraint)
{
    const QJsonObject expression = constraint.value(QLatin1String("raw_expr")).toObject();
    if (!tree::is(expression, "NullTest"))
        return;
    const QJsonObject test = tree::body(expression);
    if (tree::string(test, "nulltesttype") != QLatin1String("IS_NOT_NULL"))
        return;
    QStringList columns;
    tree::collectColumnRefs(test.value(QLatin1String("arg")), columns);
    if (columns.size() != 1)
        return;
    ctx.facts().notNullChecks.push_back({target.table, tree::string(constraint, "conname"),
                                         columns.first(),
                                         !tree::flag(constraint, "skip_validation")});
}

void lintCheck(LintContext& ctx, const AlterTarget& target, const QJsonObject& constraint,
               const QString& column)
{
    rememberNotNullCheck(ctx, target, constraint);
    if (target.isNew || tree::flag(constraint, "skip_validation"))
        return;
    ctx.noteLock(LockMode::AccessExclusive, target.table, false);
    const QString advice =
        column.isEmpty()
            ? QStringLiteral("Add it with NOT VALID (brief lock; new writes are checked at once), "
                             "then VALIDATE CONSTRAINT in a separate transaction (SHARE UPDATE "
                             "EXCLUSIVE: reads and writes continue).")
            : QStringLiteral("Add the column without the CHECK, then ADD CONSTRAINT ... CHECK "
                             "(...) NOT VALID and VALIDATE CONSTRAINT in a separate "
                             "transaction.");
    Finding& f = ctx.report(
        Rule::AddCheckWithoutNotValid, ctx.offsetOf(constraint),
        QStringLiteral("CHECK constraint %1without NOT VALID is verified by scanning all of %2 "
                       "under an ACCESS EXCLUSIVE lock: no reads or writes until it finishes")
            .arg(constraintText(constraint), target.table.display()),
        advice);
    f.work = Work::Scan;
    f.hazards = {hazard(HazardKind::FullScan, QStringLiteral("reads every row under the lock")),
                 hazard(HazardKind::AccessExclusiveLock,
                        QStringLiteral("every read and write waits for the scan"))};
}

void lintForeignKey(LintContext& ctx, const AlterTarget& target, const QJsonObject& constraint,
                    const QString& column)
{
    const RelationName referenced = RelationName::fromRangeVar(tree::object(constraint, "pktable"));
    const bool notValid = tree::flag(constraint, "skip_validation");
    // Inline REFERENCES on a new column checks nothing: the column is all NULL.
    const bool scans = !notValid && column.isEmpty();
    ctx.noteLock(LockMode::ShareRowExclusive, referenced, !scans);
    if (target.isNew || !scans)
        return;
    ctx.noteLock(LockMode::ShareRowExclusive, target.table, false);
    Finding& f = ctx.report(
        Rule::AddForeignKeyWithoutNotValid, ctx.offsetOf(constraint),
        QStringLiteral("FOREIGN KEY %1without NOT VALID blocks writes to both %2 and %3 (SHARE "
                       "ROW EXCLUSIVE) while it scans %2 to check every row")
            .arg(constraintText(constraint), target.table.display(), referenced.display()),
        QStringLiteral("Add it with NOT VALID (brief lock on both tables), then VALIDATE "
                       "CONSTRAINT in a separate transaction; index the referencing columns "
                       "CONCURRENTLY first."));
    f.work = Work::Scan;
    f.hazards = {
        hazard(HazardKind::BlocksWrites, QStringLiteral("writes to %1 and %2 wait for the scan")
                                             .arg(target.table.display(), referenced.display())),
        hazard(HazardKind::FullScan,
               QStringLiteral("reads every row of %1").arg(target.table.display()))};
}

void lintUniqueOrPrimaryKey(LintContext& ctx, const AlterTarget& target,
                            const QJsonObject& constraint)
{
    const bool primary = tree::string(constraint, "contype") == QLatin1String("CONSTR_PRIMARY");
    // USING INDEX adopts an index built beforehand (CONCURRENTLY): brief lock.
    if (target.isNew || constraint.contains(QLatin1String("indexname")))
        return;
    ctx.noteLock(LockMode::AccessExclusive, target.table, false);
    const QString kind = primary ? QStringLiteral("PRIMARY KEY") : QStringLiteral("UNIQUE");
    const QString advice =
        primary ? QStringLiteral("Build CREATE UNIQUE INDEX CONCURRENTLY first, make the key "
                                 "columns NOT NULL the safe way (C7), then ADD CONSTRAINT ... "
                                 "PRIMARY KEY USING INDEX (brief lock).")
                : QStringLiteral("Build CREATE UNIQUE INDEX CONCURRENTLY first, then ADD "
                                 "CONSTRAINT ... UNIQUE USING INDEX (brief lock); the unique "
                                 "index alone already enforces uniqueness.");
    Finding& f = ctx.report(
        primary ? Rule::AddPrimaryKeyWithoutIndex : Rule::AddUniqueWithoutIndex,
        ctx.offsetOf(constraint),
        QStringLiteral("%1 constraint %2builds its index under an ACCESS EXCLUSIVE lock on %3: "
                       "no reads or writes until the build finishes; duplicates make it fail")
            .arg(kind, constraintText(constraint), target.table.display()),
        advice);
    f.work = Work::Build;
    f.hazards = {hazard(HazardKind::IndexBuild, QStringLiteral("reads every row to build")),
                 hazard(HazardKind::AccessExclusiveLock,
                        QStringLiteral("every read and write waits for the build"))};
    if (primary)
        f.hazards.push_back(
            hazard(HazardKind::FullScan, QStringLiteral("checks the key columns for NULL")));
}

void lintExclusion(LintContext& ctx, const AlterTarget& target, const QJsonObject& constraint)
{
    if (target.isNew)
        return;
    ctx.noteLock(LockMode::AccessExclusive, target.table, false);
    Finding& f = ctx.report(
        Rule::AddExclusionConstraint, ctx.offsetOf(constraint),
        QStringLiteral("EXCLUDE constraint %1builds an index and checks every row of %2 under "
                       "an ACCESS EXCLUSIVE lock; it cannot be NOT VALID or USING INDEX")
            .arg(constraintText(constraint), target.table.display()),
        QStringLiteral("No online path: add it in a quiet window with a short lock_timeout if "
                       "the table is small, or build it on a new table and move the data."));
    f.work = Work::Build;
    f.hazards = {hazard(HazardKind::IndexBuild, QStringLiteral("reads every row to build")),
                 hazard(HazardKind::AccessExclusiveLock,
                        QStringLiteral("every read and write waits for the build"))};
}

} // namespace

void lintAddConstraint(LintContext& ctx, const AlterTarget& target, const QJsonObject& constraint,
                       const QString& column)
{
    const QString contype = tree::string(constraint, "contype");
    if (contype == QLatin1String("CONSTR_CHECK"))
        lintCheck(ctx, target, constraint, column);
    else if (contype == QLatin1String("CONSTR_FOREIGN"))
        lintForeignKey(ctx, target, constraint, column);
    else if (contype == QLatin1String("CONSTR_UNIQUE") ||
             contype == QLatin1String("CONSTR_PRIMARY"))
        lintUniqueOrPrimaryKey(ctx, target, constraint);
    else if (contype == QLatin1String("CONSTR_EXCLUSION"))
        lintExclusion(ctx, target, constraint);
}

void lintValidateConstraint(LintContext& ctx, const AlterTarget& target, const QJsonObject& cmd)
{
    const QString name = tree::string(cmd, "name");
    for (NotNullCheck& check : ctx.facts().notNullChecks)
        if (check.table.matches(target.table) && check.constraint == name)
            check.validated = true;
    ctx.noteLock(LockMode::ShareUpdateExclusive, target.table, false);
    if (target.isNew)
        return;

    const int offset = ctx.offsetOfMatch(QStringLiteral(R"(\bVALIDATE\s+CONSTRAINT\s+)") +
                                         identifierPattern(name));
    const auto [held, line] = ctx.heldLock(target.table);
    if (held >= LockMode::Share || target.strongerElsewhere) {
        const QString holder =
            target.strongerElsewhere
                ? QStringLiteral("another sub-command of this ALTER TABLE, which locks")
                : QStringLiteral("line %1, which holds a %2 lock on").arg(line).arg(toString(held));
        Finding& f = ctx.report(
            Rule::ValidateConstraint, offset,
            QStringLiteral("VALIDATE CONSTRAINT %1 runs in the same transaction as %2 %3: the "
                           "validation scan runs while that lock blocks traffic")
                .arg(ident(name), holder, target.table.display()),
            QStringLiteral("Commit first: run VALIDATE CONSTRAINT in a transaction of its own."));
        f.severity = Severity::Warning;
        f.work = Work::Scan;
        f.hazards = {
            hazard(HazardKind::FullScan, QStringLiteral("scans while a strong lock is held"))};
        return;
    }
    Finding& f = ctx.report(
        Rule::ValidateConstraint, offset,
        QStringLiteral("VALIDATE CONSTRAINT %1 scans %2 under SHARE UPDATE EXCLUSIVE: reads and "
                       "writes continue (a foreign key also takes ROW SHARE on the table it "
                       "references)")
            .arg(ident(name), target.table.display()),
        QStringLiteral("Run it in its own transaction, with a large statement_timeout."));
    f.work = Work::Scan;
    f.hazards = {hazard(HazardKind::ValidationScan,
                        QStringLiteral("reads every row of %1").arg(target.table.display()))};
}

void lintDropConstraint(LintContext& ctx, const AlterTarget& target, const QJsonObject& cmd)
{
    if (target.isNew)
        return;
    const QString name = tree::string(cmd, "name");
    const int offset = ctx.offsetOfMatch(
        QStringLiteral(R"(\bDROP\s+CONSTRAINT\s+(?:IF\s+EXISTS\s+)?)") + identifierPattern(name));
    Finding& f = ctx.report(
        Rule::DropConstraint, offset,
        QStringLiteral("DROP CONSTRAINT %1 takes an ACCESS EXCLUSIVE lock on %2, and on the "
                       "referenced table too when it is a foreign key; dropping a UNIQUE or "
                       "PRIMARY KEY constraint also drops its index and breaks ON CONFLICT "
                       "clauses that use it")
            .arg(ident(name), target.table.display()),
        QStringLiteral("Contract step: run it alone with a short lock_timeout once no running "
                       "version depends on the constraint."));
    f.hazards = {hazard(HazardKind::AccessExclusiveLock,
                        QStringLiteral("reads and writes wait while it is queued"))};
    if (tree::string(cmd, "behavior") == QLatin1String("DROP_CASCADE")) {
        ctx.report(Rule::DropCascade, offset,
                   QStringLiteral("DROP CONSTRAINT %1 CASCADE also drops the foreign keys of "
                                  "other tables that depend on it")
                       .arg(ident(name)),
                   QStringLiteral("Drop the dependent foreign keys explicitly first, one per "
                                  "transaction."));
    }
}

} // namespace bellows::lint
