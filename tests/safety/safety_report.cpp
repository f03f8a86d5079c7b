#include "safety_report.h"

#include <algorithm>

namespace bellows::safety {

QString toString(Verdict v)
{
    switch (v) {
    case Verdict::WronglyRefused:
        return QStringLiteral("wrongly refused");
    case Verdict::WronglyAccepted:
        return QStringLiteral("wrongly accepted");
    case Verdict::Lost:
        return QStringLiteral("lost");
    case Verdict::Changed:
        return QStringLiteral("changed");
    case Verdict::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

void SafetyReport::add(Discrepancy d)
{
    m_discrepancies.push_back(std::move(d));
}

int SafetyReport::count(Verdict v) const
{
    return int(std::count_if(m_discrepancies.begin(), m_discrepancies.end(),
                             [v](const Discrepancy& d) { return d.verdict == v; }));
}

QString SafetyReport::resultLine(int conversions, int shapes) const
{
    return QStringLiteral("%1 conversions × %2 data shapes (%3 cases): %4 lost, %5 changed, %6 "
                          "refused as expected, %7 converted equal to the oracle (%8 of them "
                          "with --accept-lossy), %9 wrongly refused, %10 wrongly accepted, %11 "
                          "failed runs")
        .arg(conversions)
        .arg(shapes)
        .arg(m_cases)
        .arg(count(Verdict::Lost))
        .arg(count(Verdict::Changed))
        .arg(m_refusedAsExpected)
        .arg(m_converted + m_convertedLossy)
        .arg(m_convertedLossy)
        .arg(count(Verdict::WronglyRefused))
        .arg(count(Verdict::WronglyAccepted))
        .arg(count(Verdict::Failed));
}

QString SafetyReport::details(int limit) const
{
    QStringList lines;
    for (Verdict v : {Verdict::Failed, Verdict::Lost, Verdict::Changed, Verdict::WronglyAccepted,
                      Verdict::WronglyRefused}) {
        int shown = 0;
        for (const Discrepancy& d : m_discrepancies) {
            if (d.verdict != v)
                continue;
            if (++shown > limit) {
                lines
                    << QStringLiteral("  … and %1 more %2").arg(count(v) - limit).arg(toString(v));
                break;
            }
            lines
                << QStringLiteral("[%1] %2: %3: %4").arg(toString(v), d.batch, d.subject, d.detail);
        }
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace bellows::safety
