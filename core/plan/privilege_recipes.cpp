// Owners and privileges, planned once after every other recipe (docs/plan-json.md):
//
// * GRANTs that widen access run in expand: the new app version may need them, the old one
//   does not mind them.
// * REVOKEs that narrow access, and owner changes (the old owner loses its implicit rights),
//   run in contract: an old app version still running may need what they take away.
// * An object the plan creates gets its owner and its grants and revokes right after it is
//   created, in expand: no app version uses it yet.
// * ALTER DEFAULT PRIVILEGES follows the same split.
//
// GRANT and REVOKE take no lock on the table (checked in pg_locks on PostgreSQL 15); ALTER
// TABLE / VIEW / SEQUENCE … OWNER TO takes ACCESS EXCLUSIVE for a catalog update. Never
// CASCADE: a REVOKE that other roles' grants depend on is refused with a blocking finding, and
// so is any role the target names that the live server lacks (Bellows does not create roles).

#include "plan/recipes.h"

#include "catalog/privilege_sql.h"
#include "plan/sql_builders.h"
#include "plan/type_recipe_steps.h"
#include "sql/quote.h"

#include <QSet>

#include <algorithm>

namespace bellows::plan::recipes {

namespace detail {
bool viewIsRecreated(const diff::Change& viewChange); // view_recipes.cpp
}

using catalog::Acl;
using diff::Action;
using diff::Change;
using diff::ObjectKind;
namespace privsql = catalog::privsql;

namespace {

// One object whose owner or privileges the plan sets.
struct Subject {
    QString path;  // step id path
    QString label; // "table public.ledger"
    privsql::Object object;
    QString relationSchema; // when OWNER TO locks a relation (tables, views, sequences)
    QString relationName;
    QString liveOwner;
    QString targetOwner; // empty: the target does not name one
    Acl before;          // live ACL; for a new object, what creation gives it
    Acl after;
    bool created = false;
    bool ownerFollowsTable = false; // an owned sequence: ALTER TABLE … OWNER moves it
    std::vector<std::pair<QString, std::pair<Acl, Acl>>> columns; // column, (before, after)
};

class PrivilegePlanner {
public:
    explicit PrivilegePlanner(RecipeContext& ctx) : m_ctx(ctx) {}
    void run();

private:
    void planChange(const Change& change);
    void planColumn(const Change& change);
    void planDefaults(const Change& change);
    void plan(const Subject& subject);
    void addGrants(const Subject& s, const QStringList& sql, const QStringList& rollback);
    void addRevokes(const Subject& s, const QStringList& sql, const QStringList& rollback);
    void addOwner(const Subject& s);
    void checkCascade(const QString& label, const Acl& before, const Acl& after);
    void useRoles(const Acl& acl);
    void useRole(const QString& role);
    void blockOnMissingRoles();
    QStringList creationSteps(const QString& path) const;
    Acl newObjectAcl(char kind) const;

    RecipeContext& m_ctx;
    QStringList m_roles; // roles the steps name, in first-use order
};

template <typename T> void fill(Subject& s, const T* before, const T* after)
{
    if (before) {
        s.liveOwner = before->owner;
        s.before = before->acl;
    }
    if (after)
        s.after = after->acl;
}

Acl PrivilegePlanner::newObjectAcl(char kind) const
{
    const catalog::AclDefault* d = m_ctx.database().server.aclDefault(kind);
    if (!d || d->publicPrivileges.isEmpty())
        return {};
    return {catalog::AclItem{QString(), d->publicPrivileges, {}, {}}};
}

QStringList PrivilegePlanner::creationSteps(const QString& path) const
{
    QStringList ids;
    const QString suffix = QLatin1Char(':') + path;
    for (const Step& s : m_ctx.steps()) {
        if (s.phase == Phase::Expand && s.id.endsWith(suffix))
            ids << s.id;
    }
    return ids;
}

void PrivilegePlanner::useRole(const QString& role)
{
    if (!role.isEmpty() && !m_roles.contains(role))
        m_roles << role;
}

void PrivilegePlanner::useRoles(const Acl& acl)
{
    for (const catalog::AclItem& item : acl)
        useRole(item.grantee);
}

void PrivilegePlanner::checkCascade(const QString& label, const Acl& before, const Acl& after)
{
    const QStringList dependent = privsql::revokesNeedingCascade(before, after);
    if (dependent.isEmpty())
        return;
    detail::finding(
        m_ctx, Finding::Severity::Blocking, label,
        QStringLiteral("Revoking privileges on %1 needs CASCADE").arg(label),
        QStringLiteral("These roles granted the privileges on to others, whose grants depend on "
                       "them: %1. REVOKE without CASCADE fails, and Bellows never cascades (it "
                       "would silently take the dependent grants away too).")
            .arg(dependent.join(QStringLiteral("; "))),
        {QStringLiteral("Revoke the dependent grants first (by hand, as their grantor), or keep "
                        "them in the target"),
         QStringLiteral("Keep the grant option in the target")},
        QStringLiteral("M2"));
}

void PrivilegePlanner::addGrants(const Subject& s, const QStringList& sql,
                                 const QStringList& rollback)
{
    if (sql.isEmpty())
        return;
    Step step;
    step.id = sqlb::stepId(QStringLiteral("expand"), QStringLiteral("grant"), s.path);
    step.phase = Phase::Expand;
    step.title = s.created
                     ? QStringLiteral("Set the owner and privileges of the new %1").arg(s.label)
                     : QStringLiteral("Grant privileges on %1").arg(s.label);
    step.sql = sql.join(QLatin1Char('\n'));
    step.rollbackSql = rollback.join(QLatin1Char('\n'));
    if (s.created && !s.targetOwner.isEmpty() && !s.relationName.isEmpty())
        step.locks = {sqlb::lock(LockMode::AccessExclusive, s.relationSchema, s.relationName)};
    step.referenceRow = QStringLiteral("M2");
    step.dependsOn = creationSteps(s.path);
    step.rationale = s.created
                         ? QStringLiteral("Right after the object is created: no app version uses "
                                          "it yet. GRANT and REVOKE take no lock on the table.")
                         : QStringLiteral("Expand: widening access cannot break the running app "
                                          "version. GRANT takes no lock on the table.");
    m_ctx.add(std::move(step));
}

void PrivilegePlanner::addRevokes(const Subject& s, const QStringList& sql,
                                  const QStringList& rollback)
{
    if (sql.isEmpty())
        return;
    Step step;
    step.id = sqlb::stepId(QStringLiteral("contract"), QStringLiteral("revoke"), s.path);
    step.phase = Phase::Contract;
    step.title = QStringLiteral("Revoke privileges on %1").arg(s.label);
    step.sql = sql.join(QLatin1Char('\n'));
    step.rollbackSql = rollback.join(QLatin1Char('\n'));
    step.hazards = {sqlb::hazard(HazardKind::BreaksRunningApp,
                                 QStringLiteral("roles losing privileges on %1 get \"permission "
                                                "denied\"")
                                     .arg(s.label))};
    step.referenceRow = QStringLiteral("M2");
    const QString ownerId =
        sqlb::stepId(QStringLiteral("contract"), QStringLiteral("owner"), s.path);
    step.dependsOn = {ownerId};
    step.rationale = QStringLiteral("Contract: an old app version still running may need what "
                                    "is taken away. REVOKE takes no lock on the table; never "
                                    "CASCADE.");
    m_ctx.add(std::move(step));
}

void PrivilegePlanner::addOwner(const Subject& s)
{
    Step step;
    step.id = sqlb::stepId(QStringLiteral("contract"), QStringLiteral("owner"), s.path);
    step.phase = Phase::Contract;
    step.title =
        QStringLiteral("Make %1 the owner of %2").arg(privsql::grantee(s.targetOwner), s.label);
    step.sql = privsql::ownerTo(s.object, s.targetOwner);
    step.rollbackSql = privsql::ownerTo(s.object, s.liveOwner);
    if (!s.relationName.isEmpty())
        step.locks = {sqlb::lock(LockMode::AccessExclusive, s.relationSchema, s.relationName)};
    step.hazards = {sqlb::hazard(HazardKind::BreaksRunningApp,
                                 QStringLiteral("%1 loses the owner's implicit privileges on %2")
                                     .arg(privsql::grantee(s.liveOwner), s.label))};
    step.referenceRow = QStringLiteral("M2");
    step.rationale = QStringLiteral("Contract: the old owner's rights go with the ownership, and "
                                    "an old app version may still connect as it. A catalog update "
                                    "only.");
    m_ctx.add(std::move(step));
}

void PrivilegePlanner::plan(const Subject& s)
{
    useRoles(s.after);
    QStringList grants;
    QStringList grantsBack;
    QStringList revokes;
    QStringList revokesBack;
    const bool ownerChanges = !s.targetOwner.isEmpty() && s.targetOwner != s.liveOwner;
    if (ownerChanges)
        useRole(s.targetOwner);
    if (s.created && !s.targetOwner.isEmpty())
        grants << privsql::ownerTo(s.object, s.targetOwner);
    grants << privsql::widen(s.object.on, s.before, s.after);
    grantsBack << privsql::narrow(s.object.on, s.after, s.before);
    revokes << privsql::narrow(s.object.on, s.before, s.after);
    revokesBack << privsql::widen(s.object.on, s.after, s.before);
    for (const auto& [column, acls] : s.columns) {
        useRoles(acls.second);
        grants << privsql::widen(s.object.on, acls.first, acls.second, column);
        grantsBack << privsql::narrow(s.object.on, acls.second, acls.first, column);
        revokes << privsql::narrow(s.object.on, acls.first, acls.second, column);
        revokesBack << privsql::widen(s.object.on, acls.second, acls.first, column);
        checkCascade(s.label, acls.first, acls.second);
    }
    checkCascade(s.label, s.before, s.after);
    if (s.created) {
        // Nobody uses a new object yet: its revokes (EXECUTE from PUBLIC) go with its grants.
        addGrants(s, grants + revokes, grantsBack + revokesBack);
        return;
    }
    addGrants(s, grants, grantsBack);
    if (ownerChanges && !s.ownerFollowsTable)
        addOwner(s);
    addRevokes(s, revokes, revokesBack);
}

Subject subjectOf(const Change& c, const RecipeContext& ctx)
{
    Subject s;
    s.created = c.action == Action::Added;
    const catalog::Catalog& target = ctx.target();
    auto owner = [&](const QString& o) { return target.ownerIsExplicit(o) ? o : QString(); };
    if (const auto* t = c.afterAs<catalog::Table>()) {
        s.path = sqlb::idPath(t->schema, t->name);
        s.label = QStringLiteral("table ") + sqlb::rel(t->schema, t->name);
        s.object = privsql::tableObject(*t);
        s.relationSchema = t->schema;
        s.relationName = t->name;
        s.targetOwner = owner(t->owner);
        fill(s, c.beforeAs<catalog::Table>(), t);
        // A new table's column privileges; those of an existing table's columns come with the
        // column changes (planColumn).
        for (const catalog::Column& column : t->columns) {
            if (s.created && !column.acl.empty())
                s.columns.push_back({column.name, {Acl{}, column.acl}});
        }
    } else if (const auto* v = c.afterAs<catalog::View>()) {
        s.path = sqlb::idPath(v->schema, v->name);
        s.label =
            (v->materialized ? QStringLiteral("materialized view ") : QStringLiteral("view ")) +
            sqlb::rel(v->schema, v->name);
        s.object = privsql::viewObject(*v);
        s.relationSchema = v->schema;
        s.relationName = v->name;
        s.targetOwner = owner(v->owner);
        fill(s, c.beforeAs<catalog::View>(), v);
    } else if (const auto* q = c.afterAs<catalog::Sequence>()) {
        s.path = sqlb::idPath(q->schema, q->name);
        s.label = QStringLiteral("sequence ") + sqlb::rel(q->schema, q->name);
        s.object = privsql::sequenceObject(*q);
        s.relationSchema = q->schema;
        s.relationName = q->name;
        s.targetOwner = owner(q->owner);
        s.ownerFollowsTable = !q->ownedByTable.isEmpty();
        fill(s, c.beforeAs<catalog::Sequence>(), q);
    } else if (const auto* f = c.afterAs<catalog::Function>()) {
        s.path = f->signature();
        s.label = QStringLiteral("routine ") + privsql::functionObject(*f).on.mid(8);
        s.object = privsql::functionObject(*f);
        s.targetOwner = owner(f->owner);
        fill(s, c.beforeAs<catalog::Function>(), f);
    } else if (const auto* n = c.afterAs<catalog::Schema>()) {
        s.path = n->name;
        s.label = QStringLiteral("schema ") + sql::quoteIdent(n->name);
        s.object = privsql::schemaObject(*n);
        s.targetOwner = owner(n->owner);
        fill(s, c.beforeAs<catalog::Schema>(), n);
    } else if (const auto* e = c.afterAs<catalog::EnumType>()) {
        s.path = sqlb::idPath(e->schema, e->name);
        s.label = QStringLiteral("type ") + sqlb::rel(e->schema, e->name);
        s.object = privsql::typeObject(e->schema, e->name);
        s.targetOwner = owner(e->owner);
        fill(s, c.beforeAs<catalog::EnumType>(), e);
    } else if (const auto* d = c.afterAs<catalog::Domain>()) {
        s.path = sqlb::idPath(d->schema, d->name);
        s.label = QStringLiteral("domain ") + sqlb::rel(d->schema, d->name);
        s.object = privsql::typeObject(d->schema, d->name, true);
        s.targetOwner = owner(d->owner);
        fill(s, c.beforeAs<catalog::Domain>(), d);
    } else if (const auto* t = c.afterAs<catalog::CompositeType>()) {
        s.path = sqlb::idPath(t->schema, t->name);
        s.label = QStringLiteral("type ") + sqlb::rel(t->schema, t->name);
        s.object = privsql::typeObject(t->schema, t->name);
        s.targetOwner = owner(t->owner);
        fill(s, c.beforeAs<catalog::CompositeType>(), t);
    }
    return s;
}

char aclKind(ObjectKind kind)
{
    switch (kind) {
    case ObjectKind::Sequence:
        return 's';
    case ObjectKind::Function:
    case ObjectKind::Procedure:
    case ObjectKind::Aggregate:
        return 'f';
    case ObjectKind::Schema:
        return 'n';
    case ObjectKind::Enum:
    case ObjectKind::Domain:
    case ObjectKind::CompositeType:
        return 'T';
    default:
        return 'r';
    }
}

bool hasColumn(const catalog::View& v, const QString& name)
{
    return std::any_of(v.columns.begin(), v.columns.end(),
                       [&](const catalog::Column& c) { return c.name == name; });
}

void PrivilegePlanner::planChange(const Change& change)
{
    // A view the plan drops and creates again starts over with the default privileges and the
    // migrating role as owner: it gets the target's grants, and its owner back.
    const bool recreated = detail::viewIsRecreated(change);
    const bool created = change.action == Action::Added || recreated;
    if (!created && change.action != Action::Changed)
        return;
    if (!created && !change.attribute(QStringLiteral("owner")) &&
        !change.attribute(QStringLiteral("privileges")))
        return;
    Subject s = subjectOf(change, m_ctx);
    if (s.path.isEmpty())
        return;
    const Acl liveAcl = s.before;
    if (created) {
        s.created = true;
        s.before = newObjectAcl(aclKind(change.kind));
    }
    // A target that states no grants keeps the live ones: the re-created view gets them back.
    if (recreated && !m_ctx.target().grantsStated)
        s.after = liveAcl;
    if (recreated && s.targetOwner.isEmpty() && s.liveOwner != m_ctx.database().implicitRole)
        s.targetOwner = s.liveOwner;
    // A view created (again) starts without column privileges too.
    const auto* columnsFrom = recreated && !m_ctx.target().grantsStated
                                  ? change.beforeAs<catalog::View>()
                                  : change.afterAs<catalog::View>();
    const auto* createdView = change.afterAs<catalog::View>();
    if (created && columnsFrom && createdView) {
        for (const catalog::Column& column : columnsFrom->columns)
            if (!column.acl.empty() && hasColumn(*createdView, column.name))
                s.columns.push_back({column.name, {Acl{}, column.acl}});
    }
    if (!created && !change.attribute(QStringLiteral("privileges")))
        s.after = s.before;
    if (!created && !change.attribute(QStringLiteral("owner")))
        s.targetOwner.clear();
    if (created && s.before == s.after && s.columns.empty() && s.targetOwner.isEmpty())
        return;
    plan(s);
}

// A column's privileges: changed on a column both sides have, or set on one the plan adds to
// an existing table. The columns a swap re-creates get theirs in the swap (column_swap_recipe).
void PrivilegePlanner::planColumn(const Change& change)
{
    const auto* after = change.afterAs<catalog::Column>();
    if (!after || change.parentKind != ObjectKind::Table)
        return;
    const bool added = change.action == Action::Added;
    if (added ? after->acl.empty() : !change.attribute(QStringLiteral("privileges")))
        return;
    const catalog::Table* table = m_ctx.target().table(change.schema, change.table);
    if (!table)
        return;
    Subject s;
    s.path = sqlb::idPath(change.schema, change.table, change.name);
    s.label = QStringLiteral("column ") + sqlb::rel(change.schema, change.table) +
              QLatin1Char('.') + sql::quoteIdent(change.name);
    s.object = privsql::tableObject(*table);
    const auto* before = change.beforeAs<catalog::Column>();
    s.columns.push_back({change.name, {before && !added ? before->acl : Acl{}, after->acl}});
    s.created = added;
    plan(s);
}

void PrivilegePlanner::planDefaults(const Change& change)
{
    const auto* before = change.beforeAs<catalog::DefaultAcl>();
    const auto* after = change.afterAs<catalog::DefaultAcl>();
    if (!before || !after)
        return;
    Subject s;
    s.path = QStringLiteral("defaults:%1:%2:%3")
                 .arg(after->role, after->schema, after->objectTypeName());
    s.label = QStringLiteral("default privileges ") + after->name();
    useRole(after->role);
    useRoles(after->acl);
    checkCascade(s.label, before->acl, after->acl);
    addGrants(s, privsql::widenDefaults(*before, *after), privsql::narrowDefaults(*after, *before));
    addRevokes(s, privsql::narrowDefaults(*before, *after),
               privsql::widenDefaults(*after, *before));
}

void PrivilegePlanner::blockOnMissingRoles()
{
    const catalog::Catalog& live = m_ctx.database();
    if (live.server.roles.isEmpty())
        return; // a catalog built by hand (tests): nothing to check against
    QStringList roles = m_roles;
    for (const QString& role : m_ctx.target().missingRoles)
        if (!roles.contains(role))
            roles << role;
    for (const QString& role : roles) {
        if (live.server.roles.contains(role))
            continue;
        detail::finding(
            m_ctx, Finding::Severity::Blocking, sql::quoteIdent(role),
            QStringLiteral("Role %1 named by the target does not exist on the live server")
                .arg(sql::quoteIdent(role)),
            QStringLiteral("The target grants privileges to it, makes it an owner or sets its "
                           "default privileges; those statements would fail. Bellows does not "
                           "create roles: they are cluster-wide, not part of a schema."),
            {QStringLiteral("Create the role on the live server first (CREATE ROLE %1 …), then "
                            "plan again")
                 .arg(sql::quoteIdent(role)),
             QStringLiteral("Remove the grants, owners and default privileges naming it from the "
                            "target")},
            QStringLiteral("M2"));
    }
}

void PrivilegePlanner::run()
{
    for (const Change& change : m_ctx.changes().changes) {
        if (change.kind == ObjectKind::DefaultPrivileges)
            planDefaults(change);
        else if (change.kind == ObjectKind::Column)
            planColumn(change);
        else if (!change.isSubObject())
            planChange(change);
    }
    blockOnMissingRoles();
}

} // namespace

void planPrivileges(RecipeContext& ctx)
{
    PrivilegePlanner(ctx).run();
}

} // namespace bellows::plan::recipes
