#pragma once

// Layer 2 of the editor stack: a CodeEditor that speaks PostgreSQL — the palette-following
// SQL lexer, and completion from keywords plus identifiers the caller knows (tables and
// columns of the plan's change set today, the live catalog once the GUI connects).

#include "code_editor.h"

#include <QStringList>

namespace bellows::ui {

class SqlLexer;
class SqlCompletion;

class SqlEditor : public CodeEditor {
    Q_OBJECT
public:
    explicit SqlEditor(QWidget* parent = nullptr);

    // Identifiers offered by completion after two typed characters ("users",
    // "users.display_name", ...), on top of the SQL keywords.
    void setCompletionWords(const QStringList& identifiers);
    QStringList completionWords() const { return m_identifiers; }
    // What completion offers for the words before the cursor, e.g. {"users", "disp"}.
    QStringList completionsFor(const QStringList& context) const;

    SqlLexer* lexer() const { return m_lexer; }

protected:
    void applyPalette() override;

private:
    SqlLexer* m_lexer = nullptr;
    SqlCompletion* m_completion = nullptr;
    QStringList m_identifiers;
};

} // namespace bellows::ui
