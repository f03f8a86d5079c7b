#include "plan/plan.h"

#include <algorithm>

namespace bellows::plan {

namespace {

struct PhaseName {
    Phase phase;
    const char* id;
    const char* title;
};

constexpr PhaseName kPhaseNames[] = {
    {Phase::Expand, "expand", "Expand"},       {Phase::Backfill, "backfill", "Backfill"},
    {Phase::Verify, "verify", "Verify"},       {Phase::Tighten, "tighten", "Tighten"},
    {Phase::Contract, "contract", "Contract"},
};

} // namespace

QString toString(Phase phase)
{
    for (const auto& n : kPhaseNames)
        if (n.phase == phase)
            return QString::fromLatin1(n.id);
    return {};
}

Phase phaseFromString(const QString& text, bool* ok)
{
    for (const auto& n : kPhaseNames)
        if (text == QLatin1String(n.id)) {
            if (ok)
                *ok = true;
            return n.phase;
        }
    if (ok)
        *ok = false;
    return Phase::Expand;
}

QString phaseTitle(Phase phase)
{
    for (const auto& n : kPhaseNames)
        if (n.phase == phase)
            return QString::fromLatin1(n.title);
    return {};
}

const std::vector<Phase>& allPhases()
{
    static const std::vector<Phase> phases{Phase::Expand, Phase::Backfill, Phase::Verify,
                                           Phase::Tighten, Phase::Contract};
    return phases;
}

QString toString(Finding::Severity severity)
{
    switch (severity) {
    case Finding::Severity::Blocking:
        return QStringLiteral("blocking");
    case Finding::Severity::Warning:
        return QStringLiteral("warning");
    case Finding::Severity::Info:
        return QStringLiteral("info");
    }
    return {};
}

bool Step::hasHazard(HazardKind kind) const
{
    return std::any_of(hazards.begin(), hazards.end(),
                       [&](const Hazard& h) { return h.kind == kind; });
}

bool Plan::hasBlockingFindings() const
{
    return std::any_of(findings.begin(), findings.end(),
                       [](const Finding& f) { return f.severity == Finding::Severity::Blocking; });
}

const Step* Plan::step(const QString& stepId) const
{
    const auto it =
        std::find_if(steps.begin(), steps.end(), [&](const Step& s) { return s.id == stepId; });
    return it == steps.end() ? nullptr : &*it;
}

Step* Plan::step(const QString& stepId)
{
    const auto it =
        std::find_if(steps.begin(), steps.end(), [&](const Step& s) { return s.id == stepId; });
    return it == steps.end() ? nullptr : &*it;
}

std::vector<const Step*> Plan::stepsIn(Phase phase) const
{
    std::vector<const Step*> out;
    for (const Step& s : steps)
        if (s.phase == phase)
            out.push_back(&s);
    return out;
}

std::vector<const Gate*> Plan::gatesBefore(Phase phase) const
{
    std::vector<const Gate*> out;
    for (const Gate& g : gates)
        if (g.before == phase)
            out.push_back(&g);
    return out;
}

double Plan::estimatedSeconds(Phase phase) const
{
    double total = 0;
    for (const Step& s : steps)
        if (s.phase == phase)
            total += s.estimatedSeconds;
    return total;
}

std::optional<ConversionChoice>
PlanChoices::conversionFor(const QString& schema, const QString& table, const QString& column) const
{
    std::optional<ConversionChoice> planWide;
    std::optional<ConversionChoice> own;
    for (const ConversionChoice& c : conversions) {
        if (c.isPlanWide())
            planWide = c;
        else if (c.schema == schema && c.table == table && c.column == column)
            own = c;
    }
    if (!own && !planWide)
        return std::nullopt;
    ConversionChoice merged = own.value_or(ConversionChoice{schema, table, column, {}, {}, false});
    if (merged.timeZone.isEmpty() && planWide)
        merged.timeZone = planWide->timeZone;
    if (planWide && planWide->acceptLossy)
        merged.acceptLossy = true;
    return merged;
}

} // namespace bellows::plan
