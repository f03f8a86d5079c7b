// The column swap (reference C10 option (a), Y2): a new column kept equal to the old one by a
// two-way sync trigger (§4.3), backfilled, verified by a validated CHECK (§3.6), tightened, and
// after the last gate the old column is dropped. The C7 NOT NULL route is not_null_recipe.cpp.

#include "catalog/privilege_sql.h"
#include "exec/batch_statements.h"
#include "plan/column_swap.h"
#include "plan/conversion.h"
#include "plan/recipes.h"
#include "plan/sql_builders.h"
#include "plan/sync_trigger.h"

#include "diff/identifier_rewrite.h"
#include "sql/quote.h"

#include <QRegularExpression>

#include <algorithm>

namespace bellows::plan {

using catalog::Column;
using diff::Action;
using diff::Change;
using sql::quoteIdent;

namespace detail {

const catalog::Table* liveTableOf(const Change& change, const RecipeContext& ctx)
{
    const QString name =
        change.isSubObject()
            ? (change.tableRenamedFrom.isEmpty() ? change.table : change.tableRenamedFrom)
            : (change.renamedFrom.isEmpty() ? change.name : change.renamedFrom);
    return ctx.liveTable(change.schema, name);
}

QStringList primaryKeyColumns(const catalog::Table* table)
{
    if (!table)
        return {};
    for (const catalog::Constraint& c : table->constraints) {
        if (c.kind == catalog::ConstraintKind::PrimaryKey)
            return c.columns;
    }
    return {};
}

bool blockOnDependentViews(RecipeContext& ctx, const QString& schema, const QString& table,
                           const QString& column, const QString& what)
{
    auto word = [](const QString& name) {
        return QRegularExpression(QStringLiteral("(^|[^A-Za-z0-9_$])\"?%1\"?($|[^A-Za-z0-9_$])")
                                      .arg(QRegularExpression::escape(name)));
    };
    const QRegularExpression tableWord = word(table);
    const QRegularExpression columnWord = word(column);
    bool blocked = false;
    for (const catalog::View& v : ctx.database().views) {
        // Views elsewhere name the table with its schema; same-schema ones may not.
        if (!v.definition.contains(tableWord) ||
            (v.schema != schema && !v.definition.contains(word(schema))) ||
            (!column.isEmpty() && !v.definition.contains(columnWord)))
            continue;
        const auto kind =
            v.materialized ? diff::ObjectKind::MaterializedView : diff::ObjectKind::View;
        const Change* planned = ctx.changes().find(kind, v.schema, QString(), v.name);
        if (planned && (planned->action == Action::Removed || planned->action == Action::Changed))
            continue;
        Finding f;
        f.object = sqlb::rel(v.schema, v.name);
        f.title = QStringLiteral("View %1 depends on %2")
                      .arg(f.object, what.section(QLatin1Char(' '), -1));
        f.reason = QStringLiteral("PostgreSQL refuses %1 while the view uses it, and CASCADE "
                                  "would drop the view. Bellows never uses CASCADE.")
                       .arg(what);
        f.options = {QStringLiteral("Change or drop the view in the target schema as well, so "
                                    "the plan re-creates it"),
                     QStringLiteral("Keep the column as it is")};
        f.referenceRow = QStringLiteral("W2");
        ctx.addFinding(f);
        blocked = true;
    }
    return blocked;
}

} // namespace detail

namespace {

bool hasInheritanceChildren(const catalog::Catalog& database, const catalog::Table& table)
{
    const QString key = table.schema + QLatin1Char('.') + table.name;
    return std::any_of(database.tables.begin(), database.tables.end(),
                       [&](const catalog::Table& t) { return t.inherits.contains(key); });
}

// The copy of a UNIQUE constraint's index becomes that constraint again, under the target's
// name (K3): `ADD CONSTRAINT … UNIQUE USING INDEX` renames the index. Empty for a plain index
// and for an exclusion constraint (which has no USING INDEX form).
QString attachAsConstraint(const catalog::Table& live, const catalog::Index& index,
                           const QString& copyName, const QString& finalName)
{
    if (index.constraintName.isEmpty() || !index.unique)
        return {};
    const auto it = std::find_if(
        live.constraints.begin(), live.constraints.end(), [&](const catalog::Constraint& c) {
            return c.name == index.constraintName && c.kind == catalog::ConstraintKind::Unique;
        });
    if (it == live.constraints.end())
        return {};
    QString attach = QStringLiteral("ADD CONSTRAINT %1 UNIQUE USING INDEX %2")
                         .arg(quoteIdent(finalName), quoteIdent(copyName));
    if (it->deferrable)
        attach += QStringLiteral(" DEFERRABLE");
    if (it->initiallyDeferred)
        attach += QStringLiteral(" INITIALLY DEFERRED");
    return attach;
}

QString keySql(const catalog::IndexKey& k, const diff::IdentifierRewrite& rw)
{
    QString out =
        k.column.isEmpty()
            ? QLatin1Char('(') + diff::rewriteIdentifiers(k.expression, rw) + QLatin1Char(')')
            : quoteIdent(rw.columns.value(k.column, k.column));
    if (!k.collation.isEmpty())
        out += QStringLiteral(" COLLATE ") + sqlb::catalogName(k.collation);
    if (!k.opclass.isEmpty())
        out += QLatin1Char(' ') + sqlb::catalogName(k.opclass);
    if (k.descending)
        out += QStringLiteral(" DESC");
    if (k.nullsFirst && !k.descending)
        out += QStringLiteral(" NULLS FIRST");
    else if (!k.nullsFirst && k.descending)
        out += QStringLiteral(" NULLS LAST");
    return out;
}

bool mentions(const QString& text, const QString& column)
{
    if (text.isEmpty())
        return false;
    diff::IdentifierRewrite probe;
    probe.columns.insert(column, column + QStringLiteral("_x"));
    return diff::rewriteIdentifiers(text, probe) != text;
}

bool usesColumn(const catalog::Index& index, const QString& column)
{
    for (const catalog::IndexKey& k : index.keys) {
        if (k.column == column || mentions(k.expression, column))
            return true;
    }
    return index.include.contains(column) || mentions(index.predicate, column);
}

// Whether the target's primary key still holds the column. When it does not, the live key
// is dropped or replaced by the plan, and linkKeyChanges orders this swap after that.
bool keptInTargetKey(const RecipeContext& ctx, const QString& schema, const QString& table,
                     const QString& column)
{
    return detail::primaryKeyColumns(ctx.target().table(schema, table)).contains(column);
}

// The decisions a conversion needs from the user before it can be planned: a time zone when the
// result depends on one, and a way back for a rename (the old app reads the old column).
bool conversionIsDecidable(RecipeContext& ctx, const Conversion& conversion, bool rename,
                           const QString& who, const QString& oldType, const QString& newType)
{
    if (conversion.isIdentity())
        return true;
    const QString path = who; // quoted and qualified, as the options expect it unquoted below
    Finding f;
    f.object = who;
    f.referenceRow = QStringLiteral("Y2");
    if (dependsOnTimeZone(oldType, newType) && conversion.timeZone().isEmpty()) {
        f.title = QStringLiteral("Converting %1 from %2 to %3 depends on a time zone")
                      .arg(who, oldType, newType);
        f.reason = QStringLiteral("PostgreSQL converts between these types in the TimeZone of "
                                  "whichever session runs the conversion, so two writers in "
                                  "different zones would store different instants. Bellows pins "
                                  "one zone for the trigger, the backfill and the check, and "
                                  "needs to be told which.");
        f.options = {QStringLiteral("Plan again with --time-zone ZONE (e.g. --time-zone UTC) for "
                                    "every conversion, or --time-zone schema.table.column=ZONE "
                                    "for this one: the zone the stored values are meant in")};
        ctx.addFinding(f);
        return false;
    }
    if (rename && !conversion.hasReverse()) {
        f.title = QStringLiteral("%1 is renamed and converted with --using").arg(path);
        f.reason = QStringLiteral("While both app versions run, values the new version writes "
                                  "must flow back into the old column, and a --using expression "
                                  "only goes one way.");
        f.options = {QStringLiteral("Plan the rename and the type change separately"),
                     QStringLiteral("Drop --using if PostgreSQL can convert the type itself")};
        ctx.addFinding(f);
        return false;
    }
    return true;
}

} // namespace

namespace detail {

void planColumnSwap(const Change& change, const Column& oldColumn, const Column& target,
                    bool rename, RecipeContext& ctx, SwapHandoff* handoff)
{
    const QString s = change.schema;
    const QString t = change.table;
    const catalog::Table* live = liveTableOf(change, ctx);
    if (!handoff && !rename) {
        // A key swap plans this column with the key it references, or the key itself.
        if (referencesKeySwap(ctx, live, oldColumn.name))
            return;
        if (live && isKeySwap(ctx, s, live->name, oldColumn.name)) {
            planKeySwap(change, oldColumn, target, ctx);
            return;
        }
    }
    const QString who = sqlb::rel(s, t) + QLatin1Char('.') + quoteIdent(oldColumn.name);
    const QString finalName = target.name;
    const QString newName =
        rename ? finalName : sqlb::boundedName(oldColumn.name, QStringLiteral("_bellows_new"));
    const QString parkedName =
        rename ? oldColumn.name : sqlb::boundedName(oldColumn.name, QStringLiteral("_bellows_old"));
    const QString p = sqlb::idPath(s, t, finalName);
    const QString whoNew = sqlb::rel(s, t) + QLatin1Char('.') + quoteIdent(newName);

    // Cases this swap does not handle: say so instead of emitting a broken plan.
    // The key column of a key swap is the one case where a key and its references may move.
    const bool isKey = handoff && live && handoff->keySchema == s &&
                       handoff->keyTable == live->name && handoff->keyColumn == oldColumn.name;
    QString refused;
    if (handoff && !isKey && primaryKeyColumns(live).contains(oldColumn.name))
        refused = QStringLiteral("%1 is part of the primary key and references a key being "
                                 "swapped: chained key swaps are not automated (Y2, K4).")
                      .arg(who);
    else if (!isKey && primaryKeyColumns(live).contains(oldColumn.name) &&
             keptInTargetKey(ctx, s, t, oldColumn.name))
        refused = QStringLiteral("%1 is part of the primary key: only widening the integer "
                                 "type of a single-column key (e.g. int→bigint) is automated; "
                                 "other key changes need a unique index built concurrently, a "
                                 "PRIMARY KEY USING INDEX swap and the same change on every "
                                 "referencing column (Y2, K4, Q2).")
                      .arg(who);
    else if (oldColumn.identity != catalog::IdentityKind::None ||
             oldColumn.generated != catalog::GeneratedKind::None ||
             target.identity != catalog::IdentityKind::None ||
             target.generated != catalog::GeneratedKind::None)
        refused = QStringLiteral("%1 is an identity or generated column: a sync trigger cannot "
                                 "write it.")
                      .arg(who);
    // Renamed too: the copy's contract drops the old column, which the generated column uses.
    else if (live && !generatedUsing(*live, oldColumn.name).isEmpty())
        refused = QStringLiteral("Generated column %1 is computed from %2: the column cannot be "
                                 "swapped under it, and re-pointing a stored generated column "
                                 "rewrites the table.")
                      .arg(generatedUsing(*live, oldColumn.name).join(QStringLiteral(", ")), who);
    else if (live && (!oldColumn.isLocal || hasInheritanceChildren(ctx.database(), *live)))
        refused = QStringLiteral("%1 is shared by table inheritance: PostgreSQL refuses to rename "
                                 "an inherited column, so a column swap could not finish.")
                      .arg(who);
    else if (live && !isKey) {
        for (const catalog::Table& other : ctx.database().tables) {
            for (const catalog::Constraint& c : other.constraints) {
                if (c.kind == catalog::ConstraintKind::ForeignKey && c.refSchema == s &&
                    c.refTable == live->name && c.refColumns.contains(oldColumn.name))
                    refused = QStringLiteral("%1 is referenced by foreign key %2: the referenced "
                                             "key must move with the referencing columns.")
                                  .arg(who, sqlb::rel(other.schema, c.name));
            }
        }
    }
    if (!refused.isEmpty() && live && !rename && !handoff) {
        planInPlaceRewrite(change, oldColumn, target, refused, ctx);
        return;
    }
    if (!refused.isEmpty() || !live) {
        Finding f;
        f.object = who;
        f.title = rename
                      ? QStringLiteral("Cannot rename %1 without downtime automatically").arg(who)
                      : QStringLiteral("Cannot change the type of %1 without downtime "
                                       "automatically")
                            .arg(who);
        f.reason = refused.isEmpty() ? QStringLiteral("The table does not exist yet.") : refused;
        f.options = {QStringLiteral("Rename only in the ORM mapping (C10 option c)"),
                     QStringLiteral("Do it by hand following reference row Y2 / C10"),
                     QStringLiteral("Accept a brief outage: ALTER TABLE in a maintenance window")};
        f.referenceRow = rename ? QStringLiteral("C10") : QStringLiteral("Y2");
        ctx.addFinding(f);
        return;
    }
    if (handoff) {
        handoff->planned = true;
        handoff->newColumn = newName;
    }
    // A retyped column's views follow it at the swap (view_cascade.cpp); a renamed one's
    // change in the target, or they block.
    if (rename)
        blockOnDependentViews(ctx, s, t, oldColumn.name, QStringLiteral("renaming ") + who);

    const QString row = rename ? QStringLiteral("C10") : QStringLiteral("Y2");
    const QString oldType = sqlb::typeSql(oldColumn);
    const QString newType = sqlb::typeSql(target);
    // Domains behave like the types behind them (settings, comparisons, time zones).
    const QString oldBase = baseTypeOf(oldType, {&ctx.database(), &ctx.target()});
    const QString newBase = baseTypeOf(newType, {&ctx.target(), &ctx.database()});
    // Choices name the column as the target does (its new name).
    const std::optional<ConversionChoice> choice = ctx.choices().conversionFor(s, t, target.name);
    const Conversion conversion(ConversionSpec{s, t, oldColumn.name, newName, oldType, newType,
                                               choice ? &*choice : nullptr, oldBase, newBase});
    if (!conversionIsDecidable(ctx, conversion, rename, who, oldBase, newBase))
        return;
    const SyncTrigger sync(SyncTriggerSpec{s, t, oldColumn.name, newName, oldBase, newBase},
                           conversion);
    const QString fOld = conversion.forward(quoteIdent(oldColumn.name));
    // The new column's value differs from what the old one converts to: rows still to copy.
    const QString pending = distinctExact(quoteIdent(newName), fOld, newBase);
    auto aeHazard = [&] {
        return sqlb::hazard(
            HazardKind::AccessExclusiveLock,
            QStringLiteral("ACCESS EXCLUSIVE on %1 for a catalog update").arg(sqlb::rel(s, t)));
    };
    auto step = [&](Phase phase, const QString& action, const QString& object) {
        Step st;
        st.id = sqlb::stepId(toString(phase), action, object);
        st.phase = phase;
        st.referenceRow = row;
        st.locks = {sqlb::lock(LockMode::AccessExclusive, s, t)};
        st.hazards = {aeHazard()};
        return st;
    };

    // E1: the new column, nullable and without default while both versions run: a default
    // would make an old-version INSERT look like a new-version write (see sync_trigger.cpp).
    Column shape = target;
    shape.name = newName;
    shape.notNull = false;
    shape.defaultExpr.clear();
    Step e1 = step(Phase::Expand, QStringLiteral("add-column"), sqlb::idPath(s, t, newName));
    e1.title = QStringLiteral("Add column %1 (nullable) next to %2").arg(whoNew, who);
    e1.sql = sqlb::addColumn(s, t, shape, false, false);
    if (!target.comment.isEmpty())
        e1.sql += QLatin1Char('\n') + sqlb::commentOnColumn(s, t, newName, target.comment);
    // Column privileges follow the attribute, not the name: the new column gets the target's
    // before the swap (the live column's when the target states no grants), or they would be
    // lost with the old column.
    const catalog::Acl& columnAcl = ctx.target().grantsStated ? target.acl : oldColumn.acl;
    for (const QString& grant :
         catalog::privsql::grantsOf(QStringLiteral("TABLE ") + sqlb::rel(s, t), columnAcl, newName))
        e1.sql += QLatin1Char('\n') + grant;
    e1.rollbackSql = sqlb::dropColumn(s, t, newName);
    e1.rationale = QStringLiteral("A nullable column without default is a catalog update. Its "
                                  "default and NOT NULL come later, once the values are there.");
    const QString e1Id = e1.id;
    ctx.add(std::move(e1));

    // E2: the sync trigger, before the backfill so no concurrent write is missed (§3.1).
    Step e2;
    e2.id = sqlb::stepId(QStringLiteral("expand"), QStringLiteral("sync-trigger"), p);
    e2.phase = Phase::Expand;
    e2.title =
        QStringLiteral("Keep %1 and %2 equal on every write (sync trigger)").arg(who, whoNew);
    e2.sql = (conversion.createSql() << sync.createFunctionSql() << sync.createTriggerSql())
                 .join(QLatin1Char('\n'));
    e2.rollbackSql =
        (QStringList{sync.dropTriggerSql(), sync.dropFunctionSql()} << conversion.dropSql())
            .join(QLatin1Char('\n'));
    e2.locks = {sqlb::lock(LockMode::ShareRowExclusive, s, t)};
    e2.hazards = {sqlb::hazard(HazardKind::BlocksWrites,
                               QStringLiteral("CREATE TRIGGER takes SHARE ROW EXCLUSIVE on %1: "
                                              "writes wait for a moment")
                                   .arg(sqlb::rel(s, t)))};
    if (!conversion.isIdentity())
        e2.hazards.push_back(
            sqlb::hazard(HazardKind::BreaksRunningApp,
                         QStringLiteral("until the contract phase, %1 (conversion %2 → %3)")
                             .arg(conversion.writeRule(), oldColumn.type, target.type)));
    e2.referenceRow = row;
    e2.dependsOn = {e1Id};
    e2.rationale = QStringLiteral(
        "Direction comes from what changed in the row: old column changed → copy to the new one, "
        "new changed → copy back; on INSERT the NULL side is filled; when both are written and "
        "differ the new column wins (it is what the new app writes). The function only assigns "
        "NEW and runs no DML, so it cannot recurse.");
    const QString e2Id = e2.id;
    ctx.add(std::move(e2));

    // B: copy existing rows.
    Step b;
    b.id = sqlb::stepId(QStringLiteral("backfill"), QStringLiteral("copy-column"), p);
    b.phase = Phase::Backfill;
    b.title = QStringLiteral("Copy %1 into %2 for existing rows in batches").arg(who, whoNew);
    Backfill bf;
    bf.schema = s;
    bf.table = t;
    bf.keyColumns = primaryKeyColumns(live);
    bf.setClause = quoteIdent(newName) + QStringLiteral(" = ") + fOld;
    bf.pendingPredicate = pending;
    bf.batchRows = ctx.options().backfillBatchRows;
    b.sql = exec::backfillStatementText(bf);
    b.backfill = bf;
    b.locks = {sqlb::lock(LockMode::RowExclusive, s, t)};
    b.hazards = {sqlb::hazard(HazardKind::BackfillLoad,
                              QStringLiteral("updates every row of %1 in batches: WAL, dead "
                                             "tuples, replica lag")
                                  .arg(sqlb::rel(s, t)))};
    // The user's decisions, where a person confirming the run sees them.
    if (conversion.acceptsLoss())
        b.hazards.push_back(sqlb::hazard(
            HazardKind::DataLoss,
            QStringLiteral("values of %1 that %2 cannot hold unchanged are rounded or cut as "
                           "ALTER … TYPE would: accepted with --accept-lossy (recorded in the "
                           "plan)")
                .arg(who, target.type)));
    if (!conversion.usingExpression().isEmpty())
        b.hazards.push_back(sqlb::hazard(
            HazardKind::DataLoss,
            QStringLiteral("values of %1 are converted by the expression %2 (given with --using)")
                .arg(who, conversion.usingExpression())));
    if (!conversion.timeZone().isEmpty() && dependsOnTimeZone(oldBase, newBase))
        b.hazards.push_back(sqlb::hazard(
            HazardKind::BreaksRunningApp,
            QStringLiteral("times are converted in the time zone %1 (given with --time-zone), "
                           "whatever the writing session's TimeZone")
                .arg(conversion.timeZone())));
    b.irreversibleReason = QStringLiteral("Nothing to undo: it only fills %1, which the expand "
                                          "rollback drops.")
                               .arg(whoNew);
    b.referenceRow = row;
    b.dependsOn = {e2Id};
    b.rationale = QStringLiteral("Keyset batches over the primary key, one short transaction "
                                 "each; only rows still differing are touched, so it resumes "
                                 "and retries safely.");
    const QString bId = b.id;
    ctx.add(std::move(b));
    if (handoff)
        handoff->backfillId = bId;

    // E3: the old column's indexes, rebuilt on the new column after the backfill (keeps the
    // backfill's updates HOT, §3.3), and its CHECK / FOREIGN KEY constraints.
    diff::IdentifierRewrite rw;
    rw.columns.insert(oldColumn.name, newName);
    rw.selfQualifiers = {live->name, t, QStringLiteral("old"), QStringLiteral("new")};
    QStringList restoreSql;
    QStringList restoreRollback;
    for (const catalog::Index& index : live->indexes) {
        if (!usesColumn(index, oldColumn.name) || index.primary)
            continue;
        const QString copyName = sqlb::boundedName(index.name, QStringLiteral("_bellows"));
        QStringList keys;
        for (const catalog::IndexKey& k : index.keys)
            keys << keySql(k, rw);
        QStringList include;
        for (const QString& c : index.include)
            include << quoteIdent(rw.columns.value(c, c));
        QString create = QStringLiteral("CREATE %1INDEX CONCURRENTLY IF NOT EXISTS %2 ON %3 USING "
                                        "%4 (%5)")
                             .arg(index.unique ? QStringLiteral("UNIQUE ") : QString(),
                                  quoteIdent(copyName), sqlb::rel(s, t),
                                  index.method.isEmpty() ? QStringLiteral("btree") : index.method,
                                  keys.join(QStringLiteral(", ")));
        if (!include.isEmpty())
            create += QStringLiteral(" INCLUDE (%1)").arg(include.join(QStringLiteral(", ")));
        if (index.nullsNotDistinct)
            create += QStringLiteral(" NULLS NOT DISTINCT");
        if (!index.predicate.isEmpty())
            create += QStringLiteral(" WHERE ") + diff::rewriteIdentifiers(index.predicate, rw);
        create += QLatin1Char(';');
        Step ix;
        ix.id = sqlb::stepId(QStringLiteral("backfill"), QStringLiteral("copy-index"),
                             sqlb::idPath(s, copyName));
        ix.phase = Phase::Backfill;
        ix.title = QStringLiteral("Build a copy of index %1 on %2 (concurrently)")
                       .arg(sqlb::rel(s, index.name), whoNew);
        ix.sql = create;
        ix.rollbackSql = sqlb::dropIndexConcurrently(s, copyName);
        ix.outsideTransaction = true;
        ix.work = Work::Build;
        ix.locks = {sqlb::lock(LockMode::ShareUpdateExclusive, s, t, false)};
        ix.hazards = {
            sqlb::hazard(HazardKind::IndexBuild,
                         QStringLiteral("builds %1 while reads and writes continue; waits for "
                                        "older transactions")
                             .arg(quoteIdent(copyName))),
            sqlb::hazard(HazardKind::OutsideTransaction,
                         QStringLiteral("CREATE INDEX CONCURRENTLY runs in autocommit; a failure "
                                        "leaves an INVALID index to drop"))};
        ix.referenceRow = QStringLiteral("I1");
        ix.dependsOn = {bId};
        ix.rationale = QStringLiteral("Built after the backfill so the copy's updates stay HOT. "
                                      "It takes the original name once the old column (and its "
                                      "index) is dropped.");
        ctx.add(std::move(ix));
        // The copy ends with the target's name (renamed with the column when the target did).
        const QString finalName = ctx.targetIndexName(s, t, index.name);
        if (const QString attach = attachAsConstraint(*live, index, copyName, finalName);
            !attach.isEmpty()) {
            restoreSql << sqlb::alterTable(s, t, attach);
            restoreRollback << sqlb::alterTable(
                s, t,
                QStringLiteral("RENAME CONSTRAINT %1 TO %2")
                    .arg(quoteIdent(finalName), quoteIdent(copyName)));
            continue;
        }
        restoreSql << sqlb::renameIndex(s, copyName, finalName);
        restoreRollback << sqlb::renameIndex(s, finalName, copyName);
        if (!index.constraintName.isEmpty()) {
            Finding f;
            f.severity = Finding::Severity::Warning;
            f.object = sqlb::rel(s, index.name);
            f.title = QStringLiteral("Constraint %1 becomes a unique index")
                          .arg(quoteIdent(index.constraintName));
            f.reason =
                QStringLiteral("The copy enforces the same uniqueness as an index; attach it "
                               "as a constraint with ADD CONSTRAINT … UNIQUE USING INDEX if "
                               "the constraint itself matters (K3).");
            f.referenceRow = QStringLiteral("K3");
            ctx.addFinding(f);
        }
    }
    QStringList tightenAfter;
    for (const catalog::Constraint& c : live->constraints) {
        const bool copyable = c.kind == catalog::ConstraintKind::Check ||
                              c.kind == catalog::ConstraintKind::ForeignKey;
        if (!copyable || !c.columns.contains(oldColumn.name))
            continue;
        // The key swap re-creates a foreign key to the swapped key on the final columns.
        if (handoff && c.kind == catalog::ConstraintKind::ForeignKey &&
            c.refSchema == handoff->keySchema && c.refTable == handoff->keyTable &&
            c.refColumns.contains(handoff->keyColumn))
            continue;
        const QString copyName = sqlb::boundedName(c.name, QStringLiteral("_bellows"));
        const bool fk = c.kind == catalog::ConstraintKind::ForeignKey;
        // Only this table's columns move: the referenced column of a foreign key may have the
        // same name and stays as it is.
        const qsizetype references =
            fk ? c.definition.indexOf(QLatin1String(" REFERENCES ")) : qsizetype(-1);
        QString def = references < 0 ? diff::rewriteIdentifiers(c.definition, rw)
                                     : diff::rewriteIdentifiers(c.definition.left(references), rw) +
                                           c.definition.mid(references);
        def.remove(QStringLiteral(" NOT VALID"));
        Step add =
            step(Phase::Tighten, QStringLiteral("copy-constraint"), sqlb::idPath(s, t, copyName));
        add.title = QStringLiteral("Add a copy of constraint %1 on %2 without checking rows")
                        .arg(quoteIdent(c.name), whoNew);
        add.sql = sqlb::addConstraint(s, t, copyName, def, true);
        add.rollbackSql = sqlb::dropConstraint(s, t, copyName, true);
        if (fk) {
            add.locks = {sqlb::lock(LockMode::ShareRowExclusive, s, t),
                         sqlb::lock(LockMode::ShareRowExclusive, c.refSchema, c.refTable)};
            add.hazards = {
                sqlb::hazard(HazardKind::BlocksWrites,
                             QStringLiteral("SHARE ROW EXCLUSIVE on %1 and %2 for a "
                                            "moment")
                                 .arg(sqlb::rel(s, t), sqlb::rel(c.refSchema, c.refTable)))};
        }
        add.referenceRow = fk ? QStringLiteral("K2") : QStringLiteral("K1");
        add.dependsOn = {bId};
        add.rationale = QStringLiteral("The sync trigger fills the new column from the old one, "
                                       "which already satisfies the constraint, so it can run "
                                       "before the final gate.");
        const QString addId = add.id;
        const QString addRow = add.referenceRow;
        ctx.add(std::move(add));
        Step v;
        v.id = sqlb::stepId(QStringLiteral("tighten"), QStringLiteral("validate-constraint"),
                            sqlb::idPath(s, t, copyName));
        v.phase = Phase::Tighten;
        v.title = QStringLiteral("Validate constraint %1").arg(quoteIdent(copyName));
        v.sql = sqlb::validateConstraint(s, t, copyName);
        v.rollbackSql = sqlb::dropConstraint(s, t, copyName, true);
        v.locks = {sqlb::lock(LockMode::ShareUpdateExclusive, s, t, false)};
        if (fk)
            v.locks.push_back(sqlb::lock(LockMode::RowShare, c.refSchema, c.refTable, false));
        v.work = Work::Scan;
        v.hazards = {sqlb::hazard(
            HazardKind::ValidationScan,
            QStringLiteral("scans %1 under SHARE UPDATE EXCLUSIVE").arg(sqlb::rel(s, t)))};
        v.referenceRow = addRow;
        v.dependsOn = {addId};
        v.rationale = QStringLiteral("Its own transaction; reads and writes continue.");
        tightenAfter << v.id;
        ctx.add(std::move(v));
        restoreSql << sqlb::alterTable(s, t,
                                       QStringLiteral("RENAME CONSTRAINT %1 TO %2")
                                           .arg(quoteIdent(copyName), quoteIdent(c.name)));
        restoreRollback << sqlb::alterTable(s, t,
                                            QStringLiteral("RENAME CONSTRAINT %1 TO %2")
                                                .arg(quoteIdent(c.name), quoteIdent(copyName)));
    }

    // Verify: a validated CHECK is PostgreSQL's own proof that every row is copied (§3.6).
    const QString verifyName =
        sqlb::boundedName(QStringLiteral("bellows_verify_") + t + QLatin1Char('_') + newName);
    const QString verifyDef = QStringLiteral("CHECK (NOT (%1))").arg(pending);
    Step va = step(Phase::Verify, QStringLiteral("add-sync-check"), p);
    va.title =
        QStringLiteral("Add a CHECK that %1 equals %2, without checking rows").arg(whoNew, who);
    va.sql = sqlb::addConstraint(s, t, verifyName, verifyDef, true);
    va.rollbackSql = sqlb::dropConstraint(s, t, verifyName, true);
    va.dependsOn = {bId};
    va.rationale = QStringLiteral("NOT VALID is a catalog update; the sync trigger keeps every "
                                  "new write consistent, so it never rejects a write.");
    const QString vaId = va.id;
    ctx.add(std::move(va));
    Step vv;
    vv.id = sqlb::stepId(QStringLiteral("verify"), QStringLiteral("validate-sync-check"), p);
    vv.phase = Phase::Verify;
    vv.title = QStringLiteral("Prove that every row of %1 is copied").arg(whoNew);
    vv.sql = sqlb::validateConstraint(s, t, verifyName);
    vv.rollbackSql = sqlb::dropConstraint(s, t, verifyName, true);
    vv.locks = {sqlb::lock(LockMode::ShareUpdateExclusive, s, t, false)};
    vv.work = Work::Scan;
    vv.hazards = {sqlb::hazard(HazardKind::ValidationScan,
                               QStringLiteral("scans %1 under SHARE UPDATE EXCLUSIVE; reads and "
                                              "writes continue")
                                   .arg(sqlb::rel(s, t)))};
    vv.referenceRow = QStringLiteral("K1");
    vv.dependsOn = {vaId};
    vv.rationale = QStringLiteral("Fails (changing nothing) if any row still differs: re-run the "
                                  "backfill (apply --redo), then retry. Success proves the copy "
                                  "is complete.");
    const QString vvId = vv.id;
    ctx.add(std::move(vv));

    // Tighten: NOT NULL on the new column. When the old column is NOT NULL the trigger
    // guarantees a value for old writers too.
    if (target.notNull) {
        NotNullRequest r;
        r.schema = s;
        r.table = t;
        r.column = newName;
        r.liveTable = live->name;
        r.mayHoldNulls = !oldColumn.notNull;
        if (const Fill* fill = ctx.fillFor(s, t, finalName))
            r.fillExpression = fill->expression;
        r.guaranteed = oldColumn.notNull;
        r.guaranteeReason = QStringLiteral("the sync trigger copies the NOT NULL column %1 into "
                                           "it for every writer")
                                .arg(who);
        r.dependsOn = QStringList{vvId} + tightenAfter;
        planNotNull(ctx, r);
    }

    // Contract, after the last gate: only the new app version runs.
    Step c1 = step(Phase::Contract, QStringLiteral("drop-sync-check"), p);
    c1.title = QStringLiteral("Drop the copy-verification CHECK on %1").arg(whoNew);
    c1.sql = sqlb::dropConstraint(s, t, verifyName, true);
    c1.rollbackSql = sqlb::addConstraint(s, t, verifyName, verifyDef, true);
    c1.rationale = QStringLiteral("Once the trigger is gone the columns may differ; the proof "
                                  "has done its job.");
    const QString c1Id = c1.id;
    ctx.add(std::move(c1));
    if (handoff)
        handoff->dropCheckId = c1Id;

    QStringList swapSql = QStringList{sync.dropTriggerSql(), sync.dropFunctionSql()}
                          << conversion.dropSql();
    QStringList swapBack;
    // Nobody writes it any more; a NOT NULL added NOT VALID (PostgreSQL 18) refuses NULLs too.
    if (oldColumn.notNull || !oldColumn.unvalidatedNotNull.isEmpty())
        swapSql << sqlb::dropNotNull(s, t, oldColumn.name);
    if (!rename) {
        swapSql << sqlb::renameColumn(s, t, oldColumn.name, parkedName)
                << sqlb::renameColumn(s, t, newName, finalName);
        swapBack << sqlb::renameColumn(s, t, finalName, newName)
                 << sqlb::renameColumn(s, t, parkedName, oldColumn.name);
    }
    if (!target.defaultExpr.isEmpty()) {
        swapSql << sqlb::setDefault(s, t, finalName, target.defaultExpr);
        swapBack.prepend(sqlb::dropDefault(s, t, finalName));
    }
    // A serial's sequence is owned by the old column and would be dropped with it.
    for (const catalog::Sequence& seq : ctx.database().sequences) {
        if (seq.ownedBySchema == s && seq.ownedByTable == live->name &&
            seq.ownedByColumn == oldColumn.name) {
            swapSql << QStringLiteral("ALTER SEQUENCE %1 OWNED BY %2.%3;")
                           .arg(sqlb::rel(seq.schema, seq.name), sqlb::rel(s, t),
                                quoteIdent(finalName));
            swapBack << QStringLiteral("ALTER SEQUENCE %1 OWNED BY %2.%3;")
                            .arg(sqlb::rel(seq.schema, seq.name), sqlb::rel(s, t),
                                 quoteIdent(rename ? oldColumn.name : parkedName));
        }
    }
    swapBack << conversion.createSql() << sync.createFunctionSql() << sync.createTriggerSql();
    // The old column's default (a serial's nextval) must not keep drawing from the sequence.
    if (handoff && !rename && !oldColumn.defaultExpr.isEmpty()) {
        swapSql << sqlb::dropDefault(s, t, parkedName);
        swapBack.prepend(sqlb::setDefault(s, t, parkedName, oldColumn.defaultExpr));
    }
    QString c2Id;
    if (handoff) {
        handoff->swapSql = swapSql;
        handoff->swapBack = swapBack;
        c2Id = handoff->contractStepId;
    } else {
        Step c2 = step(Phase::Contract, QStringLiteral("drop-sync-trigger"), p);
        c2.title =
            rename
                ? QStringLiteral("Stop syncing %1 and %2 (drop the trigger)").arg(who, whoNew)
                : QStringLiteral("Swap %1 to the new type: drop the trigger, swap names").arg(who);
        c2.sql = swapSql.join(QLatin1Char('\n'));
        c2.rollbackSql = swapBack.join(QLatin1Char('\n'));
        c2.hazards.push_back(sqlb::hazard(
            HazardKind::BreaksRunningApp,
            rename ? QStringLiteral("writes to %1 are no longer copied: an old instance still "
                                    "running loses what it writes")
                         .arg(who)
                   : QStringLiteral("%1 changes type from %2 to %3 for every client (prepared "
                                    "statements, ORM type maps)")
                         .arg(who, oldColumn.type, target.type)));
        c2.rationale =
            QStringLiteral("One short transaction: the trigger, the old column's NOT NULL "
                           "and, for a type change, the names move together so no write "
                           "sees a half-done state.");
        c2.dependsOn = {c1Id};
        c2Id = c2.id;
        ctx.add(std::move(c2));
    }

    const QString parkedWho = sqlb::rel(s, t) + QLatin1Char('.') + quoteIdent(parkedName);
    Step c3 = step(Phase::Contract, QStringLiteral("drop-column"), sqlb::idPath(s, t, parkedName));
    c3.title = QStringLiteral("Drop the old column %1").arg(parkedWho);
    c3.sql = sqlb::dropColumn(s, t, parkedName);
    // The old column's index that identifies rows for logical replication goes with it: its
    // copy takes the identity over first (a table left without one refuses UPDATE and DELETE).
    const catalog::Table* targetTable = ctx.target().table(s, t);
    if (const catalog::Index* identity = live->index(live->replicaIdentityIndex);
        live->replicaIdentity == QLatin1String("index") && identity &&
        usesColumn(*identity, oldColumn.name) && !identity->primary && targetTable &&
        targetTable->replicaIdentity == QLatin1String("index") &&
        targetTable->replicaIdentityIndex == identity->name)
        c3.sql = sqlb::alterTable(s, t,
                                  QStringLiteral("REPLICA IDENTITY USING INDEX ") +
                                      quoteIdent(sqlb::boundedName(identity->name,
                                                                   QStringLiteral("_bellows")))) +
                 QLatin1Char('\n') + c3.sql;
    c3.irreversibleReason = QStringLiteral("The old column's values are gone; they equal the new "
                                           "column's as of the verify step.");
    c3.hazards.push_back(sqlb::hazard(
        HazardKind::DataLoss, QStringLiteral("the values of %1 are deleted").arg(parkedWho)));
    c3.hazards.push_back(
        sqlb::hazard(HazardKind::BreaksRunningApp,
                     QStringLiteral("app versions that still name %1 fail").arg(parkedWho)));
    c3.hazards.push_back(sqlb::hazard(HazardKind::Irreversible,
                                      QStringLiteral("no SQL rollback: restore from a backup")));
    c3.referenceRow = QStringLiteral("C6");
    c3.rationale = QStringLiteral("Contract: every running app version uses %1 only. Its old "
                                  "indexes and constraints go with it.")
                       .arg(sqlb::rel(s, t) + QLatin1Char('.') + quoteIdent(finalName));
    c3.dependsOn = {c2Id};
    const QString c3Id = c3.id;
    ctx.add(std::move(c3));

    if (!restoreSql.isEmpty()) {
        Step c4 = step(Phase::Contract, QStringLiteral("restore-names"), p);
        c4.title = QStringLiteral("Give the copied indexes and constraints their original names");
        c4.sql = restoreSql.join(QLatin1Char('\n'));
        std::reverse(restoreRollback.begin(), restoreRollback.end());
        c4.rollbackSql = restoreRollback.join(QLatin1Char('\n'));
        c4.rationale = QStringLiteral("The originals were dropped with the old column; the names "
                                      "are free again.");
        c4.dependsOn = {c3Id};
        ctx.add(std::move(c4));
    }
}

} // namespace detail

} // namespace bellows::plan
