// The reports show what core/review evaluates (bellows-cli review prints the same); with an
// empty "review" object every step shows "not reviewed".

#include "export/review_summary.h"

#include "review/review_evaluation.h"

namespace bellows::exporting {

StepApprovalState ReviewSummary::step(const QString& stepId) const
{
    const auto it = steps.constFind(stepId);
    if (it != steps.constEnd())
        return *it;
    StepApprovalState none;
    none.status = QStringLiteral("not reviewed");
    return none;
}

ReviewSummary summarizeReview(const plan::Plan& plan)
{
    ReviewSummary summary;
    summary.headline = QStringLiteral("approval: not reviewed");
    if (plan.review.isEmpty())
        return summary;
    auto record = review::readReview(plan);
    if (!record) {
        summary.headline = QStringLiteral("approval: unreadable review record");
        summary.problems << record.error().toString();
        return summary;
    }
    const review::ReviewState state = review::evaluateReview(plan, *record);
    summary.reviewed = true;
    summary.problems = state.problems;
    int approved = 0;
    for (const review::StepReview& s : state.steps) {
        StepApprovalState out;
        out.status = review::toString(s.status);
        out.allowed = s.allowed();
        out.notes = s.missing;
        for (const review::ApprovalUse& use : s.uses) {
            if (use.counts)
                out.approvers << use.approver.display();
            else if (!use.whyNot.isEmpty())
                out.notes << QStringLiteral("%1: %2").arg(use.approver.display(), use.whyNot);
        }
        if (s.status == review::StepStatus::Approved)
            ++approved;
        summary.steps.insert(s.stepId, out);
    }
    summary.headline =
        state.hasPolicy
            ? QStringLiteral("approval: %1 (%2 of %3 step(s) approved)")
                  .arg(state.complete() ? QStringLiteral("complete") : QStringLiteral("incomplete"))
                  .arg(approved)
                  .arg(state.steps.size())
            : QStringLiteral("approval: no policy (%1 approval(s) recorded)")
                  .arg(record->approvals.size());
    return summary;
}

} // namespace bellows::exporting
