// Box widths: every step gets a minimum width so that quick catalog updates stay visible next
// to an hour-long backfill; the rest of the width is shared in proportion to the estimates.

#include "export/timeline_svg.h"

#include "plan/plan_render.h"

#include <algorithm>

namespace bellows::exporting {

using plan::HazardKind;

StepRisk stepRisk(const plan::Step& step)
{
    for (const plan::Lock& l : step.locks)
        if (!l.brief && (plan::blocksWrites(l.mode) || plan::blocksReads(l.mode)))
            return StepRisk::High;
    for (const plan::Hazard& h : step.hazards)
        if (h.kind == HazardKind::Rewrite || h.kind == HazardKind::DataLoss ||
            h.kind == HazardKind::BreaksRunningApp || h.kind == HazardKind::FullScan)
            return StepRisk::High;
    return step.hazards.empty() ? StepRisk::Low : StepRisk::Medium;
}

QString toString(StepRisk risk)
{
    switch (risk) {
    case StepRisk::Low:
        return QStringLiteral("low");
    case StepRisk::Medium:
        return QStringLiteral("medium");
    case StepRisk::High:
        return QStringLiteral("high");
    }
    return {};
}

QString htmlEscape(const QString& text)
{
    return text.toHtmlEscaped();
}

namespace {

QString colour(StepRisk risk)
{
    switch (risk) {
    case StepRisk::Low:
        return QStringLiteral("#4caf50");
    case StepRisk::Medium:
        return QStringLiteral("#f0a030");
    case StepRisk::High:
        return QStringLiteral("#d9453d");
    }
    return {};
}

QString num(double v)
{
    return QString::number(v, 'f', 1);
}

} // namespace

QString timelineSvg(const plan::Plan& plan)
{
    const double laneLabel = 90, width = 960, laneHeight = 44, top = 24, boxMin = 14;
    std::vector<plan::Phase> lanes;
    for (plan::Phase p : plan::allPhases())
        if (!plan.stepsIn(p).empty() || !plan.gatesBefore(p).empty())
            lanes.push_back(p);
    const double height = top + laneHeight * double(std::max<size_t>(1, lanes.size())) + 24;
    const double gateGap = 8;
    double gates = 0;
    for (plan::Phase p : lanes)
        gates += double(plan.gatesBefore(p).size());
    const double usable = width - laneLabel - 10 - gateGap * gates;
    double total = 0;
    for (const plan::Step& s : plan.steps)
        total += std::max(0.0, s.estimatedSeconds);
    const double n = double(plan.steps.size());
    const double shared = std::max(0.0, usable - boxMin * n);
    const auto boxWidth = [&](const plan::Step& s) {
        return boxMin + (total > 0 ? shared * std::max(0.0, s.estimatedSeconds) / total
                                   : (n > 0 ? shared / n : 0));
    };

    QString out = QStringLiteral("<svg class=\"timeline\" role=\"img\" viewBox=\"0 0 %1 %2\" "
                                 "width=\"%1\" height=\"%2\" font-family=\"sans-serif\" "
                                 "font-size=\"11\">\n")
                      .arg(num(width), num(height));
    out += QStringLiteral("<title>Timeline of plan %1: %2</title>\n")
               .arg(htmlEscape(plan.id), htmlEscape(plan::stepSummaryLine(plan)));
    for (size_t i = 0; i < lanes.size(); ++i) {
        const double y = top + laneHeight * double(i);
        out += QStringLiteral("<rect x=\"0\" y=\"%1\" width=\"%2\" height=\"%3\" fill=\"%4\"/>\n"
                              "<text x=\"6\" y=\"%5\" fill=\"#333\">%6</text>\n")
                   .arg(num(y), num(width), num(laneHeight),
                        i % 2 ? QStringLiteral("#f4f4f4") : QStringLiteral("#fafafa"),
                        num(y + laneHeight / 2 + 4), htmlEscape(plan::phaseTitle(lanes[i])));
    }
    double x = laneLabel;
    for (size_t i = 0; i < lanes.size(); ++i) {
        const plan::Phase phase = lanes[i];
        for (const plan::Gate* g : plan.gatesBefore(phase)) {
            // A milestone: a dashed line across every lane and a diamond on top.
            out += QStringLiteral("<g class=\"gate\"><title>Gate: %1</title>\n"
                                  "<line x1=\"%2\" y1=\"%3\" x2=\"%2\" y2=\"%4\" stroke=\"#555\" "
                                  "stroke-dasharray=\"4 3\"/>\n"
                                  "<path d=\"M %2 %5 l 7 7 l -7 7 l -7 -7 z\" fill=\"#333\"/>\n"
                                  "</g>\n")
                       .arg(htmlEscape(g->title), num(x), num(top - 10), num(height - 16),
                            num(top - 22));
            x += gateGap;
        }
        const double y = top + laneHeight * double(i) + 8;
        for (const plan::Step* s : plan.stepsIn(phase)) {
            const double w = boxWidth(*s);
            const StepRisk risk = stepRisk(*s);
            out += QStringLiteral("<a href=\"#step-%1\"><rect class=\"step risk-%2\" x=\"%3\" "
                                  "y=\"%4\" width=\"%5\" height=\"%6\" rx=\"3\" fill=\"%7\" "
                                  "stroke=\"#fff\"><title>%8 (%9, %10 risk)</title></rect></a>\n")
                       .arg(htmlEscape(s->id), toString(risk), num(x), num(y),
                            num(std::max(1.0, w - 1)), num(laneHeight - 16), colour(risk),
                            htmlEscape(s->title),
                            htmlEscape(plan::formatDuration(s->estimatedSeconds)), toString(risk));
            x += w;
        }
    }
    out += QStringLiteral("<text x=\"%1\" y=\"%2\" fill=\"#666\">0</text>\n"
                          "<text x=\"%3\" y=\"%2\" fill=\"#666\" text-anchor=\"end\">about %4"
                          "</text>\n")
               .arg(num(laneLabel), num(height - 6), num(width - 6),
                    htmlEscape(plan::formatDuration(total)));
    out += QStringLiteral("</svg>\n");
    return out;
}

} // namespace bellows::exporting
