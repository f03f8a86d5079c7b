#include "connection_dialog.h"

#include "common/error.h"
#include "connection_profile_store.h"
#include "pq/conninfo_secret.h"
#include "workers/connection_probe.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPainter>
#include <QPixmap>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace bellows::ui {

namespace {

QIcon swatch(EnvironmentTag tag)
{
    QPixmap pixmap(14, 14);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(environmentColor(tag).darker(130));
    painter.setBrush(environmentColor(tag));
    painter.drawRoundedRect(QRectF(0.5, 0.5, 13, 13), 3, 3);
    return QIcon(pixmap);
}

QString yesNo(bool value)
{
    return value ? QObject::tr("yes") : QObject::tr("no");
}

QString row(const QString& label, const QString& value)
{
    return QStringLiteral("<tr><td style='padding-right:14px'>%1</td><td><b>%2</b></td></tr>")
        .arg(label.toHtmlEscaped(), value);
}

} // namespace

ConnectionDialog::ConnectionDialog(ConnectionProfileStore* store, QWidget* parent)
    : QDialog(parent), m_store(store)
{
    setWindowTitle(tr("Connect to a database"));
    m_probe = new workers::ConnectionProbe(this);

    // Header: tinted with the selected profile's environment colour.
    m_header = new QWidget(this);
    m_header->setObjectName(QStringLiteral("connectionHeader"));
    m_header->setAutoFillBackground(true);
    auto* headerLayout = new QHBoxLayout(m_header);
    headerLayout->setContentsMargins(14, 10, 14, 10);
    m_headerTitle = new QLabel(m_header);
    QFont titleFont = m_headerTitle->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setBold(true);
    m_headerTitle->setFont(titleFont);
    m_headerEnvironment = new QLabel(m_header);
    QFont envFont = m_headerEnvironment->font();
    envFont.setBold(true);
    m_headerEnvironment->setFont(envFont);
    headerLayout->addWidget(m_headerTitle, 1);
    headerLayout->addWidget(m_headerEnvironment);

    // Left: the saved profiles.
    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    m_list = new QListWidget(left);
    m_list->setObjectName(QStringLiteral("profileList"));
    auto* listButtons = new QHBoxLayout;
    m_newButton = new QPushButton(tr("New"), left);
    m_deleteButton = new QPushButton(tr("Delete"), left);
    listButtons->addWidget(m_newButton);
    listButtons->addWidget(m_deleteButton);
    listButtons->addStretch(1);
    leftLayout->addWidget(m_list, 1);
    leftLayout->addLayout(listButtons);

    // Right: the selected profile.
    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    auto* form = new QFormLayout;
    m_nameEdit = new QLineEdit(right);
    m_conninfoEdit = new QLineEdit(right);
    m_conninfoEdit->setPlaceholderText(
        tr("host=db.example.com dbname=app user=deploy   or   postgresql://deploy@db/app"));
    m_conninfoEdit->setToolTip(
        tr("A libpq connection string or URI. A password typed here is removed before the "
           "profile is saved and kept in memory for this session only."));
    m_environmentCombo = new QComboBox(right);
    for (EnvironmentTag tag :
         {EnvironmentTag::Development, EnvironmentTag::Staging, EnvironmentTag::Production})
        m_environmentCombo->addItem(swatch(tag), displayName(tag), toString(tag));
    m_passwordEdit = new QLineEdit(right);
    m_passwordEdit->setEchoMode(QLineEdit::Password);
    m_passwordEdit->setPlaceholderText(tr("optional — kept in memory only, never saved"));
    m_passwordEdit->setToolTip(
        tr("Leave empty to use ~/.pgpass, the service file or PGPASSWORD, as psql does."));
    form->addRow(tr("&Name:"), m_nameEdit);
    form->addRow(tr("C&onnection:"), m_conninfoEdit);
    form->addRow(tr("&Environment:"), m_environmentCombo);
    form->addRow(tr("&Password:"), m_passwordEdit);
    rightLayout->addLayout(form);
    m_note = new QLabel(right);
    m_note->setWordWrap(true);
    m_note->hide();
    rightLayout->addWidget(m_note);

    auto* testRow = new QHBoxLayout;
    m_testButton = new QPushButton(tr("&Test connection"), right);
    m_busy = new QProgressBar(right);
    m_busy->setRange(0, 0); // busy indicator
    m_busy->setTextVisible(false);
    m_busy->setMaximumWidth(120);
    m_busy->hide();
    m_cancelTestButton = new QPushButton(tr("Cancel"), right);
    m_cancelTestButton->hide();
    testRow->addWidget(m_testButton);
    testRow->addWidget(m_busy);
    testRow->addWidget(m_cancelTestButton);
    testRow->addStretch(1);
    rightLayout->addLayout(testRow);
    m_result = new QLabel(right);
    m_result->setObjectName(QStringLiteral("testResult"));
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::RichText);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    rightLayout->addWidget(m_result, 1);

    auto* splitter = new QSplitter(this);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    splitter->setChildrenCollapsible(false);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_connectButton = m_buttons->addButton(tr("&Connect"), QDialogButtonBox::AcceptRole);
    m_connectButton->setDefault(true);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 10);
    layout->addWidget(m_header);
    auto* body = new QVBoxLayout;
    body->setContentsMargins(12, 6, 12, 0);
    body->addWidget(splitter, 1);
    body->addWidget(m_buttons);
    layout->addLayout(body, 1);
    resize(780, 420);

    connect(m_list, &QListWidget::currentRowChanged, this, [this](int r) {
        if (!m_loading) {
            commitFields();
            showProfile(r);
        }
    });
    connect(m_newButton, &QPushButton::clicked, this, &ConnectionDialog::newProfile);
    connect(m_deleteButton, &QPushButton::clicked, this, &ConnectionDialog::deleteProfile);
    connect(m_nameEdit, &QLineEdit::editingFinished, this, &ConnectionDialog::commitFields);
    connect(m_nameEdit, &QLineEdit::textChanged, this, &ConnectionDialog::updateHeader);
    connect(m_conninfoEdit, &QLineEdit::editingFinished, this, &ConnectionDialog::commitFields);
    connect(m_environmentCombo, &QComboBox::currentIndexChanged, this, [this] {
        updateHeader();
        if (!m_loading)
            commitFields();
    });
    connect(m_passwordEdit, &QLineEdit::textEdited, this, [this](const QString& text) {
        if (m_row >= 0)
            m_store->setSessionPassword(m_store->at(m_row).name, text);
    });
    connect(m_testButton, &QPushButton::clicked, this, &ConnectionDialog::testConnection);
    connect(m_cancelTestButton, &QPushButton::clicked, this, &ConnectionDialog::cancelTest);
    connect(m_probe, &workers::ConnectionProbe::finished, this, &ConnectionDialog::showFacts);
    connect(m_probe, &workers::ConnectionProbe::failed, this, &ConnectionDialog::showError);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        commitFields();
        if (m_row >= 0)
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    reloadList(QString());
    if (m_list->count() > 0)
        m_list->setCurrentRow(0);
    else
        showProfile(-1);
}

ConnectionDialog::~ConnectionDialog()
{
    // Child widgets are destroyed after this body; a line edit losing focus then would emit
    // editingFinished into a half-destroyed dialog.
    m_loading = true;
    for (QObject* sender :
         {static_cast<QObject*>(m_list), static_cast<QObject*>(m_nameEdit),
          static_cast<QObject*>(m_conninfoEdit), static_cast<QObject*>(m_environmentCombo),
          static_cast<QObject*>(m_passwordEdit), static_cast<QObject*>(m_probe)})
        disconnect(sender, nullptr, this, nullptr);
}

ConnectionProfile ConnectionDialog::selectedProfile() const
{
    return m_row >= 0 ? m_store->at(m_row) : ConnectionProfile{};
}

QString ConnectionDialog::password() const
{
    return m_passwordEdit->text();
}

void ConnectionDialog::reloadList(const QString& select)
{
    m_loading = true;
    m_list->clear();
    const QList<ConnectionProfile> profiles = m_store->profiles();
    for (const ConnectionProfile& profile : profiles)
        m_list->addItem(new QListWidgetItem(swatch(profile.environment), profile.name));
    const int index = m_store->indexOf(select);
    m_list->setCurrentRow(index);
    m_loading = false;
    showProfile(index);
}

void ConnectionDialog::selectProfile(const QString& name)
{
    commitFields();
    m_list->setCurrentRow(m_store->indexOf(name));
}

void ConnectionDialog::showProfile(int r)
{
    if (m_row != r) {
        cancelTest();
        m_result->clear();
        m_note->hide();
    }
    m_row = r;
    m_loading = true;
    const bool valid = r >= 0 && r < m_store->count();
    const ConnectionProfile profile = valid ? m_store->at(r) : ConnectionProfile{};
    m_nameEdit->setText(profile.name);
    m_conninfoEdit->setText(profile.conninfo);
    m_conninfoEdit->setCursorPosition(0); // show where it starts: host, port, user
    m_environmentCombo->setCurrentIndex(
        std::max(0, m_environmentCombo->findData(toString(profile.environment))));
    m_passwordEdit->setText(valid ? m_store->sessionPassword(profile.name) : QString());
    for (QWidget* w :
         {static_cast<QWidget*>(m_nameEdit), static_cast<QWidget*>(m_conninfoEdit),
          static_cast<QWidget*>(m_environmentCombo), static_cast<QWidget*>(m_passwordEdit)})
        w->setEnabled(valid);
    m_loading = false;
    updateHeader();
    updateButtons();
}

void ConnectionDialog::commitFields()
{
    if (m_loading || m_row < 0 || m_row >= m_store->count())
        return;
    ConnectionProfile profile;
    profile.name = m_nameEdit->text();
    profile.conninfo = m_conninfoEdit->text();
    profile.environment = environmentTagFromString(m_environmentCombo->currentData().toString())
                              .value_or(EnvironmentTag::Development);
    const bool hadPassword = pq::splitPassword(profile.conninfo).stripped;
    const ConnectionProfile saved = m_store->update(m_row, profile);
    if (hadPassword) {
        // The store kept the password in memory; show it in the (masked) field instead.
        m_passwordEdit->setText(m_store->sessionPassword(saved.name));
        m_note->setText(tr("The password was removed from the connection string: it is kept "
                           "in memory for this session only and never saved."));
        m_note->show();
    } else if (!m_passwordEdit->text().isEmpty()) {
        m_store->setSessionPassword(saved.name, m_passwordEdit->text());
    }
    m_loading = true;
    if (m_nameEdit->text() != saved.name)
        m_nameEdit->setText(saved.name);
    if (m_conninfoEdit->text() != saved.conninfo)
        m_conninfoEdit->setText(saved.conninfo);
    if (QListWidgetItem* item = m_list->item(m_row)) {
        item->setText(saved.name);
        item->setIcon(swatch(saved.environment));
    }
    m_loading = false;
    updateButtons();
}

void ConnectionDialog::newProfile()
{
    commitFields();
    ConnectionProfile profile;
    profile.name = tr("New connection");
    profile.conninfo = QStringLiteral("host=localhost dbname=postgres");
    const ConnectionProfile saved = m_store->add(profile);
    reloadList(saved.name);
    m_nameEdit->setFocus();
    m_nameEdit->selectAll();
}

void ConnectionDialog::deleteProfile()
{
    if (m_row < 0)
        return;
    const int r = m_row;
    m_row = -1; // do not commit the fields of the profile being deleted
    m_store->remove(r);
    const int next = std::min(r, m_store->count() - 1);
    reloadList(next >= 0 ? m_store->at(next).name : QString());
}

void ConnectionDialog::updateHeader()
{
    const EnvironmentTag tag =
        environmentTagFromString(m_environmentCombo->currentData().toString())
            .value_or(EnvironmentTag::Development);
    const bool valid = m_row >= 0;
    const QColor colour = valid ? environmentColor(tag) : palette().color(QPalette::Mid);
    QPalette p = m_header->palette();
    p.setColor(QPalette::Window, colour);
    p.setColor(QPalette::WindowText, Qt::white);
    m_header->setPalette(p);
    m_headerTitle->setText(valid ? m_nameEdit->text() : tr("No connection selected"));
    m_headerEnvironment->setText(valid ? displayName(tag).toUpper() : QString());
}

void ConnectionDialog::updateButtons()
{
    const bool valid = m_row >= 0;
    m_deleteButton->setEnabled(valid);
    m_testButton->setEnabled(valid && !isTesting());
    m_connectButton->setEnabled(valid);
}

bool ConnectionDialog::isTesting() const
{
    return m_probe->isRunning();
}

void ConnectionDialog::setTesting(bool testing)
{
    m_busy->setVisible(testing);
    m_cancelTestButton->setVisible(testing);
    m_testButton->setEnabled(!testing && m_row >= 0);
}

void ConnectionDialog::testConnection()
{
    commitFields();
    if (m_row < 0)
        return;
    const ConnectionProfile profile = m_store->at(m_row);
    m_result->setText(tr("Connecting to %1…").arg(profile.conninfo.toHtmlEscaped()));
    m_probeGeneration = m_probe->start(profile.conninfo, m_passwordEdit->text());
    setTesting(true);
}

void ConnectionDialog::cancelTest()
{
    if (m_probe->isRunning())
        m_probe->cancel(); // reports failed(cancel) at once
}

void ConnectionDialog::showFacts(quint64 generation, const workers::ConnectionFacts& facts)
{
    if (generation != m_probeGeneration)
        return;
    setTesting(false);
    QString role = yesNo(facts.superuser);
    QString mode = facts.inRecovery ? tr("standby (read-only)") : tr("primary (read-write)");
    if (facts.inRecovery && facts.hotStandby)
        mode = tr("hot standby (read-only)");
    QString html = QStringLiteral("<p style='color:#2e7d32'><b>%1</b></p><table>")
                       .arg(tr("Connected in %1 ms").arg(facts.elapsedMs).toHtmlEscaped());
    html += row(tr("Server"), QStringLiteral("PostgreSQL ") + facts.serverVersion.toHtmlEscaped());
    html += row(tr("Address"), facts.server.toHtmlEscaped());
    html += row(tr("User"), facts.user.toHtmlEscaped());
    html += row(tr("Database"), facts.database.toHtmlEscaped());
    html += row(tr("Superuser"), role);
    html += row(tr("CREATE on database"), yesNo(facts.canCreate));
    html += row(tr("Mode"), mode.toHtmlEscaped());
    html += QStringLiteral("</table>");
    m_result->setText(html);
}

void ConnectionDialog::showError(quint64 generation, const Error& error)
{
    if (generation != m_probeGeneration)
        return;
    setTesting(false);
    if (error.cancelled) {
        m_result->setText(tr("Test cancelled."));
        return;
    }
    QString text = error.toString().toHtmlEscaped();
    text.replace(QLatin1Char('\n'), QStringLiteral("<br>"));
    m_result->setText(QStringLiteral("<p style='color:#c62828'><b>%1</b></p><p>%2</p>")
                          .arg(tr("Cannot connect").toHtmlEscaped(), text));
}

} // namespace bellows::ui
