#pragma once

// A connection's environment (dev / staging / production) and the colour that tints the main
// window and every dialog that acts on it, so a production database never looks like a
// laptop's.

#include <QColor>
#include <QString>

#include <optional>

namespace bellows::ui {

enum class EnvironmentTag { Development, Staging, Production };

QString toString(EnvironmentTag tag); // "dev", "staging", "production"
std::optional<EnvironmentTag> environmentTagFromString(const QString& text);
QString displayName(EnvironmentTag tag);     // "Development", …
QColor environmentColor(EnvironmentTag tag); // green, amber, red

} // namespace bellows::ui
