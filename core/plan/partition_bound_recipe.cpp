// Partitions attached, detached and re-bounded (reference P1, P2): see partition_recipes.h.

#include "plan/partition_recipes.h"
#include "plan/partition_rules.h"
#include "plan/sql_builders.h"
#include "sql/quote.h"

#include <QRegularExpression>

#include <algorithm>

namespace bellows::plan::partitions {

using catalog::Table;
using diff::Action;
using diff::Change;
using sql::qualified;
using sql::quoteIdent;

namespace {

// A literal as pg_get_expr prints a bound value: a quoted string or a number.
const QString kLiteral = QStringLiteral(R"('(?:[^']|'')*'|-?[0-9][0-9.eE+-]*)");

// The column of a single-column key ("RANGE (taken_on)"), as printed (quoted when needed).
QString keyColumn(const QString& partitionKey, QString* method)
{
    static const QRegularExpression re(
        QStringLiteral(R"(^(RANGE|LIST|HASH) \(([a-z_][a-z0-9_$]*|"(?:[^"]|"")+")\)$)"));
    const QRegularExpressionMatch m = re.match(partitionKey.trimmed());
    if (!m.hasMatch())
        return {};
    *method = m.captured(1);
    return m.captured(2);
}

QString stepId(Phase phase, const QString& verb, const QString& schema, const QString& table,
               const QString& name = {})
{
    return sqlb::stepId(toString(phase), verb, sqlb::idPath(schema, table, name));
}

const Table* liveDefaultPartition(const RecipeContext& ctx, const Table& parent,
                                  const QString& except)
{
    for (const Table& t : ctx.database().tables) {
        if (t.partitionParentSchema == parent.schema && t.partitionParentName == parent.name &&
            t.partitionBound == QLatin1String("DEFAULT") && t.name != except)
            return &t;
    }
    return nullptr;
}

struct Helper {
    QString schema;
    QString table;
    QString name;
    QString expression;
};

// CHECK (expression) NOT VALID, then VALIDATE: returns the id of the validation.
QString addHelper(const Helper& h, const QString& why, const QStringList& deps, Phase phase,
                  RecipeContext& ctx)
{
    const QString relation = qualified(h.schema, h.table);
    Step a;
    a.id = stepId(phase, QStringLiteral("add-bound-check"), h.schema, h.table, h.name);
    a.phase = phase;
    a.title = QStringLiteral("Add CHECK (%1) to %2 without checking existing rows")
                  .arg(h.expression, relation);
    a.sql = sqlb::addConstraint(h.schema, h.table, h.name,
                                QStringLiteral("CHECK (%1)").arg(h.expression), true);
    a.rollbackSql = sqlb::dropConstraint(h.schema, h.table, h.name, true);
    a.locks = {sqlb::lock(LockMode::AccessExclusive, h.schema, h.table)};
    a.hazards = {
        sqlb::hazard(HazardKind::AccessExclusiveLock,
                     QStringLiteral("ACCESS EXCLUSIVE on %1 for a catalog update").arg(relation))};
    a.referenceRow = QStringLiteral("P1");
    a.dependsOn = deps;
    a.rationale = why;
    const QString addId = ctx.add(std::move(a)).id;

    Step v;
    v.id = stepId(phase, QStringLiteral("validate-bound-check"), h.schema, h.table, h.name);
    v.phase = phase;
    v.title = QStringLiteral("Validate CHECK %1 on %2").arg(quoteIdent(h.name), relation);
    v.sql = sqlb::validateConstraint(h.schema, h.table, h.name);
    v.irreversibleReason = QStringLiteral("Validation changes nothing; the CHECK itself is "
                                          "dropped after the attach.");
    v.locks = {sqlb::lock(LockMode::ShareUpdateExclusive, h.schema, h.table, false)};
    v.work = Work::Scan;
    v.hazards = {sqlb::hazard(HazardKind::ValidationScan,
                              QStringLiteral("Reads every row of %1 under SHARE UPDATE "
                                             "EXCLUSIVE; reads and writes continue. A row outside "
                                             "the bound fails it: nothing has changed yet")
                                  .arg(relation))};
    v.referenceRow = QStringLiteral("P1");
    v.dependsOn << addId;
    v.rationale = QStringLiteral("Proves the rows fit, so the attach does not scan under its "
                                 "strong lock.");
    Step& added = ctx.add(std::move(v));
    added.estimatedSeconds = ctx.estimateSeconds(h.schema, h.table, Work::Scan);
    return added.id;
}

void dropHelper(const Helper& h, const QString& after, Phase phase, RecipeContext& ctx)
{
    Step s;
    s.id = stepId(phase, QStringLiteral("drop-bound-check"), h.schema, h.table, h.name);
    s.phase = phase;
    s.title = QStringLiteral("Drop the helper CHECK %1 of %2")
                  .arg(quoteIdent(h.name), qualified(h.schema, h.table));
    s.sql = sqlb::dropConstraint(h.schema, h.table, h.name, true);
    s.locks = {sqlb::lock(LockMode::AccessExclusive, h.schema, h.table)};
    s.hazards = {sqlb::hazard(HazardKind::AccessExclusiveLock,
                              QStringLiteral("ACCESS EXCLUSIVE for a catalog update"))};
    s.irreversibleReason = QStringLiteral("The partition bound now enforces the same rule.");
    s.referenceRow = QStringLiteral("P1");
    s.dependsOn << after;
    s.rationale = QStringLiteral("The partition bound enforces the same rule from now on.");
    ctx.add(std::move(s));
}

// The index builds the plan makes on `table` (the attach adopts them instead of building).
QStringList indexBuildsOn(const RecipeContext& ctx, const QString& schema, const QString& table)
{
    QStringList ids;
    for (const Change& c : ctx.changes().changes) {
        if (c.kind == diff::ObjectKind::Index && c.action == Action::Added && c.schema == schema &&
            c.table == table)
            ids << toString(Phase::Expand) + QStringLiteral(":create-index:") + schema +
                       QLatin1Char('.') + table + QLatin1Char('.') + c.name;
    }
    return ids;
}

// ATTACH (or, when `reattach`, DETACH + ATTACH in one transaction for a new bound) of `part`
// to `parent` under `bound`, proven by helper CHECKs on the partition and on the parent's
// DEFAULT partition so neither is scanned under its strong lock.
void attach(const Table& parent, const Table& part, bool reattach, RecipeContext& ctx)
{
    const QString parentRel = qualified(parent.schema, parent.name);
    const QString partRel = qualified(part.schema, part.name);
    const QString expression = boundExpression(parent.partitionKey, part.partitionBound);
    const Table* deflt = liveDefaultPartition(ctx, parent, part.name);
    const bool partRows = ctx.mayHaveRows(part.schema, part.name);
    QStringList deps = indexBuildsOn(ctx, part.schema, part.name);
    std::vector<Helper> helpers;
    if (!expression.isEmpty()) {
        helpers.push_back({part.schema, part.name,
                           sqlb::compositeName(QStringLiteral("bellows_bound_"), {part.name}),
                           expression});
        if (deflt)
            helpers.push_back(
                {deflt->schema, deflt->name,
                 sqlb::compositeName(QStringLiteral("bellows_outside_"), {deflt->name, part.name}),
                 QStringLiteral("NOT (%1)").arg(expression)});
    }
    for (const Helper& h : helpers)
        deps << addHelper(h,
                          QStringLiteral("A validated CHECK matching the bound lets ATTACH "
                                         "PARTITION skip its scan (P1)."),
                          {}, Phase::Expand, ctx);

    Step s;
    s.id =
        stepId(Phase::Expand,
               reattach ? QStringLiteral("rebound-partition") : QStringLiteral("attach-partition"),
               part.schema, part.name);
    s.phase = Phase::Expand;
    s.title = reattach ? QStringLiteral("Give partition %1 of %2 the bound %3")
                             .arg(partRel, parentRel, part.partitionBound)
                       : QStringLiteral("Attach %1 to %2 as a partition %3")
                             .arg(partRel, parentRel, part.partitionBound);
    s.sql = QStringLiteral("ALTER TABLE %1 ATTACH PARTITION %2 %3;")
                .arg(parentRel, partRel, part.partitionBound);
    if (reattach)
        s.sql.prepend(
            QStringLiteral("ALTER TABLE %1 DETACH PARTITION %2;\n").arg(parentRel, partRel));
    const bool proven = !expression.isEmpty();
    s.locks = {sqlb::lock(reattach ? LockMode::AccessExclusive : LockMode::ShareUpdateExclusive,
                          parent.schema, parent.name),
               sqlb::lock(LockMode::AccessExclusive, part.schema, part.name, proven || !partRows)};
    if (deflt)
        s.locks.push_back(sqlb::lock(LockMode::AccessExclusive, deflt->schema, deflt->name,
                                     proven || !ctx.mayHaveRows(deflt->schema, deflt->name)));
    s.work = proven ? Work::None : Work::Scan;
    s.hazards = {sqlb::hazard(
        HazardKind::AccessExclusiveLock,
        proven ? QStringLiteral("ACCESS EXCLUSIVE on %1%2 for a catalog update: the validated "
                                "CHECKs prove the bound, so nothing is scanned")
                     .arg(partRel, deflt ? QStringLiteral(" and the DEFAULT partition") : QString())
               : QStringLiteral("ACCESS EXCLUSIVE on %1 while PostgreSQL checks every row "
                                "against the bound (no CHECK can prove this kind of bound)")
                     .arg(partRel))};
    s.irreversibleReason = QStringLiteral("Detach the partition again to undo.");
    s.referenceRow = QStringLiteral("P1");
    s.dependsOn = deps;
    s.rationale = reattach ? QStringLiteral("One transaction: the partition is never missing "
                                            "from %1. Its indexes are detached and adopted again.")
                                 .arg(parentRel)
                           : QStringLiteral("ATTACH PARTITION takes only SHARE UPDATE EXCLUSIVE "
                                            "on the parent; the partition's indexes, built "
                                            "before, are adopted.");
    const QString attachId = ctx.add(std::move(s)).id;
    for (const Helper& h : helpers)
        dropHelper(h, attachId, Phase::Expand, ctx);
}

// DETACH CONCURRENTLY (14+, no DEFAULT partition) after a validated CHECK matching the bound,
// so PostgreSQL adds no constraint of its own to the detached table; plain DETACH otherwise.
void detach(const Table& parent, const Table& part, RecipeContext& ctx)
{
    const QString parentRel = qualified(parent.schema, parent.name);
    const QString partRel = qualified(part.schema, part.name);
    const QString expression = boundExpression(parent.partitionKey, part.partitionBound);
    const bool concurrently =
        ctx.major() >= 14 && !liveDefaultPartition(ctx, parent, QString()) && !expression.isEmpty();
    Step s;
    s.id = stepId(Phase::Contract, QStringLiteral("detach-partition"), part.schema, part.name);
    s.phase = Phase::Contract;
    s.title = QStringLiteral("Detach partition %1 from %2").arg(partRel, parentRel);
    s.rollbackSql = QStringLiteral("ALTER TABLE %1 ATTACH PARTITION %2 %3;")
                        .arg(parentRel, partRel, part.partitionBound);
    s.hazards = {sqlb::hazard(
        HazardKind::BreaksRunningApp,
        QStringLiteral("the rows of %1 are no longer seen through %2").arg(partRel, parentRel))};
    s.referenceRow = QStringLiteral("P2");
    Helper h{part.schema, part.name,
             sqlb::compositeName(QStringLiteral("bellows_bound_"), {part.name}), expression};
    if (concurrently) {
        s.dependsOn << addHelper(h,
                                 QStringLiteral("With a validated CHECK matching the bound, "
                                                "DETACH CONCURRENTLY adds no CHECK of its own."),
                                 {}, Phase::Contract, ctx);
        s.sql = QStringLiteral("ALTER TABLE %1 DETACH PARTITION %2 CONCURRENTLY;")
                    .arg(parentRel, partRel);
        s.outsideTransaction = true;
        s.locks = {sqlb::lock(LockMode::ShareUpdateExclusive, parent.schema, parent.name, false),
                   sqlb::lock(LockMode::ShareUpdateExclusive, part.schema, part.name, false)};
        s.hazards.push_back(sqlb::hazard(HazardKind::OutsideTransaction,
                                         QStringLiteral("Runs in autocommit and waits for every "
                                                        "transaction using the parent; an "
                                                        "interruption is finished with DETACH "
                                                        "PARTITION … FINALIZE")));
        s.rationale = QStringLiteral("CONCURRENTLY holds only SHARE UPDATE EXCLUSIVE on %1: "
                                     "reads and writes continue.")
                          .arg(parentRel);
    } else {
        s.sql = QStringLiteral("ALTER TABLE %1 DETACH PARTITION %2;").arg(parentRel, partRel);
        s.locks = {sqlb::lock(LockMode::AccessExclusive, parent.schema, parent.name),
                   sqlb::lock(LockMode::AccessExclusive, part.schema, part.name)};
        s.hazards.push_back(sqlb::hazard(HazardKind::AccessExclusiveLock,
                                         QStringLiteral("ACCESS EXCLUSIVE on %1 and %2 for a "
                                                        "catalog update")
                                             .arg(parentRel, partRel)));
        s.rationale = ctx.major() < 14
                          ? QStringLiteral("DETACH CONCURRENTLY needs PostgreSQL 14.")
                          : QStringLiteral("PostgreSQL refuses DETACH CONCURRENTLY while %1 has "
                                           "a DEFAULT partition (or the bound has no CHECK "
                                           "form); the plain detach is a catalog update.")
                                .arg(parentRel);
    }
    const QString id = ctx.add(std::move(s)).id;
    if (concurrently)
        dropHelper(h, id, Phase::Contract, ctx);
}

// Foreign keys of live tables that reference one of `tables`: deleting rows there (to move
// them) would fire their ON DELETE actions.
QStringList referencingKeys(const RecipeContext& ctx, const QList<const Table*>& tables)
{
    QStringList out;
    for (const Table& t : ctx.database().tables)
        for (const catalog::Constraint& c : t.constraints)
            for (const Table* target : tables)
                if (c.kind == catalog::ConstraintKind::ForeignKey &&
                    c.refSchema == target->schema && c.refTable == target->name)
                    out << qualified(t.schema, t.name) + QLatin1Char('.') + quoteIdent(c.name);
    return out;
}

QString moveSql(const Table& from, const Table& to, const QString& expression)
{
    QStringList columns;
    for (const catalog::Column& c : to.columns)
        if (c.generated == catalog::GeneratedKind::None)
            columns << quoteIdent(c.name);
    const QString list = columns.join(QStringLiteral(", "));
    return QStringLiteral("WITH moved AS (DELETE FROM %1 WHERE %2 RETURNING %3)\n"
                          "INSERT INTO %4 (%3) SELECT %3 FROM moved;")
        .arg(qualified(from.schema, from.name), expression, list, qualified(to.schema, to.name));
}

// A new bound no CHECK can prove (HASH, several key columns, an expression, DEFAULT): the
// re-attach would scan under ACCESS EXCLUSIVE, and with HASH rows belong to other partitions.
void unprovableBound(const Table& parent, const Table& before, const Table& after,
                     RecipeContext& ctx)
{
    const QString partRel = qualified(after.schema, after.name);
    const bool hash = parent.partitionKey.startsWith(QLatin1String("HASH"));
    const bool rows = ctx.mayHaveRows(before.schema, before.name);
    ctx.addFinding(
        {Finding::Severity::Blocking,
         partRel,
         hash ? QStringLiteral("Hash partition %1 changes from %2 to %3: its rows must move")
                    .arg(partRel, before.partitionBound, after.partitionBound)
              : QStringLiteral("The bound of partition %1 changes from %2 to %3")
                    .arg(partRel, before.partitionBound, after.partitionBound),
         hash ? QStringLiteral("With another modulus, the rows of %1 belong to several "
                               "partitions; PostgreSQL has no way to move them in place%2.")
                    .arg(partRel, rows ? QString() : QStringLiteral(" (it looks empty)"))
              : QStringLiteral("No CHECK can prove this bound, so re-attaching %1 checks every "
                               "row under ACCESS EXCLUSIVE.")
                    .arg(partRel),
         {QStringLiteral("Create the new partitions as tables of their own, copy the rows into "
                         "them in batches, then swap them in (DETACH the old ones, ATTACH the "
                         "new) in one short transaction"),
          QStringLiteral("Do it in a maintenance window: detach, re-create, INSERT … SELECT "
                         "through the parent, drop the old tables"),
          QStringLiteral("Keep the partitioning as it is")},
         QStringLiteral("P1")});
}

// Live partitions of `parent` the plan drops, and new partitions it adds: when both exist and
// a dropped one may hold rows, the new ones take over its rows (a split or a merge).
struct Replacement {
    std::vector<const Table*> removed; // live
    std::vector<const Table*> added;   // target
};

Replacement replacementOf(const RecipeContext& ctx, const Table& parent)
{
    Replacement r;
    for (const Change& c : ctx.changes().changes) {
        if (c.kind != diff::ObjectKind::Table)
            continue;
        const Table* t = c.action == Action::Removed ? c.beforeAs<Table>() : c.afterAs<Table>();
        if (!t || t->partitionParentSchema != parent.schema ||
            t->partitionParentName != parent.name)
            continue;
        if (c.action == Action::Removed)
            r.removed.push_back(t);
        else if (c.action == Action::Added)
            r.added.push_back(t);
    }
    return r;
}

void replaceStep(const Table& parent, const Replacement& r, RecipeContext& ctx)
{
    const QString parentRel = qualified(parent.schema, parent.name);
    QStringList sql;
    QStringList deps;
    double seconds = 0;
    std::vector<Lock> locks{sqlb::lock(LockMode::AccessExclusive, parent.schema, parent.name)};
    std::vector<Helper> helpers;
    const Table* deflt = liveDefaultPartition(ctx, parent, QString());
    for (const Table* old : r.removed) {
        sql << QStringLiteral("ALTER TABLE %1 DETACH PARTITION %2;")
                   .arg(parentRel, qualified(old->schema, old->name));
        locks.push_back(sqlb::lock(LockMode::AccessExclusive, old->schema, old->name));
        seconds += ctx.estimateSeconds(old->schema, old->name, Work::Scan) * double(r.added.size());
    }
    for (const Table* part : r.added) {
        const QString expression = boundExpression(parent.partitionKey, part->partitionBound);
        deps << sqlb::stepId(QStringLiteral("expand"), QStringLiteral("create-table"),
                             sqlb::idPath(part->schema, part->name));
        for (const Table* old : r.removed) {
            QStringList columns;
            for (const catalog::Column& c : part->columns)
                if (c.generated == catalog::GeneratedKind::None)
                    columns << quoteIdent(c.name);
            sql << QStringLiteral("INSERT INTO %1 (%2) SELECT %2 FROM %3 WHERE %4;")
                       .arg(qualified(part->schema, part->name), columns.join(QStringLiteral(", ")),
                            qualified(old->schema, old->name), expression);
        }
        if (deflt)
            helpers.push_back(
                {deflt->schema, deflt->name,
                 sqlb::compositeName(QStringLiteral("bellows_outside_"), {deflt->name, part->name}),
                 QStringLiteral("NOT (%1)").arg(expression)});
    }
    // A row no new bound takes would stay behind in a detached partition the contract drops:
    // the step fails (and its transaction rolls back, nothing moved) before that can happen.
    QStringList covered;
    for (const Table* part : r.added)
        covered << QLatin1Char('(') + boundExpression(parent.partitionKey, part->partitionBound) +
                       QLatin1Char(')');
    for (const Table* old : r.removed) {
        const QString body =
            QStringLiteral("BEGIN\n    IF EXISTS (SELECT FROM %1 WHERE (%2) IS NOT TRUE) THEN\n"
                           "        RAISE EXCEPTION 'bellows: rows of %3 fit none of the new "
                           "partitions; nothing was moved';\n    END IF;\nEND")
                .arg(qualified(old->schema, old->name),
                     covered.isEmpty() ? QStringLiteral("false")
                                       : covered.join(QStringLiteral(" OR ")),
                     QString(qualified(old->schema, old->name))
                         .replace(QLatin1Char('\''), QStringLiteral("''"))
                         .replace(QLatin1Char('%'), QStringLiteral("%%")));
        sql << QStringLiteral("DO ") + sqlb::dollarQuoted(body) + QLatin1Char(';');
    }
    for (const Table* part : r.added) {
        sql << QStringLiteral("ALTER TABLE %1 ATTACH PARTITION %2 %3;")
                   .arg(parentRel, qualified(part->schema, part->name), part->partitionBound);
        locks.push_back(sqlb::lock(LockMode::AccessExclusive, part->schema, part->name));
    }
    for (const Helper& h : helpers)
        deps << addHelper(h,
                          QStringLiteral("Proves the DEFAULT partition holds no row of the new "
                                         "bound, so ATTACH does not scan it."),
                          {}, Phase::Expand, ctx);
    // The parent and the old partitions stay locked while their rows are copied.
    const bool brief = seconds <= 1.0;
    locks[0].brief = brief;
    for (size_t i = 1; i <= r.removed.size() && i < locks.size(); ++i)
        locks[i].brief = brief;
    Step s;
    s.id = stepId(Phase::Expand, QStringLiteral("replace-partitions"), parent.schema, parent.name);
    s.phase = Phase::Expand;
    s.title = QStringLiteral("Move the rows of the partitions %1 drops into its new partitions "
                             "and attach them, in one transaction")
                  .arg(parentRel);
    s.sql = sql.join(QLatin1Char('\n'));
    s.irreversibleReason = QStringLiteral("The rows are copied into the new partitions; the old "
                                          "ones are detached (dropped in contract).");
    s.locks = locks;
    s.work = Work::Scan;
    s.estimatedSeconds = seconds;
    s.hazards = {sqlb::hazard(HazardKind::AccessExclusiveLock,
                              QStringLiteral("ACCESS EXCLUSIVE on %1 while the rows are copied "
                                             "(estimated %2 s): readers see every row before "
                                             "and after, never half")
                                  .arg(parentRel)
                                  .arg(seconds, 0, 'f', 1))};
    s.referenceRow = QStringLiteral("P1, P2");
    s.dependsOn = deps;
    s.rationale = QStringLiteral("Overlapping partitions cannot coexist: the old ones are "
                                 "detached and their rows copied into the new ones (their bound "
                                 "CHECKs make the attach scan-free) in the same transaction.");
    const QString id = ctx.add(std::move(s)).id;
    for (const Table* part : r.added)
        dropHelper({part->schema,
                    part->name,
                    sqlb::compositeName(QStringLiteral("bellows_bound_"), {part->name}),
                    {}},
                   id, Phase::Expand, ctx);
    for (const Helper& h : helpers)
        dropHelper(h, id, Phase::Expand, ctx);
    if (!brief)
        ctx.addFinding({Finding::Severity::Blocking,
                        parentRel,
                        QStringLiteral("Re-partitioning %1 holds ACCESS EXCLUSIVE on it for about "
                                       "%2 s")
                            .arg(parentRel)
                            .arg(seconds, 0, 'f', 1),
                        QStringLiteral("The partitions it drops hold rows that belong to its new "
                                       "partitions; they are copied while the parent is locked."),
                        {QStringLiteral("Create the new partitions as tables of their own and "
                                        "copy the rows in batches first, then plan again"),
                         QStringLiteral("Run the step in a maintenance window")},
                        QStringLiteral("P1")});
}

} // namespace

bool planReplacement(const Table& parent, const Table& part, const QStringList& createSql,
                     RecipeContext& ctx)
{
    const Replacement r = replacementOf(ctx, parent);
    const bool rows = std::any_of(r.removed.begin(), r.removed.end(), [&](const Table* t) {
        return ctx.mayHaveRows(t->schema, t->name);
    });
    if (r.removed.empty() || r.added.empty() || !rows ||
        part.kind == catalog::TableKind::Partitioned)
        return false;
    for (const Table* t : r.added)
        if (t->kind == catalog::TableKind::Partitioned ||
            boundExpression(parent.partitionKey, t->partitionBound).isEmpty())
            return false;
    QList<const Table*> referenced{&parent};
    for (const Table* t : r.removed)
        referenced << t;
    if (!referencingKeys(ctx, referenced).isEmpty())
        return false;
    const QString partRel = qualified(part.schema, part.name);
    Step c;
    c.id = sqlb::stepId(QStringLiteral("expand"), QStringLiteral("create-table"),
                        sqlb::idPath(part.schema, part.name));
    c.phase = Phase::Expand;
    c.title = QStringLiteral("Create table %1, a future partition, on its own").arg(partRel);
    c.sql = createSql.join(QLatin1Char('\n')) + QLatin1Char('\n') +
            sqlb::addConstraint(part.schema, part.name,
                                sqlb::compositeName(QStringLiteral("bellows_bound_"), {part.name}),
                                QStringLiteral("CHECK (%1)")
                                    .arg(boundExpression(parent.partitionKey, part.partitionBound)),
                                false);
    c.rollbackSql = QStringLiteral("DROP TABLE %1;").arg(partRel);
    c.locks = {sqlb::lock(LockMode::AccessExclusive, part.schema, part.name)};
    c.referenceRow = QStringLiteral("T1, P1");
    c.rationale = QStringLiteral("It would overlap partitions the plan drops, which still hold "
                                 "rows: it receives them before it is attached.");
    ctx.add(std::move(c));
    const QString shared =
        stepId(Phase::Expand, QStringLiteral("replace-partitions"), parent.schema, parent.name);
    const bool planned = std::any_of(ctx.steps().begin(), ctx.steps().end(),
                                     [&](const Step& st) { return st.id == shared; });
    if (!planned)
        replaceStep(parent, r, ctx);
    return true;
}

bool planCreateOverDefault(const Table& parent, const Table& part, const QStringList& createSql,
                           RecipeContext& ctx)
{
    const Table* deflt = liveDefaultPartition(ctx, parent, part.name);
    if (!deflt || !ctx.mayHaveRows(deflt->schema, deflt->name) ||
        part.kind == catalog::TableKind::Partitioned)
        return false;
    const QString expression = boundExpression(parent.partitionKey, part.partitionBound);
    if (expression.isEmpty())
        return false;
    const QString parentRel = qualified(parent.schema, parent.name);
    const QString partRel = qualified(part.schema, part.name);
    const QString defaultRel = qualified(deflt->schema, deflt->name);
    const QStringList referencing = referencingKeys(ctx, {&parent, deflt});
    if (!referencing.isEmpty()) {
        ctx.addFinding({Finding::Severity::Blocking,
                        partRel,
                        QStringLiteral("Rows of the DEFAULT partition %1 may have to move into "
                                       "the new partition %2")
                            .arg(defaultRel, partRel),
                        QStringLiteral("Moving them deletes them from %1, and %2 reference %3: "
                                       "their ON DELETE actions would fire.")
                            .arg(defaultRel, referencing.join(QStringLiteral(", ")), parentRel),
                        {QStringLiteral("Move the rows by hand (with the foreign keys dropped "
                                        "or deferred), then plan again"),
                         QStringLiteral("Create the partition in a maintenance window")},
                        QStringLiteral("P1")});
        return true;
    }
    const Helper h{part.schema, part.name,
                   sqlb::compositeName(QStringLiteral("bellows_bound_"), {part.name}), expression};
    Step c;
    c.id = sqlb::stepId(QStringLiteral("expand"), QStringLiteral("create-table"),
                        sqlb::idPath(part.schema, part.name));
    c.phase = Phase::Expand;
    c.title = QStringLiteral("Create table %1, the future partition, on its own").arg(partRel);
    c.sql = createSql.join(QLatin1Char('\n')) + QLatin1Char('\n') +
            sqlb::addConstraint(part.schema, part.name, h.name,
                                QStringLiteral("CHECK (%1)").arg(expression), false);
    c.rollbackSql = QStringLiteral("DROP TABLE %1;").arg(partRel);
    c.locks = {sqlb::lock(LockMode::AccessExclusive, part.schema, part.name)};
    c.referenceRow = QStringLiteral("T1, P1");
    c.rationale = QStringLiteral("PARTITION OF would check the DEFAULT partition %1 under "
                                 "ACCESS EXCLUSIVE and fail if it holds rows of the new bound. "
                                 "A standalone table (with the bound as a CHECK: it is empty) "
                                 "receives them first.")
                      .arg(defaultRel);
    const QString createId = ctx.add(std::move(c)).id;

    const double seconds = ctx.estimateSeconds(deflt->schema, deflt->name, Work::Scan);
    const bool brief = seconds <= 1.0;
    Step s;
    s.id = stepId(Phase::Expand, QStringLiteral("attach-partition"), part.schema, part.name);
    s.phase = Phase::Expand;
    s.title = QStringLiteral("Move the rows of %1 within %2 into %3 and attach it to %4")
                  .arg(defaultRel, part.partitionBound, partRel, parentRel);
    // Parent first, as writers lock it, then the default at once in its final mode: no lock
    // upgrade from the DELETE's ROW EXCLUSIVE while writers queue.
    s.sql = QStringLiteral("LOCK TABLE %1 IN SHARE UPDATE EXCLUSIVE MODE;\n"
                           "LOCK TABLE %2 IN ACCESS EXCLUSIVE MODE;\n")
                .arg(parentRel, defaultRel) +
            moveSql(*deflt, part, expression) + QLatin1Char('\n') +
            QStringLiteral("ALTER TABLE %1 ATTACH PARTITION %2 %3;")
                .arg(parentRel, partRel, part.partitionBound);
    s.irreversibleReason = QStringLiteral("The rows now live in %1; detach it and move them back "
                                          "to undo.")
                               .arg(partRel);
    s.locks = {sqlb::lock(LockMode::ShareUpdateExclusive, parent.schema, parent.name),
               sqlb::lock(LockMode::AccessExclusive, deflt->schema, deflt->name, brief),
               sqlb::lock(LockMode::AccessExclusive, part.schema, part.name)};
    s.work = Work::Scan;
    s.estimatedSeconds = seconds;
    s.hazards = {sqlb::hazard(HazardKind::AccessExclusiveLock,
                              QStringLiteral("ACCESS EXCLUSIVE on the DEFAULT partition %1 while "
                                             "its rows of the new bound move and ATTACH checks "
                                             "the rest (estimated %2 s); one transaction, so no "
                                             "row is ever missing. Row triggers on %1 fire for "
                                             "the moved rows")
                                  .arg(defaultRel)
                                  .arg(seconds, 0, 'f', 1))};
    s.referenceRow = QStringLiteral("P1");
    s.dependsOn << createId;
    s.rationale = QStringLiteral("The moved rows and the attach commit together: readers see "
                                 "every row through %1 before and after.")
                      .arg(parentRel);
    const QString attachId = ctx.add(std::move(s)).id;
    dropHelper(h, attachId, Phase::Expand, ctx);
    if (!brief) {
        ctx.addFinding({Finding::Severity::Blocking,
                        defaultRel,
                        QStringLiteral("Adding partition %1 holds ACCESS EXCLUSIVE on the DEFAULT "
                                       "partition %2 for about %3 s")
                            .arg(partRel, defaultRel)
                            .arg(seconds, 0, 'f', 1),
                        QStringLiteral("The DEFAULT partition must be read under ACCESS EXCLUSIVE "
                                       "(its rows of the new bound move, and ATTACH checks the "
                                       "rest): every query on %1 waits that long.")
                            .arg(parentRel),
                        {QStringLiteral("Move the rows of the new bound out of %1 in batches "
                                        "first, and add a validated CHECK (NOT (%2)) to it; then "
                                        "plan again")
                             .arg(defaultRel, expression),
                         QStringLiteral("Run the step in a maintenance window")},
                        QStringLiteral("P1")});
    }
    return true;
}

QString boundExpression(const QString& partitionKey, const QString& bound)
{
    QString method;
    const QString column = keyColumn(partitionKey, &method);
    if (column.isEmpty())
        return {};
    if (method == QLatin1String("RANGE")) {
        static const QRegularExpression re(QStringLiteral("^FOR VALUES FROM \\((%1|MINVALUE)\\) "
                                                          "TO \\((%1|MAXVALUE)\\)$")
                                               .arg(kLiteral));
        const QRegularExpressionMatch m = re.match(bound);
        if (!m.hasMatch())
            return {};
        QString out = column + QStringLiteral(" IS NOT NULL");
        if (m.captured(1) != QLatin1String("MINVALUE"))
            out += QStringLiteral(" AND %1 >= %2").arg(column, m.captured(1));
        if (m.captured(2) != QLatin1String("MAXVALUE"))
            out += QStringLiteral(" AND %1 < %2").arg(column, m.captured(2));
        return out;
    }
    if (method == QLatin1String("LIST")) {
        static const QRegularExpression re(
            QStringLiteral("^FOR VALUES IN \\(((?:%1)(?:, (?:%1))*)\\)$").arg(kLiteral));
        const QRegularExpressionMatch m = re.match(bound);
        if (!m.hasMatch())
            return {};
        return QStringLiteral("%1 IS NOT NULL AND %1 IN (%2)").arg(column, m.captured(1));
    }
    return {}; // HASH: satisfies_hash_partition() names the parent by OID
}

bool planMembership(const Change& change, RecipeContext& ctx)
{
    const Table* before = change.beforeAs<Table>();
    const Table* after = change.afterAs<Table>();
    if (!before || !after || before->name != after->name)
        return false;
    const bool sameParent = before->isPartition() && after->isPartition() &&
                            before->partitionParentSchema == after->partitionParentSchema &&
                            before->partitionParentName == after->partitionParentName;
    if (sameParent) {
        if (before->partitionBound == after->partitionBound)
            return false;
        const Table* parent =
            ctx.liveTable(after->partitionParentSchema, after->partitionParentName);
        if (!parent)
            return false;
        if (after->partitionBound == QLatin1String("DEFAULT") ||
            before->partitionBound == QLatin1String("DEFAULT") ||
            boundExpression(parent->partitionKey, after->partitionBound).isEmpty()) {
            unprovableBound(*parent, *before, *after, ctx);
            return true;
        }
        attach(*parent, *after, true, ctx);
        return true;
    }
    if (before->isPartition()) {
        const Table* parent =
            ctx.liveTable(before->partitionParentSchema, before->partitionParentName);
        if (!parent || after->isPartition())
            return false;
        detach(*parent, *before, ctx);
        return true;
    }
    if (after->isPartition()) {
        const Table* parent =
            ctx.liveTable(after->partitionParentSchema, after->partitionParentName);
        if (!parent || parent->kind != catalog::TableKind::Partitioned)
            return false;
        attach(*parent, *after, false, ctx);
        return true;
    }
    return false;
}

Finding repartitionFinding(const Table& before, const Table& after,
                           const diff::AttributeChange& attribute)
{
    const QString who = qualified(after.schema, after.name);
    QString what;
    if (after.kind == catalog::TableKind::Partitioned && before.kind != after.kind)
        what = QStringLiteral("Table %1 becomes partitioned (%2)").arg(who, after.partitionKey);
    else if (before.kind == catalog::TableKind::Partitioned && before.kind != after.kind)
        what = QStringLiteral("Partitioned table %1 becomes a regular table").arg(who);
    else
        what = QStringLiteral("The %1 of table %2 changes from %3 to %4")
                   .arg(attribute.attribute, who, attribute.from, attribute.to);
    return {Finding::Severity::Blocking,
            who,
            what,
            QStringLiteral("PostgreSQL cannot change how a table is partitioned in place: every "
                           "row must be copied into a new table, and the old one replaced."),
            {QStringLiteral("Create the target's table under another name, copy the rows in "
                            "batches while a trigger copies new writes, then swap the names "
                            "in one short transaction"),
             QStringLiteral("Do it in a maintenance window: CREATE the new table, INSERT … "
                            "SELECT, DROP the old one, RENAME"),
             QStringLiteral("Keep the table as it is in the target")},
            QStringLiteral("P1")};
}

void linkDetaches(RecipeContext& ctx)
{
    const QString verb = QStringLiteral(":detach-partition:");
    QStringList detaches;
    for (const Step& s : ctx.steps())
        if (s.id.contains(verb))
            detaches << s.id;
    for (const QString& id : detaches) {
        const QString path = id.mid(id.indexOf(verb) + verb.size()) + QLatin1Char('.');
        for (Step& s : ctx.steps()) {
            const qsizetype colon =
                s.id.indexOf(QLatin1Char(':'), s.id.indexOf(QLatin1Char(':')) + 1);
            if (s.phase == Phase::Contract && s.id != id && colon > 0 &&
                s.id.mid(colon + 1).startsWith(path) &&
                !s.id.contains(QStringLiteral("bound-check")))
                s.dependsOn << id;
        }
    }
}

} // namespace bellows::plan::partitions
