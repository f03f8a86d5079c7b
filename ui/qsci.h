#pragma once

// QScintilla's headers say `signals:` and `public slots:`, which QT_NO_KEYWORDS (set for
// Bellows' own code) removes; map them to the macros only while those headers are read.

#define signals Q_SIGNALS
#define slots Q_SLOTS
#include <Qsci/qsciabstractapis.h>
#include <Qsci/qscilexersql.h>
#include <Qsci/qsciscintilla.h>
#undef signals
#undef slots
