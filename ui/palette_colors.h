#pragma once

// Colours derived from the palette, so every view follows a switch to dark mode the same way.

#include <QColor>
#include <QPalette>

namespace bellows::ui {

// A dark palette: its base (text background) colour is dark.
inline bool isDark(const QPalette& palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

// `a` moved toward `b` by t (0: a, 1: b): a status colour tinting the palette's base.
inline QColor blend(const QColor& a, const QColor& b, double t)
{
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t),
                            float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

} // namespace bellows::ui
