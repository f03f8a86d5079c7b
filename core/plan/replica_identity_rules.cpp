// Logical replication needs a replica identity to publish an UPDATE or DELETE: on a table in a
// publication that publishes them, PostgreSQL refuses both statements ("cannot update table …
// because it does not have a replica identity and publishes updates") once the table has none
// — REPLICA IDENTITY NOTHING, DEFAULT without a primary key, or USING INDEX of an index that is
// gone. A target that takes a published table's last usable identity away is an outage of
// every writer of that table: a blocking finding, decided before anything runs.

#include "plan/recipes.h"
#include "plan/step_objects.h"

#include "sql/quote.h"

#include <algorithm>

namespace bellows::plan::recipes {

namespace {

bool hasPrimaryKey(const catalog::Table& t)
{
    return std::any_of(t.constraints.begin(), t.constraints.end(),
                       [](const auto& c) { return c.kind == catalog::ConstraintKind::PrimaryKey; });
}

// What identifies a row to the subscribers; empty when nothing does.
QString identityOf(const catalog::Table& t)
{
    if (t.replicaIdentity == QLatin1String("full"))
        return QStringLiteral("the whole row (REPLICA IDENTITY FULL)");
    if (t.replicaIdentity == QLatin1String("index"))
        return t.index(t.replicaIdentityIndex)
                   ? QStringLiteral("index %1").arg(sql::quoteIdent(t.replicaIdentityIndex))
                   : QString();
    if (t.replicaIdentity == QLatin1String("default") && hasPrimaryKey(t))
        return QStringLiteral("the primary key");
    return {};
}

// REPLICA IDENTITY DEFAULT identifies rows by the primary key: set before the plan attaches a
// new primary key (in contract when its columns become NOT NULL first), the table would have no
// identity in between. It waits for the key, in the key's phase.
void identityAfterNewKey(RecipeContext& ctx)
{
    std::vector<Step>& steps = ctx.steps();
    for (Step& identity : steps) {
        if (deps::verbOf(identity) != QLatin1String("replica-identity") ||
            !identity.sql.endsWith(QLatin1String("REPLICA IDENTITY DEFAULT;")))
            continue;
        const QString table = deps::pathOf(identity) + QLatin1Char('.');
        const auto key = std::find_if(steps.begin(), steps.end(), [&](const Step& s) {
            // swap-pk-index: a new key taking the name of a live unique index it replaces.
            const QString verb = deps::verbOf(s);
            return (verb == QLatin1String("add-pk") || verb == QLatin1String("swap-pk-index")) &&
                   deps::pathOf(s).startsWith(table);
        });
        if (key == steps.end())
            continue;
        identity.id = toString(key->phase) + identity.id.mid(identity.id.indexOf(QLatin1Char(':')));
        identity.phase = key->phase;
        if (!identity.dependsOn.contains(key->id))
            identity.dependsOn << key->id;
        identity.rationale += QStringLiteral(" After the new primary key: the table keeps its "
                                             "current identity until the key exists.");
    }
}

} // namespace

void checkReplicaIdentities(RecipeContext& ctx)
{
    identityAfterNewKey(ctx);
    for (const catalog::Table& live : ctx.database().tables) {
        const catalog::Table* target = ctx.target().table(live.schema, live.name);
        if (!live.publishesChanges || !target)
            continue;
        const QString before = identityOf(live);
        if (before.isEmpty() || !identityOf(*target).isEmpty())
            continue;
        const QString name = sql::qualified(live.schema, live.name);
        Finding f;
        f.object = name;
        f.title = QStringLiteral("UPDATE and DELETE on %1 would fail: the target leaves the "
                                 "published table no replica identity")
                      .arg(name);
        f.reason =
            QStringLiteral("%1 is in a publication that publishes updates or deletes, and "
                           "subscribers identify its rows by %2. The target takes that "
                           "away (replica identity %3%4), and PostgreSQL then refuses "
                           "every UPDATE and DELETE on the table.")
                .arg(name, before, target->replicaIdentity.toUpper(),
                     hasPrimaryKey(*target) ? QString() : QStringLiteral(", no primary key"));
        f.options = {QStringLiteral("Keep a primary key, or a REPLICA IDENTITY USING INDEX on a "
                                    "unique index over NOT NULL columns, in the target"),
                     QStringLiteral("Set REPLICA IDENTITY FULL in the target (subscribers then "
                                    "match whole rows)"),
                     QStringLiteral("Remove the table from the publication first (ALTER "
                                    "PUBLICATION … DROP TABLE), then plan again")};
        f.referenceRow = QStringLiteral("M1");
        ctx.addFinding(f);
    }
}

} // namespace bellows::plan::recipes
