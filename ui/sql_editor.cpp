#include "sql_editor.h"

#include "qsci.h"
#include "sql_lexer.h"

namespace bellows::ui {

// Completion computed synchronously from a word list. (QsciAPIs prepares its list on a
// thread it does not stop when deleted, which crashes when an editor goes away early.)
// "users.disp" completes to the columns of users; a bare prefix to keywords and tables.
class SqlCompletion : public QsciAbstractAPIs {
public:
    explicit SqlCompletion(QsciLexer* lexer) : QsciAbstractAPIs(lexer) {}

    QStringList words;

    void updateAutoCompletionList(const QStringList& context, QStringList& list) override
    {
        if (context.isEmpty())
            return;
        const QString& typed = context.last();
        const QString qualifier = context.size() >= 2 ? context[context.size() - 2] : QString();
        for (const QString& word : words) {
            const qsizetype dot = word.lastIndexOf(QLatin1Char('.'));
            if (!qualifier.isEmpty()) {
                if (dot > 0 && word.left(dot).compare(qualifier, Qt::CaseInsensitive) == 0 &&
                    word.mid(dot + 1).startsWith(typed, Qt::CaseInsensitive))
                    list << word.mid(dot + 1);
            } else if (dot < 0 && word.startsWith(typed, Qt::CaseInsensitive)) {
                list << word;
            }
        }
    }

    QStringList callTips(const QStringList&, int, QsciScintilla::CallTipsStyle,
                         QList<int>&) override
    {
        return {};
    }
};

SqlEditor::SqlEditor(QWidget* parent) : CodeEditor(parent)
{
    m_lexer = new SqlLexer(this);
    m_completion = new SqlCompletion(m_lexer);
    scintilla()->setLexer(m_lexer);
    scintilla()->setAutoCompletionSource(QsciScintilla::AcsAPIs);
    scintilla()->setAutoCompletionThreshold(2);
    scintilla()->setAutoCompletionCaseSensitivity(false);
    scintilla()->setAutoCompletionReplaceWord(true);
    setCompletionWords({});
    applyPalette();
}

void SqlEditor::setCompletionWords(const QStringList& identifiers)
{
    m_identifiers = identifiers;
    m_completion->words = SqlLexer::keywordList() + identifiers;
}

QStringList SqlEditor::completionsFor(const QStringList& context) const
{
    QStringList list;
    m_completion->updateAutoCompletionList(context, list);
    return list;
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
