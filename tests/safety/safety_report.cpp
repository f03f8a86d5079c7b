#include "safety_report.h"

#include <QHash>

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

QStringList SafetyReport::details() const
{
    QStringList lines;
    for (Verdict v : {Verdict::Failed, Verdict::Lost, Verdict::Changed, Verdict::WronglyAccepted,
                      Verdict::WronglyRefused}) {
        // In order of first appearance: conversion → its discrepancies.
        QStringList order;
        QHash<QString, std::vector<const Discrepancy*>> byConversion;
        for (const Discrepancy& d : m_discrepancies) {
            if (d.verdict != v)
                continue;
            const QString key = d.batch + QLatin1Char('/') + d.conversion;
            if (!byConversion.contains(key))
                order << key;
            byConversion[key].push_back(&d);
        }
        for (const QString& key : order) {
            const auto& list = byConversion[key];
            const Discrepancy& first = *list.front();
            QStringList shapes;
            for (const Discrepancy* d : list)
                if (!d->shape.isEmpty() && !shapes.contains(d->shape))
                    shapes << d->shape;
            lines << QStringLiteral("[%1] %2: %3%4 (%5×): %6%7")
                         .arg(toString(v), first.batch,
                              first.conversion.isEmpty() ? QStringLiteral("the batch")
                                                         : first.conversion,
                              shapes.isEmpty() ? QString()
                                               : QStringLiteral(" [%1]").arg(shapes.join(u',')))
                         .arg(list.size())
                         .arg(first.column.isEmpty() ? QString()
                                                     : first.column + QStringLiteral(": "),
                              first.detail);
        }
    }
    return lines;
}

} // namespace bellows::safety
