#include "about_dialog.h"

#include "common/version.h"
#include "shadow/postgres_install.h"
#include "shadow/shadow_server.h"

#include <Qsci/qsciglobal.h>
#include <libpq-fe.h>

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QDir>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QTextDocumentFragment>
#include <QVBoxLayout>

namespace bellows::ui {

namespace {

const auto kDocsUrl = QLatin1String("https://github.com/bellows/bellows/tree/main/docs");
// Where the .deb puts the docs (docs/packaging.md); shown when present.
const auto kInstalledDocs = QLatin1String("/usr/share/doc/bellows");

QLabel* selectableLabel(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse);
    label->setWordWrap(true);
    return label;
}

QString plain(const QLabel* label)
{
    // The labels hold rich text; tests and "Copy" want what the user reads.
    QString text = QTextDocumentFragment::fromHtml(label->text()).toPlainText();
    text.replace(QChar::LineSeparator, QLatin1Char('\n'));
    text.replace(QChar::Nbsp, QLatin1Char(' '));
    return text;
}

QString serverBinaries()
{
    // The binaries the shadow server and the demo would start; none installed is worth saying
    // here, since both need one.
    const std::vector<shadow::PostgresInstall> installs = shadow::findInstalls();
    if (installs.empty())
        return QStringLiteral("none found (install postgresql for the shadow server)");
    QStringList found;
    for (const shadow::PostgresInstall& install : installs)
        found << QStringLiteral("%1 (%2)").arg(install.version, install.binDir.toHtmlEscaped());
    return found.join(QLatin1String(", "));
}

} // namespace

AboutDialog::AboutDialog(QWidget* parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About Bellows"));

    auto* icon = new QLabel(this);
    icon->setPixmap(applicationIcon().pixmap(96, 96));
    icon->setAlignment(Qt::AlignTop | Qt::AlignHCenter);

    auto* name = new QLabel(QStringLiteral("<h2 style='margin:0'>Bellows</h2>"), this);
    m_version = selectableLabel(tr("Version %1").arg(QLatin1String(BELLOWS_VERSION)), this);
    m_version->setObjectName(QStringLiteral("versionLabel"));
    auto* description = new QLabel(
        tr("Plan and run zero-downtime PostgreSQL schema changes: expand, backfill, verify, "
           "tighten, contract."),
        this);
    description->setWordWrap(true);

    m_components = selectableLabel(
        tr("Qt %1 (built with %2)<br>QScintilla %3<br>libpq %4<br>PostgreSQL server: %5")
            .arg(QString::fromLatin1(qVersion()), QLatin1String(QT_VERSION_STR),
                 QLatin1String(QSCINTILLA_VERSION_STR), libpqVersion(), serverBinaries()),
        this);
    m_components->setObjectName(QStringLiteral("componentsLabel"));

    QString docs = QStringLiteral("<a href='%1'>%1</a>").arg(kDocsUrl);
    if (QDir(kInstalledDocs).exists())
        docs += QStringLiteral("<br>installed in %1").arg(kInstalledDocs);
    auto* links = selectableLabel(tr("Documentation: %1<br>License: MIT").arg(docs), this);
    links->setOpenExternalLinks(true);
    links->setObjectName(QStringLiteral("linksLabel"));

    m_paths = selectableLabel(tr("Settings: %1<br>Cache (shadow and demo servers): %2")
                                  .arg(QSettings().fileName().toHtmlEscaped(),
                                       shadow::ShadowServer::cacheDirectory().toHtmlEscaped()),
                              this);
    m_paths->setObjectName(QStringLiteral("pathsLabel"));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* copy = buttons->addButton(tr("Copy"), QDialogButtonBox::ActionRole);
    copy->setToolTip(tr("Copy the versions and paths, e.g. for a bug report"));
    connect(copy, &QPushButton::clicked, this, &AboutDialog::copyToClipboard);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* text = new QVBoxLayout;
    text->addWidget(name);
    text->addWidget(m_version);
    text->addWidget(description);
    text->addSpacing(8);
    text->addWidget(m_components);
    text->addSpacing(8);
    text->addWidget(links);
    text->addSpacing(8);
    text->addWidget(m_paths);
    text->addStretch();

    auto* grid = new QGridLayout(this);
    grid->addWidget(icon, 0, 0);
    grid->addLayout(text, 0, 1);
    grid->addWidget(buttons, 1, 0, 1, 2);
    grid->setColumnStretch(1, 1);
    grid->setHorizontalSpacing(18);
    // Word-wrapped labels: the height follows from the width, no empty space below.
    const int width = 600;
    setMinimumWidth(width);
    resize(width, grid->totalHeightForWidth(width));
}

QIcon AboutDialog::applicationIcon()
{
    // PNGs rather than the SVG: the SVG image plugin (qt6-svg) is not a dependency.
    QIcon icon;
    for (int size : {16, 32, 48, 64, 128, 256})
        icon.addFile(QStringLiteral(":/icons/io.github.bellows.Bellows-%1.png").arg(size),
                     QSize(size, size));
    return icon;
}

QString AboutDialog::libpqVersion()
{
    // PostgreSQL 10 and later: major * 10000 + minor.
    const int version = PQlibVersion();
    return QStringLiteral("%1.%2").arg(version / 10000).arg(version % 10000);
}

QString AboutDialog::versionText() const
{
    return plain(m_version);
}

QString AboutDialog::componentsText() const
{
    return plain(m_components);
}

QString AboutDialog::pathsText() const
{
    return plain(m_paths);
}

void AboutDialog::copyToClipboard() const
{
    QApplication::clipboard()->setText(QStringLiteral("Bellows ") % versionText() %
                                       QLatin1Char('\n') % componentsText() % QLatin1Char('\n') %
                                       pathsText() % QLatin1Char('\n'));
}

} // namespace bellows::ui
