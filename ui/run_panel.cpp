#include "run_panel.h"

#include "plan/plan_render.h"
#include "workers/run_monitor.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace bellows::ui {

namespace {

const QStringList kColumns{QStringLiteral("pid"),    QStringLiteral("application"),
                           QStringLiteral("client"), QStringLiteral("user"),
                           QStringLiteral("state"),  QStringLiteral("in transaction"),
                           QStringLiteral("query")};

QList<QStandardItem*> blockerRow(const exec::BlockingSession& b)
{
    QList<QStandardItem*> row;
    for (const QString& text : {QString::number(b.pid), b.applicationName, b.client, b.user,
                                b.state, plan::formatDuration(b.transactionSeconds), b.query})
        row << new QStandardItem(text);
    return row;
}

} // namespace

RunPanel::RunPanel(QWidget* parent) : QDockWidget(QStringLiteral("Run"), parent)
{
    setObjectName(QStringLiteral("runDock"));
    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);
    m_status = new QLabel(QStringLiteral("No run."), body);
    m_status->setObjectName(QStringLiteral("runStatus"));
    m_status->setWordWrap(true);
    m_wait = new QLabel(body);
    m_wait->setObjectName(QStringLiteral("runWait"));
    m_wait->setWordWrap(true);
    m_model = new QStandardItemModel(0, int(kColumns.size()), this);
    m_model->setHorizontalHeaderLabels(kColumns);
    m_blockers = new QTableView(body);
    m_blockers->setObjectName(QStringLiteral("blockers"));
    m_blockers->setModel(m_model);
    m_blockers->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_blockers->setSelectionMode(QAbstractItemView::SingleSelection);
    m_blockers->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_blockers->horizontalHeader()->setStretchLastSection(true);
    m_blockers->verticalHeader()->hide();
    m_cancelBlocker = new QPushButton(QStringLiteral("Cancel its query…"), body);
    m_cancelBlocker->setObjectName(QStringLiteral("cancelBlocker"));
    m_terminateBlocker = new QPushButton(QStringLiteral("Terminate its session…"), body);
    m_terminateBlocker->setObjectName(QStringLiteral("terminateBlocker"));
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_cancelBlocker);
    buttons->addWidget(m_terminateBlocker);
    layout->addWidget(m_status);
    layout->addWidget(m_wait);
    layout->addWidget(m_blockers, 1);
    layout->addLayout(buttons);
    setWidget(body);

    m_monitor = new workers::RunMonitor(this);
    connect(m_monitor, &workers::RunMonitor::waitUpdated, this, &RunPanel::showWait);
    connect(m_monitor, &workers::RunMonitor::sessionStopped, this,
            [this](int, bool, const QString& outcome) {
                m_wait->setText(outcome);
                Q_EMIT blockerStopped(outcome);
            });
    connect(m_monitor, &workers::RunMonitor::failed, this, [this](const Error& error) {
        m_wait->setText(QStringLiteral("Cannot watch the run's locks: %1").arg(error.message));
    });
    connect(m_cancelBlocker, &QPushButton::clicked, this, [this] { askToStop(false); });
    connect(m_terminateBlocker, &QPushButton::clicked, this, [this] { askToStop(true); });
    showWait({});
}

void RunPanel::watch(const QString& conninfo)
{
    m_watching = true;
    m_monitor->start(conninfo);
}

void RunPanel::stopWatching()
{
    m_watching = false;
    m_monitor->stop();
    if (m_confirmation) // a question about this run's blocker has no answer any more
        m_confirmation->close();
    showWait({});
}

void RunPanel::setStatus(const QString& text)
{
    m_status->setText(text.isEmpty() ? QStringLiteral("No run.") : text);
}

QString RunPanel::waitText() const
{
    return m_wait->text();
}

void RunPanel::showWait(const exec::RunnerWait& wait)
{
    if (!m_watching && wait.runnerPid != 0)
        return;
    m_runnerPid = wait.runnerPid;
    // Every poll, not only changes: the step running may have changed since the last one.
    if (m_watching)
        Q_EMIT lockWaitSeen(wait.waitingForLock);
    const bool blocked = wait.waitingForLock && !wait.blockers.empty();
    m_wait->setText(!blocked ? QString()
                             : QStringLiteral("<b>Waiting %1 for a lock</b> (%2), blocked by %3 "
                                              "session(s). The step retries after its "
                                              "lock_timeout; the traffic behind it does not wait.")
                                   .arg(plan::formatDuration(wait.waitingSeconds).toHtmlEscaped(),
                                        wait.waitEvent.toHtmlEscaped())
                                   .arg(wait.blockers.size()));
    // Keep the selection on the same pid across refreshes.
    const QModelIndex current = m_blockers->currentIndex();
    const int selectedPid = current.isValid() ? m_model->index(current.row(), 0).data().toInt() : 0;
    m_model->removeRows(0, m_model->rowCount());
    m_shown = blocked ? wait.blockers : std::vector<exec::BlockingSession>{};
    for (const exec::BlockingSession& b : m_shown) {
        m_model->appendRow(blockerRow(b));
        if (b.pid == selectedPid)
            m_blockers->selectRow(m_model->rowCount() - 1);
    }
    if (!m_shown.empty() && !m_blockers->currentIndex().isValid())
        m_blockers->selectRow(0);
    m_blockers->setVisible(blocked);
    m_cancelBlocker->setEnabled(blocked);
    m_terminateBlocker->setEnabled(blocked);
}

void RunPanel::askToStop(bool terminate)
{
    const QModelIndex current = m_blockers->currentIndex();
    if (!current.isValid() || m_confirmation || size_t(current.row()) >= m_shown.size())
        return;
    const exec::BlockingSession b = m_shown[size_t(current.row())];
    auto* box = new QMessageBox(
        QMessageBox::Warning,
        terminate ? QStringLiteral("Terminate session %1?").arg(b.pid)
                  : QStringLiteral("Cancel the query of session %1?").arg(b.pid),
        QStringLiteral("%1 (%2, %3, %4): %5\n\n%6")
            .arg(b.applicationName.isEmpty() ? QStringLiteral("session") : b.applicationName,
                 b.user, b.client, b.state, b.query,
                 terminate ? QStringLiteral("Its connection is closed and its open transaction "
                                            "rolled back: that application sees an error.")
                           : QStringLiteral("Its running statement fails; an idle transaction "
                                            "keeps its locks (terminate it instead).")),
        QMessageBox::Cancel, this);
    QPushButton* yes =
        box->addButton(terminate ? QStringLiteral("Terminate") : QStringLiteral("Cancel the query"),
                       QMessageBox::DestructiveRole);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setTextFormat(Qt::PlainText); // application names are anybody's text
    box->setAttribute(Qt::WA_DeleteOnClose);
    m_confirmation = box;
    connect(box, &QMessageBox::finished, this,
            [this, box, yes, pid = b.pid, runner = m_runnerPid, terminate] {
                m_confirmation = nullptr;
                if (box->clickedButton() == yes && m_watching)
                    m_monitor->stopSession(pid, runner, terminate);
            });
    box->open();
}

} // namespace bellows::ui
