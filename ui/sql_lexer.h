#pragma once

// Layer 3 of the editor stack: QScintilla's SQL lexer with PostgreSQL's keywords and type
// names, and colours derived from a palette (light or dark) instead of fixed ones.

#include "qsci.h"

#include <QPalette>

namespace bellows::ui {

class SqlLexer : public QsciLexerSQL {
    Q_OBJECT
public:
    explicit SqlLexer(QObject* parent = nullptr);

    // Sets every style's colours from `palette`; call again when the palette changes.
    void applyPalette(const QPalette& palette);

    const char* keywords(int set) const override;

    // The keywords and type names, for completion lists.
    static QStringList keywordList();
};

} // namespace bellows::ui
