#pragma once

// A line diff of two texts, to show what changed in a step since it was reviewed.

#include <QString>

namespace bellows::review {

// Unified-style lines: " kept", "-removed", "+added" (no hunk headers); empty when equal.
QString lineDiff(const QString& before, const QString& after);

} // namespace bellows::review
