#include "code_editor.h"

#include "qsci.h"

#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QShortcut>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>

namespace bellows::ui {

namespace {

// Indicator and marker numbers above the ranges QScintilla's lexers use.
constexpr int IndicatorBase = 8; // + int(MarkKind)
constexpr int MarkerBase = 1;    // + int(MarkKind)
constexpr int SymbolMargin = 1;

QColor markColor(CodeEditor::MarkKind kind)
{
    switch (kind) {
    case CodeEditor::MarkKind::Error:
        return QColor(0xe0, 0x30, 0x30);
    case CodeEditor::MarkKind::Warning:
        return QColor(0xe0, 0x92, 0x0b);
    case CodeEditor::MarkKind::Info:
        return QColor(0x3a, 0x8f, 0xd8);
    }
    return {};
}

} // namespace

CodeEditor::CodeEditor(QWidget* parent) : QWidget(parent)
{
    m_edit = new QsciScintilla(this);
    m_edit->setObjectName(QStringLiteral("scintilla"));
    m_edit->installEventFilter(this);
    m_edit->setUtf8(true);
    m_edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_edit->setMarginType(0, QsciScintilla::NumberMargin);
    m_edit->setMarginLineNumbers(0, true);
    m_edit->setMarginType(SymbolMargin, QsciScintilla::SymbolMargin);
    m_edit->setMarginWidth(SymbolMargin, 14);
    m_edit->setMarginMarkerMask(SymbolMargin, 0b1110);
    m_edit->setMarginSensitivity(SymbolMargin, false);
    m_edit->setIndentationsUseTabs(false);
    m_edit->setTabWidth(4);
    m_edit->setAutoIndent(true);
    m_edit->setBraceMatching(QsciScintilla::SloppyBraceMatch);
    m_edit->setWrapMode(QsciScintilla::WrapNone);
    m_edit->setScrollWidthTracking(true);
    m_edit->setScrollWidth(1);
    for (MarkKind kind : {MarkKind::Error, MarkKind::Warning, MarkKind::Info}) {
        const int n = int(kind);
        m_edit->indicatorDefine(QsciScintilla::SquiggleIndicator, IndicatorBase + n);
        m_edit->setIndicatorForegroundColor(markColor(kind), IndicatorBase + n);
        m_edit->markerDefine(QsciScintilla::Circle, MarkerBase + n);
        m_edit->setMarkerBackgroundColor(markColor(kind), MarkerBase + n);
        m_edit->setMarkerForegroundColor(markColor(kind), MarkerBase + n);
    }
    m_edit->SendScintilla(QsciScintillaBase::SCI_SETMOUSEDWELLTIME, 400);
    connect(m_edit, &QsciScintillaBase::SCN_DWELLSTART, this, &CodeEditor::showMarkTip);
    connect(m_edit, &QsciScintillaBase::SCN_DWELLEND, this, [] { QToolTip::hideText(); });
    connect(m_edit, &QsciScintilla::textChanged, this, [this] {
        updateLineNumberWidth();
        if (!m_settingText)
            Q_EMIT userEdited();
    });

    m_findBar = new QWidget(this);
    m_findBar->setObjectName(QStringLiteral("findBar"));
    auto* findLayout = new QHBoxLayout(m_findBar);
    findLayout->setContentsMargins(4, 2, 4, 2);
    m_findText = new QLineEdit(m_findBar);
    m_findText->setObjectName(QStringLiteral("findText"));
    m_findText->setPlaceholderText(QStringLiteral("Find"));
    m_findText->setClearButtonEnabled(true);
    auto* previous = new QToolButton(m_findBar);
    previous->setArrowType(Qt::UpArrow);
    previous->setToolTip(QStringLiteral("Previous match (Shift+Enter)"));
    auto* next = new QToolButton(m_findBar);
    next->setArrowType(Qt::DownArrow);
    next->setToolTip(QStringLiteral("Next match (Enter)"));
    m_findStatus = new QLabel(m_findBar);
    auto* close = new QToolButton(m_findBar);
    close->setText(QStringLiteral("✕"));
    close->setToolTip(QStringLiteral("Close (Escape)"));
    close->setAutoRaise(true);
    findLayout->addWidget(m_findText, 1);
    findLayout->addWidget(previous);
    findLayout->addWidget(next);
    findLayout->addWidget(m_findStatus);
    findLayout->addWidget(close);
    m_findBar->hide();
    connect(m_findText, &QLineEdit::returnPressed, this, [this] { findNext(true); });
    connect(m_findText, &QLineEdit::textEdited, this, [this] { m_findStatus->clear(); });
    connect(previous, &QToolButton::clicked, this, [this] { findNext(false); });
    connect(next, &QToolButton::clicked, this, [this] { findNext(true); });
    connect(close, &QToolButton::clicked, this, [this] {
        m_findBar->hide();
        m_edit->setFocus();
    });
    auto* back = new QShortcut(QKeySequence(Qt::SHIFT | Qt::Key_Return), m_findText);
    back->setContext(Qt::WidgetShortcut);
    connect(back, &QShortcut::activated, this, [this] { findNext(false); });
    auto* escape = new QShortcut(QKeySequence(Qt::Key_Escape), m_findBar);
    escape->setContext(Qt::WidgetWithChildrenShortcut);
    connect(escape, &QShortcut::activated, this, [this] {
        m_findBar->hide();
        m_edit->setFocus();
    });
    m_findShortcut = new QShortcut(QKeySequence::Find, this);
    m_findShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(m_findShortcut, &QShortcut::activated, this, &CodeEditor::showFindBar);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_findBar);
    setFocusProxy(m_edit);

    applyPalette();
    updateLineNumberWidth();
}

QString CodeEditor::text() const
{
    return m_edit->text();
}

void CodeEditor::setText(const QString& text)
{
    m_settingText = true;
    m_edit->setText(text);
    m_settingText = false;
    paintMarks();
}

void CodeEditor::setReadOnly(bool readOnly)
{
    m_edit->setReadOnly(readOnly);
}

bool CodeEditor::isReadOnly() const
{
    return m_edit->isReadOnly();
}

void CodeEditor::setErrorMarks(std::vector<ErrorMark> marks)
{
    m_marks = std::move(marks);
    paintMarks();
}

void CodeEditor::paintMarks()
{
    const int lines = m_edit->lines();
    const int lastLine = std::max(0, lines - 1);
    for (int n = 0; n < 3; ++n) {
        m_edit->clearIndicatorRange(0, 0, lastLine, m_edit->lineLength(lastLine),
                                    IndicatorBase + n);
        m_edit->markerDeleteAll(MarkerBase + n);
    }
    for (const ErrorMark& mark : m_marks) {
        const int line = std::clamp(mark.line - 1, 0, lastLine);
        QString lineText = m_edit->text(line);
        while (!lineText.isEmpty() && lineText.back().isSpace())
            lineText.chop(1);
        const int width = int(lineText.size());
        const int from = std::clamp(mark.column - 1, 0, std::max(0, width - 1));
        int to = mark.length > 0 ? from + mark.length : width;
        to = std::max(to, from + 1);
        const int n = int(mark.kind);
        if (width > 0)
            m_edit->fillIndicatorRange(line, from, line, std::min(to, width), IndicatorBase + n);
        m_edit->markerAdd(line, MarkerBase + n);
    }
}

bool CodeEditor::hasIndicatorAt(int line, int column) const
{
    if (line < 1 || line > m_edit->lines())
        return false;
    const int position = m_edit->positionFromLineIndex(line - 1, std::max(0, column - 1));
    for (int n = 0; n < 3; ++n) {
        if (m_edit->SendScintilla(QsciScintillaBase::SCI_INDICATORVALUEAT,
                                  static_cast<unsigned long>(IndicatorBase + n),
                                  static_cast<long>(position)) != 0)
            return true;
    }
    return false;
}

void CodeEditor::showMarkTip(int position, int x, int y)
{
    if (position < 0 || m_marks.empty())
        return;
    int line = 0;
    int index = 0;
    m_edit->lineIndexFromPosition(position, &line, &index);
    QStringList messages;
    for (const ErrorMark& mark : m_marks) {
        if (mark.line - 1 == line && !mark.message.isEmpty())
            messages << mark.message;
    }
    if (!messages.isEmpty())
        QToolTip::showText(m_edit->viewport()->mapToGlobal(QPoint(x, y)),
                           messages.join(QLatin1Char('\n')), m_edit);
}

bool CodeEditor::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_edit &&
        (event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress)) {
        auto* key = static_cast<QKeyEvent*>(event);
        if (key->matches(QKeySequence::Find)) {
            event->accept(); // ShortcutOverride: delivered here as a key press, not a shortcut
            if (event->type() == QEvent::KeyPress)
                showFindBar();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void CodeEditor::setFindShortcutEnabled(bool enabled)
{
    m_findShortcut->setEnabled(enabled);
}

void CodeEditor::showFindBar()
{
    m_findBar->show();
    if (m_edit->hasSelectedText() && !m_edit->selectedText().contains(QLatin1Char('\n')))
        m_findText->setText(m_edit->selectedText());
    m_findText->setFocus();
    m_findText->selectAll();
}

bool CodeEditor::findNext(bool forward)
{
    const QString needle = m_findText->text();
    if (needle.isEmpty())
        return false;
    int line = -1;
    int index = -1;
    if (!forward && m_edit->hasSelectedText()) {
        // Searching backwards from the end of the current match would find it again.
        int lineTo = 0;
        int indexTo = 0;
        m_edit->getSelection(&line, &index, &lineTo, &indexTo);
    }
    const bool found = m_edit->findFirst(needle, false, false, false, true, forward, line, index);
    m_findStatus->setText(found ? QString() : QStringLiteral("Not found"));
    return found;
}

void CodeEditor::updateLineNumberWidth()
{
    const QString digits(QString::number(std::max(10, m_edit->lines())).size() + 1,
                         QLatin1Char('9'));
    m_edit->setMarginWidth(0, digits);
}

void CodeEditor::applyPalette()
{
    const QPalette& pal = palette();
    m_edit->setPaper(pal.color(QPalette::Base));
    m_edit->setColor(pal.color(QPalette::Text));
    m_edit->setMarginsBackgroundColor(pal.color(QPalette::Window));
    m_edit->setMarginsForegroundColor(pal.color(QPalette::PlaceholderText));
    m_edit->setFoldMarginColors(pal.color(QPalette::Window), pal.color(QPalette::Window));
    m_edit->setCaretForegroundColor(pal.color(QPalette::Text));
    m_edit->setCaretLineVisible(false);
    m_edit->setSelectionBackgroundColor(pal.color(QPalette::Highlight));
    m_edit->setSelectionForegroundColor(pal.color(QPalette::HighlightedText));
    m_edit->setMatchedBraceBackgroundColor(pal.color(QPalette::AlternateBase));
    m_edit->setMatchedBraceForegroundColor(pal.color(QPalette::Link));
}

void CodeEditor::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

} // namespace bellows::ui
