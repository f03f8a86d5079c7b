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
    {Phase::Expand, "expand", "Expand"},
    {Phase::Backfill, "backfill", "Backfill"},
    {Phase::Verify, "verify", "Verify"},
    {Phase::Tighten, "tighten", "Tighten"},
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
    case Finding::Severity::Blocking: return QStringLiteral("blocking");
    case Finding::Severity::Warning: return QStringLiteral("warning");
    case Finding::Severity::Info: return QStringLiteral("info");
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
    return std::any_of(findings.begin(), findings.end(), [](const Finding& f) {
        return f.severity == Finding::Severity::Blocking;
    });
}

const Step* Plan::step(const QString& stepId) const
{
    const auto it = std::find_if(steps.begin(), steps.end(),
                                 [&](const Step& s) { return s.id == stepId; });
    return it == steps.end() ? nullptr : &*it;
}

Step* Plan::step(const QString& stepId)
{
    const auto it = std::find_if(steps.begin(), steps.end(),
                                 [&](const Step& s) { return s.id == stepId; });
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

const Gate* Plan::gateBefore(Phase phase) const
{
    const auto it = std::find_if(gates.begin(), gates.end(),
                                 [&](const Gate& g) { return g.before == phase; });
    return it == gates.end() ? nullptr : &*it;
}

double Plan::estimatedSeconds(Phase phase) const
{
    double total = 0;
    for (const Step& s : steps)
        if (s.phase == phase)
            total += s.estimatedSeconds;
    return total;
}

} // namespace bellows::plan
