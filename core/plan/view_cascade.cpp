// Dependents around a step that drops or moves what they use (reference W2): a view dropped and
// re-created, a routine dropped for a new result type, a column retyped in place or swapped.
// PostgreSQL refuses the DROP (or ALTER … TYPE) while views, policies or triggers use the
// object, and CASCADE would drop them silently. The live views that depend on it (pg_depend,
// transitively; for a column also its policies and triggers) are dropped first, deepest first,
// and re-created from the target after it, in the same transaction: readers wait for one short
// transaction and never see one missing.

#include "plan/dependency_order.h"

#include "plan/matview_fill.h"

#include "plan/step_objects.h"
#include "plan/view_sql.h"
#include "sql/quote.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <optional>

namespace bellows::plan::recipes::detail {
bool viewIsRecreated(const diff::Change& viewChange); // view_recipes.cpp
}

namespace bellows::plan::deps {

namespace {

const QLatin1String kView("view ");

const catalog::View* viewOf(const catalog::Catalog& catalog, const QString& key)
{
    const QString path = pathOfKey(key);
    const qsizetype dot = path.indexOf(QLatin1Char('.'));
    return dot < 0 ? nullptr : catalog.view(path.left(dot), path.mid(dot + 1));
}

// The live views that depend on `key`, transitively, each after every view that depends on it
// (the order they can be dropped in).
void collectDependents(const catalog::Catalog& database, const QString& key, QStringList& out,
                       QSet<QString>& seen)
{
    for (const QString& dependent : database.dependentsOf(key)) {
        if (!dependent.startsWith(kView) || seen.contains(dependent))
            continue;
        seen.insert(dependent);
        collectDependents(database, dependent, out, seen);
        out << dependent;
    }
}

QStringList dependentViews(const catalog::Catalog& database, const QString& key)
{
    QStringList out;
    QSet<QString> seen{key};
    collectDependents(database, key, out, seen);
    return out;
}

// What must leave and come back around a step that moves `key`: the views over it
// (transitively) and, for a column, the policies and triggers whose expressions use it.
QStringList dependentsAround(const catalog::Catalog& database, const QString& key)
{
    QStringList out;
    if (kindOf(key) == QLatin1String("column")) {
        for (const QString& d : database.dependentsOf(key)) {
            const QString kind = kindOf(d);
            if ((kind == QLatin1String("policy") || kind == QLatin1String("trigger") ||
                 kind == QLatin1String("function")) &&
                !out.contains(d))
                out << d;
        }
    }
    out << dependentViews(database, key);
    return out;
}

bool dropsAndRecreatesView(const Step& step)
{
    const QString verb = verbOf(step);
    return step.phase == Phase::Expand &&
           (verb == QLatin1String("recreate-view") || verb == QLatin1String("swap-matview"));
}

// What a step drops or moves from under the live views that use it: a view dropped and
// re-created in expand, a routine dropped and created again, the column an in-place type change
// alters, the old columns a contract swap renames away (the views must follow the new column under
// the old name).
QStringList movedBy(const Step& step, const catalog::Catalog& database)
{
    const QString verb = verbOf(step);
    if (dropsAndRecreatesView(step))
        return {kView + pathOf(step)};
    // A routine whose result type changes is dropped and created again.
    if (step.phase == Phase::Expand && verb == QLatin1String("replace-function") &&
        step.sql.startsWith(QLatin1String("DROP ")))
        return {QStringLiteral("function ") + pathOf(step)};
    if (step.phase == Phase::Expand && verb == QLatin1String("alter-type"))
        return {QStringLiteral("column ") + pathOf(step)};
    if (step.phase != Phase::Contract ||
        (verb != QLatin1String("drop-sync-trigger") && verb != QLatin1String("swap-key")))
        return {};
    QStringList out;
    for (const catalog::Dependency& d : database.dependencies) {
        const QString kind = kindOf(d.dependent);
        if (kindOf(d.referenced) != QLatin1String("column") || out.contains(d.referenced) ||
            !(kind == QLatin1String("view") || kind == QLatin1String("policy") ||
              kind == QLatin1String("trigger") || kind == QLatin1String("function")))
            continue;
        if (!columnRenamedTo(step, d.referenced).isEmpty())
            out << d.referenced;
    }
    return out;
}

// The steps a view's own change made that the cascade does instead.
bool isOwnViewStep(const Step& step, const QString& viewPath)
{
    static const QStringList verbs{QStringLiteral("recreate-view"), QStringLiteral("replace-view"),
                                   QStringLiteral("build-matview"), QStringLiteral("swap-matview"),
                                   QStringLiteral("view-options"),  QStringLiteral("comment-view")};
    return step.phase == Phase::Expand && verbs.contains(verbOf(step)) && pathOf(step) == viewPath;
}

QString nameOf(const catalog::View& v)
{
    return sql::qualified(v.schema, v.name);
}

// The grants and owner a view created again comes back with: its live ones, or the target's
// when the plan re-creates it for its own change (as the privilege recipes give it) and the
// target states grants. Without them the migrating role would own it, with default privileges.
QStringList grantsBack(const catalog::View& live, const catalog::View& target,
                       const RecipeContext& ctx)
{
    const auto kind =
        live.materialized ? diff::ObjectKind::MaterializedView : diff::ObjectKind::View;
    const diff::Change* change = ctx.changes().find(kind, live.schema, QString(), live.name);
    if (!change || !recipes::detail::viewIsRecreated(*change) || !ctx.target().grantsStated)
        return grantsOf(live, ctx.database(), &target);
    catalog::View owned = target;
    if (!ctx.target().ownerIsExplicit(target.owner))
        owned.owner = live.owner;
    return grantsOf(owned, ctx.database(), &target);
}

// How one dependent leaves and comes back around the root step.
struct Dependent {
    QString name;       // for titles: the view, or "policy p on s.t"
    QString drop;       // before the root's SQL (live object)
    QString create;     // after it, from the target; empty when the target has none
    QString undoDrop;   // rollback: before the root's rollback
    QString undoCreate; // rollback: the live object again
    bool refill = false;
    QString path; // "schema.name" of a view (what --accept-downtime names)
    QString lockRelation;
};

// "s.t.name" of a table part's key: the live or target table and the part's name.
const catalog::Table* tableOfPart(const catalog::Catalog& catalog, const QString& key,
                                  QString& name)
{
    const QString path = pathOfKey(key);
    name = path.section(QLatin1Char('.'), -1);
    const QString rest = path.left(path.size() - name.size() - 1);
    const qsizetype dot = rest.indexOf(QLatin1Char('.'));
    return dot < 0 ? nullptr : catalog.table(rest.left(dot), rest.mid(dot + 1));
}

QString policySql(const catalog::Table& t, const catalog::Policy& p)
{
    QString sql = QStringLiteral("CREATE POLICY ") + sql::quoteIdent(p.name) +
                  QStringLiteral(" ON ") + sql::qualified(t.schema, t.name);
    if (!p.permissive)
        sql += QStringLiteral(" AS RESTRICTIVE");
    if (!p.command.isEmpty())
        sql += QStringLiteral(" FOR ") + p.command;
    QStringList roles;
    for (const QString& role : p.roles)
        roles << (role == QLatin1String("public") ? QStringLiteral("PUBLIC")
                                                  : sql::quoteIdent(role));
    if (!roles.isEmpty())
        sql += QStringLiteral(" TO ") + roles.join(QStringLiteral(", "));
    if (!p.usingExpr.isEmpty())
        sql += QStringLiteral(" USING (") + p.usingExpr + QLatin1Char(')');
    if (!p.withCheckExpr.isEmpty())
        sql += QStringLiteral(" WITH CHECK (") + p.withCheckExpr + QLatin1Char(')');
    return sql + QLatin1Char(';');
}

QString triggerSql(const catalog::Table& t, const catalog::Trigger& g)
{
    QString sql = g.definition.trimmed();
    if (!sql.endsWith(QLatin1Char(';')))
        sql += QLatin1Char(';');
    const QString head = QStringLiteral("\nALTER TABLE ") + sql::qualified(t.schema, t.name);
    if (g.enabled == 'D')
        sql +=
            head + QStringLiteral(" DISABLE TRIGGER ") + sql::quoteIdent(g.name) + QLatin1Char(';');
    else if (g.enabled == 'R' || g.enabled == 'A')
        sql += head +
               (g.enabled == 'R' ? QStringLiteral(" ENABLE REPLICA TRIGGER ")
                                 : QStringLiteral(" ENABLE ALWAYS TRIGGER ")) +
               sql::quoteIdent(g.name) + QLatin1Char(';');
    return sql;
}

std::optional<Dependent> viewDependent(const QString& key, const RecipeContext& ctx)
{
    const catalog::View* live = viewOf(ctx.database(), key);
    if (!live)
        return std::nullopt;
    Dependent d;
    d.name = nameOf(*live);
    d.drop = viewsql::dropSql(*live, live->name);
    // Created anew, the old view has the migrating role's default privileges: its grants too.
    d.undoCreate =
        (viewsql::createAll(*live) + grantsOf(*live, ctx.database())).join(QLatin1Char('\n'));
    if (const catalog::View* target = viewOf(ctx.target(), key)) {
        // Kept as it is: one never filled (WITH NO DATA) is not filled now.
        catalog::View created = *target;
        created.populated = live->populated;
        d.create =
            (viewsql::createAll(created) + grantsBack(*live, *target, ctx)).join(QLatin1Char('\n'));
        d.undoDrop = viewsql::dropSql(*target, target->name);
        d.refill = target->materialized && live->populated;
        d.path = catalog::key(live->schema, live->name);
    }
    d.lockRelation = d.name;
    return d;
}

QString functionSql(const catalog::Function& f)
{
    QString text = f.definition.trimmed();
    if (!text.endsWith(QLatin1Char(';')))
        text += QLatin1Char(';');
    return text;
}

// A routine whose SQL-standard body uses a moved column: CREATE OR REPLACE from the target
// binds it to the column under its name again (no DROP: callers never see it missing).
std::optional<Dependent> functionDependent(const QString& key, const RecipeContext& ctx)
{
    const auto find = [&](const catalog::Catalog& c) -> const catalog::Function* {
        for (const catalog::Function& f : c.functions)
            if (QStringLiteral("function ") + f.signature() == key)
                return &f;
        return nullptr;
    };
    const catalog::Function* live = find(ctx.database());
    const catalog::Function* target = find(ctx.target());
    if (!live || live->definition.isEmpty() || !target || target->definition.isEmpty())
        return std::nullopt;
    Dependent d;
    d.name = QStringLiteral("function ") + live->signature();
    d.create = functionSql(*target);
    d.undoCreate = functionSql(*live);
    return d;
}

// A policy or trigger of a table that uses a moved column.
std::optional<Dependent> tablePartDependent(const QString& key, const RecipeContext& ctx)
{
    const bool policy = kindOf(key) == QLatin1String("policy");
    QString name;
    const catalog::Table* live = tableOfPart(ctx.database(), key, name);
    if (!live)
        return std::nullopt;
    const QString table = sql::qualified(live->schema, live->name);
    QString targetName;
    const catalog::Table* target = tableOfPart(ctx.target(), key, targetName);
    Dependent d;
    d.name = (policy ? QStringLiteral("policy %1 on %2") : QStringLiteral("trigger %1 on %2"))
                 .arg(sql::quoteIdent(name), table);
    d.drop = (policy ? QStringLiteral("DROP POLICY IF EXISTS ")
                     : QStringLiteral("DROP TRIGGER IF EXISTS ")) +
             sql::quoteIdent(name) + QStringLiteral(" ON ") + table + QLatin1Char(';');
    d.undoDrop = d.drop;
    if (policy) {
        const auto find = [&](const catalog::Table* t) -> const catalog::Policy* {
            if (!t)
                return nullptr;
            for (const catalog::Policy& p : t->policies)
                if (p.name == name)
                    return &p;
            return nullptr;
        };
        if (const catalog::Policy* p = find(live))
            d.undoCreate = policySql(*live, *p);
        if (const catalog::Policy* p = find(target))
            d.create = policySql(*target, *p);
    } else {
        const auto find = [&](const catalog::Table* t) -> const catalog::Trigger* {
            if (!t)
                return nullptr;
            for (const catalog::Trigger& g : t->triggers)
                if (g.name == name)
                    return &g;
            return nullptr;
        };
        if (const catalog::Trigger* g = find(live))
            d.undoCreate = triggerSql(*live, *g);
        if (const catalog::Trigger* g = find(target))
            d.create = triggerSql(*target, *g);
    }
    if (d.undoCreate.isEmpty())
        return std::nullopt;
    return d;
}

// Wraps the root step's SQL: dependents dropped before, re-created after.
void wrap(Step& root, const QStringList& dependents, RecipeContext& ctx)
{
    QStringList before;
    QStringList after;
    QStringList undoBefore;
    QStringList undoAfter;
    QStringList names;
    QStringList removed;
    QStringList filled; // materialized views filled again, "schema.name"
    QStringList reads;  // the tables their fill reads, once per pass (fillReads)
    for (const QString& key : dependents) {
        const std::optional<Dependent> d = key.startsWith(kView) ? viewDependent(key, ctx)
                                           : kindOf(key) == QLatin1String("function")
                                               ? functionDependent(key, ctx)
                                               : tablePartDependent(key, ctx);
        if (!d)
            continue;
        if (!d->drop.isEmpty())
            before << d->drop;
        undoAfter.prepend(d->undoCreate);
        names << d->name;
        if (d->create.isEmpty()) {
            removed << d->name;
            continue;
        }
        after.prepend(d->create);
        if (!d->undoDrop.isEmpty())
            undoBefore << d->undoDrop;
        if (d->refill) {
            filled << d->path;
            reads << fillReads(ctx, key);
        }
        if (key.startsWith(kView))
            // Brief for a plain view; a fill makes it long (budgetFill).
            root.locks.push_back({LockMode::AccessExclusive, d->lockRelation, true});
    }
    if (names.isEmpty())
        return;
    root.sql = (before + QStringList{root.sql} + after).join(QLatin1Char('\n'));
    if (root.isReversible())
        root.rollbackSql =
            (undoBefore + QStringList{root.rollbackSql} + undoAfter).join(QLatin1Char('\n'));
    root.title +=
        QStringLiteral(" with what depends on it (%1)").arg(names.join(QStringLiteral(", ")));
    root.rationale += QStringLiteral(" What depends on it (%1) is dropped first and "
                                     "re-created from the target after it, in the same "
                                     "transaction; never CASCADE.")
                          .arg(names.join(QStringLiteral(", ")));
    if (!filled.isEmpty())
        budgetFill(root, filled, reads, ctx);
    if (!removed.isEmpty())
        root.hazards.push_back(
            {HazardKind::BreaksRunningApp,
             QStringLiteral("%1 is gone from the target and is dropped here already%2")
                 .arg(removed.join(QStringLiteral(", ")),
                      root.phase == Phase::Expand ? QStringLiteral(", before the contract phase")
                                                  : QString())});
}

// A view that becomes a materialized view (or back) under the same name: the differ sees one
// dropped and one created, and the CREATE would fail while the old one exists. Both go into
// one expand step that drops the old and creates the new in the same transaction (a view
// re-creation, so the views over it follow: see below).
void mergeKindChanges(RecipeContext& ctx)
{
    std::vector<Step>& steps = ctx.steps();
    QHash<QString, QString> replacedBy;
    for (Step& create : steps) {
        if (create.phase != Phase::Expand || verbOf(create) != QLatin1String("create-view"))
            continue;
        const auto drop = std::find_if(steps.begin(), steps.end(), [&](const Step& s) {
            return verbOf(s) == QLatin1String("drop-view") && pathOf(s) == pathOf(create);
        });
        if (drop == steps.end())
            continue;
        const QString id =
            toString(Phase::Expand) + QStringLiteral(":recreate-view:") + pathOf(create);
        replacedBy.insert(create.id, id);
        replacedBy.insert(drop->id, id);
        create.id = id;
        create.title = QStringLiteral("%1, replacing the %2")
                           .arg(create.title, drop->title.section(QLatin1Char(' '), 1).trimmed());
        create.sql = drop->sql + QLatin1Char('\n') + create.sql;
        if (create.isReversible() && drop->isReversible())
            create.rollbackSql += QLatin1Char('\n') + drop->rollbackSql;
        else
            create.rollbackSql.clear();
        create.locks.insert(create.locks.end(), drop->locks.begin(), drop->locks.end());
        create.hazards.insert(create.hazards.end(), drop->hazards.begin(), drop->hazards.end());
        create.rationale += QStringLiteral(" The old relation of the same name is dropped in the "
                                           "same transaction: readers never see it missing.");
        // Its readers wait while the new materialized view is filled.
        const QString key = kView + pathOf(create);
        if (const catalog::View* v = viewOf(ctx.target(), key); v && v->materialized)
            budgetFill(create, {catalog::key(v->schema, v->name)}, fillReads(ctx, key), ctx);
        drop->id.clear(); // removed below
    }
    if (replacedBy.isEmpty())
        return;
    std::erase_if(steps, [](const Step& s) { return s.id.isEmpty(); });
    redirect(steps, replacedBy);
}

} // namespace

QHash<QString, QStringList> recreateDependentViews(RecipeContext& ctx)
{
    mergeKindChanges(ctx);
    std::vector<Step>& steps = ctx.steps();
    // The steps that drop or move what live views use, and those views (dependents first).
    QHash<QString, QStringList> dependentsOf;
    QSet<QString> absorbed; // views an expand step re-creates along with something else
    for (const Step& s : steps) {
        QStringList dependents;
        for (const QString& key : movedBy(s, ctx.database()))
            for (const QString& d : dependentsAround(ctx.database(), key))
                if (!dependents.contains(d))
                    dependents << d;
        if (dependents.isEmpty())
            continue;
        dependentsOf.insert(s.id, dependents);
        if (s.phase == Phase::Expand)
            for (const QString& d : dependents)
                absorbed.insert(d);
    }
    QHash<QString, QString> replacedBy; // removed step id -> the step doing its work
    QHash<QString, QStringList> recreated;
    for (Step& s : steps) {
        const auto it = dependentsOf.constFind(s.id);
        if (it == dependentsOf.constEnd() ||
            (dropsAndRecreatesView(s) && absorbed.contains(kView + pathOf(s))))
            continue;
        wrap(s, *it, ctx);
        recreated.insert(s.id, *it);
        if (s.phase != Phase::Expand)
            continue;
        for (const QString& d : *it)
            for (const Step& own : steps)
                if (isOwnViewStep(own, pathOfKey(d)))
                    replacedBy.insert(own.id, s.id);
    }
    if (replacedBy.isEmpty())
        return recreated;
    std::erase_if(steps, [&](const Step& s) { return replacedBy.contains(s.id); });
    redirect(steps, replacedBy);
    return recreated;
}

void redirect(std::vector<Step>& steps, const QHash<QString, QString>& replacedBy)
{
    for (Step& s : steps) {
        QStringList deps;
        for (const QString& d : s.dependsOn) {
            const QString id = replacedBy.value(d, d);
            if (id != s.id && !deps.contains(id))
                deps << id;
        }
        s.dependsOn = deps;
    }
}

} // namespace bellows::plan::deps
