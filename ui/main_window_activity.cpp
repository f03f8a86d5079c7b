// The main window's long-running work: the demo, planning (connection + target →
// PlanningSession), and runs (RunController), with their progress in the status bar, their
// errors in the banner, and the actions they enable. See main_window.cpp for the layout.

#include "connection_dialog.h"
#include "connection_profile_store.h"
#include "demo_loader.h"
#include "diff_panel.h"
#include "environment_tag.h"
#include "main_actions.h"
#include "main_window.h"
#include "message_banner.h"
#include "plan_model.h"
#include "planning_session.h"
#include "pq/conninfo_secret.h"
#include "run_controller.h"
#include "run_panel.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QStatusBar>
#include <QTabWidget>

namespace bellows::ui {

namespace {

const QString NoDatabaseText =
    QStringLiteral("No database yet.\nConnect to a PostgreSQL database and open a target schema "
                   "to see how they differ.");
const QString OpenTargetErrorLink = QStringLiteral("bellows:open-target-error");

} // namespace

void MainWindow::buildProgress()
{
    m_progress = new QWidget(this);
    m_progress->setObjectName(QStringLiteral("progress"));
    auto* layout = new QHBoxLayout(m_progress);
    layout->setContentsMargins(0, 0, 0, 0);
    m_progressLabel = new QLabel(m_progress);
    m_progressLabel->setObjectName(QStringLiteral("progressLabel"));
    const int charWidth = m_progressLabel->fontMetrics().averageCharWidth();
    m_progressLabel->setMinimumWidth(16 * charWidth);
    m_progressLabel->setMaximumWidth(90 * charWidth); // long paths are cut; the tooltip has all
    m_progressBar = new QProgressBar(m_progress);
    m_progressBar->setMaximumWidth(140);
    m_progressBar->setMaximumHeight(14);
    m_progressBar->setTextVisible(false);
    m_pauseButton = new QPushButton(QStringLiteral("Pause"), m_progress);
    m_pauseButton->setObjectName(QStringLiteral("pauseButton"));
    m_pauseButton->setCheckable(true);
    m_cancelButton = new QPushButton(QStringLiteral("Cancel"), m_progress);
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    for (QPushButton* button : {m_pauseButton, m_cancelButton})
        button->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_progress->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Preferred);
    connect(m_pauseButton, &QPushButton::toggled, m_actions->pause, &QAction::setChecked);
    connect(m_actions->pause, &QAction::toggled, m_pauseButton, &QPushButton::setChecked);
    // One Cancel for whatever runs: a run first (it writes), else the demo, else planning.
    connect(m_cancelButton, &QPushButton::clicked, this, [this] {
        if (m_runs->isRunning())
            m_runs->cancel();
        else if (m_demoActive)
            cancelDemo();
        else
            m_session->cancel();
    });
    layout->addWidget(m_progressLabel);
    layout->addWidget(m_progressBar);
    layout->addWidget(m_pauseButton);
    layout->addWidget(m_cancelButton);
    statusBar()->addPermanentWidget(m_progress);
    m_progress->hide();
}

bool MainWindow::isDemoRunning() const
{
    return m_demoActive;
}

bool MainWindow::isPlanning() const
{
    return m_session->isBusy();
}

QString MainWindow::progressText() const
{
    return m_progress->isVisibleTo(this) ? m_progressLabel->text() : QString();
}

void MainWindow::setProgress(const QString& text, double fraction)
{
    QString shown = text;
    if (!shown.isEmpty())
        shown[0] = shown[0].toUpper();
    m_progressLabel->setText(shown);
    m_progressLabel->setToolTip(shown);
    if (fraction >= 0) {
        m_progressBar->setRange(0, 1000);
        m_progressBar->setValue(int(fraction * 1000));
    } else {
        m_progressBar->setRange(0, 0); // busy
    }
    if (m_model->isEmpty() && m_demoActive)
        m_stateLabel->setText(QStringLiteral("Opening the demo…\n%1").arg(shown));
    updateProgressVisibility();
}

void MainWindow::updateProgressVisibility()
{
    const bool running = m_runs->isRunning();
    m_progress->setVisible(m_demoActive || m_session->isBusy() || running);
    m_pauseButton->setVisible(running);
    m_cancelButton->setEnabled(true);
}

void MainWindow::setConnection(const SessionConnection& connection)
{
    m_session->setConnection(connection);
    m_runs->abandonPending();  // a Run… asked for the previous connection
    m_model->clearRunStates(); // another database: its own ledger says what is done
    m_runs->refreshFromLedger();
    updateEnvironmentBar();
    updateActions();
    statusBar()->showMessage(QStringLiteral("Connected to %1").arg(m_session->serverDescription()),
                             5000);
    if (m_session->hasTarget())
        m_session->replan();
    else if (m_model->isEmpty())
        m_stateLabel->setText(QStringLiteral("Connected to %1.\nOpen a target schema (File → "
                                             "Open Target Schema…) to see how they differ.")
                                  .arg(m_session->serverDescription()));
}

void MainWindow::openTarget(const QString& path)
{
    m_session->setTargetFile(path);
    updateActions();
    if (!m_session->isConnected()) {
        showBanner(QStringLiteral("<b>Target opened:</b> %1. Connect to a database (File → "
                                  "Connect…) to compare it.")
                       .arg(QDir::toNativeSeparators(path).toHtmlEscaped()),
                   false);
        return;
    }
    m_session->replan();
}

void MainWindow::connectDialog()
{
    auto* store = new ConnectionProfileStore(nullptr, this);
    auto* dialog = new ConnectionDialog(store, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    store->setParent(dialog);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const ConnectionProfile profile = dialog->selectedProfile();
        setConnection({profile.name, profile.conninfo, dialog->password(), profile.environment});
    });
    dialog->open();
}

// A second database as the target: its schema is introspected read-only, like the live one.
void MainWindow::compareDatabaseDialog()
{
    auto* store = new ConnectionProfileStore(nullptr, this);
    auto* dialog = new ConnectionDialog(store, this);
    dialog->setWindowTitle(QStringLiteral("Compare with Database"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    store->setParent(dialog);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const Result<QString> target =
            pq::mergePassword(dialog->selectedProfile().conninfo, dialog->password());
        if (!target) {
            showError(QStringLiteral("Cannot use that database"), target.error());
            return;
        }
        m_session->setTargetDatabase(*target);
        updateActions();
        m_session->replan();
    });
    dialog->open();
}

void MainWindow::connectSession()
{
    connect(m_session, &PlanningSession::busyChanged, this, [this](bool busy) {
        if (busy)
            setProgress(QStringLiteral("Comparing %1 with %2")
                            .arg(m_session->serverDescription(),
                                 QFileInfo(m_session->targetDescription()).fileName()));
        updateProgressVisibility();
        updateActions();
    });
    connect(m_session, &PlanningSession::progress, this,
            [this](const QString& text) { setProgress(text); });
    connect(m_session, &PlanningSession::planned, this,
            [this](const workers::PlannedChangePtr& result) {
                finishDemo();
                m_targetError = {};
                showPlanned(result);
            });
    connect(m_session, &PlanningSession::failed, this, [this](const Error& error) {
        finishDemo();
        if (error.cancelled) {
            statusBar()->showMessage(QStringLiteral("Planning cancelled"), 5000);
            return;
        }
        if (error.location.isValid() && !error.location.file.isEmpty())
            showTargetError(error);
        else
            showError(QStringLiteral("Could not plan the change"), error);
    });
    connect(m_session, &PlanningSession::targetChangedOnDisk, this, [this](const QString& path) {
        statusBar()->showMessage(
            QStringLiteral("%1 changed: re-planning").arg(QFileInfo(path).fileName()), 5000);
    });
    connect(m_diffPanel, &DiffPanel::renameAccepted, m_session,
            [this](const QString& hint) { m_session->acceptRename(hint); });
    connect(m_diffPanel, &DiffPanel::renameRejected, m_session, [this](const QString& hint) {
        m_session->rejectRename(hint);
        updateBanner();
    });
    connect(m_diffPanel, &DiffPanel::renameUndone, m_session,
            [this](const QString& hint) { m_session->undoRename(hint); });
}

// A parse error in the target: where it is, and a link that opens the file at the spot. The
// plan on screen (if any) stays: it is the last one that planned.
void MainWindow::showTargetError(const Error& error)
{
    m_targetError = error;
    showBanner(QStringLiteral("<b>The target does not parse:</b> %1 &nbsp;<a href='%2'>Open at "
                              "the error</a><br>Fix it and save: Bellows re-plans on save.")
                   .arg(error.toString().toHtmlEscaped().replace(QLatin1Char('\n'),
                                                                 QStringLiteral("<br>")),
                        OpenTargetErrorLink),
               true);
    statusBar()->showMessage(error.location.toString() + QStringLiteral(": ") + error.message,
                             8000);
}

bool MainWindow::startDemo()
{
    if (m_demoActive)
        return false;
    if (!m_demoLoader->start()) {
        statusBar()->showMessage(
            QStringLiteral("The cancelled demo is still stopping: try again in a moment"), 5000);
        return false;
    }
    m_demoActive = true;
    m_actions->openDemo->setEnabled(false);
    m_banner->hide();
    setProgress(QStringLiteral("Starting…"));
    return true;
}

void MainWindow::cancelDemo()
{
    if (!m_demoActive)
        return;
    m_demoLoader->cancel();
    m_session->cancel();
    finishDemo();
    statusBar()->showMessage(QStringLiteral("Demo cancelled"), 5000);
}

// The demo database is ready: connect to it and open its target like any other; the diff
// shows the rename the target implies as a proposal, for a person to accept.
void MainWindow::demoReady(const demo::DemoEnvironment& environment)
{
    if (!m_demoActive)
        return;
    setConnection(
        {QStringLiteral("Demo"), environment.conninfo, QString(), EnvironmentTag::Development});
    openTarget(environment.targetPath);
}

void MainWindow::demoFailed(const Error& error)
{
    if (!m_demoActive)
        return; // cancelled: the user knows
    finishDemo();
    if (error.cancelled) {
        statusBar()->showMessage(QStringLiteral("Demo cancelled"), 5000);
        return;
    }
    showError(QStringLiteral("The demo could not start"), error);
}

void MainWindow::finishDemo()
{
    if (!m_demoActive)
        return;
    m_demoActive = false;
    m_actions->openDemo->setEnabled(true);
    updateProgressVisibility();
    if (m_model->isEmpty())
        m_stateLabel->setText(NoDatabaseText);
}

void MainWindow::connectRuns()
{
    connect(m_runs, &RunController::runningChanged, this, [this](bool running) {
        // The run panel watches the runner's session (lock waits, blockers) while it runs.
        if (running) {
            m_runPanel->show();
            m_runPanel->watch(m_session->effectiveConninfo());
        } else {
            m_runPanel->stopWatching();
        }
        if (!running)
            m_actions->pause->setChecked(false);
        updateProgressVisibility();
        updateActions();
    });
    connect(m_runPanel, &RunPanel::lockWaitSeen, m_runs, &RunController::setLockWait);
    connect(m_runs, &RunController::statusChanged, this,
            [this](const QString& text, double fraction) {
                m_runPanel->setStatus(text);
                if (m_runs->isRunning())
                    setProgress(text, fraction);
                else
                    statusBar()->showMessage(text, 8000);
            });
    connect(m_runs, &RunController::finished, this, [this](const exec::ApplyReport& report) {
        if (report.outcome != exec::ApplyReport::Outcome::Completed)
            showBanner(
                QStringLiteral("<b>The run stopped:</b> %1").arg(report.message.toHtmlEscaped()),
                report.outcome == exec::ApplyReport::Outcome::Refused);
        else
            updateBanner();
    });
    connect(m_runs, &RunController::failed, this, &MainWindow::showRunError);
}

// PostgreSQL's message, detail and hint as it gave them, and what state the database is in.
void MainWindow::showRunError(const Error& error, const QString& stateNow)
{
    if (error.cancelled) {
        showBanner(QStringLiteral("<b>Run cancelled.</b> %1").arg(stateNow.toHtmlEscaped()), false);
        return;
    }
    showBanner(QStringLiteral("<b>The run failed:</b> %1<br><b>State now:</b> %2")
                   .arg(error.toString().toHtmlEscaped().replace(QLatin1Char('\n'),
                                                                 QStringLiteral("<br>")),
                        stateNow.toHtmlEscaped()),
               true);
}

void MainWindow::runSelected(int scope)
{
    const QModelIndex current = m_selection->currentIndex().siblingAtColumn(0);
    const plan::Step* step = m_model->stepAt(current);
    const auto phase = step ? step->phase : plan::Phase(current.data(PlanModel::PhaseRole).toInt());
    switch (scope) {
    case 0:
        if (step)
            m_runs->requestStep(step->id);
        break;
    case 1:
        m_runs->requestPhase(phase);
        break;
    default:
        // The first gate after the selected phase.
        for (const plan::Gate& gate : m_model->plan().gates) {
            if (int(gate.before) > int(phase)) {
                m_runs->requestToGate(gate.id);
                break;
            }
        }
        break;
    }
}

void MainWindow::updateActions()
{
    const bool connected = m_session->isConnected();
    const bool running = m_runs->isRunning();
    const bool planning = m_session->isBusy();
    const bool runnable = connected && !running && !planning && !m_model->isEmpty() &&
                          !m_model->plan().hasBlockingFindings();
    const QModelIndex current = m_selection->currentIndex().siblingAtColumn(0);
    const bool stepSelected = m_model->stepAt(current) != nullptr;
    const QString why = !connected ? QStringLiteral(" (connect to a database first)")
                        : m_model->plan().hasBlockingFindings()
                            ? QStringLiteral(" (the plan has blocking findings)")
                            : QString();
    m_actions->runStep->setEnabled(runnable && stepSelected);
    m_actions->runPhase->setEnabled(runnable && current.isValid());
    m_actions->runToGate->setEnabled(runnable && current.isValid() &&
                                     !m_model->plan().gates.empty());
    m_actions->runStep->setToolTip(QStringLiteral("Run the selected step") + why);
    m_actions->pause->setEnabled(running);
    m_actions->cancelRun->setEnabled(running);
    m_actions->replan->setEnabled(connected && m_session->hasTarget() && !running);
    m_actions->connect->setEnabled(!running);
    m_actions->openTarget->setEnabled(!running);
    m_actions->openTargetFolder->setEnabled(!running);
    m_actions->compareDatabase->setEnabled(!running);
}

// A coloured band naming the environment, server and database: production never looks like
// a laptop's database.
void MainWindow::updateEnvironmentBar()
{
    if (!m_session->isConnected()) {
        m_environmentBar->hide();
        return;
    }
    const SessionConnection& c = m_session->connection();
    const QColor color = environmentColor(c.environment);
    const QColor text = color.lightness() > 150 ? QColor(Qt::black) : QColor(Qt::white);
    m_environmentBar->setStyleSheet(
        QStringLiteral("QLabel#environmentBar { background: %1; color: %2; padding: 3px 8px;"
                       " font-weight: bold; }")
            .arg(color.name(), text.name()));
    m_environmentBar->setText(QStringLiteral("%1 · %2 · %3")
                                  .arg(displayName(c.environment), c.name.toHtmlEscaped(),
                                       m_session->serverDescription().toHtmlEscaped()));
    m_environmentBar->show();
}

} // namespace bellows::ui
