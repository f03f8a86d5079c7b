// Whole-object statements: renames, drops, TRUNCATE, CREATE TABLE/VIEW, enums, triggers,
// sequences, materialized views and table maintenance (rows T1-T3, C10, N1, N2, G1, G2, Q2,
// W2, M1).

#include "lint/parse_tree.h"
#include "lint/statement_rules.h"

#include <algorithm>

namespace bellows::lint {

using plan::HazardKind;
using plan::LockMode;
using plan::Work;

namespace {

bool addedInThisInput(LintContext& ctx, const RelationName& table, const QString& column)
{
    const auto& added = ctx.facts().addedColumns;
    return std::any_of(added.begin(), added.end(), [&](const ColumnChange& c) {
        return c.table.matches(table) && c.column == column;
    });
}

// DROP's objects: lists of name parts ([schema,] name), or TypeName nodes for types.
std::vector<RelationName> droppedNames(const QJsonObject& dropBody)
{
    std::vector<RelationName> out;
    for (const QJsonValue& value : tree::array(dropBody, "objects")) {
        const QJsonObject node = value.toObject();
        if (tree::is(node, "List"))
            out.push_back(
                RelationName::fromNames(tree::strings(tree::array(tree::body(node), "items"))));
        else if (tree::is(node, "TypeName"))
            out.push_back(
                RelationName::fromNames(tree::strings(tree::array(tree::body(node), "names"))));
        else
            out.push_back(RelationName{QString(), tree::scalar(value)});
    }
    return out;
}

QString objectKindWords(const QString& removeType)
{
    QString words = removeType.mid(int(qstrlen("OBJECT_"))).toLower();
    words.replace(QLatin1Char('_'), QLatin1Char(' '));
    return words.toUpper();
}

void reportCannotRunInTransaction(LintContext& ctx, const QString& what, const QString& why)
{
    Finding& f = ctx.report(
        Rule::CannotRunInTransaction, -1,
        QStringLiteral("%1 cannot run inside a transaction block%2: PostgreSQL refuses it and "
                       "the migration fails here")
            .arg(what, why),
        QStringLiteral("Run it on its own, outside BEGIN ... COMMIT (autocommit)."));
    f.hazards = {hazard(HazardKind::OutsideTransaction, QStringLiteral("must run in autocommit"))};
}

void lintDropTables(LintContext& ctx, const std::vector<RelationName>& tables)
{
    for (const RelationName& table : tables) {
        ctx.noteLock(LockMode::AccessExclusive, table);
        if (ctx.isNew(table))
            continue;
        Finding& f = ctx.report(
            Rule::DropTable, -1,
            QStringLiteral("DROP TABLE %1 deletes the table and every row in it; running app "
                           "versions that use it fail, and the tables its foreign keys "
                           "reference are locked (ACCESS EXCLUSIVE) while it goes")
                .arg(table.display()),
            QStringLiteral("Contract step: remove every use from the app (ORM models included), "
                           "back it up (pg_dump -t), drop its foreign keys one per transaction, "
                           "then drop it; or rename it to *_deprecated first and drop it a "
                           "release later."));
        f.hazards = {
            hazard(HazardKind::DataLoss,
                   QStringLiteral("every row of %1 is gone").arg(table.display())),
            hazard(HazardKind::BreaksRunningApp,
                   QStringLiteral("old code that uses %1 fails").arg(table.display())),
            hazard(HazardKind::Irreversible, QStringLiteral("only a backup brings it back"))};
    }
}

} // namespace

void lintRename(LintContext& ctx)
{
    const QJsonObject& b = ctx.statement().body;
    const QString renameType = tree::string(b, "renameType");
    const RelationName relation = RelationName::fromRangeVar(tree::object(b, "relation"));
    const QString newName = tree::string(b, "newname");

    if (renameType == QLatin1String("OBJECT_INDEX")) {
        ctx.noteLock(ctx.atLeast(120000) ? LockMode::ShareUpdateExclusive
                                         : LockMode::AccessExclusive,
                     relation);
        return;
    }
    if (relation.isEmpty())
        return; // types, schemas, functions: no table lock
    ctx.noteLock(LockMode::AccessExclusive, relation);
    const bool isNew = ctx.isNew(relation);
    if (renameType == QLatin1String("OBJECT_COLUMN")) {
        const QString column = tree::string(b, "subname");
        // A column this input added is unknown to the running app.
        if (isNew || addedInThisInput(ctx, relation, column))
            return;
        Finding& f = ctx.report(
            Rule::RenameColumn, -1,
            QStringLiteral("RENAME COLUMN %1 TO %2: every running app version that uses %1 "
                           "fails at once (views keep working)")
                .arg(ident(column), ident(newName)),
            QStringLiteral("Expand-contract (C10): add the new column, sync both ways with a "
                           "trigger, backfill, move the app to it, then drop the old column; or "
                           "rename only in the ORM mapping."));
        f.hazards = {hazard(HazardKind::BreaksRunningApp,
                            QStringLiteral("queries naming %1 fail").arg(ident(column)))};
    } else if (renameType == QLatin1String("OBJECT_TABLE")) {
        ctx.renameRelation(relation, newName);
        if (isNew)
            return;
        Finding& f = ctx.report(
            Rule::RenameTable, -1,
            QStringLiteral("RENAME TO %1: every running app version that uses %2 fails at once")
                .arg(ident(newName), relation.display()),
            QStringLiteral("In one transaction rename it and CREATE VIEW %1 AS SELECT * FROM %2 "
                           "so old code keeps working; drop the view once every version uses "
                           "the new name (T3).")
                .arg(relation.display(), ident(newName)));
        f.hazards = {hazard(HazardKind::BreaksRunningApp,
                            QStringLiteral("queries naming %1 fail").arg(relation.display()))};
    }
}

void lintDrop(LintContext& ctx)
{
    const QJsonObject& b = ctx.statement().body;
    const QString removeType = tree::string(b, "removeType");
    const std::vector<RelationName> names = droppedNames(b);
    const bool cascade = tree::string(b, "behavior") == QLatin1String("DROP_CASCADE");

    if (removeType == QLatin1String("OBJECT_TABLE")) {
        lintDropTables(ctx, names);
    } else if (removeType == QLatin1String("OBJECT_INDEX")) {
        for (const RelationName& index : names)
            lintDropIndex(ctx, index, tree::flag(b, "concurrent"));
    } else if (removeType == QLatin1String("OBJECT_TRIGGER")) {
        for (const QJsonValue& value : tree::array(b, "objects")) {
            QStringList parts = tree::strings(tree::array(tree::body(value.toObject()), "items"));
            const QString trigger = parts.isEmpty() ? QString() : parts.takeLast();
            const RelationName table = RelationName::fromNames(parts);
            ctx.noteLock(LockMode::AccessExclusive, table);
            if (ctx.isNew(table))
                continue;
            Finding& f = ctx.report(
                Rule::DropTrigger, -1,
                QStringLiteral("DROP TRIGGER %1 takes an ACCESS EXCLUSIVE lock on %2: reads and "
                               "writes wait while it is queued")
                    .arg(ident(trigger), table.display()),
                QStringLiteral("Neutralise it first by replacing its function with a no-op (no "
                               "table lock), then drop it with a short lock_timeout."));
            f.hazards = {
                hazard(HazardKind::AccessExclusiveLock,
                       QStringLiteral("reads and writes of %1 wait").arg(table.display()))};
        }
    } else if (removeType == QLatin1String("OBJECT_VIEW") ||
               removeType == QLatin1String("OBJECT_MATVIEW") ||
               removeType == QLatin1String("OBJECT_SEQUENCE")) {
        for (const RelationName& name : names)
            ctx.noteLock(LockMode::AccessExclusive, name);
    }

    if (cascade) {
        QStringList shown;
        for (const RelationName& name : names)
            shown << name.display();
        const bool schema = removeType == QLatin1String("OBJECT_SCHEMA");
        Finding& f = ctx.report(
            Rule::DropCascade, -1,
            schema ? QStringLiteral("DROP SCHEMA %1 CASCADE drops every table, view and function "
                                    "in it, with their data")
                         .arg(shown.join(QStringLiteral(", ")))
                   : QStringLiteral("DROP %1 %2 CASCADE also drops everything that depends on it "
                                    "(views, foreign keys, columns of a dropped type), without "
                                    "listing them")
                         .arg(objectKindWords(removeType), shown.join(QStringLiteral(", "))),
            QStringLiteral("Drop the dependent objects explicitly first, so the migration says "
                           "what it removes."));
        f.hazards = {hazard(HazardKind::DataLoss,
                            QStringLiteral("dependent objects and their data are dropped"))};
    }
}

void lintDropDatabase(LintContext& ctx)
{
    Finding& f = ctx.report(Rule::DropDatabase, -1,
                            QStringLiteral("DROP DATABASE %1 deletes the whole database")
                                .arg(ident(tree::string(ctx.statement().body, "dbname"))),
                            QStringLiteral("Never in a migration."));
    f.hazards = {hazard(HazardKind::DataLoss, QStringLiteral("everything in it is gone")),
                 hazard(HazardKind::Irreversible, QStringLiteral("only a backup brings it back"))};
}

void lintTruncate(LintContext& ctx)
{
    const QJsonObject& b = ctx.statement().body;
    QStringList shown;
    bool anyExisting = false;
    for (const QJsonValue& value : tree::array(b, "relations")) {
        const RelationName table = RelationName::fromRangeVar(tree::body(value.toObject()));
        ctx.noteLock(LockMode::AccessExclusive, table);
        shown << table.display();
        anyExisting = anyExisting || !ctx.isNew(table);
    }
    const bool cascade = tree::string(b, "behavior") == QLatin1String("DROP_CASCADE");
    if (!anyExisting && !cascade)
        return;
    Finding& f = ctx.report(
        Rule::TruncateTable, -1,
        QStringLiteral("TRUNCATE %1 deletes every row under an ACCESS EXCLUSIVE lock%2")
            .arg(shown.join(QStringLiteral(", ")),
                 cascade ? QStringLiteral(", and CASCADE empties every table that references it "
                                          "too")
                         : QString()),
        QStringLiteral("Keep it out of migrations: if the data must go, delete it in batches or "
                       "drop the table in a contract step after a backup."));
    f.hazards = {hazard(HazardKind::DataLoss, QStringLiteral("every row is gone")),
                 hazard(HazardKind::Irreversible, QStringLiteral("only a backup brings it back"))};
    if (cascade)
        f.hazards.push_back(
            hazard(HazardKind::DataLoss, QStringLiteral("referencing tables are emptied too")));
}

void lintCreateTable(LintContext& ctx)
{
    const QJsonObject& b = ctx.statement().body;
    const RelationName table = RelationName::fromRangeVar(tree::object(b, "relation"));
    // Inline and table-level REFERENCES lock the referenced tables (SRE, T1).
    QJsonArray constraints;
    for (const QJsonValue& element : tree::array(b, "tableElts")) {
        const QJsonObject node = element.toObject();
        if (tree::is(node, "Constraint"))
            constraints.append(element);
        else if (tree::is(node, "ColumnDef"))
            for (const QJsonValue& c : tree::array(tree::body(node), "constraints"))
                constraints.append(c);
    }
    for (const QJsonValue& c : constraints) {
        const QJsonObject constraint = tree::body(c.toObject());
        if (tree::string(constraint, "contype") == QLatin1String("CONSTR_FOREIGN"))
            ctx.noteLock(LockMode::ShareRowExclusive,
                         RelationName::fromRangeVar(tree::object(constraint, "pktable")));
    }
    if (b.contains(QLatin1String("partbound"))) {
        const QJsonArray parents = tree::array(b, "inhRelations");
        const RelationName parent =
            parents.isEmpty() ? RelationName()
                              : RelationName::fromRangeVar(tree::body(parents.first().toObject()));
        ctx.noteLock(LockMode::AccessExclusive, parent);
        if (!parent.isEmpty() && !ctx.isNew(parent)) {
            Finding& f = ctx.report(
                Rule::CreateTablePartitionOf, -1,
                QStringLiteral("CREATE TABLE %1 PARTITION OF %2 takes an ACCESS EXCLUSIVE lock "
                               "on the whole partitioned table %2")
                    .arg(table.display(), parent.display()),
                QStringLiteral("Create the table standalone (LIKE the parent INCLUDING DEFAULTS "
                               "INCLUDING CONSTRAINTS), add a CHECK matching the bound, then "
                               "ATTACH PARTITION (P1)."));
            f.hazards = {
                hazard(HazardKind::AccessExclusiveLock,
                       QStringLiteral("every read and write of %1 waits").arg(parent.display()))};
        }
    }
    ctx.markNew(table);
}

void lintCreateTableAs(LintContext& ctx)
{
    const QJsonObject into = tree::object(ctx.statement().body, "into");
    ctx.markNew(RelationName::fromRangeVar(tree::object(into, "rel")));
}

void lintView(LintContext& ctx)
{
    const QJsonObject& b = ctx.statement().body;
    const RelationName view = RelationName::fromRangeVar(tree::object(b, "view"));
    if (!tree::flag(b, "replace") || ctx.isNew(view)) {
        ctx.markNew(view);
        return;
    }
    ctx.noteLock(LockMode::AccessExclusive, view);
    ctx.report(Rule::CreateOrReplaceView, -1,
               QStringLiteral("CREATE OR REPLACE VIEW %1 takes a brief ACCESS EXCLUSIVE lock on "
                              "the view; only new columns at the end are allowed: renaming, "
                              "retyping or reordering existing ones fails")
                   .arg(view.display()),
               QStringLiteral("Append columns only; for an incompatible change create a view "
                              "under a new name, switch the app, then drop the old one."));
}

void lintAlterEnum(LintContext& ctx)
{
    const QJsonObject& b = ctx.statement().body;
    const QString type =
        RelationName::fromNames(tree::strings(tree::array(b, "typeName"))).display();
    const QString newValue = tree::string(b, "newVal");
    if (b.contains(QLatin1String("oldVal"))) {
        const QString oldValue = tree::string(b, "oldVal");
        Finding& f = ctx.report(
            Rule::RenameEnumValue, -1,
            QStringLiteral("RENAME VALUE '%1' TO '%2' on %3: running app versions that read or "
                           "write '%1' fail at once")
                .arg(oldValue, newValue, type),
            QStringLiteral("Add the new value next to the old one, ship readers of both, move "
                           "rows over in batches, then forbid the old value with a CHECK (N2)."));
        f.hazards = {hazard(HazardKind::BreaksRunningApp,
                            QStringLiteral("'%1' no longer exists").arg(oldValue))};
        return;
    }
    if (ctx.atLeast(120000))
        return;
    if (ctx.inTransaction()) {
        reportCannotRunInTransaction(ctx, QStringLiteral("ALTER TYPE ... ADD VALUE"),
                                     QStringLiteral(" before PostgreSQL 12"));
        return;
    }
    Finding& f = ctx.report(
        Rule::AddEnumValue, -1,
        QStringLiteral("before PostgreSQL 12, ALTER TYPE %1 ADD VALUE cannot run inside a "
                       "transaction block: it fails if the migration tool wraps the file in one")
            .arg(type),
        QStringLiteral("Run it in its own migration, in autocommit; ship readers that understand "
                       "the new value before writers of it."));
    f.hazards = {hazard(HazardKind::OutsideTransaction, QStringLiteral("must run in autocommit"))};
}

void lintCreateTrigger(LintContext& ctx)
{
    const QJsonObject& b = ctx.statement().body;
    const RelationName table = RelationName::fromRangeVar(tree::object(b, "relation"));
    ctx.noteLock(LockMode::ShareRowExclusive, table);
    if (ctx.isNew(table))
        return;
    Finding& f = ctx.report(
        Rule::CreateTrigger, -1,
        QStringLiteral("CREATE TRIGGER %1 takes a SHARE ROW EXCLUSIVE lock on %2: writes wait "
                       "while it is queued; from then on every write runs the trigger function")
            .arg(ident(tree::string(b, "trigname")), table.display()),
        QStringLiteral("Run it with a short lock_timeout; change its behaviour later with CREATE "
                       "OR REPLACE FUNCTION, which takes no table lock."));
    f.hazards = {
        hazard(HazardKind::BlocksWrites, QStringLiteral("writes wait while it is queued"))};
}

void lintAlterSequence(LintContext& ctx)
{
    const RelationName sequence =
        RelationName::fromRangeVar(tree::object(ctx.statement().body, "sequence"));
    ctx.noteLock(LockMode::ShareRowExclusive, sequence);
    if (ctx.isNew(sequence))
        return;
    Finding& f = ctx.report(
        Rule::AlterSequence, -1,
        QStringLiteral("ALTER SEQUENCE %1 takes a SHARE ROW EXCLUSIVE lock on it: inserts that "
                       "draw from it (nextval) wait while it is queued")
            .arg(sequence.display()),
        QStringLiteral("Run it alone with a short lock_timeout; to only move the counter use "
                       "setval(), which takes a weak lock."));
    f.hazards = {hazard(HazardKind::BlocksWrites, QStringLiteral("nextval() waits"))};
}

void lintRefreshMaterializedView(LintContext& ctx)
{
    const QJsonObject& b = ctx.statement().body;
    const RelationName view = RelationName::fromRangeVar(tree::object(b, "relation"));
    if (tree::flag(b, "concurrent")) {
        ctx.noteLock(LockMode::Exclusive, view, false);
        return;
    }
    ctx.noteLock(LockMode::AccessExclusive, view, false);
    if (ctx.isNew(view))
        return;
    Finding& f = ctx.report(
        Rule::RefreshMaterializedViewNotConcurrently, -1,
        QStringLiteral("REFRESH MATERIALIZED VIEW %1 without CONCURRENTLY locks the view (ACCESS "
                       "EXCLUSIVE) for the whole refresh: every query on it waits")
            .arg(view.display()),
        QStringLiteral("Use REFRESH MATERIALIZED VIEW CONCURRENTLY (it needs a unique index on "
                       "the view; readers continue)."));
    f.work = Work::Rewrite;
    f.hazards = {hazard(HazardKind::AccessExclusiveLock,
                        QStringLiteral("queries on %1 wait for the refresh").arg(view.display()))};
}

void lintVacuum(LintContext& ctx)
{
    const QJsonObject& b = ctx.statement().body;
    if (!tree::flag(b, "is_vacuumcmd"))
        return; // ANALYZE
    bool full = false;
    for (const QJsonValue& option : tree::array(b, "options"))
        if (tree::string(tree::body(option.toObject()), "defname") == QLatin1String("full"))
            full = true;
    if (ctx.inTransaction())
        reportCannotRunInTransaction(ctx, QStringLiteral("VACUUM"), QString());
    QStringList shown;
    bool anyExisting = false;
    for (const QJsonValue& value : tree::array(b, "rels")) {
        const RelationName table =
            RelationName::fromRangeVar(tree::object(tree::body(value.toObject()), "relation"));
        ctx.noteLock(full ? LockMode::AccessExclusive : LockMode::ShareUpdateExclusive, table,
                     false);
        shown << table.display();
        anyExisting = anyExisting || !ctx.isNew(table);
    }
    if (!full || (!shown.isEmpty() && !anyExisting))
        return;
    Finding& f = ctx.report(
        Rule::VacuumFullOrCluster, -1,
        QStringLiteral("VACUUM FULL rewrites %1 and rebuilds its indexes under an ACCESS "
                       "EXCLUSIVE lock: no reads or writes until it finishes")
            .arg(shown.isEmpty() ? QStringLiteral("every table")
                                 : shown.join(QStringLiteral(", "))),
        QStringLiteral("Keep it out of migrations: plain VACUUM for routine cleanup; pg_repack or "
                       "pg_squeeze for an online rebuild (brief locks at start and end)."));
    f.work = Work::Rewrite;
    f.hazards = {
        hazard(HazardKind::Rewrite, QStringLiteral("writes a new copy of the table")),
        hazard(HazardKind::AccessExclusiveLock, QStringLiteral("every read and write waits"))};
}

void lintCluster(LintContext& ctx)
{
    const RelationName table =
        RelationName::fromRangeVar(tree::object(ctx.statement().body, "relation"));
    ctx.noteLock(LockMode::AccessExclusive, table, false);
    if (!table.isEmpty() && ctx.isNew(table))
        return;
    Finding& f = ctx.report(
        Rule::VacuumFullOrCluster, -1,
        QStringLiteral("CLUSTER rewrites %1 in index order and rebuilds its indexes under an "
                       "ACCESS EXCLUSIVE lock: no reads or writes until it finishes")
            .arg(table.isEmpty() ? QStringLiteral("every clustered table") : table.display()),
        QStringLiteral("Keep it out of migrations: pg_repack can reorder a table online (brief "
                       "locks at start and end)."));
    f.work = Work::Rewrite;
    f.hazards = {
        hazard(HazardKind::Rewrite, QStringLiteral("writes a new copy of the table")),
        hazard(HazardKind::AccessExclusiveLock, QStringLiteral("every read and write waits"))};
}

} // namespace bellows::lint
