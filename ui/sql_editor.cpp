#include "sql_editor.h"

#include "qsci.h"
#include "sql_lexer.h"

namespace bellows::ui {

SqlEditor::SqlEditor(QWidget* parent) : CodeEditor(parent)
{
    m_lexer = new SqlLexer(this);
    scintilla()->setLexer(m_lexer);
    scintilla()->setAutoCompletionSource(QsciScintilla::AcsAll);
    scintilla()->setAutoCompletionThreshold(2);
    scintilla()->setAutoCompletionCaseSensitivity(false);
    scintilla()->setAutoCompletionReplaceWord(true);
    setCompletionWords({});
    applyPalette();
}

void SqlEditor::setCompletionWords(const QStringList& identifiers)
{
    m_identifiers = identifiers;
    // A fresh QsciAPIs: QScintilla has no cheap way to remove prepared entries.
    delete m_apis;
    m_apis = new QsciAPIs(m_lexer);
    for (const QString& word : SqlLexer::keywordList())
        m_apis->add(word);
    for (const QString& word : identifiers)
        m_apis->add(word);
    m_apis->prepare();
}

void SqlEditor::applyPalette()
{
    CodeEditor::applyPalette();
    if (!m_lexer)
        return; // called from CodeEditor's constructor, before the lexer exists
    m_lexer->applyPalette(palette());
    // The lexer resets margin colours when it restyles; keep them on the palette.
    CodeEditor::applyPalette();
}

} // namespace bellows::ui
