#include "plan/planner.h"

#include "plan/dependency_order.h"
#include "plan/lock_budget.h"
#include "plan/partition_recipes.h"
#include "plan/partition_rules.h"
#include "plan/recipes.h"
#include "sql/quote.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <map>
#include <optional>

namespace bellows::plan {

using diff::Action;
using diff::ObjectKind;

namespace {

QString randomHexId()
{
    QString out;
    for (int i = 0; i < 4; ++i)
        out += QStringLiteral("%1").arg(QRandomGenerator::system()->generate(), 8, 16,
                                        QLatin1Char('0'));
    return out;
}

// A sub-object of a table that is created or dropped whole belongs to that table's recipe.
bool ownedByWholeTableChange(const diff::Change& change, const diff::ChangeSet& changes)
{
    if (!change.isSubObject())
        return false;
    return std::any_of(changes.changes.begin(), changes.changes.end(), [&](const diff::Change& c) {
        return !c.isSubObject() && c.kind == change.parentKind && c.schema == change.schema &&
               (c.action == Action::Added || c.action == Action::Removed) &&
               (c.name == change.table ||
                (!change.tableRenamedFrom.isEmpty() && c.name == change.tableRenamedFrom));
    });
}

// Owners and privileges are planned apart (planPrivileges): the other recipes see a change
// without them, and one left with nothing else to do is not passed at all.
std::optional<diff::Change> withoutPrivileges(const diff::Change& change)
{
    if (change.kind == ObjectKind::DefaultPrivileges)
        return std::nullopt;
    diff::Change out = change;
    std::erase_if(out.attributes, [](const diff::AttributeChange& a) {
        return a.attribute == QLatin1String("owner") || a.attribute == QLatin1String("privileges");
    });
    if (out.action == Action::Changed && out.attributes.empty() && !change.attributes.empty())
        return std::nullopt;
    return out;
}

void dispatch(const diff::Change& change, RecipeContext& ctx)
{
    switch (change.kind) {
    case ObjectKind::Table:
        recipes::planTable(change, ctx);
        break;
    case ObjectKind::Column:
        // Columns of views change only with the view (comments aside): the view recipe's job.
        if (change.parentKind == ObjectKind::Table)
            recipes::planColumn(change, ctx);
        else
            recipes::planView(change, ctx);
        break;
    case ObjectKind::Constraint:
        recipes::planConstraint(change, ctx);
        break;
    case ObjectKind::Index:
        recipes::planIndex(change, ctx);
        break;
    case ObjectKind::Enum:
        recipes::planEnum(change, ctx);
        break;
    case ObjectKind::Domain:
        recipes::planDomain(change, ctx);
        break;
    case ObjectKind::CompositeType:
        recipes::planCompositeType(change, ctx);
        break;
    case ObjectKind::Sequence:
        recipes::planSequence(change, ctx);
        break;
    case ObjectKind::Schema:
        recipes::planSchema(change, ctx);
        break;
    case ObjectKind::Extension:
        recipes::planExtension(change, ctx);
        break;
    case ObjectKind::View:
    case ObjectKind::MaterializedView:
        recipes::planView(change, ctx);
        break;
    case ObjectKind::Function:
    case ObjectKind::Procedure:
    case ObjectKind::Aggregate:
        recipes::planRoutine(change, ctx);
        break;
    case ObjectKind::Trigger:
        recipes::planTrigger(change, ctx);
        break;
    case ObjectKind::Policy:
        recipes::planPolicy(change, ctx);
        break;
    case ObjectKind::DefaultPrivileges:
        break; // planPrivileges
    }
}

bool breaksApp(const Step& step)
{
    return step.hasHazard(HazardKind::BreaksRunningApp) || step.hasHazard(HazardKind::DataLoss);
}

// Objects named in a step's title after "column"/"table" are too fuzzy to parse; the step
// titles themselves are the concrete list a person checks.
QStringList titlesOf(const std::vector<Step>& steps, Phase phase, bool breakingOnly)
{
    QStringList out;
    for (const Step& s : steps) {
        if (s.phase == phase && (!breakingOnly || breaksApp(s)))
            out << s.title;
    }
    return out;
}

} // namespace

std::vector<Step> orderSteps(std::vector<Step> steps)
{
    // A recipe may name a step another recipe decided not to make (an owner change that is
    // not needed): such a dependency would only make the step look out of order to the runner.
    QSet<QString> existing;
    for (const Step& s : steps)
        existing.insert(s.id);
    for (Step& s : steps)
        s.dependsOn.removeIf([&](const QString& id) { return !existing.contains(id); });
    std::vector<Step> out;
    out.reserve(steps.size());
    for (Phase phase : allPhases()) {
        std::vector<Step*> inPhase;
        QSet<QString> ids;
        for (Step& s : steps) {
            if (s.phase == phase) {
                inPhase.push_back(&s);
                ids.insert(s.id);
            }
        }
        // Kahn's algorithm, always taking the earliest ready step: stable, and a cycle (a
        // recipe bug) degrades to recipe order instead of losing steps.
        QSet<QString> done;
        std::vector<bool> emitted(inPhase.size(), false);
        for (size_t n = 0; n < inPhase.size(); ++n) {
            size_t pick = inPhase.size();
            for (size_t i = 0; i < inPhase.size() && pick == inPhase.size(); ++i) {
                if (emitted[i])
                    continue;
                const bool ready = std::all_of(
                    inPhase[i]->dependsOn.begin(), inPhase[i]->dependsOn.end(),
                    [&](const QString& d) { return !ids.contains(d) || done.contains(d); });
                if (ready)
                    pick = i;
            }
            if (pick == inPhase.size()) {
                pick = size_t(std::find(emitted.begin(), emitted.end(), false) - emitted.begin());
            }
            emitted[pick] = true;
            done.insert(inPhase[pick]->id);
            out.push_back(std::move(*inPhase[pick]));
        }
    }
    return out;
}

namespace {

bool hasStep(const std::vector<Step>& steps, const QString& id)
{
    return std::any_of(steps.begin(), steps.end(), [&](const Step& s) { return s.id == id; });
}

// Fills of NULLs that running code keeps producing: the column's NOT NULL waits for contract
// (nothing guarantees that the old version writes it), so the version that writes it must be
// deployed before the backfill, or the backfill would chase new NULLs.
QStringList fillsNeedingWriters(const std::vector<Step>& steps)
{
    QStringList titles;
    const QString prefix = QStringLiteral("backfill:fill-nulls:");
    for (const Step& s : steps) {
        if (!s.id.startsWith(prefix))
            continue;
        const QString path = s.id.mid(prefix.size());
        if (hasStep(steps, QStringLiteral("contract:add-not-null-constraint:") + path) ||
            hasStep(steps, QStringLiteral("contract:set-not-null:") + path))
            titles << s.title;
    }
    return titles;
}

Gate writersGate(const QStringList& fills)
{
    Gate g;
    g.id = QStringLiteral("gate:deploy-writers");
    g.before = Phase::Backfill;
    g.title = QStringLiteral("Deploy the app version that writes the new columns");
    g.instructions =
        QStringLiteral("These backfills fill values that the running app version leaves empty; "
                       "deploy the version that writes them (it still reads the old shape) "
                       "first, so no new empty value appears behind the backfill:\n") +
        fills.join(QLatin1Char('\n'));
    g.checklist = {QStringLiteral("The app version that writes these columns runs everywhere "
                                  "(web, workers, cron jobs)"),
                   QStringLiteral("It still reads the old shape")};
    return g;
}

Gate readsGate(const std::vector<Step>& steps)
{
    Gate g;
    g.id = QStringLiteral("gate:deploy-new-shape");
    // Before a tightening that running code could trip over (an explicit NULL), else before
    // contract.
    g.before = titlesOf(steps, Phase::Tighten, true).isEmpty() ? Phase::Contract : Phase::Tighten;
    g.title = QStringLiteral("Deploy the app version that reads and writes the new shape");
    QStringList done;
    for (Phase p : {Phase::Backfill, Phase::Verify, Phase::Tighten})
        if (int(p) < int(g.before))
            done << titlesOf(steps, p, false);
    QStringList rules;
    for (const Step& s : steps)
        if (s.phase == Phase::Expand)
            for (const Hazard& h : s.hazards)
                if (h.kind == HazardKind::BreaksRunningApp)
                    rules << h.explanation;
    g.instructions =
        (rules.isEmpty() ? QString()
                         : QStringLiteral("Since the expand phase, for every writer: ") +
                               rules.join(QStringLiteral("; ")) + QStringLiteral(".\n")) +
        QStringLiteral("Every row now holds its value in the new shape, PostgreSQL has proven it "
                       "(VALIDATE), and the new columns' indexes are built. Deploy the app "
                       "version that reads and writes the new shape. Old instances keep working "
                       "while the rollout runs: the sync triggers keep both shapes equal, "
                       "whichever one a client writes. Done before this gate:\n") +
        done.join(QLatin1Char('\n'));
    g.checklist = {
        QStringLiteral("The new app version is deployed (web, workers, cron jobs)"),
        QStringLiteral("It reads and writes the new names, and never writes NULL into columns "
                       "that become NOT NULL"),
        QStringLiteral("Error rates are normal after the deploy"),
    };
    return g;
}

Gate drainGate(const QStringList& contract)
{
    Gate g;
    g.id = QStringLiteral("gate:drain-old-versions");
    g.before = Phase::Contract;
    g.title = QStringLiteral("Drain old instances: only the new app version runs");
    g.instructions = QStringLiteral("The contract phase removes what the old app version still "
                                    "uses and cannot be undone:\n") +
                     contract.join(QLatin1Char('\n'));
    g.checklist = {
        QStringLiteral("No running instance (including canaries, workers and scheduled jobs) "
                       "uses the old names any more"),
        QStringLiteral("ORM column caches are refreshed (restart after the deploy)"),
        QStringLiteral("A backup of the data being dropped exists (pg_dump -t / a column copy)"),
    };
    return g;
}

} // namespace

std::vector<Gate> gatesFor(const std::vector<Step>& steps)
{
    std::vector<Gate> gates;
    const bool anyBreaking = std::any_of(steps.begin(), steps.end(), breaksApp);
    if (!anyBreaking)
        return gates;
    if (const QStringList fills = fillsNeedingWriters(steps); !fills.isEmpty())
        gates.push_back(writersGate(fills));
    // With nothing between expand and contract, the drain gate alone says it all.
    const bool middle = std::any_of(steps.begin(), steps.end(), [](const Step& s) {
        return s.phase == Phase::Backfill || s.phase == Phase::Verify || s.phase == Phase::Tighten;
    });
    const QStringList contract = titlesOf(steps, Phase::Contract, true);
    if (middle && (!contract.isEmpty() || !titlesOf(steps, Phase::Tighten, true).isEmpty()))
        gates.push_back(readsGate(steps));
    if (!contract.isEmpty())
        gates.push_back(drainGate(contract));
    return gates;
}

namespace {

// The plan-wide lock rule: a step that holds ACCESS EXCLUSIVE (or SHARE, which blocks writes)
// for more than a catalog update needs a Blocking finding saying so. Recipes add specific ones;
// this is the safety net for any step that slipped through without.
void enforceLockRule(const catalog::Catalog& database, const std::vector<Step>& steps,
                     const PlanChoices& choices, std::vector<Finding>& findings)
{
    // Only live tables that may hold rows matter: a relation the plan creates is not in use.
    auto inUse = [&](const QString& relation) {
        return std::any_of(
            database.tables.begin(), database.tables.end(), [&](const catalog::Table& t) {
                return t.estimatedRows != 0 && sql::qualified(t.schema, t.name) == relation;
            });
    };
    const bool blocked = std::any_of(findings.begin(), findings.end(), [](const Finding& f) {
        return f.severity == Finding::Severity::Blocking;
    });
    if (blocked)
        return;
    for (const Step& s : steps) {
        for (const Lock& l : s.locks) {
            if (l.brief || (l.mode != LockMode::AccessExclusive && l.mode != LockMode::Share) ||
                !inUse(l.relation))
                continue;
            // Planned under the lock budget (plan/lock_budget.h): guarded at run time, or the
            // downtime accepted by the user.
            if (detail::hasBudgetGuard(s) || detail::downtimeAccepted(choices, l.relation))
                continue;
            Finding f;
            f.object = l.relation;
            f.title = QStringLiteral("Step %1 holds %2 on %3 for its whole duration")
                          .arg(s.id, toString(l.mode), l.relation);
            f.reason = QStringLiteral("%1 blocks the application while it works on the table; "
                                      "the planner found no safe alternative for it.")
                           .arg(toString(l.mode));
            f.options = {QStringLiteral("Run it in a maintenance window"),
                         QStringLiteral("Edit the step to use an online technique")};
            f.referenceRow = s.referenceRow;
            findings.push_back(f);
            return;
        }
    }
}

// PostgreSQL 14.0 to 14.3 could build or rebuild an index with CONCURRENTLY and silently miss
// rows (fixed in 14.4): every online index recipe depends on CONCURRENTLY, so such a plan is
// refused on those releases rather than run with a corruption risk.
void refuseKnownBadConcurrently(int serverVersionNum, const std::vector<Step>& steps,
                                std::vector<Finding>& findings)
{
    if (serverVersionNum < 140000 || serverVersionNum >= 140004)
        return;
    static const QRegularExpression concurrently(
        QStringLiteral(R"(\b(CREATE\s+(UNIQUE\s+)?INDEX|REINDEX)\b[^;]*\bCONCURRENTLY\b)"),
        QRegularExpression::CaseInsensitiveOption);
    // A rollback builds indexes too (that of a dropped index re-creates it CONCURRENTLY).
    const auto uses = std::find_if(steps.begin(), steps.end(), [](const Step& s) {
        return concurrently.match(s.sql).hasMatch() || concurrently.match(s.rollbackSql).hasMatch();
    });
    if (uses == steps.end())
        return;
    Finding f;
    f.object = uses->id;
    f.title = QStringLiteral("PostgreSQL 14.%1 can corrupt indexes built with CONCURRENTLY")
                  .arg(serverVersionNum % 100);
    f.reason = QStringLiteral("Step %1 (and any other online index build of this plan or of its "
                              "rollback) uses "
                              "CREATE INDEX or REINDEX CONCURRENTLY; PostgreSQL 14.0 to 14.3 "
                              "can build such an index missing rows, without an error (fixed "
                              "in 14.4).")
                   .arg(uses->id);
    f.options = {QStringLiteral("Upgrade the server to 14.4 or later (a minor update, a "
                                "restart), then plan again"),
                 QStringLiteral("Build the indexes without CONCURRENTLY in a maintenance window, "
                                "then plan again")};
    f.referenceRow = QStringLiteral("I1");
    findings.push_back(f);
}

} // namespace

Plan buildPlan(const catalog::Catalog& database, const catalog::Catalog& target,
               const diff::ChangeSet& changes, const PlanChoices& choices,
               const PlannerOptions& options)
{
    RecipeContext ctx(database, target, changes, choices, options);
    for (const diff::Change& change : changes.changes) {
        if (ownedByWholeTableChange(change, changes))
            continue;
        const std::optional<diff::Change> rest = withoutPrivileges(change);
        if (!rest)
            continue;
        if (const std::optional<diff::Change> own = partitions::remainder(*rest, ctx))
            dispatch(*own, ctx);
    }
    recipes::planPrivileges(ctx);
    recipes::linkKeyChanges(ctx);
    recipes::linkIndexesToSwaps(ctx);
    recipes::linkConstraintsToSwaps(ctx);
    partitions::linkDetaches(ctx);
    // After the passes that move key steps between phases: the identity follows the key.
    recipes::checkReplicaIdentities(ctx);
    const QHash<QString, QStringList> recreated = deps::recreateDependentViews(ctx);
    deps::foldGrantsIntoRecreations(ctx, recreated);
    deps::orderByDependencies(ctx, recreated);

    Plan plan;
    plan.id = randomHexId();
    plan.createdAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    plan.serverVersionNum = database.server.versionNum;
    plan.steps = orderSteps(std::move(ctx.steps()));
    plan.gates = gatesFor(plan.steps);
    plan.findings = std::move(ctx.findings());
    refuseKnownBadConcurrently(database.server.versionNum, plan.steps, plan.findings);
    enforceLockRule(database, plan.steps, choices, plan.findings);
    plan.fills = choices.fills;
    plan.conversions = choices.conversions;
    plan.acceptedDowntime = choices.acceptDowntime;
    return plan;
}

} // namespace bellows::plan
