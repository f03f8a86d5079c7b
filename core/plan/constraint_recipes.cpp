// Constraints (reference K1–K6): NOT VALID + VALIDATE for CHECK and FOREIGN KEY, a unique index
// built concurrently then attached for UNIQUE and PRIMARY KEY, findings where no online path
// exists (EXCLUDE on a populated table).

#include "plan/constraint_sql.h"
#include "plan/foreign_key_handover.h"
#include "plan/lock_budget.h"
#include "plan/partition_recipes.h"
#include "plan/recipes.h"
#include "plan/sql_builders.h"
#include "sql/quote.h"

#include <algorithm>

namespace bellows::plan::recipes {

using catalog::Constraint;
using catalog::ConstraintKind;
using diff::Action;
using diff::Change;
using sql::qualified;
using sql::quoteIdent;
using sql::quoteLiteral;

using namespace csql;

namespace {

Step& addValidate(const Change& c, const Constraint& k, Phase phase, const QString& row,
                  const QString& dependsOn, const QString& rationale, RecipeContext& ctx)
{
    Step s;
    s.id = stepId(phase, QStringLiteral("validate"), c, k.name);
    s.phase = phase;
    s.title = QStringLiteral("Validate constraint %1 on %2")
                  .arg(quoteIdent(k.name), qualified(c.schema, c.table));
    s.sql = alterTable(c) + QStringLiteral(" VALIDATE CONSTRAINT ") + quoteIdent(k.name) +
            QLatin1Char(';');
    s.irreversibleReason = QStringLiteral("Validation changes no data and cannot be undone; "
                                          "the constraint's own rollback drops it.");
    s.locks.push_back({LockMode::ShareUpdateExclusive, qualified(c.schema, c.table), false});
    if (k.kind == ConstraintKind::ForeignKey)
        s.locks.push_back({LockMode::RowShare, qualified(k.refSchema, k.refTable), false});
    s.work = Work::Scan;
    s.hazards.push_back({HazardKind::ValidationScan,
                         QStringLiteral("Reads every row under SHARE UPDATE EXCLUSIVE; reads and "
                                        "writes continue")});
    s.referenceRow = row;
    s.dependsOn << dependsOn;
    s.rationale = rationale;
    Step& added = ctx.add(std::move(s));
    added.estimatedSeconds = ctx.estimateSeconds(c.schema, liveName(c, ctx), Work::Scan);
    return added;
}

// K1: the constraint rejects violating writes from the moment it exists, so it waits for the
// tighten phase; validation proves the old rows in a separate transaction.
void addCheck(const Change& c, const Constraint& k, RecipeContext& ctx, const QString& after)
{
    const bool validate = k.validated && k.enforced;
    Step s;
    s.id = stepId(Phase::Tighten, QStringLiteral("add-check"), c, k.name);
    s.phase = Phase::Tighten;
    s.title = QStringLiteral("Add CHECK constraint %1 on %2 without validating existing rows")
                  .arg(quoteIdent(k.name), qualified(c.schema, c.table));
    s.sql = addSql(c, k, k.enforced);
    s.rollbackSql = dropSql(c, k.name);
    s.locks.push_back({LockMode::AccessExclusive, qualified(c.schema, c.table), true});
    s.hazards.push_back({HazardKind::AccessExclusiveLock,
                         QStringLiteral("Catalog update only (NOT VALID), but queued behind "
                                        "running queries; bounded by lock_timeout")});
    s.referenceRow = QStringLiteral("K1");
    if (!after.isEmpty())
        s.dependsOn << after;
    s.rationale = QStringLiteral(
        "A NOT VALID constraint already rejects new writes that violate it, so it is added "
        "only once every running app version satisfies it (tighten); existing rows are "
        "checked by the next step.");
    const QString id = ctx.add(std::move(s)).id;
    if (validate) {
        addValidate(c, k, Phase::Tighten, QStringLiteral("K1"), id,
                    QStringLiteral("Proves the existing rows in its own transaction under SHARE "
                                   "UPDATE EXCLUSIVE. If a row violates the constraint the step "
                                   "fails and the runner stops: fix the rows and run it again."),
                    ctx);
    }
}

// Whether an index (live or planned) has exactly `columns` as its leading keys.
bool covers(const catalog::Index& index, const QStringList& columns)
{
    if (index.keys.size() < size_t(columns.size()) || !index.predicate.isEmpty())
        return false;
    QStringList leading;
    for (qsizetype i = 0; i < columns.size(); ++i)
        leading << index.keys[size_t(i)].column;
    QStringList a = leading;
    QStringList b = columns;
    a.sort();
    b.sort();
    return a == b;
}

// K2: index on the referencing columns, NOT VALID (SRE on both tables, brief), VALIDATE.
void addForeignKey(const Change& c, const Constraint& k, RecipeContext& ctx, const QString& after)
{
    const QString child = qualified(c.schema, c.table);
    const QString parent = qualified(k.refSchema, k.refTable);
    QStringList deps;
    if (!after.isEmpty())
        deps << after;
    // A new parent table is created by the table recipe (id from sql_builders' scheme).
    if (!ctx.liveTable(k.refSchema, k.refTable) && !k.refTable.isEmpty())
        deps << QStringLiteral("expand:create-table:%1.%2").arg(k.refSchema, k.refTable);

    bool covered = false;
    if (const catalog::Table* live = ctx.liveTable(c.schema, liveName(c, ctx))) {
        for (const catalog::Index& index : live->indexes)
            covered = covered || (index.valid && covers(index, k.columns));
    }
    if (!covered) {
        if (const catalog::Table* t = ctx.target().table(c.schema, c.table)) {
            for (const catalog::Index& index : t->indexes) {
                if (!covers(index, k.columns))
                    continue;
                covered = true;
                // Built by planIndex when it is new; the constraint waits for it.
                if (index.constraintName.isEmpty() &&
                    ctx.changes().find(diff::ObjectKind::Index, c.schema, c.table, index.name)) {
                    deps << toString(Phase::Expand) + QStringLiteral(":create-index:") + c.schema +
                                QLatin1Char('.') + c.table + QLatin1Char('.') + index.name;
                }
            }
        }
    }
    // The plan builds exactly the target: an index the target lacks would make the next diff
    // propose dropping it. Say what it costs instead, and let the person add it to the target.
    if (!covered && ctx.mayHaveRows(c.schema, liveName(c, ctx)) && k.enforced) {
        ctx.addFinding({Finding::Severity::Warning,
                        child,
                        QStringLiteral("No index covers foreign key %1").arg(quoteIdent(k.name)),
                        QStringLiteral("Without an index on %1 (%2), every delete or key update on "
                                       "%3 scans %1, and VALIDATE reads it all.")
                            .arg(child, columnList(k.columns), parent),
                        {QStringLiteral("Add CREATE INDEX ON %1 (%2) to the target schema: the "
                                        "plan then builds it concurrently before the foreign key")
                             .arg(child, columnList(k.columns))},
                        QStringLiteral("K2")});
    }

    const bool partitioned =
        ctx.liveTable(c.schema, liveName(c, ctx)) &&
        ctx.liveTable(c.schema, liveName(c, ctx))->kind == catalog::TableKind::Partitioned;
    if (partitioned && ctx.major() < 18 && k.enforced && k.validated) {
        partitions::planForeignKey(c, k, deps, ctx);
        return;
    }

    const bool validate = k.validated && k.enforced;
    Step s;
    s.id = stepId(Phase::Expand, QStringLiteral("add-fk"), c, k.name);
    s.phase = Phase::Expand;
    s.title = QStringLiteral("Add foreign key %1 on %2 without validating existing rows")
                  .arg(quoteIdent(k.name), child);
    s.sql = addSql(c, k, k.enforced);
    s.rollbackSql = dropSql(c, k.name);
    s.locks.push_back({LockMode::ShareRowExclusive, child, true});
    if (parent != child)
        s.locks.push_back({LockMode::ShareRowExclusive, parent, true});
    s.hazards.push_back({HazardKind::BlocksWrites,
                         QStringLiteral("SHARE ROW EXCLUSIVE on both tables for a catalog "
                                        "update; writers wait while it is queued")});
    s.referenceRow = QStringLiteral("K2");
    s.dependsOn = deps;
    s.rationale = QStringLiteral("NOT VALID skips the scan: only new writes are checked, so the "
                                 "lock is held for a catalog update only.");
    const QString id = ctx.add(std::move(s)).id;
    if (validate) {
        addValidate(c, k, Phase::Tighten, QStringLiteral("K2"), id,
                    QStringLiteral("Proves that no existing row of %1 is an orphan. The planner "
                                   "cannot know without querying: if one is, the step fails, "
                                   "the runner stops, and the orphans must be fixed first.")
                        .arg(child),
                    ctx);
    }
}

// K5: no NOT VALID, no USING INDEX: the index is built and the rows checked under ACCESS
// EXCLUSIVE. Planned when that fits the lock budget on the table's real size (an empty table, a
// small one) or the downtime was accepted; a blocking finding otherwise. `replaced`: the live
// exclusion constraint of the same name, dropped in the same statement (no unguarded gap).
void addExclusion(const Change& c, const Constraint& k, RecipeContext& ctx, const QString& after,
                  const Constraint* replaced = nullptr)
{
    const QString relation = qualified(c.schema, c.table);
    const QString live = liveName(c, ctx);
    const plan::detail::BudgetVerdict budget =
        live.isEmpty() ? plan::detail::BudgetVerdict{true, true, false, 0, 0, 0}
                       : plan::detail::lockBudget(ctx, c.schema, live, Work::Build);
    const QString object = relation + QLatin1Char('.') + quoteIdent(k.name);
    if (!budget.planned()) {
        plan::detail::addOverBudgetFinding(
            ctx, object,
            QStringLiteral("Exclusion constraint %1 needs a blocking build")
                .arg(quoteIdent(k.name)),
            QStringLiteral("EXCLUDE supports neither NOT VALID nor USING INDEX: adding it to a "
                           "populated table blocks all access to %1 for the build.")
                .arg(relation),
            budget, sqlb::idPath(c.schema, live),
            {QStringLiteral("Build a new table with the constraint and move the rows (T3 copy "
                            "variant)"),
             QStringLiteral("Enforce the rule temporarily with a trigger and an advisory lock "
                            "until a maintenance window")},
            QStringLiteral("K5"));
    }
    Step s;
    s.id = stepId(Phase::Tighten, QStringLiteral("add-exclusion"), c, k.name);
    s.phase = Phase::Tighten;
    s.title = QStringLiteral("%1 exclusion constraint %2 on %3")
                  .arg(replaced ? QStringLiteral("Replace") : QStringLiteral("Add"),
                       quoteIdent(k.name), relation);
    s.sql = replaced ? alterTable(c) + QStringLiteral(" DROP CONSTRAINT ") + quoteIdent(k.name) +
                           QStringLiteral(", ADD CONSTRAINT ") + quoteIdent(k.name) +
                           QLatin1Char(' ') + body(k) + QLatin1Char(';')
                     : addSql(c, k, false);
    s.rollbackSql = replaced
                        ? alterTable(c) + QStringLiteral(" DROP CONSTRAINT ") + quoteIdent(k.name) +
                              QStringLiteral(", ADD CONSTRAINT ") + quoteIdent(replaced->name) +
                              QLatin1Char(' ') + body(*replaced) + QLatin1Char(';')
                        : dropSql(c, k.name);
    if (!live.isEmpty()) {
        const QString guard = plan::detail::budgetGuard(c.schema, live, budget);
        if (!guard.isEmpty())
            s.sql = guard + QLatin1Char('\n') + s.sql;
    }
    s.locks.push_back({LockMode::AccessExclusive, relation, budget.empty});
    s.work = Work::Build;
    s.hazards.push_back({HazardKind::AccessExclusiveLock,
                         budget.empty ? QStringLiteral("The table is empty: the build is instant")
                                      : QStringLiteral("Blocks every read and write while the "
                                                       "index is built and the rows checked (%1)")
                                            .arg(plan::detail::describeEstimate(budget))});
    s.referenceRow = QStringLiteral("K5");
    if (!after.isEmpty())
        s.dependsOn << after;
    s.rationale = QStringLiteral("PostgreSQL has no online way to add an exclusion constraint. ") +
                  plan::detail::budgetRationale(budget, QStringLiteral("Building its index"));
    ctx.add(std::move(s));
}

QString addConstraint(const Change& c, const Constraint& k, RecipeContext& ctx,
                      const QString& after)
{
    const size_t before = ctx.steps().size();
    if (!k.enforced && k.kind != ConstraintKind::Exclusion) {
        // PostgreSQL 18 NOT ENFORCED: catalog only, nothing to validate.
        Step s;
        s.id = stepId(Phase::Expand, QStringLiteral("add-constraint"), c, k.name);
        s.title = QStringLiteral("Add unenforced constraint %1 on %2")
                      .arg(quoteIdent(k.name), qualified(c.schema, c.table));
        s.sql = addSql(c, k, false);
        s.rollbackSql = dropSql(c, k.name);
        s.locks.push_back({k.kind == ConstraintKind::ForeignKey ? LockMode::ShareRowExclusive
                                                                : LockMode::AccessExclusive,
                           qualified(c.schema, c.table), true});
        s.referenceRow = QStringLiteral("K1");
        if (!after.isEmpty())
            s.dependsOn << after;
        s.rationale = QStringLiteral("NOT ENFORCED constraints are catalog entries only.");
        return ctx.add(std::move(s)).id;
    }
    switch (k.kind) {
    case ConstraintKind::Check:
        addCheck(c, k, ctx, after);
        break;
    case ConstraintKind::ForeignKey:
        addForeignKey(c, k, ctx, after);
        break;
    case ConstraintKind::Unique:
    case ConstraintKind::PrimaryKey:
        addUniqueOrPk(c, k, ctx, after);
        break;
    case ConstraintKind::Exclusion:
        addExclusion(c, k, ctx, after);
        break;
    }
    return ctx.steps().size() > before ? ctx.steps().back().id : QString();
}

// K6: contract, one statement; an FK drop takes ACCESS EXCLUSIVE on both tables.
QString dropConstraint(const Change& c, const Constraint& k, Phase phase, RecipeContext& ctx)
{
    const QString relation = qualified(c.schema, c.table);
    Step s;
    s.id = stepId(phase, QStringLiteral("drop-constraint"), c, k.name);
    s.phase = phase;
    s.title = QStringLiteral("Drop constraint %1 from %2").arg(quoteIdent(k.name), relation);
    s.sql = dropSql(c, k.name);
    s.locks.push_back({LockMode::AccessExclusive, relation, true});
    if (k.kind == ConstraintKind::ForeignKey && !k.refTable.isEmpty() &&
        qualified(k.refSchema, k.refTable) != relation)
        s.locks.push_back({LockMode::AccessExclusive, qualified(k.refSchema, k.refTable), true});
    s.hazards.push_back({HazardKind::AccessExclusiveLock,
                         QStringLiteral("Brief full block of every locked table; bounded by "
                                        "lock_timeout")});
    if (k.kind == ConstraintKind::Check || k.kind == ConstraintKind::ForeignKey) {
        // Re-adding NOT VALID restores enforcement for new writes without a scan.
        s.rollbackSql = addSql(c, k, true);
    } else {
        s.irreversibleReason = QStringLiteral("Re-creating the constraint needs its index built "
                                              "again (K3–K5), not an instant rollback.");
        s.hazards.push_back({HazardKind::BreaksRunningApp,
                             QStringLiteral("Drops the index behind it: ON CONFLICT targets and "
                                            "queries relying on it fail or slow down")});
    }
    s.referenceRow = QStringLiteral("K6");
    s.rationale = phase == Phase::Contract
                      ? QStringLiteral("Only after every running version stopped relying on it.")
                      : QStringLiteral("Replaced by the new definition right after.");
    // Foreign keys using the key's index move to the unique index the target keeps for them.
    ForeignKeyHandover handover;
    const catalog::Table* live = ctx.liveTable(c.schema, liveName(c, ctx));
    const auto index = live
                           ? std::find_if(live->indexes.begin(), live->indexes.end(),
                                          [&](const auto& i) { return i.constraintName == k.name; })
                           : std::vector<catalog::Index>::const_iterator();
    if (phase == Phase::Contract && live && index != live->indexes.end() &&
        (k.kind == ConstraintKind::PrimaryKey || k.kind == ConstraintKind::Unique))
        handover = foreignKeysUsing({c.schema, liveName(c, ctx), c.table, &*index,
                                     liveKey(QStringLiteral("constraint"), c, k.name, ctx),
                                     relation + QLatin1Char('.') + quoteIdent(k.name)},
                                    ctx);
    handOver(s, relation, handover);
    const QString id = ctx.add(std::move(s)).id;
    validateHandedOver(handover, id, phase, ctx);
    return id;
}

void addComment(const Change& c, const QString& comment, const QString& previous,
                const QString& after, RecipeContext& ctx)
{
    auto text = [](const QString& value) -> QString {
        return value.isEmpty() ? QStringLiteral("NULL") : quoteLiteral(value);
    };
    // After the constraint exists: in the phase of the step that creates it.
    Phase phase = Phase::Expand;
    for (const Step& step : ctx.steps()) {
        if (step.id == after)
            phase = step.phase;
    }
    const QString target = QStringLiteral("COMMENT ON CONSTRAINT ") + quoteIdent(c.name) +
                           QStringLiteral(" ON ") + qualified(c.schema, c.table) +
                           QStringLiteral(" IS ");
    Step s;
    s.id = stepId(phase, QStringLiteral("comment-constraint"), c, c.name);
    s.phase = phase;
    s.title = QStringLiteral("Set the comment of constraint %1").arg(quoteIdent(c.name));
    s.sql = target + text(comment) + QLatin1Char(';');
    s.rollbackSql = target + text(previous) + QLatin1Char(';');
    s.locks.push_back({LockMode::ShareUpdateExclusive, qualified(c.schema, c.table), true});
    s.referenceRow = QStringLiteral("M2");
    if (!after.isEmpty())
        s.dependsOn << after;
    s.rationale = QStringLiteral("Comments never affect the application.");
    ctx.add(std::move(s));
}

// A changed CHECK or FOREIGN KEY: dropped and re-added NOT VALID in one statement, so the
// table is never without the rule; validation follows in its own transaction.
QString replaceCheckOrFk(const Change& c, const Constraint& before, const Constraint& after,
                         const QString& previous, RecipeContext& ctx)
{
    const QString relation = qualified(c.schema, c.table);
    const bool fk = after.kind == ConstraintKind::ForeignKey;
    // Like an added CHECK, a changed one may reject writes of the old app: tighten.
    const Phase phase = fk ? Phase::Expand : Phase::Tighten;
    Step s;
    s.id = stepId(phase, QStringLiteral("replace-constraint"), c, after.name);
    s.phase = phase;
    s.title = QStringLiteral("Replace constraint %1 on %2 without validating existing rows")
                  .arg(quoteIdent(after.name), relation);
    auto statement = [&](const Constraint& from, const Constraint& to, bool notValid) -> QString {
        return alterTable(c) + QStringLiteral(" DROP CONSTRAINT ") + quoteIdent(from.name) +
               QStringLiteral(", ADD CONSTRAINT ") + quoteIdent(to.name) + QLatin1Char(' ') +
               body(to) + (notValid ? QStringLiteral(" NOT VALID;") : QStringLiteral(";"));
    };
    s.sql = statement(before, after, true);
    s.rollbackSql = statement(after, before, true);
    s.locks.push_back({LockMode::AccessExclusive, relation, true});
    auto lockParent = [&](const Constraint& k, LockMode mode) {
        if (k.kind != ConstraintKind::ForeignKey || k.refTable.isEmpty())
            return;
        const QString parent = qualified(k.refSchema, k.refTable);
        for (const Lock& l : s.locks) {
            if (l.relation == parent)
                return;
        }
        s.locks.push_back({mode, parent, true});
    };
    lockParent(before, LockMode::AccessExclusive);
    lockParent(after, LockMode::ShareRowExclusive);
    s.hazards.push_back({HazardKind::AccessExclusiveLock,
                         QStringLiteral("Catalog update only (NOT VALID), but queued behind "
                                        "running queries; bounded by lock_timeout")});
    s.referenceRow = fk ? QStringLiteral("K2") : QStringLiteral("K1");
    if (!previous.isEmpty())
        s.dependsOn << previous;
    s.rationale = QStringLiteral("One statement drops the old definition and adds the new one "
                                 "NOT VALID: new writes are checked against the new rule at "
                                 "once, without a scan.");
    const QString id = ctx.add(std::move(s)).id;
    if (!after.validated)
        return id;
    return addValidate(c, after, Phase::Tighten, fk ? QStringLiteral("K2") : QStringLiteral("K1"),
                       id,
                       QStringLiteral("Proves the existing rows against the new definition; if "
                                      "one violates it the step fails and the runner stops."),
                       ctx)
        .id;
}

bool indexTakesConstraintName(const RecipeContext& ctx, const Change& c, const Constraint& k)
{
    const catalog::Table* target = ctx.target().table(c.schema, c.table);
    const catalog::Index* kept = target ? target->index(k.indexName) : nullptr;
    return (k.kind == ConstraintKind::PrimaryKey || k.kind == ConstraintKind::Unique) && kept &&
           target->kind != catalog::TableKind::Partitioned && kept->constraintName.isEmpty() &&
           ctx.liveTable(c.schema, c.table);
}

bool onlyAttributes(const Change& c, const QStringList& allowed)
{
    for (const diff::AttributeChange& a : c.attributes) {
        if (!allowed.contains(a.attribute))
            return false;
    }
    return true;
}

} // namespace

void planConstraint(const Change& change, RecipeContext& ctx)
{
    // Constraints of a new table are part of its CREATE TABLE; inherited ones follow the parent.
    if (liveName(change, ctx).isEmpty())
        return;
    const Constraint* before = change.beforeAs<Constraint>();
    const Constraint* after = change.afterAs<Constraint>();
    if ((after && !after->isLocal) || (!after && before && !before->isLocal))
        return;
    // Foreign keys on a key whose columns change move inside the key replacement.
    if (detail::foreignKeyMovesWithKey(ctx, change))
        return;
    if (detail::isKeyReplacement(ctx, change)) {
        planKeyReplacement(change, ctx);
        const diff::AttributeChange* comment = change.attribute(QStringLiteral("comment"));
        if (comment)
            addComment(change, comment->to, comment->from,
                       QStringLiteral("contract:replace-key:") + change.schema + QLatin1Char('.') +
                           change.table + QLatin1Char('.') + change.name,
                       ctx);
        return;
    }

    const QString renameId =
        stepId(Phase::Expand, QStringLiteral("rename-constraint"), change, change.name);
    QString previous =
        change.action == Action::Changed && !change.renamedFrom.isEmpty() ? renameId : QString();

    switch (change.action) {
    case Action::Added: {
        if (!after)
            return;
        const QString id = addConstraint(change, *after, ctx, {});
        if (!after->comment.isEmpty())
            addComment(change, after->comment, {}, id, ctx);
        return;
    }
    case Action::Removed:
        // A key whose index the target keeps as a plain index of its name: the index recipe
        // drops the constraint in the step that gives the name to the index built beside it.
        if (before && !indexTakesConstraintName(ctx, change, *before))
            dropConstraint(change, *before, Phase::Contract, ctx);
        return;
    case Action::Renamed: {
        Step s;
        s.id = renameId;
        s.title = QStringLiteral("Rename constraint %1 to %2")
                      .arg(quoteIdent(change.renamedFrom), quoteIdent(change.name));
        s.sql = alterTable(change) + QStringLiteral(" RENAME CONSTRAINT ") +
                quoteIdent(change.renamedFrom) + QStringLiteral(" TO ") + quoteIdent(change.name) +
                QLatin1Char(';');
        s.rollbackSql = alterTable(change) + QStringLiteral(" RENAME CONSTRAINT ") +
                        quoteIdent(change.name) + QStringLiteral(" TO ") +
                        quoteIdent(change.renamedFrom) + QLatin1Char(';');
        s.locks.push_back(
            {LockMode::AccessExclusive, qualified(change.schema, change.table), true});
        s.referenceRow = QStringLiteral("K6");
        s.rationale = QStringLiteral("A name only: constraints are not named by the app, except "
                                     "in error handling that matches constraint names.");
        ctx.add(std::move(s));
        return;
    }
    case Action::Changed:
        break;
    }
    if (!before || !after)
        return;

    const diff::AttributeChange* comment = change.attribute(QStringLiteral("comment"));
    if (onlyAttributes(change, {QStringLiteral("comment")})) {
        addComment(change, comment->to, comment->from, previous, ctx);
        return;
    }
    if (onlyAttributes(change, {QStringLiteral("validity"), QStringLiteral("comment")}) &&
        after->validated) {
        const Phase phase = Phase::Tighten;
        const QString id =
            addValidate(change, *after, phase,
                        after->kind == ConstraintKind::ForeignKey ? QStringLiteral("K2")
                                                                  : QStringLiteral("K1"),
                        previous,
                        QStringLiteral("The constraint exists NOT VALID; this "
                                       "proves the existing rows."),
                        ctx)
                .id;
        if (comment)
            addComment(change, comment->to, comment->from, id, ctx);
        return;
    }
    if (after->kind == ConstraintKind::ForeignKey && before->kind == ConstraintKind::ForeignKey &&
        onlyAttributes(change, {QStringLiteral("deferrable"), QStringLiteral("comment")})) {
        Step s;
        s.id = stepId(Phase::Expand, QStringLiteral("alter-constraint"), change, change.name);
        s.title = QStringLiteral("Change the deferrability of foreign key %1")
                      .arg(quoteIdent(change.name));
        auto mode = [](const Constraint& k) -> QString {
            return !k.deferrable         ? QStringLiteral("NOT DEFERRABLE")
                   : k.initiallyDeferred ? QStringLiteral("DEFERRABLE INITIALLY DEFERRED")
                                         : QStringLiteral("DEFERRABLE INITIALLY IMMEDIATE");
        };
        const QString head = alterTable(change) + QStringLiteral(" ALTER CONSTRAINT ") +
                             quoteIdent(change.name) + QLatin1Char(' ');
        s.sql = head + mode(*after) + QLatin1Char(';');
        s.rollbackSql = head + mode(*before) + QLatin1Char(';');
        s.locks.push_back(
            {LockMode::AccessExclusive, qualified(change.schema, change.table), true});
        s.referenceRow = QStringLiteral("K6");
        if (!previous.isEmpty())
            s.dependsOn << previous;
        s.rationale = QStringLiteral("Catalog update only.");
        const QString id = ctx.add(std::move(s)).id;
        if (comment)
            addComment(change, comment->to, comment->from, id, ctx);
        return;
    }

    // Anything else: the old definition goes, the new one comes the safe way.
    const QString relation = qualified(change.schema, change.table);
    const auto isCheckOrFk = [](const Constraint& k) {
        return k.enforced &&
               (k.kind == ConstraintKind::Check || k.kind == ConstraintKind::ForeignKey);
    };
    QString id;
    if (isCheckOrFk(*before) && isCheckOrFk(*after)) {
        id = replaceCheckOrFk(change, *before, *after, previous, ctx);
    } else if (before->kind == ConstraintKind::Exclusion &&
               after->kind == ConstraintKind::Exclusion && before->name == after->name) {
        const size_t count = ctx.steps().size();
        addExclusion(change, *after, ctx, previous, before);
        id = ctx.steps().size() > count ? ctx.steps().back().id : QString();
    } else {
        // UNIQUE / PRIMARY KEY: the index goes with the constraint (and referencing foreign
        // keys prevent the drop), so there is no gap-free swap under the same name.
        if (before->kind != ConstraintKind::Check && before->kind != ConstraintKind::ForeignKey) {
            ctx.addFinding(
                {Finding::Severity::Blocking,
                 relation + QLatin1Char('.') + quoteIdent(change.name),
                 QStringLiteral("Changed %1 %2")
                     .arg(catalog::toString(before->kind), quoteIdent(change.name)),
                 QStringLiteral("Replacing it drops its index (and fails while foreign keys "
                                "reference it) before the new one is in place."),
                 {QStringLiteral("Add the new constraint under another name (index built "
                                 "concurrently), move referencing foreign keys, then drop the "
                                 "old one"),
                  QStringLiteral("Run the drop and re-add in a maintenance window")},
                 QStringLiteral("K6")});
        }
        const QString dropId = dropConstraint(change, *before, Phase::Expand, ctx);
        if (!previous.isEmpty())
            ctx.steps().back().dependsOn << previous;
        id = addConstraint(change, *after, ctx, dropId);
    }
    if (!after->comment.isEmpty() && !id.isEmpty())
        addComment(change, after->comment, comment ? comment->from : after->comment, id, ctx);
}

// A constraint change on a column that a column swap replaces: the swap copies the live
// constraints to the new column and gives them back their names in contract, so the change is
// made on that copy, after the swap, instead of on the old column that is dropped.
void linkConstraintsToSwaps(RecipeContext& ctx)
{
    auto has = [&](const QString& id) {
        return std::any_of(ctx.steps().begin(), ctx.steps().end(),
                           [&](const Step& st) { return st.id == id; });
    };
    for (const Change& c : ctx.changes().changes) {
        if (c.kind != diff::ObjectKind::Constraint || !c.tableRenamedFrom.isEmpty())
            continue;
        QStringList columns;
        QStringList names{c.name};
        if (const Constraint* k = c.afterAs<Constraint>())
            columns << k->columns;
        if (const Constraint* k = c.beforeAs<Constraint>()) {
            columns << k->columns;
            names << k->name;
        }
        const QString path = c.schema + QLatin1Char('.') + c.table + QLatin1Char('.');
        QString after;
        for (const QString& column : columns) {
            const QString restore = QStringLiteral("contract:restore-names:") + path + column;
            const QString swap = QStringLiteral("contract:drop-sync-trigger:") + path + column;
            if (has(restore))
                after = restore;
            else if (after.isEmpty() && has(swap))
                after = swap;
        }
        if (after.isEmpty())
            continue;
        for (Step& st : ctx.steps()) {
            const bool ofThis = std::any_of(names.begin(), names.end(), [&](const QString& n) {
                return st.id.endsWith(QLatin1Char(':') + path + n);
            });
            if (!ofThis || st.id == after || st.id.contains(QLatin1String(":copy-constraint:")))
                continue;
            st.phase = Phase::Contract;
            if (!st.dependsOn.contains(after))
                st.dependsOn << after;
        }
    }
}

} // namespace bellows::plan::recipes
