// A view the plan drops and creates again starts over with the default privileges and the
// migrating role as its owner. privilege_recipes.cpp plans its target grants and owner as a step
// of their own, after the re-creation: between the two commits the application's roles get
// "permission denied". Here they move into the step that re-creates the view, so one commit
// swaps the view and its privileges together; that step's rollback gives the old view its live
// grants and owner back.

#include "plan/dependency_order.h"

#include "catalog/privilege_sql.h"
#include "plan/step_objects.h"

#include <QHash>

#include <algorithm>

namespace bellows::plan::deps {

namespace {

const catalog::View* liveView(const catalog::Catalog& catalog, const QString& path)
{
    for (const catalog::View& v : catalog.views)
        if (catalog::key(v.schema, v.name) == path)
            return &v;
    return nullptr;
}

// The step among `grant`'s dependencies that drops and creates the view at `path` again.
Step* recreatingStep(std::vector<Step>& steps, const Step& grant, const QString& path,
                     const QHash<QString, QStringList>& recreated)
{
    static const QStringList verbs{QStringLiteral("recreate-view"), QStringLiteral("swap-matview")};
    const QString key = QStringLiteral("view ") + path;
    for (Step& s : steps) {
        if (!grant.dependsOn.contains(s.id) || s.outsideTransaction)
            continue;
        if ((verbs.contains(verbOf(s)) && pathOf(s) == path) || recreated.value(s.id).contains(key))
            return &s;
    }
    return nullptr;
}

void mergeLocks(Step& into, const Step& from)
{
    for (const Lock& l : from.locks) {
        const bool held = std::any_of(into.locks.begin(), into.locks.end(), [&](const Lock& m) {
            return m.relation == l.relation && m.mode == l.mode;
        });
        if (!held)
            into.locks.push_back(l);
    }
}

} // namespace

QStringList grantsOf(const catalog::View& live, const catalog::Catalog& database,
                     const catalog::View* created)
{
    const catalog::privsql::Object object = catalog::privsql::viewObject(live);
    QStringList out = catalog::privsql::widen(object.on, {}, live.acl);
    const catalog::View& shape = created ? *created : live;
    for (const catalog::Column& column : live.columns) {
        const bool kept =
            std::any_of(shape.columns.begin(), shape.columns.end(),
                        [&](const catalog::Column& c) { return c.name == column.name; });
        if (kept)
            out << catalog::privsql::widen(object.on, {}, column.acl, column.name);
    }
    if (!live.owner.isEmpty() && live.owner != database.implicitRole)
        out << catalog::privsql::ownerTo(object, live.owner);
    return out;
}

void foldGrantsIntoRecreations(RecipeContext& ctx, const QHash<QString, QStringList>& recreated)
{
    std::vector<Step>& steps = ctx.steps();
    QHash<QString, QString> replacedBy;
    for (Step& grant : steps) {
        if (grant.phase != Phase::Expand || verbOf(grant) != QLatin1String("grant"))
            continue;
        const catalog::View* live = liveView(ctx.database(), pathOf(grant));
        Step* host = live ? recreatingStep(steps, grant, pathOf(grant), recreated) : nullptr;
        if (!host)
            continue;
        host->sql += QLatin1Char('\n') + grant.sql;
        if (host->isReversible())
            host->rollbackSql +=
                QLatin1Char('\n') + grantsOf(*live, ctx.database()).join(QLatin1Char('\n'));
        // The grant's own dependencies are the object's creation steps (privilege_recipes.cpp,
        // creationSteps), the host among them: nothing to carry over.
        mergeLocks(*host, grant);
        host->rationale += QStringLiteral(" The owner and privileges of %1 are set in the same "
                                          "transaction: its users never lose access.")
                               .arg(grant.title.section(QLatin1Char(' '), -1));
        replacedBy.insert(grant.id, host->id);
    }
    if (replacedBy.isEmpty())
        return;
    std::erase_if(steps, [&](const Step& s) { return replacedBy.contains(s.id); });
    redirect(steps, replacedBy);
}

} // namespace bellows::plan::deps
