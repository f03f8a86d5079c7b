// The terminal form of a plan: blocking findings first, then each phase with its gate, steps
// and totals.

#include "plan/plan_render.h"

#include <QSet>

#include <cmath>

namespace bellows::plan {

namespace {

QString indent(const QString& text, const QString& prefix)
{
    QStringList lines = text.split(QLatin1Char('\n'));
    while (!lines.isEmpty() && lines.last().trimmed().isEmpty())
        lines.removeLast();
    for (QString& line : lines)
        line = line.isEmpty() ? QString() : prefix + line;
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QString findingText(const Finding& f)
{
    QString out = QStringLiteral("  [%1] %2").arg(toString(f.severity).toUpper(), f.title);
    if (!f.object.isEmpty())
        out += QStringLiteral(" (%1)").arg(f.object);
    out += QLatin1Char('\n');
    if (!f.reason.isEmpty())
        out += indent(f.reason, QStringLiteral("      "));
    for (const QString& option : f.options)
        out += QStringLiteral("      - %1\n").arg(option);
    if (!f.referenceRow.isEmpty())
        out += QStringLiteral("      reference: %1\n").arg(f.referenceRow);
    return out;
}

QString gateText(const Gate& g)
{
    const QString bar(72, QLatin1Char('='));
    QString out = bar + QLatin1Char('\n');
    out += QStringLiteral("GATE (%1): %2\n").arg(g.id, g.title);
    if (!g.instructions.isEmpty())
        out += indent(g.instructions, QStringLiteral("  "));
    for (const QString& item : g.checklist)
        out += QStringLiteral("  [ ] %1\n").arg(item);
    out += QStringLiteral("  Do not go on before this is done.\n");
    return out + bar + QLatin1Char('\n');
}

QString stepText(const Step& s, int number)
{
    QString out = QStringLiteral("  %1. %2  [%3]\n").arg(number).arg(s.title, s.id);
    if (s.locks.empty()) {
        out += QStringLiteral("     locks: none\n");
    } else {
        QStringList locks;
        for (const Lock& l : s.locks)
            locks << describeLock(l);
        out += QStringLiteral("     locks: %1\n").arg(locks.join(QStringLiteral("; ")));
    }
    out += QStringLiteral("     work: %1, estimated %2")
               .arg(toString(s.work), formatDuration(s.estimatedSeconds));
    if (s.outsideTransaction)
        out += QStringLiteral(", runs OUTSIDE a transaction");
    out += QLatin1Char('\n');
    out += QStringLiteral("     timeouts: lock %1, statement %2\n")
               .arg(s.lockTimeoutMs > 0 ? QStringLiteral("%1 ms").arg(s.lockTimeoutMs)
                                        : QStringLiteral("none"),
                    s.statementTimeoutMs > 0 ? QStringLiteral("%1 ms").arg(s.statementTimeoutMs)
                                             : QStringLiteral("none"));
    if (s.backfill)
        out += QStringLiteral("     backfill: batches of %1 rows over (%2)\n")
                   .arg(s.backfill->batchRows)
                   .arg(s.backfill->keyColumns.isEmpty()
                            ? QStringLiteral("no key")
                            : s.backfill->keyColumns.join(QStringLiteral(", ")));
    if (!s.referenceRow.isEmpty())
        out += QStringLiteral("     reference: %1\n").arg(s.referenceRow);
    if (!s.rationale.isEmpty())
        out += QStringLiteral("     why: %1\n").arg(s.rationale.simplified());
    for (const Hazard& h : s.hazards)
        out += QStringLiteral("     ! %1: %2\n").arg(title(h.kind), h.explanation);
    if (s.isReversible())
        out += QStringLiteral("     rollback: available\n");
    else
        out += QStringLiteral("     rollback: none%1\n")
                   .arg(s.irreversibleReason.isEmpty()
                            ? QString()
                            : QStringLiteral(" (%1)").arg(s.irreversibleReason));
    if (s.isEdited())
        out += QStringLiteral("     (SQL edited by hand)\n");
    out += indent(s.sql, QStringLiteral("       | "));
    return out;
}

} // namespace

QString describeLock(const Lock& lock)
{
    return QStringLiteral("%1 on %2, %3")
        .arg(toString(lock.mode), lock.relation,
             lock.brief ? QStringLiteral("brief") : QStringLiteral("held for the whole step"));
}

QString formatDuration(double seconds)
{
    if (seconds < 1)
        return QStringLiteral("< 1 s");
    const qint64 s = qint64(std::llround(seconds));
    if (s < 60)
        return QStringLiteral("%1 s").arg(s);
    if (s < 3600)
        return s % 60 ? QStringLiteral("%1 min %2 s").arg(s / 60).arg(s % 60)
                      : QStringLiteral("%1 min").arg(s / 60);
    const qint64 minutes = (s % 3600) / 60;
    return minutes ? QStringLiteral("%1 h %2 min").arg(s / 3600).arg(minutes)
                   : QStringLiteral("%1 h").arg(s / 3600);
}

QString stepSummaryLine(const Plan& plan)
{
    QSet<int> phases;
    double total = 0;
    for (const Step& s : plan.steps) {
        phases.insert(int(s.phase));
        total += s.estimatedSeconds;
    }
    return QStringLiteral("%1 step(s) in %2 phase(s), %3 gate(s), estimated %4")
        .arg(plan.steps.size())
        .arg(phases.size())
        .arg(plan.gates.size())
        .arg(formatDuration(total));
}

QString decisionsText(const Plan& plan)
{
    QStringList lines;
    for (const Fill& f : plan.fills)
        lines << QStringLiteral("  fill %1.%2.%3 = %4")
                     .arg(f.schema, f.table, f.column, f.expression);
    for (const ConversionChoice& c : plan.conversions) {
        const QString where = c.isPlanWide()
                                  ? QStringLiteral("every conversion")
                                  : QStringLiteral("%1.%2.%3").arg(c.schema, c.table, c.column);
        if (!c.usingExpression.isEmpty())
            lines << QStringLiteral("  convert %1 using %2").arg(where, c.usingExpression);
        if (!c.timeZone.isEmpty())
            lines << QStringLiteral("  time zone of %1: %2").arg(where, c.timeZone);
        if (c.acceptLossy)
            lines << QStringLiteral("  %1: values that change in the conversion are ACCEPTED "
                                    "(--accept-lossy)")
                         .arg(where);
    }
    for (const QString& object : plan.acceptedDowntime)
        lines << QStringLiteral("  %1: downtime above the lock budget is ACCEPTED "
                                "(--accept-downtime)")
                     .arg(object);
    if (lines.isEmpty())
        return {};
    return QStringLiteral("Decisions recorded in this plan:\n") + lines.join(QLatin1Char('\n')) +
           QStringLiteral("\n\n");
}

QString renderText(const Plan& plan)
{
    QString out;
    out += QStringLiteral("Plan %1\n").arg(plan.id);
    if (!plan.sourceDescription.isEmpty())
        out += QStringLiteral("  database: %1\n").arg(plan.sourceDescription);
    if (!plan.targetDescription.isEmpty())
        out += QStringLiteral("  target:   %1\n").arg(plan.targetDescription);
    if (!plan.createdAt.isEmpty())
        out += QStringLiteral("  created:  %1\n").arg(plan.createdAt);
    out += QStringLiteral("  %1\n\n").arg(stepSummaryLine(plan));
    out += decisionsText(plan);

    if (plan.hasBlockingFindings()) {
        out += QStringLiteral("!!! BLOCKED: this plan cannot run as it is. Resolve these first:\n");
        for (const Finding& f : plan.findings)
            if (f.severity == Finding::Severity::Blocking)
                out += findingText(f);
        out += QLatin1Char('\n');
    }
    bool others = false;
    for (const Finding& f : plan.findings)
        if (f.severity != Finding::Severity::Blocking) {
            if (!others)
                out += QStringLiteral("Notes:\n");
            others = true;
            out += findingText(f);
        }
    if (others)
        out += QLatin1Char('\n');

    if (plan.steps.empty()) {
        out += QStringLiteral("Nothing to do: no steps.\n");
        return out;
    }
    int number = 0;
    for (Phase phase : allPhases()) {
        const auto steps = plan.stepsIn(phase);
        for (const Gate* gate : plan.gatesBefore(phase))
            out += gateText(*gate) + QLatin1Char('\n');
        if (steps.empty())
            continue;
        out += QStringLiteral("== %1 (%2 step(s), estimated %3) ==\n")
                   .arg(phaseTitle(phase).toUpper())
                   .arg(steps.size())
                   .arg(formatDuration(plan.estimatedSeconds(phase)));
        for (const Step* s : steps)
            out += stepText(*s, ++number) + QLatin1Char('\n');
    }
    return out;
}

} // namespace bellows::plan
