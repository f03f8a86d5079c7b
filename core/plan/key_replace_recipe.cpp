// A primary key or unique constraint whose columns change (reference K4, K3, K6, K2): the new
// key's unique index is built concurrently (after its columns are NOT NULL), then one short
// transaction drops the foreign keys that reference the old key, swaps the constraint with
// DROP CONSTRAINT + ADD CONSTRAINT ... USING INDEX, and re-adds the target's foreign keys
// NOT VALID; each is validated in its own transaction. No scan or build under ACCESS EXCLUSIVE.
//
// Ordering that depends on other recipes' steps (NOT NULL on the new key columns, columns of
// the old key dropped or made nullable) is settled after every change is planned, by
// linkKeyChanges.

#include "plan/column_swap.h"
#include "plan/foreign_key_handover.h"
#include "plan/recipes.h"
#include "plan/sql_builders.h"
#include "plan/sync_trigger.h"

#include "sql/quote.h"

#include <algorithm>

namespace bellows::plan {

using catalog::Constraint;
using catalog::ConstraintKind;
using diff::Action;
using diff::Change;
using sql::quoteIdent;

namespace {

const QString kBuild = QStringLiteral("build-key-index");
const QString kSwap = QStringLiteral("replace-key");

bool isKey(const Constraint* k)
{
    return k && (k->kind == ConstraintKind::PrimaryKey || k->kind == ConstraintKind::Unique);
}

QString keyWord(const Constraint& k)
{
    return k.kind == ConstraintKind::PrimaryKey ? QStringLiteral("PRIMARY KEY")
                                                : QStringLiteral("UNIQUE");
}

const catalog::Table* targetTable(const RecipeContext& ctx, const QString& schema,
                                  const QString& name)
{
    return ctx.target().table(schema, name);
}

const Constraint* constraintNamed(const catalog::Table* table, const QString& name)
{
    if (!table)
        return nullptr;
    for (const Constraint& c : table->constraints) {
        if (c.name == name)
            return &c;
    }
    return nullptr;
}

// The replacements a plan makes: (schema, live table) of each changed key, by constraint name.
struct Replacement {
    QString schema;
    QString table;
    const Constraint* before = nullptr;
    const Constraint* after = nullptr;
};

std::vector<Replacement> replacements(const RecipeContext& ctx)
{
    std::vector<Replacement> out;
    for (const Change& c : ctx.changes().changes) {
        if (c.kind != diff::ObjectKind::Constraint || c.action != Action::Changed ||
            !c.tableRenamedFrom.isEmpty() || !detail::isKeyReplacement(ctx, c))
            continue;
        out.push_back({c.schema, c.table, c.beforeAs<Constraint>(), c.afterAs<Constraint>()});
    }
    return out;
}

bool referencesKey(const Constraint& fk, const QString& schema, const QString& table,
                   const QStringList& keyColumns)
{
    if (fk.kind != ConstraintKind::ForeignKey || fk.refSchema != schema || fk.refTable != table)
        return false;
    QStringList a = fk.refColumns;
    QStringList b = keyColumns;
    a.sort();
    b.sort();
    return a == b;
}

// CREATE UNIQUE INDEX CONCURRENTLY from the target's index behind the key (opclasses, INCLUDE,
// NULLS NOT DISTINCT kept), under a temporary name while the old key still holds its own.
QString buildSql(const RecipeContext& ctx, const QString& schema, const QString& table,
                 const Constraint& k, const QString& indexName)
{
    if (const catalog::Table* t = targetTable(ctx, schema, table)) {
        for (const catalog::Index& index : t->indexes) {
            if (index.constraintName != k.name && index.name != k.indexName)
                continue;
            const QString head =
                QStringLiteral("CREATE UNIQUE INDEX ") + quoteIdent(index.name) + QLatin1Char(' ');
            const QString def = index.definition.trimmed();
            if (def.startsWith(head)) {
                return QStringLiteral("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ") +
                       quoteIdent(indexName) + QLatin1Char(' ') + def.mid(head.size()) +
                       QLatin1Char(';');
            }
        }
    }
    QStringList cols;
    for (const QString& c : k.columns)
        cols << quoteIdent(c);
    return QStringLiteral("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS %1 ON %2 USING btree "
                          "(%3);")
        .arg(quoteIdent(indexName), sqlb::rel(schema, table), cols.join(QStringLiteral(", ")));
}

QString attachClause(const Constraint& k, const QString& indexName)
{
    QString out = QStringLiteral("ADD CONSTRAINT %1 %2 USING INDEX %3")
                      .arg(quoteIdent(k.name), keyWord(k), quoteIdent(indexName));
    if (k.deferrable) {
        out += k.initiallyDeferred ? QStringLiteral(" DEFERRABLE INITIALLY DEFERRED")
                                   : QStringLiteral(" DEFERRABLE");
    }
    return out;
}

QString fkBody(const Constraint& fk)
{
    QString def = fk.definition.trimmed();
    const QString suffix = QStringLiteral(" NOT VALID");
    if (def.endsWith(suffix))
        def.chop(suffix.size());
    return def;
}

void block(RecipeContext& ctx, const QString& object, const QString& title, const QString& reason,
           const QStringList& options, const QString& row)
{
    ctx.addFinding({Finding::Severity::Blocking, object, title, reason, options, row});
}

QString path(const QString& schema, const QString& table, const QString& name)
{
    return sqlb::idPath(schema, table, name);
}

Phase latest(Phase a, Phase b)
{
    return int(a) > int(b) ? a : b;
}

} // namespace

namespace detail {

bool isKeyReplacement(const RecipeContext& ctx, const Change& change)
{
    const Constraint* before = change.beforeAs<Constraint>();
    const Constraint* after = change.afterAs<Constraint>();
    if (change.kind != diff::ObjectKind::Constraint || change.action != Action::Changed ||
        !isKey(before) || !isKey(after) || before->kind != after->kind || !after->isLocal ||
        !after->enforced || !change.renamedFrom.isEmpty() || !change.tableRenamedFrom.isEmpty())
        return false;
    // A comment alone is not a new key.
    if (before->columns == after->columns && before->definition == after->definition)
        return false;
    const catalog::Table* live = ctx.liveTable(change.schema, change.table);
    return live && live->kind != catalog::TableKind::Partitioned;
}

bool foreignKeyMovesWithKey(const RecipeContext& ctx, const Change& change)
{
    if (change.kind != diff::ObjectKind::Constraint)
        return false;
    const Constraint* before = change.beforeAs<Constraint>();
    const Constraint* after = change.afterAs<Constraint>();
    // Claimed: a foreign key that ends up on the new key (re-added in the swap) or that goes
    // away (dropped in the swap). One moved to another table is an ordinary change.
    for (const Replacement& r : replacements(ctx)) {
        if ((!after && before && referencesKey(*before, r.schema, r.table, r.before->columns)) ||
            (after && ctx.liveTable(change.schema, change.table) &&
             referencesKey(*after, r.schema, r.table, r.after->columns)))
            return true;
    }
    return false;
}

} // namespace detail

namespace recipes {

void planKeyReplacement(const Change& change, RecipeContext& ctx)
{
    const Constraint& before = *change.beforeAs<Constraint>();
    const Constraint& after = *change.afterAs<Constraint>();
    const QString s = change.schema;
    const QString t = change.table;
    const QString relation = sqlb::rel(s, t);
    const QString who = relation + QLatin1Char('.') + quoteIdent(after.name);
    const bool pk = after.kind == ConstraintKind::PrimaryKey;

    // A key column whose type changes goes through a column swap: the index would be built on
    // the column that is dropped afterwards.
    for (const QString& column : after.columns) {
        const Change* col = ctx.changes().find(diff::ObjectKind::Column, s, t, column);
        if (col && col->action == Action::Changed && col->attribute(QStringLiteral("type")) &&
            ctx.mayHaveRows(s, t)) {
            block(ctx, who, QStringLiteral("Key %1 moves to a column whose type changes").arg(who),
                  QStringLiteral("%1.%2 changes type on a table with rows: the new key's index "
                                 "would have to follow the column swap, which is not automated.")
                      .arg(relation, quoteIdent(column)),
                  {QStringLiteral("Change the column's type in one migration and the key in the "
                                  "next"),
                   QStringLiteral("Do the swap by hand following reference rows Y2 and K4")},
                  QStringLiteral("K4"));
            return;
        }
    }

    // E: the future key's index, under a temporary name (the old key keeps its own name).
    const QString indexName = sqlb::boundedName(after.name, QStringLiteral("_bellows"));
    Step ix;
    ix.id = sqlb::stepId(toString(Phase::Tighten), kBuild, path(s, t, after.name));
    ix.phase = Phase::Tighten;
    ix.title = QStringLiteral("Build the unique index %1 for the new %2 of %3 (concurrently)")
                   .arg(quoteIdent(indexName),
                        pk ? QStringLiteral("primary key") : QStringLiteral("unique constraint"),
                        relation);
    ix.sql = buildSql(ctx, s, t, after, indexName);
    ix.rollbackSql = sqlb::dropIndexConcurrently(s, indexName);
    ix.outsideTransaction = true;
    ix.work = Work::Build;
    ix.locks = {sqlb::lock(LockMode::ShareUpdateExclusive, s, t, false)};
    ix.hazards = {
        sqlb::hazard(HazardKind::IndexBuild,
                     QStringLiteral("builds %1 while reads and writes continue; from then on "
                                    "writes that break the new key fail")
                         .arg(quoteIdent(indexName))),
        sqlb::hazard(HazardKind::OutsideTransaction,
                     QStringLiteral("CREATE INDEX CONCURRENTLY runs in autocommit; a failure "
                                    "leaves an INVALID index to drop"))};
    ix.referenceRow = pk ? QStringLiteral("K4") : QStringLiteral("K3");
    ix.rationale = QStringLiteral("The new key is a tightening: its index enforces it as soon as "
                                  "it is built, so it waits until every running version writes "
                                  "rows that satisfy it, and until its columns are NOT NULL.");
    Step& built = ctx.add(std::move(ix));
    built.estimatedSeconds = ctx.estimateSeconds(s, t, Work::Build);
    const QString buildId = built.id;

    // C: one transaction. Foreign keys hold on to the old key's index: they go first and come
    // back NOT VALID on the new key (or on whatever unique key the target points them at).
    QStringList lockOrder{relation};
    std::vector<Lock> locks{sqlb::lock(LockMode::AccessExclusive, s, t)};
    QStringList dropFks;
    QStringList addFks;
    std::vector<std::pair<const catalog::Table*, const Constraint*>> validations;
    auto lockChild = [&](const QString& schema, const QString& name) {
        const QString r = sqlb::rel(schema, name);
        if (lockOrder.contains(r))
            return;
        lockOrder << r;
        locks.push_back(sqlb::lock(LockMode::AccessExclusive, schema, name));
    };
    for (const catalog::Table& other : ctx.database().tables) {
        for (const Constraint& fk : other.constraints) {
            if (!referencesKey(fk, s, t, before.columns))
                continue;
            lockChild(other.schema, other.name);
            // IF EXISTS: a foreign key the target moves elsewhere is replaced in expand.
            dropFks << sqlb::dropConstraint(other.schema, other.name, fk.name, true);
            const Constraint* next =
                constraintNamed(targetTable(ctx, other.schema, other.name), fk.name);
            if (next && next->kind == ConstraintKind::ForeignKey && next->refSchema == s &&
                next->refTable == t && !referencesKey(*next, s, t, after.columns)) {
                // Still pointing at the old columns, which lose their unique key.
                block(ctx, sqlb::rel(other.schema, fk.name),
                      QStringLiteral("Foreign key %1 references the old key of %2")
                          .arg(quoteIdent(fk.name), relation),
                      QStringLiteral("%1 keeps referencing (%2) of %3, whose key moves to (%4): "
                                     "nothing would back it after the swap.")
                          .arg(sqlb::rel(other.schema, other.name),
                               fk.refColumns.join(QStringLiteral(", ")), relation,
                               after.columns.join(QStringLiteral(", "))),
                      {QStringLiteral("Point the foreign key at the new key in the target"),
                       QStringLiteral("Keep a unique constraint on the old columns")},
                      QStringLiteral("K6"));
                return;
            }
        }
    }
    for (const catalog::Table& other : ctx.target().tables) {
        const catalog::Table* liveChild = ctx.liveTable(other.schema, other.name);
        for (const Constraint& fk : other.constraints) {
            if (!referencesKey(fk, s, t, after.columns) || !fk.enforced)
                continue;
            if (!liveChild) {
                // CREATE TABLE runs in expand, long before the new key exists.
                block(ctx, sqlb::rel(other.schema, fk.name),
                      QStringLiteral("New table %1 references the new key of %2")
                          .arg(sqlb::rel(other.schema, other.name), relation),
                      QStringLiteral("Its foreign key needs the new key, which exists only "
                                     "after the contract phase."),
                      {QStringLiteral("Add the table in a later migration")}, QStringLiteral("K4"));
                return;
            }
            lockChild(other.schema, other.name);
            addFks << sqlb::addConstraint(other.schema, other.name, fk.name, fkBody(fk), true);
            if (fk.validated)
                validations.emplace_back(&other, &fk);
        }
    }

    QStringList sql;
    if (lockOrder.size() > 1) {
        sql << QStringLiteral("LOCK TABLE %1 IN ACCESS EXCLUSIVE MODE;")
                   .arg(lockOrder.join(QStringLiteral(", ")));
    }
    sql << dropFks;
    // The old key's index identifies rows for logical replication: the new one takes over
    // first, or the table is left without a replica identity.
    if (const catalog::Table* targetTable = ctx.target().table(s, t);
        targetTable && targetTable->replicaIdentity == QLatin1String("index") &&
        targetTable->index(targetTable->replicaIdentityIndex) &&
        targetTable->index(targetTable->replicaIdentityIndex)->constraintName == after.name)
        sql << sqlb::alterTable(
            s, t, QStringLiteral("REPLICA IDENTITY USING INDEX ") + quoteIdent(indexName));
    sql << sqlb::alterTable(s, t,
                            QStringLiteral("DROP CONSTRAINT %1, %2")
                                .arg(quoteIdent(before.name), attachClause(after, indexName)));
    sql << addFks;

    Step c;
    c.id = sqlb::stepId(toString(Phase::Contract), kSwap, path(s, t, after.name));
    c.phase = Phase::Contract;
    c.title = QStringLiteral("Replace the %1 %2 of %3: (%4) → (%5), in one transaction")
                  .arg(pk ? QStringLiteral("primary key") : QStringLiteral("unique constraint"),
                       quoteIdent(before.name), relation, before.columns.join(QStringLiteral(", ")),
                       after.columns.join(QStringLiteral(", ")));
    c.sql = sql.join(QLatin1Char('\n'));
    c.locks = locks;
    c.hazards = {
        sqlb::hazard(HazardKind::AccessExclusiveLock,
                     QStringLiteral("ACCESS EXCLUSIVE on %1 for catalog updates")
                         .arg(lockOrder.join(QStringLiteral(", ")))),
        sqlb::hazard(HazardKind::BreaksRunningApp,
                     QStringLiteral("ON CONFLICT (%1) and code relying on the old key fail "
                                    "from now on")
                         .arg(before.columns.join(QStringLiteral(", "))))};
    c.irreversibleReason = QStringLiteral("The old key's index is dropped with it: going back "
                                          "needs it built concurrently again (reference K4).");
    c.referenceRow = pk ? QStringLiteral("K4") : QStringLiteral("K3");
    c.dependsOn = {buildId};
    c.rationale = QStringLiteral(
        "After the last gate: old app versions may still rely on the old key. The new key is "
        "attached to the prebuilt index over NOT NULL columns and the foreign keys come back "
        "NOT VALID, so nothing is scanned or built while ACCESS EXCLUSIVE is held.");
    const QString swapId = ctx.add(std::move(c)).id;

    for (const auto& [child, fk] : validations) {
        Step v = recipes::validateForeignKeyStep(Phase::Contract, child->schema, child->name,
                                                 fk->name, s, t);
        v.dependsOn = {swapId};
        v.rationale = QStringLiteral("Its own transaction, reads and writes continue. If a row "
                                     "has no parent under the new key, the step fails and the "
                                     "runner stops.");
        ctx.add(std::move(v));
    }
}

// The orderings a key change imposes on steps other recipes planned.
void linkKeyChanges(RecipeContext& ctx)
{
    std::vector<Step>& steps = ctx.steps();
    auto find = [&](const QString& id) -> Step* {
        for (Step& st : steps) {
            if (st.id == id)
                return &st;
        }
        return nullptr;
    };
    auto lastNotNullStep = [&](const QString& s, const QString& t, const QString& column) {
        Step* last = nullptr;
        const QString suffix = QLatin1Char(':') + path(s, t, column);
        for (Step& st : steps) {
            if (st.referenceRow == QLatin1String("C7") && st.id.endsWith(suffix) &&
                (st.id.contains(QLatin1String(":set-not-null:")) ||
                 st.id.contains(QLatin1String(":validate-not-null:"))))
                last = &st;
        }
        return last;
    };

    // The steps that end a live key: a replacement's swap, or the drop of a removed key.
    struct Ending {
        QString schema;
        QString table;
        QStringList columns; // the old key's columns that the new key does not keep
        QString stepId;
        bool primaryKey = false; // only a primary key pins NOT NULL on its columns
    };
    std::vector<Ending> endings;

    for (const Replacement& r : replacements(ctx)) {
        Step* build = find(
            sqlb::stepId(toString(Phase::Tighten), kBuild, path(r.schema, r.table, r.after->name)));
        Step* swap = find(
            sqlb::stepId(toString(Phase::Contract), kSwap, path(r.schema, r.table, r.after->name)));
        if (!build || !swap)
            continue;
        const catalog::Table* live = ctx.liveTable(r.schema, r.table);
        // New key columns first become NOT NULL (a primary key over a nullable column would
        // scan under ACCESS EXCLUSIVE); the build waits for that, in that phase.
        for (const QString& column : r.after->columns) {
            const catalog::Column* col = live ? live->column(column) : nullptr;
            if (r.after->kind != ConstraintKind::PrimaryKey || (col && col->notNull))
                continue;
            if (Step* nn = lastNotNullStep(r.schema, r.table, column)) {
                build->dependsOn << nn->id;
                build->phase = latest(build->phase, nn->phase);
            } else if (col) {
                block(ctx, sqlb::rel(r.schema, r.table) + QLatin1Char('.') + quoteIdent(column),
                      QStringLiteral("Primary key column %1 is nullable").arg(quoteIdent(column)),
                      QStringLiteral("PRIMARY KEY USING INDEX would set NOT NULL with a full "
                                     "scan under ACCESS EXCLUSIVE, and no NOT NULL step is "
                                     "planned for it."),
                      {QStringLiteral("Declare the column NOT NULL in the target schema")},
                      QStringLiteral("C7"));
            }
        }
        if (int(swap->phase) < int(build->phase))
            swap->phase = build->phase;
        QStringList gone;
        for (const QString& column : r.before->columns) {
            if (!r.after->columns.contains(column))
                gone << column;
        }
        endings.push_back(
            {r.schema, r.table, gone, swap->id, r.before->kind == ConstraintKind::PrimaryKey});
    }
    for (const Change& c : ctx.changes().changes) {
        const Constraint* before = c.beforeAs<Constraint>();
        if (c.kind != diff::ObjectKind::Constraint || c.action != Action::Removed || !isKey(before))
            continue;
        const QString id =
            sqlb::stepId(toString(Phase::Contract), QStringLiteral("drop-constraint"),
                         path(c.schema, c.table, before->name));
        if (find(id))
            endings.push_back({c.schema, c.table, before->columns, id,
                               before->kind == ConstraintKind::PrimaryKey});
    }

    // A column of the old key cannot be dropped (foreign keys hold on to it) nor lose NOT NULL
    // (PostgreSQL refuses it on a primary key column) while the key exists.
    for (const Ending& e : endings) {
        const Step* ending = find(e.stepId);
        for (const QString& column : e.columns) {
            const QString dropColumn =
                sqlb::stepId(toString(Phase::Contract), QStringLiteral("drop-column"),
                             path(e.schema, e.table, column));
            const QString dropNotNull = sqlb::dropNotNull(e.schema, e.table, column);
            for (Step& st : steps) {
                const bool pinned = e.primaryKey && st.sql.contains(dropNotNull);
                if (st.id == e.stepId || (st.id != dropColumn && !pinned))
                    continue;
                if (int(st.phase) < int(ending->phase)) {
                    // The column is relaxed only once the key is gone: until then the key
                    // itself forbids NULL, so no running version can rely on writing one.
                    st.phase = ending->phase;
                    st.rationale += QStringLiteral(" Runs after %1: PostgreSQL refuses DROP NOT "
                                                   "NULL on a primary key column.")
                                        .arg(e.stepId);
                }
                if (!st.dependsOn.contains(e.stepId))
                    st.dependsOn << e.stepId;
            }
        }
    }
}

} // namespace recipes

} // namespace bellows::plan
