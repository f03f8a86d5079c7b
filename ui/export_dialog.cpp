#include "export_dialog.h"

#include "export/export_plan.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace bellows::ui {

using exporting::ExportFormat;

ExportDialog::ExportDialog(plan::Plan plan, QWidget* parent)
    : QDialog(parent), m_plan(std::move(plan))
{
    setObjectName(QStringLiteral("exportDialog"));
    setWindowTitle(QStringLiteral("Export Plan"));
    resize(620, 260);
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("exportFormat"));
    const std::pair<ExportFormat, const char*> formats[] = {
        {ExportFormat::Prisma, "Prisma migrations folder (prisma migrate deploy, per stage)"},
        {ExportFormat::Flyway, "Flyway versioned scripts (V<n>__name.sql)"},
        {ExportFormat::Sql, "Plain SQL, one file per phase"},
        {ExportFormat::Markdown, "Review report, Markdown (for a pull request)"},
        {ExportFormat::Html, "Review report, self-contained HTML"},
    };
    for (const auto& [format, label] : formats)
        m_format->addItem(QString::fromUtf8(label), int(format));
    form->addRow(QStringLiteral("Format:"), m_format);
    auto* pathRow = new QHBoxLayout;
    m_path = new QLineEdit(this);
    m_path->setObjectName(QStringLiteral("exportPath"));
    auto* browse = new QPushButton(QStringLiteral("Browse…"), this);
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    form->addRow(QStringLiteral("Write to:"), pathRow);
    layout->addLayout(form);
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("exportResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_result, 1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_export = buttons->addButton(QStringLiteral("Export"), QDialogButtonBox::AcceptRole);
    m_export->setObjectName(QStringLiteral("exportButton"));
    layout->addWidget(buttons);

    connect(browse, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::suggestPath);
    connect(m_export, &QPushButton::clicked, this, &ExportDialog::exportNow);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    suggestPath();
}

void ExportDialog::suggestPath()
{
    const auto format = ExportFormat(m_format->currentData().toInt());
    const QString base = QDir::home().filePath(QStringLiteral("bellows-export"));
    QString path = base + QLatin1Char('-') + exporting::toString(format);
    if (format == ExportFormat::Markdown)
        path += QStringLiteral(".md");
    else if (format == ExportFormat::Html)
        path += QStringLiteral(".html");
    m_path->setText(QDir::toNativeSeparators(path));
}

void ExportDialog::browse()
{
    const auto format = ExportFormat(m_format->currentData().toInt());
    const QString path =
        exporting::writesFolder(format)
            ? QFileDialog::getExistingDirectory(this, QStringLiteral("Export into"), m_path->text())
            : QFileDialog::getSaveFileName(this, QStringLiteral("Export to"), m_path->text());
    if (!path.isEmpty())
        m_path->setText(QDir::toNativeSeparators(path));
}

bool ExportDialog::exportNow()
{
    const auto format = ExportFormat(m_format->currentData().toInt());
    Result<QStringList> written =
        exporting::exportPlan(m_plan, format, QDir::fromNativeSeparators(m_path->text()));
    if (!written) {
        m_result->setText(QStringLiteral("<b>Not exported:</b> %1")
                              .arg(written.error().toString().toHtmlEscaped()));
        return false;
    }
    QStringList shown;
    for (const QString& file : *written)
        shown << QDir::toNativeSeparators(file).toHtmlEscaped();
    m_result->setText(QStringLiteral("<b>Wrote %1 file(s):</b><br>%2")
                          .arg(written->size())
                          .arg(shown.mid(0, 8).join(QStringLiteral("<br>")) +
                               (shown.size() > 8 ? QStringLiteral("<br>…") : QString())));
    return true;
}

} // namespace bellows::ui
