#pragma once

// Layer 1 of the editor stack: a QScintilla editor with line numbers, a minimal find bar
// (Ctrl+F, Enter / Shift+Enter, Escape) and error indicators — squiggles under the text a
// parser or linter points at (1-based line:column), a margin marker, the message on hover.
// Colours follow the widget's palette so dark mode works.

#include <QWidget>

#include <vector>

class QLineEdit;
class QsciScintilla;
class QLabel;

class QShortcut;

namespace bellows::ui {

class CodeEditor : public QWidget {
    Q_OBJECT
public:
    enum class MarkKind { Error, Warning, Info };
    struct ErrorMark {
        int line = 0;   // 1-based
        int column = 0; // 1-based, in characters; 0: the whole line
        int length = 0; // characters; 0: to the end of the line
        MarkKind kind = MarkKind::Error;
        QString message;
    };

    explicit CodeEditor(QWidget* parent = nullptr);

    QString text() const;
    // Replaces the text without counting as a user edit (no userEdited signal).
    void setText(const QString& text);
    void setReadOnly(bool readOnly);
    bool isReadOnly() const;

    void setErrorMarks(std::vector<ErrorMark> marks);
    const std::vector<ErrorMark>& errorMarks() const { return m_marks; }
    // Whether a squiggle of any kind covers this 1-based line:column (what the user sees).
    bool hasIndicatorAt(int line, int column) const;

    void showFindBar();
    // Off where a window-wide Ctrl+F decides (the main window's step search forwards to the
    // editor that has the focus): two Ctrl+F shortcuts in one window would cancel each other.
    void setFindShortcutEnabled(bool enabled);
    QWidget* findBar() const { return m_findBar; }
    bool findNext(bool forward = true);

    QsciScintilla* scintilla() const { return m_edit; }

Q_SIGNALS:
    void userEdited(); // text changed by the user, not by setText()

protected:
    // Ctrl+F typed in the text finds in it, whatever window-wide Ctrl+F the window has.
    bool eventFilter(QObject* watched, QEvent* event) override;
    virtual void applyPalette();
    void changeEvent(QEvent* event) override;

private:
    QShortcut* m_findShortcut = nullptr;
    void updateLineNumberWidth();
    void paintMarks();
    void showMarkTip(int position, int x, int y);

    QsciScintilla* m_edit = nullptr;
    QWidget* m_findBar = nullptr;
    QLineEdit* m_findText = nullptr;
    QLabel* m_findStatus = nullptr;
    std::vector<ErrorMark> m_marks;
    bool m_settingText = false;
};

} // namespace bellows::ui
