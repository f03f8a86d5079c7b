// Views and materialized views (reference W1, W2): CREATE OR REPLACE when columns are only
// appended, drop + create in one transaction otherwise; materialized views are rebuilt beside
// the old one and swapped in by renaming.

#include "plan/recipes.h"
#include "plan/sql_builders.h"
#include "plan/view_sql.h"
#include "sql/quote.h"

#include <QRegularExpression>

#include <algorithm>

namespace bellows::plan::recipes {

using catalog::View;
using diff::Action;
using diff::Change;
using sql::qualified;
using sql::quoteIdent;
using sql::quoteLiteral;
using viewsql::createSql;
using viewsql::dropSql;
using viewsql::extras;
using viewsql::kindWord;
using viewsql::optionList;

namespace detail {
bool viewIsRecreated(const Change& viewChange);
}

namespace {

QString stepId(Phase phase, const QString& verb, const QString& schema, const QString& name)
{
    return toString(phase) + QLatin1Char(':') + verb + QLatin1Char(':') + schema +
           QLatin1Char('.') + name;
}

QString literalOrNull(const QString& value)
{
    return value.isEmpty() ? QStringLiteral("NULL") : quoteLiteral(value);
}

bool mentions(const QString& text, const QString& name)
{
    const QRegularExpression word(QStringLiteral("(^|[^A-Za-z0-9_$])") +
                                  QRegularExpression::escape(name) +
                                  QStringLiteral("($|[^A-Za-z0-9_$])"));
    return word.match(text).hasMatch();
}

// Live views that use `v` directly (pg_depend).
QStringList dependentViews(const View& v, RecipeContext& ctx)
{
    QStringList out;
    for (const QString& key : ctx.database().dependentsOf(QStringLiteral("view ") + v.schema +
                                                          QLatin1Char('.') + v.name)) {
        if (!key.startsWith(QLatin1String("view ")))
            continue;
        const QString path = key.mid(5);
        const qsizetype dot = path.indexOf(QLatin1Char('.'));
        out << qualified(path.left(dot), path.mid(dot + 1));
    }
    return out;
}

// Views are planned after tables (ChangeSet order): wait for the expand steps on the
// relations the definition names.
QStringList expandDependencies(const View& v, RecipeContext& ctx)
{
    QStringList out;
    for (const Step& step : ctx.steps()) {
        if (step.phase != Phase::Expand)
            continue;
        for (const Lock& lock : step.locks) {
            const QStringList parts = sql::splitQualifiedName(lock.relation);
            if (!parts.isEmpty() && mentions(v.definition, parts.last()) &&
                !out.contains(step.id)) {
                out << step.id;
            }
        }
    }
    return out;
}

struct Shape {
    QString name;
    QString type;
    bool operator==(const Shape&) const = default;
};

std::vector<Shape> shape(const View& v)
{
    std::vector<const catalog::Column*> columns;
    for (const catalog::Column& c : v.columns)
        columns.push_back(&c);
    std::stable_sort(columns.begin(), columns.end(),
                     [](const catalog::Column* a, const catalog::Column* b) {
                         return a->position < b->position;
                     });
    std::vector<Shape> out;
    for (const catalog::Column* c : columns)
        out.push_back({c->name, c->type});
    return out;
}

// W2: CREATE OR REPLACE VIEW accepts only new columns appended at the end.
bool onlyAppends(const View& before, const View& after)
{
    const std::vector<Shape> a = shape(before);
    const std::vector<Shape> b = shape(after);
    return b.size() >= a.size() && std::equal(a.begin(), a.end(), b.begin());
}

void addView(const Change& c, const View& v, RecipeContext& ctx)
{
    const QString name = qualified(v.schema, v.name);
    Step s;
    s.id = stepId(Phase::Expand, QStringLiteral("create-view"), v.schema, v.name);
    s.title = QStringLiteral("Create %1 %2").arg(kindWord(v).toLower(), name);
    // Filled, whatever the target file says: pg_dump writes every materialized view WITH NO
    // DATA (and fills it later in its data section), and an unfilled one cannot be read.
    View filled = v;
    filled.populated = true;
    QStringList sql{createSql(filled, v.name, false)};
    for (const catalog::Index& index : v.indexes)
        sql << index.definition.trimmed() + QLatin1Char(';');
    sql << extras(v);
    s.sql = sql.join(QLatin1Char('\n'));
    s.rollbackSql = dropSql(v, v.name);
    // A materialized view is filled under its own ACCESS EXCLUSIVE, but nobody can wait for an
    // object that does not exist before the commit: brief for the application.
    s.locks.push_back({LockMode::AccessExclusive, name, true});
    if (v.materialized) {
        s.work = Work::Build;
        s.rationale = QStringLiteral("The new materialized view is filled in the same "
                                     "transaction; nobody can use it before the commit, and the "
                                     "tables it reads are only read.");
    } else {
        s.rationale = QStringLiteral("After the expand steps of the tables it reads.");
    }
    s.referenceRow = QStringLiteral("W1");
    s.dependsOn = expandDependencies(v, ctx);
    Q_UNUSED(c);
    ctx.add(std::move(s));
}

void dropView(const View& v, RecipeContext& ctx)
{
    const QString name = qualified(v.schema, v.name);
    Step s;
    s.id = stepId(Phase::Contract, QStringLiteral("drop-view"), v.schema, v.name);
    s.phase = Phase::Contract;
    s.title = QStringLiteral("Drop %1 %2").arg(kindWord(v).toLower(), name);
    s.sql = dropSql(v, v.name);
    QStringList rollback{createSql(v, v.name, false)};
    for (const catalog::Index& index : v.indexes)
        rollback << index.definition.trimmed() + QLatin1Char(';');
    rollback << extras(v);
    s.rollbackSql = rollback.join(QLatin1Char('\n'));
    s.locks.push_back({LockMode::AccessExclusive, name, true});
    s.hazards.push_back(
        {HazardKind::BreaksRunningApp, QStringLiteral("Queries on the view fail once it is gone")});
    s.referenceRow = QStringLiteral("W1");
    s.rationale = QStringLiteral("After every running version stopped querying it. Never "
                                 "CASCADE.");
    ctx.add(std::move(s));
    // Dependents the plan drops too go first (dependency_order.cpp); the others block the DROP.
    QStringList dependents;
    for (const QString& d : dependentViews(v, ctx)) {
        const QStringList parts = sql::splitQualifiedName(d);
        if (parts.size() == 2 && !ctx.target().view(parts[0], parts[1]))
            continue;
        dependents << d;
    }
    if (!dependents.isEmpty()) {
        ctx.addFinding({Finding::Severity::Warning,
                        name,
                        QStringLiteral("Other views depend on %1").arg(name),
                        QStringLiteral("%1 use it and stay in the target; DROP without CASCADE "
                                       "fails while they exist.")
                            .arg(dependents.join(QStringLiteral(", "))),
                        {QStringLiteral("Drop or change those views in the target too")},
                        QStringLiteral("W2")});
    }
}

void recreateFinding(const View& v, const QStringList& dependents, const QString& what,
                     RecipeContext& ctx)
{
    const QString name = qualified(v.schema, v.name);
    QString reason = QStringLiteral("%1. Queries of the running app that use changed or removed "
                                    "columns fail after the step; grants on the view are not "
                                    "restored.")
                         .arg(what);
    if (!dependents.isEmpty())
        reason += QStringLiteral(" The views that depend on it (%1) are dropped before it and "
                                 "re-created from the target after it, in the same transaction.")
                      .arg(dependents.join(QStringLiteral(", ")));
    ctx.addFinding(
        {Finding::Severity::Warning,
         name,
         QStringLiteral("%1 %2 is dropped and re-created")
             .arg(v.materialized ? QStringLiteral("Materialized view") : QStringLiteral("View"),
                  name),
         reason,
         {QStringLiteral("Create the new shape under a new name, move the app to it, "
                         "drop the old view later (W2)"),
          QStringLiteral("Re-create dependent views in the target as well")},
         QStringLiteral("W2")});
}

void changeView(const Change& c, const View& before, const View& after, RecipeContext& ctx)
{
    const QString name = qualified(after.schema, after.name);
    const bool definition = c.attribute(QStringLiteral("definition")) != nullptr;
    bool recreated = false;
    if (definition && !after.materialized && onlyAppends(before, after)) {
        Step s;
        s.id = stepId(Phase::Expand, QStringLiteral("replace-view"), after.schema, after.name);
        s.title = QStringLiteral("Replace view %1 (columns appended)").arg(name);
        s.sql = createSql(after, after.name, true);
        s.rollbackSql = onlyAppends(after, before)
                            ? createSql(before, before.name, true)
                            : dropSql(before, before.name) + QLatin1Char('\n') +
                                  createSql(before, before.name, false);
        s.locks.push_back({LockMode::AccessExclusive, name, true});
        s.hazards.push_back({HazardKind::AccessExclusiveLock,
                             QStringLiteral("Queries on the view wait for the catalog update")});
        s.referenceRow = QStringLiteral("W2");
        s.dependsOn = expandDependencies(after, ctx);
        s.rationale = QStringLiteral("Existing columns keep their names and types, so running "
                                     "queries are unaffected.");
        ctx.add(std::move(s));
    } else if (definition && !after.materialized) {
        recreated = true;
        Step s;
        s.id = stepId(Phase::Expand, QStringLiteral("recreate-view"), after.schema, after.name);
        s.title = QStringLiteral("Drop and re-create view %1").arg(name);
        QStringList sql{dropSql(before, before.name), createSql(after, after.name, false)};
        sql << extras(after);
        s.sql = sql.join(QLatin1Char('\n'));
        QStringList rollback{dropSql(after, after.name), createSql(before, before.name, false)};
        rollback << extras(before);
        s.rollbackSql = rollback.join(QLatin1Char('\n'));
        s.locks.push_back({LockMode::AccessExclusive, name, true});
        s.hazards.push_back({HazardKind::AccessExclusiveLock,
                             QStringLiteral("Queries on the view wait for one short "
                                            "transaction")});
        s.hazards.push_back({HazardKind::BreaksRunningApp,
                             QStringLiteral("Columns are renamed, retyped or removed: old "
                                            "queries using them fail")});
        s.referenceRow = QStringLiteral("W2");
        s.dependsOn = expandDependencies(after, ctx);
        s.rationale = QStringLiteral("CREATE OR REPLACE cannot rename, retype or drop view "
                                     "columns; drop and create run in one transaction so the "
                                     "view is never missing.");
        ctx.add(std::move(s));
        recreateFinding(after, dependentViews(before, ctx),
                        QStringLiteral("Its existing columns change"), ctx);
    } else if (definition) {
        // Materialized: build the new one beside the old, then swap names in one transaction.
        recreated = true;
        const QString suffix = QStringLiteral("_bellows_new");
        const QString temporary = sqlb::boundedName(after.name, suffix);
        Step b;
        b.id = stepId(Phase::Expand, QStringLiteral("build-matview"), after.schema, after.name);
        b.title = QStringLiteral("Build the new materialized view %1 beside the old one").arg(name);
        // The new one is filled when the old one is: one never filled stays unfilled.
        View built = after;
        built.populated = before.populated;
        QStringList sql{createSql(built, temporary, false)};
        QStringList renames;
        for (const catalog::Index& index : after.indexes) {
            const QString indexName = sqlb::boundedName(index.name, suffix);
            QString def = index.definition.trimmed();
            const QString from =
                quoteIdent(index.name) + QStringLiteral(" ON ") + name + QLatin1Char(' ');
            const QString to = quoteIdent(indexName) + QStringLiteral(" ON ") +
                               qualified(after.schema, temporary) + QLatin1Char(' ');
            def.replace(from, to);
            sql << def + QLatin1Char(';');
            renames << QStringLiteral("ALTER INDEX ") + qualified(after.schema, indexName) +
                           QStringLiteral(" RENAME TO ") + quoteIdent(index.name) +
                           QLatin1Char(';');
        }
        b.sql = sql.join(QLatin1Char('\n'));
        b.rollbackSql = dropSql(after, temporary);
        b.locks.push_back({LockMode::AccessExclusive, qualified(after.schema, temporary), true});
        b.work = Work::Build;
        b.referenceRow = QStringLiteral("W2");
        b.dependsOn = expandDependencies(after, ctx);
        b.rationale = QStringLiteral("A new object: its lock blocks nobody while it is filled "
                                     "and indexed.");
        const QString builtId = ctx.add(std::move(b)).id;

        Step s;
        s.id = stepId(Phase::Expand, QStringLiteral("swap-matview"), after.schema, after.name);
        s.title = QStringLiteral("Swap the new materialized view %1 in").arg(name);
        QStringList swap{dropSql(before, before.name),
                         QStringLiteral("ALTER MATERIALIZED VIEW ") +
                             qualified(after.schema, temporary) + QStringLiteral(" RENAME TO ") +
                             quoteIdent(after.name) + QLatin1Char(';')};
        swap << renames << extras(after);
        s.sql = swap.join(QLatin1Char('\n'));
        s.irreversibleReason = QStringLiteral("The old materialized view is dropped; re-create "
                                              "it from the previous definition if needed.");
        s.locks.push_back({LockMode::AccessExclusive, name, true});
        s.locks.push_back({LockMode::AccessExclusive, qualified(after.schema, temporary), true});
        s.hazards.push_back({HazardKind::AccessExclusiveLock,
                             QStringLiteral("Queries on the materialized view wait for one short "
                                            "transaction")});
        s.referenceRow = QStringLiteral("W2");
        s.dependsOn << builtId;
        s.rationale = QStringLiteral("Drop and rename are catalog updates: the swap is instant.");
        ctx.add(std::move(s));
        if (!onlyAppends(before, after))
            recreateFinding(after, dependentViews(before, ctx),
                            QStringLiteral("Its existing columns change"), ctx);
        else if (!dependentViews(before, ctx).isEmpty())
            recreateFinding(after, dependentViews(before, ctx),
                            QStringLiteral("Its definition changes"), ctx);
    }

    const diff::AttributeChange* options = c.attribute(QStringLiteral("options"));
    if (options && !recreated) {
        const QString head = QStringLiteral("ALTER ") + kindWord(after) + QLatin1Char(' ') + name;
        auto apply = [&](const View& from, const View& to) -> QString {
            QStringList keys;
            for (const QString& option : from.options)
                keys << quoteIdent(option.section(QLatin1Char('='), 0, 0));
            QStringList sql;
            if (!keys.isEmpty())
                sql << head + QStringLiteral(" RESET (") + keys.join(QStringLiteral(", ")) +
                           QStringLiteral(");");
            if (!to.options.isEmpty())
                sql << head + QStringLiteral(" SET (") + optionList(to.options) +
                           QStringLiteral(");");
            return sql.join(QLatin1Char('\n'));
        };
        Step s;
        s.id = stepId(Phase::Expand, QStringLiteral("view-options"), after.schema, after.name);
        s.title = QStringLiteral("Change the options of %1").arg(name);
        s.sql = apply(before, after);
        s.rollbackSql = apply(after, before);
        s.locks.push_back({LockMode::AccessExclusive, name, true});
        s.referenceRow = QStringLiteral("W2");
        s.rationale = QStringLiteral("Catalog update only.");
        ctx.add(std::move(s));
    }
    const diff::AttributeChange* note = c.attribute(QStringLiteral("comment"));
    if (note && !recreated) {
        const QString head = QStringLiteral("COMMENT ON ") + kindWord(after) + QLatin1Char(' ') +
                             name + QStringLiteral(" IS ");
        Step s;
        s.id = stepId(Phase::Expand, QStringLiteral("comment-view"), after.schema, after.name);
        s.title = QStringLiteral("Set the comment of %1").arg(name);
        s.sql = head + literalOrNull(note->to) + QLatin1Char(';');
        s.rollbackSql = head + literalOrNull(note->from) + QLatin1Char(';');
        s.locks.push_back({LockMode::ShareUpdateExclusive, name, true});
        s.referenceRow = QStringLiteral("M2");
        s.rationale = QStringLiteral("Comments never affect the application.");
        ctx.add(std::move(s));
    }
}

// A comment on a view column (the only view-column change the differ reports).
void columnComment(const Change& c, RecipeContext& ctx)
{
    const diff::AttributeChange* note = c.attribute(QStringLiteral("comment"));
    if (!note)
        return;
    if (const Change* owner = ctx.changes().owner(c); owner && detail::viewIsRecreated(*owner))
        return;
    const QString head = QStringLiteral("COMMENT ON COLUMN ") + qualified(c.schema, c.table) +
                         QLatin1Char('.') + quoteIdent(c.name) + QStringLiteral(" IS ");
    Step s;
    s.id = toString(Phase::Expand) + QStringLiteral(":comment-column:") + c.schema +
           QLatin1Char('.') + c.table + QLatin1Char('.') + c.name;
    s.title = QStringLiteral("Set the comment of %1.%2")
                  .arg(qualified(c.schema, c.table), quoteIdent(c.name));
    s.sql = head + literalOrNull(note->to) + QLatin1Char(';');
    s.rollbackSql = head + literalOrNull(note->from) + QLatin1Char(';');
    s.locks.push_back({LockMode::ShareUpdateExclusive, qualified(c.schema, c.table), true});
    s.referenceRow = QStringLiteral("M2");
    s.rationale = QStringLiteral("Comments never affect the application.");
    ctx.add(std::move(s));
}

} // namespace

namespace detail {

// Whether planView drops and re-creates the view of this change (its triggers, indexes and
// comments come back with it, so their own changes are not planned again).
bool viewIsRecreated(const Change& viewChange)
{
    if (viewChange.action != Action::Changed || !viewChange.attribute(QStringLiteral("definition")))
        return false;
    const View* before = viewChange.beforeAs<View>();
    const View* after = viewChange.afterAs<View>();
    if (!before || !after)
        return false;
    return after->materialized || !onlyAppends(*before, *after);
}

} // namespace detail

void planView(const Change& change, RecipeContext& ctx)
{
    if (change.kind == diff::ObjectKind::Column) {
        columnComment(change, ctx);
        return;
    }
    const View* before = change.beforeAs<View>();
    const View* after = change.afterAs<View>();
    switch (change.action) {
    case Action::Added:
        if (after)
            addView(change, *after, ctx);
        return;
    case Action::Removed:
        if (before)
            dropView(*before, ctx);
        return;
    case Action::Renamed:
        return; // the differ does not rename views
    case Action::Changed:
        if (before && after)
            changeView(change, *before, *after, ctx);
        return;
    }
}

} // namespace bellows::plan::recipes
