// The pull-request report: plan::renderMarkdown as `plan --format markdown` prints it, with the
// review state appended (renderMarkdown knows nothing of core/review).

#include "export/export_formats.h"

#include "export/review_summary.h"
#include "plan/plan_render.h"

namespace bellows::exporting {

QString renderMarkdownReport(const plan::Plan& plan)
{
    QString out = plan::renderMarkdown(plan);
    const ReviewSummary review = summarizeReview(plan);
    out += QStringLiteral("## Review\n\n") + review.headline.at(0).toUpper() +
           review.headline.mid(1) + QStringLiteral("\n\n");
    for (const QString& p : review.problems)
        out += QStringLiteral("- ⚠️ %1\n").arg(p.simplified());
    if (!review.problems.isEmpty())
        out += QLatin1Char('\n');
    if (!review.reviewed)
        return out;
    out += QStringLiteral("| Step | Approval | Approved by | Notes |\n|---|---|---|---|\n");
    for (const plan::Step& s : plan.steps) {
        const StepApprovalState a = review.step(s.id);
        QString notes = a.notes.join(QStringLiteral("; ")).simplified();
        notes.replace(QLatin1Char('|'), QStringLiteral("\\|"));
        out += QStringLiteral("| `%1` | %2 | %3 | %4 |\n")
                   .arg(s.id, a.status, a.approvers.join(QStringLiteral(", ")), notes);
    }
    return out + QLatin1Char('\n');
}

} // namespace bellows::exporting
