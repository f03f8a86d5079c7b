#include "workflow/plan_builder.h"

#include "diff/diff_report.h"
#include "plan/data_checks.h"
#include "plan/derived_conversions.h"
#include "plan/plan_file.h"
#include "plan/planner.h"
#include "plan/table_rows.h"
#include "pq/conninfo.h"

#include <QDir>

namespace bellows::workflow {

Result<PlannedChange> planChange(const ComparisonRequest& request, const plan::PlanChoices& choices)
{
    auto comparison = compareSchemas(request);
    if (!comparison)
        return comparison.error();
    PlannedChange out{std::move(comparison).value(), {}};
    // Whether the touched tables hold rows is asked, not read from statistics.
    if (auto measured = plan::measureTableRows(*out.comparison.live, out.comparison.database,
                                               out.comparison.changes);
        !measured)
        return measured.error();
    const catalog::Catalog& database = out.comparison.database;
    const catalog::Catalog& target = out.comparison.target.catalog;
    const diff::ChangeSet& changes = out.comparison.changes;

    std::vector<plan::Finding> derivedNotes;
    const plan::PlanChoices effective =
        plan::withDerivedConversions(database, target, changes, choices, &derivedNotes);
    plan::Plan plan = plan::buildPlan(database, target, changes, effective);
    plan.findings.insert(plan.findings.end(), derivedNotes.begin(), derivedNotes.end());
    // What the catalog cannot tell (NULLs before NOT NULL, duplicates before UNIQUE, ...):
    // read-only probes of the live data, so a plan that would fail half-way says so now.
    plan::DataCheckOptions checkOptions;
    checkOptions.choices = effective;
    for (plan::Finding& finding :
         plan::checkData(*out.comparison.live, database, target, changes, checkOptions))
        plan.findings.push_back(std::move(finding));
    if (request.progress)
        request.progress(QStringLiteral("checked the live data"));
    plan.changeSet = diff::toJson(changes);
    plan.sourceFingerprint = plan::catalogFingerprint(database);
    plan.sourceObjects = plan::catalogObjectFingerprints(database);
    plan.targetFingerprint = plan::catalogFingerprint(target);
    plan.sourceDescription = out.comparison.live->describe();
    plan.targetDescription =
        request.targetFile.isEmpty()
            ? pq::describeConninfo(request.targetConninfo)
            : QDir::cleanPath(QDir::current().absoluteFilePath(request.targetFile));
    plan.renames = out.comparison.renames;
    plan.fills = choices.fills;
    plan.conversions = choices.conversions;
    plan.acceptedDowntime = choices.acceptDowntime;
    if (request.progress)
        request.progress(QStringLiteral("planned %1 step(s)").arg(plan.steps.size()));
    out.plan = std::move(plan);
    return out;
}

} // namespace bellows::workflow
