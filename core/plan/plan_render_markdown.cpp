// The pull-request form of a plan: headings per phase, a table of steps, SQL in fenced blocks.

#include "plan/plan_render.h"

#include <algorithm>

namespace bellows::plan {

namespace {

// Table cells: no line breaks, no unescaped pipes.
QString cell(const QString& text)
{
    QString out = text.simplified();
    out.replace(QLatin1Char('|'), QStringLiteral("\\|"));
    return out;
}

QString fence(const QString& sql)
{
    // A fence longer than any backtick run inside the SQL.
    int longest = 0, run = 0;
    for (const QChar c : sql) {
        run = c == QLatin1Char('`') ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    const QString ticks(std::max(3, longest + 1), QLatin1Char('`'));
    QString body = sql;
    while (body.endsWith(QLatin1Char('\n')))
        body.chop(1);
    return ticks + QStringLiteral("sql\n") + body + QLatin1Char('\n') + ticks + QLatin1Char('\n');
}

QString findingMarkdown(const Finding& f)
{
    QString out = QStringLiteral("- **%1** %2").arg(toString(f.severity), f.title);
    if (!f.object.isEmpty())
        out += QStringLiteral(" (`%1`)").arg(f.object);
    if (!f.reason.isEmpty())
        out += QStringLiteral(": ") + f.reason.simplified();
    out += QLatin1Char('\n');
    for (const QString& option : f.options)
        out += QStringLiteral("  - %1\n").arg(option.simplified());
    return out;
}

} // namespace

QString renderMarkdown(const Plan& plan)
{
    QString out = QStringLiteral("# Migration plan `%1`\n\n").arg(plan.id);
    if (!plan.sourceDescription.isEmpty())
        out += QStringLiteral("- Database: `%1`\n").arg(plan.sourceDescription);
    if (!plan.targetDescription.isEmpty())
        out += QStringLiteral("- Target: `%1`\n").arg(plan.targetDescription);
    if (!plan.createdAt.isEmpty())
        out += QStringLiteral("- Created: %1\n").arg(plan.createdAt);
    out += QStringLiteral("- %1\n\n").arg(stepSummaryLine(plan));
    if (const QString decisions = decisionsText(plan); !decisions.isEmpty())
        out += QStringLiteral("```\n") + decisions.trimmed() + QStringLiteral("\n```\n\n");

    if (plan.hasBlockingFindings()) {
        out += QStringLiteral("> [!CAUTION]\n> **Blocked:** this plan cannot run as it is.\n\n");
        out += QStringLiteral("## Blocking findings\n\n");
        for (const Finding& f : plan.findings)
            if (f.severity == Finding::Severity::Blocking)
                out += findingMarkdown(f);
        out += QLatin1Char('\n');
    }
    bool others = false;
    for (const Finding& f : plan.findings)
        if (f.severity != Finding::Severity::Blocking) {
            if (!others)
                out += QStringLiteral("## Notes\n\n");
            others = true;
            out += findingMarkdown(f);
        }
    if (others)
        out += QLatin1Char('\n');

    for (Phase phase : allPhases()) {
        for (const Gate* g : plan.gatesBefore(phase)) {
            out += QStringLiteral("## 🚧 Gate: %1\n\n").arg(g->title);
            if (!g->instructions.isEmpty())
                out += g->instructions.trimmed() + QStringLiteral("\n\n");
            for (const QString& item : g->checklist)
                out += QStringLiteral("- [ ] %1\n").arg(item.simplified());
            if (!g->checklist.isEmpty())
                out += QLatin1Char('\n');
        }
        const auto steps = plan.stepsIn(phase);
        if (steps.empty())
            continue;
        out += QStringLiteral("## %1 (%2 step(s), estimated %3)\n\n")
                   .arg(phaseTitle(phase))
                   .arg(steps.size())
                   .arg(formatDuration(plan.estimatedSeconds(phase)));
        out += QStringLiteral("| Step | Locks | Work | Estimate | Hazards | Rollback |\n"
                              "|---|---|---|---|---|---|\n");
        for (const Step* s : steps) {
            QStringList locks, hazards;
            for (const Lock& l : s->locks)
                locks << describeLock(l);
            for (const Hazard& h : s->hazards)
                hazards << title(h.kind);
            out += QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 |\n")
                       .arg(cell(s->title),
                            locks.isEmpty() ? QStringLiteral("none")
                                            : cell(locks.join(QStringLiteral("; "))),
                            cell(toString(s->work)) + (s->outsideTransaction
                                                           ? QStringLiteral(", outside transaction")
                                                           : QString()),
                            formatDuration(s->estimatedSeconds),
                            cell(hazards.join(QStringLiteral(", "))),
                            s->isReversible() ? QStringLiteral("yes") : QStringLiteral("no"));
        }
        out += QLatin1Char('\n');
        for (const Step* s : steps) {
            out += QStringLiteral("### %1\n\n`%2`").arg(s->title, s->id);
            if (!s->referenceRow.isEmpty())
                out += QStringLiteral(" · reference %1").arg(s->referenceRow);
            out += QStringLiteral("\n\n");
            if (!s->rationale.isEmpty())
                out += s->rationale.simplified() + QStringLiteral("\n\n");
            for (const Hazard& h : s->hazards)
                out += QStringLiteral("- ⚠️ **%1**: %2\n").arg(title(h.kind), h.explanation);
            if (!s->hazards.empty())
                out += QLatin1Char('\n');
            out += fence(s->sql) + QLatin1Char('\n');
            if (s->isReversible())
                out += QStringLiteral("Rollback:\n\n") + fence(s->rollbackSql) + QLatin1Char('\n');
            else if (!s->irreversibleReason.isEmpty())
                out +=
                    QStringLiteral("No rollback: %1\n\n").arg(s->irreversibleReason.simplified());
        }
    }
    return out;
}

} // namespace bellows::plan
