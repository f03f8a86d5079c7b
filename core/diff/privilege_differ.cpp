// Owners and privileges of the objects both sides have, and ALTER DEFAULT PRIVILEGES.
//
// An owner is compared only when the target names one: an object the target's loading role
// owns (or the cluster's bootstrap superuser, or pg_database_owner for the public schema) was
// given no owner by the target, so whoever owns it live stays. Privileges are compared as the
// target states them (a grant the target does not make is revoked) when it states any
// (Catalog::grantsStated), and unless the shadow server refused some of the target's privilege
// statements (Catalog::privilegesKnown).

#include "diff/diff_context.h"

#include <map>
#include <tuple>

namespace bellows::diff::detail {

using namespace catalog;

bool privilegesCompared(const DiffRun& run)
{
    return run.database.privilegesKnown && run.target.privilegesKnown;
}

// Grants are compared only when the target states some (Catalog::grantsStated).
bool grantsCompared(const DiffRun& run)
{
    return privilegesCompared(run) && run.target.grantsStated;
}

void compareAcl(const DiffRun& run, const Acl& db, const Acl& tgt,
                std::vector<AttributeChange>& out)
{
    if (grantsCompared(run) && db != tgt)
        out.push_back({QStringLiteral("privileges"), aclText(db), aclText(tgt)});
}

void compareOwnership(const DiffRun& run, const QString& dbOwner, const Acl& dbAcl,
                      const QString& tgtOwner, const Acl& tgtAcl, std::vector<AttributeChange>& out)
{
    if (!privilegesCompared(run))
        return;
    if (run.target.ownerIsExplicit(tgtOwner) && dbOwner != tgtOwner)
        out.push_back({QStringLiteral("owner"), dbOwner, tgtOwner});
    compareAcl(run, dbAcl, tgtAcl, out);
}

namespace {

using Key = std::tuple<QString, QString, char>; // role ("" = the implicit role), schema, type

std::map<Key, DefaultAcl> defaultsOf(const Catalog& catalog)
{
    std::map<Key, DefaultAcl> out;
    for (DefaultAcl d : catalog.defaultAcls) {
        if (d.role == catalog.implicitRole)
            d.role.clear();
        out.emplace(Key{d.role, d.schema, d.objectType}, std::move(d));
    }
    return out;
}

// What a role's new objects get when it has no entry: acldefault() everywhere (PUBLIC's share
// of it, the role's own being implicit), nothing more in one schema.
DefaultAcl absent(const Catalog& catalog, const Key& key)
{
    DefaultAcl d;
    std::tie(d.role, d.schema, d.objectType) = key;
    const char kind = d.objectType == 'S' ? 's' : d.objectType;
    const AclDefault* builtIn = catalog.server.aclDefault(kind);
    if (d.schema.isEmpty() && builtIn && !builtIn->publicPrivileges.isEmpty())
        d.acl.push_back(AclItem{QString(), builtIn->publicPrivileges, {}, {}});
    return d;
}

} // namespace

void diffDefaultPrivileges(DiffRun& run)
{
    if (!grantsCompared(run))
        return;
    const auto db = defaultsOf(run.database);
    const auto tgt = defaultsOf(run.target);
    std::map<Key, int> keys;
    for (const auto& [k, d] : db)
        keys[k] = 0;
    for (const auto& [k, d] : tgt)
        keys[k] = 0;
    for (const auto& [k, unused] : keys) {
        const auto dbIt = db.find(k);
        const auto tgtIt = tgt.find(k);
        const DefaultAcl before = dbIt != db.end() ? dbIt->second : absent(run.database, k);
        const DefaultAcl after = tgtIt != tgt.end() ? tgtIt->second : absent(run.target, k);
        if (before.acl == after.acl) {
            run.count(ObjectKind::DefaultPrivileges, ObjectStatus::Identical);
            continue;
        }
        run.count(ObjectKind::DefaultPrivileges, ObjectStatus::Different);
        Change c;
        c.kind = ObjectKind::DefaultPrivileges;
        c.action = Action::Changed;
        c.schema = after.schema;
        c.name = after.name();
        c.attributes.push_back(
            {QStringLiteral("privileges"), aclText(before.acl), aclText(after.acl)});
        c.before = snapshot(before);
        c.after = snapshot(after);
        run.add(std::move(c));
    }
}

} // namespace bellows::diff::detail
