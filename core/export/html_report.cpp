// One HTML file that opens anywhere, offline: inline CSS, the timeline as inline SVG, no
// script, no external link. Every piece of plan text is HTML-escaped.

#include "export/export_formats.h"

#include "export/review_summary.h"
#include "export/timeline_svg.h"
#include "plan/plan_render.h"

namespace bellows::exporting {

namespace {

const char* const kStyle =
    "body{font-family:sans-serif;margin:2em auto;max-width:1000px;color:#222;line-height:1.4}"
    "h1{font-size:1.6em}h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:1.6em}"
    "pre{background:#f6f8fa;border:1px solid #e1e4e8;padding:.6em;overflow-x:auto}"
    "table{border-collapse:collapse;width:100%}td,th{border:1px solid #ddd;padding:.3em .5em;"
    "text-align:left;vertical-align:top}th{background:#f0f0f0}"
    ".gate{background:#fff4d6;border-left:4px solid #e0a000;padding:.6em 1em;margin:1em 0}"
    ".blocking{background:#fde2e1;border-left:4px solid #d9453d;padding:.6em 1em}"
    ".risk{display:inline-block;padding:0 .5em;border-radius:3px;color:#fff;font-size:.85em}"
    ".risk-low{background:#4caf50}.risk-medium{background:#f0a030}.risk-high{background:#d9453d}"
    ".approval{font-weight:bold}.step{border:1px solid #ddd;padding:.2em 1em;margin:1em 0}";

QString e(const QString& text)
{
    return htmlEscape(text);
}

QString list(const QStringList& items)
{
    if (items.isEmpty())
        return QStringLiteral("none");
    QString out = QStringLiteral("<ul>");
    for (const QString& i : items)
        out += QStringLiteral("<li>") + e(i) + QStringLiteral("</li>");
    return out + QStringLiteral("</ul>");
}

QString gateHtml(const plan::Gate& g)
{
    QString out = QStringLiteral("<div class=\"gate\"><strong>Gate: %1</strong>").arg(e(g.title));
    if (!g.instructions.isEmpty())
        out += QStringLiteral("<p>") +
               e(g.instructions.trimmed()).replace(QLatin1Char('\n'), QStringLiteral("<br>")) +
               QStringLiteral("</p>");
    if (!g.checklist.isEmpty()) {
        out += QStringLiteral("<ul>");
        for (const QString& c : g.checklist)
            out += QStringLiteral("<li>&#9744; %1</li>").arg(e(c));
        out += QStringLiteral("</ul>");
    }
    return out + QStringLiteral("</div>\n");
}

QString stepHtml(const plan::Step& s, const StepApprovalState& approval)
{
    const StepRisk risk = stepRisk(s);
    QString out = QStringLiteral("<div class=\"step\" id=\"step-%1\"><h3>%2 <span class=\"risk "
                                 "risk-%3\">%3 risk</span></h3>\n")
                      .arg(e(s.id), e(s.title), toString(risk));
    QStringList locks, hazards;
    for (const plan::Lock& l : s.locks)
        locks << plan::describeLock(l);
    for (const plan::Hazard& h : s.hazards)
        hazards << plan::title(h.kind) + QStringLiteral(": ") + h.explanation;
    QString approvalText = approval.status;
    if (!approval.approvers.isEmpty())
        approvalText += QStringLiteral(" by ") + approval.approvers.join(QStringLiteral(", "));
    out += QStringLiteral("<table><tr><th>Id</th><td><code>%1</code></td></tr>"
                          "<tr><th>Estimated</th><td>%2</td></tr>"
                          "<tr><th>Work</th><td>%3%4</td></tr>"
                          "<tr><th>Locks</th><td>%5</td></tr>"
                          "<tr><th>Hazards</th><td>%6</td></tr>"
                          "<tr><th>Approval</th><td class=\"approval\">%7%8</td></tr>"
                          "<tr><th>Timeouts</th><td>lock_timeout %9</td></tr></table>\n")
               .arg(e(s.id), e(plan::formatDuration(s.estimatedSeconds)), e(plan::toString(s.work)),
                    s.outsideTransaction ? QStringLiteral(", outside a transaction") : QString(),
                    list(locks), list(hazards), e(approvalText),
                    approval.notes.isEmpty() ? QString() : list(approval.notes),
                    s.lockTimeoutMs > 0 ? QStringLiteral("%1 ms").arg(s.lockTimeoutMs)
                                        : QStringLiteral("none"));
    if (!s.rationale.isEmpty())
        out += QStringLiteral("<p>") + e(s.rationale.simplified()) + QStringLiteral("</p>\n");
    out += QStringLiteral("<pre><code>") + e(s.sql.trimmed()) + QStringLiteral("</code></pre>\n");
    if (s.isReversible())
        out += QStringLiteral("<details><summary>Rollback</summary><pre><code>") +
               e(s.rollbackSql.trimmed()) + QStringLiteral("</code></pre></details>\n");
    else
        out += QStringLiteral("<p>No rollback%1</p>\n")
                   .arg(s.irreversibleReason.isEmpty()
                            ? QString()
                            : QStringLiteral(": ") + e(s.irreversibleReason.simplified()));
    return out + QStringLiteral("</div>\n");
}

} // namespace

QString renderHtmlReport(const plan::Plan& plan)
{
    const ReviewSummary review = summarizeReview(plan);
    QString out = QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                                 "<title>Migration plan %1</title><style>%2</style></head>\n"
                                 "<body>\n<h1>Migration plan <code>%1</code></h1>\n<ul>")
                      .arg(e(plan.id), QString::fromLatin1(kStyle));
    if (!plan.sourceDescription.isEmpty())
        out += QStringLiteral("<li>Database: <code>%1</code></li>").arg(e(plan.sourceDescription));
    if (!plan.targetDescription.isEmpty())
        out += QStringLiteral("<li>Target: <code>%1</code></li>").arg(e(plan.targetDescription));
    if (!plan.createdAt.isEmpty())
        out += QStringLiteral("<li>Created: %1</li>").arg(e(plan.createdAt));
    out += QStringLiteral("<li>%1</li><li class=\"approval\">%2</li></ul>\n")
               .arg(e(plan::stepSummaryLine(plan)), e(review.headline));
    if (!review.problems.isEmpty())
        out += QStringLiteral("<div class=\"blocking\">") + list(review.problems) +
               QStringLiteral("</div>\n");
    if (plan.hasBlockingFindings())
        out += QStringLiteral("<div class=\"blocking\"><strong>Blocked:</strong> this plan "
                              "cannot run as it is.</div>\n");
    if (!plan.findings.empty()) {
        out += QStringLiteral("<h2>Findings</h2>\n<ul>");
        for (const plan::Finding& f : plan.findings) {
            out += QStringLiteral("<li><strong>%1</strong> %2")
                       .arg(e(plan::toString(f.severity)), e(f.title));
            if (!f.object.isEmpty())
                out += QStringLiteral(" (<code>%1</code>)").arg(e(f.object));
            if (!f.reason.isEmpty())
                out += QStringLiteral(": ") + e(f.reason.simplified());
            if (!f.options.isEmpty())
                out += list(f.options);
            out += QStringLiteral("</li>\n");
        }
        out += QStringLiteral("</ul>\n");
    }
    out += QStringLiteral("<h2>Timeline</h2>\n<p>Phases as lanes, gates as milestones, steps "
                          "as boxes coloured by risk (green low, amber medium, red high) and as "
                          "wide as their estimated duration.</p>\n");
    out += timelineSvg(plan);
    for (plan::Phase phase : plan::allPhases()) {
        for (const plan::Gate* g : plan.gatesBefore(phase))
            out += gateHtml(*g);
        const auto steps = plan.stepsIn(phase);
        if (steps.empty())
            continue;
        out += QStringLiteral("<h2>%1 (%2 step(s), estimated %3)</h2>\n")
                   .arg(e(plan::phaseTitle(phase)))
                   .arg(steps.size())
                   .arg(e(plan::formatDuration(plan.estimatedSeconds(phase))));
        for (const plan::Step* s : steps)
            out += stepHtml(*s, review.step(s->id));
    }
    out += QStringLiteral("</body></html>\n");
    return out;
}

} // namespace bellows::exporting
