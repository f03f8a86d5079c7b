#include "source_peek_dialog.h"

#include "code_editor.h"
#include "qsci.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QVBoxLayout>

namespace bellows::ui {

SourcePeekDialog::SourcePeekDialog(const Error& error, QWidget* parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("sourcePeekDialog"));
    setWindowTitle(QStringLiteral("%1 — line %2")
                       .arg(QDir::toNativeSeparators(error.location.file))
                       .arg(error.location.line));
    resize(820, 520);
    auto* layout = new QVBoxLayout(this);
    auto* message = new QLabel(
        error.toString().toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")), this);
    message->setWordWrap(true);
    message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(message);

    m_editor = new CodeEditor(this);
    QFile file(error.location.file);
    m_editor->setText(file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll())
                                                     : QString());
    m_editor->setReadOnly(true);
    const int line = std::max(1, error.location.line);
    const int column = std::max(1, error.location.column);
    m_editor->setErrorMarks({{line, column, 0, CodeEditor::MarkKind::Error, error.message}});
    m_editor->scintilla()->setCursorPosition(line - 1, column - 1);
    m_editor->scintilla()->ensureLineVisible(line - 1);
    layout->addWidget(m_editor, 1);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

} // namespace bellows::ui
