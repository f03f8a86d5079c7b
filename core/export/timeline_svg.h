#pragma once

// The plan's timeline as an SVG image (text, no QtGui): one lane per phase, steps as boxes
// coloured by risk and as wide as their estimated duration, gates as milestones between lanes.

#include "plan/plan.h"

#include <QString>

namespace bellows::exporting {

enum class StepRisk { Low, Medium, High };

// High: holds a lock that blocks reads or writes for longer than a catalog update, rewrites,
// scans under a strong lock, loses data or breaks the running app; Medium: any other hazard
// (a brief strong lock among them); Low: none.
StepRisk stepRisk(const plan::Step& step);
QString toString(StepRisk risk); // "low", "medium", "high"

// An <svg> element (no xmlns: it is meant to be inlined in HTML5) with a <title> per step.
QString timelineSvg(const plan::Plan& plan);

QString htmlEscape(const QString& text);

} // namespace bellows::exporting
