#include "main_window.h"

#include "code_editor.h"

#include "about_dialog.h"
#include "common/version.h"
#include "connection_dialog.h"
#include "demo_loader.h"
#include "diff_panel.h"
#include "environment_tag.h"
#include "export_dialog.h"
#include "gui_settings.h"
#include "log_dock.h"
#include "main_actions.h"
#include "message_banner.h"
#include "plan/plan_file.h"
#include "plan/plan_render.h"
#include "plan_model.h"
#include "planning_session.h"
#include "review_panel.h"
#include "run_controller.h"
#include "run_panel.h"
#include "source_peek_dialog.h"
#include "step_inspector.h"
#include "step_search.h"
#include "timeline_view.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeySequence>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

namespace bellows::ui {

namespace {

const QString PlanFilter = QStringLiteral("Bellows plans (*.json);;All files (*)");
const QString TargetFilter =
    QStringLiteral("Schemas (*.sql *.prisma);;SQL (*.sql);;Prisma (*.prisma);;All files (*)");
const QString NoDatabaseText =
    QStringLiteral("No database yet.\nConnect to a PostgreSQL database and open a target schema "
                   "to see how they differ.");
const QString OpenTargetErrorLink = QStringLiteral("bellows:open-target-error");
const QString ShowDiffLink = QStringLiteral("bellows:show-diff");

enum RunScope { RunStepScope, RunPhaseScope, RunToGateScope };

// Carries a person's SQL edits over a re-plan when the planner still generates the SQL they
// edited; returns how many edits no longer apply (the step is gone or its SQL changed).
int carryOverEdits(const plan::Plan& old, plan::Plan& fresh)
{
    int dropped = 0;
    for (const plan::Step& edited : old.steps) {
        if (!edited.isEdited())
            continue;
        plan::Step* step = fresh.step(edited.id);
        if (step && step->sql == edited.originalSql) {
            step->originalSql = step->sql;
            step->sql = edited.sql;
        } else {
            ++dropped;
        }
    }
    return dropped;
}

} // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setObjectName(QStringLiteral("MainWindow"));
    // 1280×820, or less on a smaller screen (a laptop at 150 % has 1280×720 logical pixels).
    const QSize available = screen() ? screen()->availableGeometry().size() * 0.92 : QSize();
    resize(available.isValid() ? QSize(1280, 820).boundedTo(available) : QSize(1280, 820));

    m_settings = new GuiSettings(this);
    m_model = new PlanModel(this);
    m_selection = new QItemSelectionModel(m_model, this);
    m_session = new PlanningSession(this);
    m_runs = new RunController(m_model, m_session, this);
    // Proposals belong to the planning that made the plan shown (not to a plan file opened
    // since): a plan that a rename may still change does not run.
    m_runs->setUndecidedRenames([this] {
        const workers::PlannedChangePtr last = m_session->lastResult();
        return last && last->plan.id == m_model->plan().id ? m_diffPanel->pendingRenames()
                                                           : QStringList();
    });

    // The environment bar and the banner sit above both pages: a connection's environment and
    // errors (a plan that does not open, a target that does not parse) show whatever is open.
    auto* central = new QWidget(this);
    auto* centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    m_environmentBar = new QLabel(central);
    m_environmentBar->setObjectName(QStringLiteral("environmentBar"));
    m_environmentBar->hide();
    centralLayout->addWidget(m_environmentBar);
    m_banner = new MessageBanner(central);
    connect(m_banner, &QLabel::linkActivated, this, [this](const QString& link) {
        if (link == OpenTargetErrorLink && m_targetError.location.isValid())
            (new SourcePeekDialog(m_targetError, this))->open();
        else if (link == ShowDiffLink)
            m_tabs->setCurrentWidget(m_diffPanel);
    });
    centralLayout->addWidget(m_banner);
    m_pages = new QStackedWidget(central);
    m_pages->addWidget(buildEmptyPage());
    m_pages->addWidget(buildPlanPage());
    centralLayout->addWidget(m_pages, 1);
    setCentralWidget(central);

    m_actions = new MainActions(this);
    m_search = new StepSearch(m_model, m_selection, this);
    m_actions->toolBar->addSeparator();
    m_actions->toolBar->addWidget(m_search);
    auto* find = new QAction(QStringLiteral("&Find Step…"), this);
    find->setObjectName(QStringLiteral("findStepAction"));
    find->setShortcut(QKeySequence::Find);
    m_actions->viewMenu->addAction(find);
    // One Ctrl+F in the window: in an SQL editor it finds text there, elsewhere it finds steps.
    connect(find, &QAction::triggered, m_search, [this] {
        for (QWidget* w = QApplication::focusWidget(); w; w = w->parentWidget())
            if (auto* editor = qobject_cast<CodeEditor*>(w)) {
                editor->showFindBar();
                return;
            }
        m_tabs->setCurrentIndex(0);
        m_search->focusField();
    });
    m_logDock = new LogDock(this);
    addDockWidget(Qt::BottomDockWidgetArea, m_logDock);
    m_logDock->hide();
    // Review mode: approve or request changes per step or phase (core/review).
    auto* reviewDock = new QDockWidget(QStringLiteral("Review"), this);
    reviewDock->setObjectName(QStringLiteral("reviewDock"));
    m_reviewPanel = new ReviewPanel(m_model, m_selection, reviewDock);
    reviewDock->setWidget(m_reviewPanel);
    addDockWidget(Qt::RightDockWidgetArea, reviewDock);
    reviewDock->hide();
    QAction* reviewToggle = reviewDock->toggleViewAction();
    reviewToggle->setText(QStringLiteral("&Review Mode"));
    reviewToggle->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    m_actions->viewMenu->addAction(reviewToggle);
    connect(m_reviewPanel, &ReviewPanel::reviewed, this,
            [this](const QString& message) { statusBar()->showMessage(message, 5000); });
    QAction* logToggle = m_logDock->toggleViewAction();
    logToggle->setText(QStringLiteral("&Log"));
    logToggle->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    m_actions->viewMenu->addAction(logToggle);
    m_runPanel = new RunPanel(this);
    addDockWidget(Qt::BottomDockWidgetArea, m_runPanel);
    m_runPanel->hide();
    QAction* runToggle = m_runPanel->toggleViewAction();
    runToggle->setText(QStringLiteral("R&un Panel"));
    m_actions->viewMenu->addAction(runToggle);
    m_actions->viewMenu->addAction(m_actions->toolBar->toggleViewAction());

    m_demoLoader = new DemoLoader(this);
    connect(m_demoLoader, &DemoLoader::progress, this,
            [this](const QString& text) { setProgress(text); });
    connect(m_demoLoader, &DemoLoader::ready, this, &MainWindow::demoReady);
    connect(m_demoLoader, &DemoLoader::failed, this, &MainWindow::demoFailed);

    for (CodeEditor* editor : findChildren<CodeEditor*>())
        editor->setFindShortcutEnabled(false); // the window's Ctrl+F forwards to them
    connectActions();
    connectSession();
    connectRuns();
    buildProgress();
    statusBar()->showMessage(QStringLiteral("Not connected"));
    connect(m_model, &PlanModel::modifiedChanged, this, [this] { updateTitle(); });
    connect(m_selection, &QItemSelectionModel::currentChanged, this, [this] { updateActions(); });
    updateTitle();
    updateActions();
    restoreLayout();
}

MainWindow::~MainWindow() = default;

QWidget* MainWindow::buildEmptyPage()
{
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    auto* title =
        new QLabel(QStringLiteral("<h2>Bellows %1</h2>").arg(QLatin1String(BELLOWS_VERSION)), page);
    title->setAlignment(Qt::AlignCenter);
    m_stateLabel = new QLabel(NoDatabaseText, page);
    m_stateLabel->setObjectName(QStringLiteral("stateLabel"));
    m_stateLabel->setAlignment(Qt::AlignCenter);
    m_stateLabel->setWordWrap(true);
    auto* hint = new QLabel(
        QStringLiteral("<b>File → Connect…</b> (%1), then <b>File → Open Target Schema…</b> "
                       "(%2).<br>Or open a plan file written by <tt>bellows-cli plan -o "
                       "PLAN.json</tt>: <b>File → Open Plan…</b> (%3), or try "
                       "<b>File → Open Demo</b>.")
            .arg(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C).toString(QKeySequence::NativeText),
                 QKeySequence(Qt::CTRL | Qt::Key_T).toString(QKeySequence::NativeText),
                 QKeySequence(QKeySequence::Open).toString(QKeySequence::NativeText)),
        page);
    hint->setObjectName(QStringLiteral("openHint"));
    hint->setWordWrap(true);
    hint->setAlignment(Qt::AlignCenter);
    hint->setForegroundRole(QPalette::PlaceholderText);
    layout->addStretch();
    layout->addWidget(title);
    layout->addWidget(m_stateLabel);
    layout->addSpacing(12);
    layout->addWidget(hint);
    layout->addStretch();
    return page;
}

QWidget* MainWindow::buildPlanPage()
{
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->setSpacing(4);

    m_summary = new QLabel(page);
    m_summary->setObjectName(QStringLiteral("planSummary"));
    m_summary->setWordWrap(true); // a long source → target must not set the window's width
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summary);

    m_tabs = new QTabWidget(page);
    m_tabs->setObjectName(QStringLiteral("pageTabs"));
    m_tabs->setDocumentMode(true);
    m_mainSplitter = new QSplitter(Qt::Vertical, m_tabs);
    m_mainSplitter->setObjectName(QStringLiteral("mainSplitter"));
    m_timeline = new TimelineView(m_mainSplitter);
    m_timeline->setModel(m_model);
    m_timeline->setSelectionModel(m_selection);

    m_bottomSplitter = new QSplitter(Qt::Horizontal, m_mainSplitter);
    m_bottomSplitter->setObjectName(QStringLiteral("bottomSplitter"));
    m_stepList = new QTreeView(m_bottomSplitter);
    m_stepList->setObjectName(QStringLiteral("stepList"));
    m_stepList->setModel(m_model);
    m_stepList->setSelectionModel(m_selection);
    m_stepList->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_stepList->setSelectionMode(QAbstractItemView::SingleSelection);
    m_stepList->setUniformRowHeights(true);
    m_stepList->setAlternatingRowColors(true);
    m_stepList->header()->setStretchLastSection(false);
    m_stepList->header()->setSectionResizeMode(PlanModel::TitleColumn, QHeaderView::Stretch);
    for (int c = PlanModel::LockColumn; c < PlanModel::ColumnCount; ++c)
        m_stepList->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_inspector = new StepInspector(m_bottomSplitter);
    m_inspector->setModel(m_model, m_selection);
    m_bottomSplitter->setStretchFactor(0, 2);
    m_bottomSplitter->setStretchFactor(1, 3);
    m_mainSplitter->setStretchFactor(0, 2);
    m_mainSplitter->setStretchFactor(1, 5);
    m_tabs->addTab(m_mainSplitter, QStringLiteral("Plan"));
    m_diffPanel = new DiffPanel(m_tabs);
    m_tabs->addTab(m_diffPanel, QStringLiteral("Diff"));
    layout->addWidget(m_tabs, 1);

    connect(m_selection, &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) {
                if (current.isValid())
                    m_stepList->scrollTo(current);
            });
    connect(m_timeline, &TimelineView::activated, this, [this] { m_inspector->setFocus(); });
    return page;
}

// Every lane visible without scrolling when the window allows it (at most half its height).
void MainWindow::fitTimeline()
{
    const QList<int> sizes = m_mainSplitter->sizes();
    const int total = sizes.value(0) + sizes.value(1);
    const int wanted = std::min(m_timeline->sizeHint().height(), total / 2);
    if (total > 0 && sizes.value(0) < wanted)
        m_mainSplitter->setSizes({wanted, total - wanted});
}

void MainWindow::connectActions()
{
    MainActions* a = m_actions;
    connect(a->connect, &QAction::triggered, this, &MainWindow::connectDialog);
    connect(a->openTarget, &QAction::triggered, this, [this] { openTargetDialog(false); });
    connect(a->openTargetFolder, &QAction::triggered, this, [this] { openTargetDialog(true); });
    connect(a->compareDatabase, &QAction::triggered, this, &MainWindow::compareDatabaseDialog);
    connect(a->replan, &QAction::triggered, m_session, [this] {
        if (maybeSave())
            m_session->replan();
    });
    connect(a->openPlan, &QAction::triggered, this, &MainWindow::openPlanDialog);
    connect(m_settings, &GuiSettings::recentPlanFilesChanged, this,
            [this] { rebuildRecentMenu(); });
    rebuildRecentMenu();
    connect(a->openDemo, &QAction::triggered, this, [this] {
        if (maybeSave())
            startDemo();
    });
    connect(a->save, &QAction::triggered, this, [this] { savePlan(); });
    connect(a->saveAs, &QAction::triggered, this, &MainWindow::savePlanAsDialog);
    connect(a->exportPlan, &QAction::triggered, this, &MainWindow::exportDialog);
    connect(a->quit, &QAction::triggered, this, &QWidget::close);
    connect(a->runStep, &QAction::triggered, this, [this] { runSelected(RunStepScope); });
    connect(a->runPhase, &QAction::triggered, this, [this] { runSelected(RunPhaseScope); });
    connect(a->runToGate, &QAction::triggered, this, [this] { runSelected(RunToGateScope); });
    connect(a->pause, &QAction::toggled, m_runs, [this](bool on) { m_runs->setPaused(on); });
    connect(a->cancelRun, &QAction::triggered, m_runs, [this] { m_runs->cancel(); });
    connect(a->zoomIn, &QAction::triggered, m_timeline, &TimelineView::zoomIn);
    connect(a->zoomOut, &QAction::triggered, m_timeline, &TimelineView::zoomOut);
    connect(a->zoomReset, &QAction::triggered, m_timeline, [this] { m_timeline->setZoom(1.0); });
    connect(a->goTimeline, &QAction::triggered, m_timeline, [this] {
        m_tabs->setCurrentIndex(0);
        m_timeline->setFocus();
    });
    connect(a->goStepList, &QAction::triggered, m_stepList, [this] {
        m_tabs->setCurrentIndex(0);
        m_stepList->setFocus();
    });
    connect(a->goInspector, &QAction::triggered, m_inspector, [this] {
        m_tabs->setCurrentIndex(0);
        m_inspector->setFocus();
    });
    connect(a->goDiff, &QAction::triggered, m_diffPanel, [this] {
        m_tabs->setCurrentWidget(m_diffPanel);
        m_diffPanel->setFocus();
    });
    connect(a->about, &QAction::triggered, this, [this] {
        auto* dialog = new AboutDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
}

void MainWindow::rebuildRecentMenu()
{
    QMenu* menu = m_actions->recentMenu;
    menu->clear();
    const QStringList files = m_settings->recentPlanFiles();
    for (int i = 0; i < files.size(); ++i) {
        const QString path = files[i];
        QAction* action =
            menu->addAction(QStringLiteral("&%1 %2").arg(i + 1).arg(QFileInfo(path).fileName()));
        action->setToolTip(path);
        action->setStatusTip(path);
        connect(action, &QAction::triggered, this, [this, path] {
            if (maybeSave())
                openPlan(path);
        });
    }
    menu->setEnabled(!files.isEmpty());
}

QString MainWindow::stateText() const
{
    return m_stateLabel->text();
}

QString MainWindow::bannerText() const
{
    return m_banner->visibleText();
}

bool MainWindow::openPlan(const QString& path)
{
    Result<plan::Plan> loaded = plan::loadPlan(path);
    if (!loaded) {
        m_settings->removeRecentPlanFile(path);
        if (m_model->isEmpty())
            m_stateLabel->setText(
                QStringLiteral("Could not open the plan.\n%1").arg(loaded.error().toString()));
        else
            showBanner(loaded.error().toString().toHtmlEscaped(), true);
        statusBar()->showMessage(loaded.error().message, 8000);
        return false;
    }
    cancelDemo(); // the latest request wins
    m_session->cancel();
    showPlan(std::move(*loaded), QFileInfo(path).absoluteFilePath(), QString());
    statusBar()->showMessage(QStringLiteral("Opened %1").arg(QDir::toNativeSeparators(path)), 5000);
    return true;
}

// Shows a plan: from a file (`path`) or freshly planned (`title`, no file yet).
void MainWindow::showPlan(plan::Plan plan, const QString& path, const QString& title)
{
    const QString selectedStep =
        m_model->stepAt(m_selection->currentIndex().siblingAtColumn(0))
            ? m_selection->currentIndex().data(PlanModel::IdRole).toString()
            : QString();
    m_planPath = path;
    m_title = title;
    m_runs->abandonPending(); // a Run… asked for the plan shown before
    m_model->setPlan(std::move(plan));
    m_runs->refreshFromLedger(); // what already ran on this database shows as done
    m_stepList->expandAll();
    if (!m_planPath.isEmpty())
        m_settings->addRecentPlanFile(m_planPath);
    const plan::Plan& p = m_model->plan();
    m_summary->setText(QStringLiteral("<b>%1</b> → <b>%2</b> &nbsp;·&nbsp; %3")
                           .arg(p.sourceDescription.toHtmlEscaped(),
                                p.targetDescription.toHtmlEscaped(),
                                plan::stepSummaryLine(p).toHtmlEscaped()));
    m_pages->setCurrentIndex(1);
    if (p.steps.empty() && p.findings.empty()) {
        // Said in words, not shown as an empty timeline: e.g. a re-plan after the migration.
        m_stateLabel->setText(QStringLiteral("The database matches the target: nothing to "
                                             "change.\n%1 → %2")
                                  .arg(p.sourceDescription, p.targetDescription));
        m_pages->setCurrentIndex(0);
    }
    updateBanner();
    fitTimeline();
    updateTitle();
    // Keep the selection across a re-plan when the step is still there.
    QModelIndex select = m_model->indexOfStep(selectedStep);
    const QList<QModelIndex> steps = m_model->stepIndexes();
    if (!select.isValid() && !steps.isEmpty())
        select = steps.first();
    if (select.isValid())
        m_selection->setCurrentIndex(select, QItemSelectionModel::ClearAndSelect |
                                                 QItemSelectionModel::Rows);
    updateActions();
}

void MainWindow::showPlanned(const workers::PlannedChangePtr& result)
{
    // A re-plan nobody asked for just now (the target file was saved) must not wipe approvals
    // that exist only in this window.
    if (m_model->hasUnsavedReview()) {
        showBanner(QStringLiteral("<b>A new plan is ready</b> (the target changed), but this "
                                  "plan has approvals that are not saved. Save the plan, then "
                                  "Re-plan to see the new one."),
                   false);
        return;
    }
    plan::Plan fresh = result->plan;
    const int dropped = carryOverEdits(m_model->plan(), fresh);
    const bool keepEdits = m_model->isModified();
    const QString name = m_session->connection().name;
    const QString server = m_session->serverDescription();
    const QString title = QStringLiteral("%1 ← %2").arg(
        name.isEmpty() ? server : QStringLiteral("%1 (%2)").arg(name, server),
        QFileInfo(m_session->targetDescription()).fileName());
    showPlan(std::move(fresh), QString(), title);
    if (keepEdits)
        m_model->setModified(true);
    m_diffPanel->setComparison(result);
    m_inspector->setLiveCatalog(result->comparison.database);
    m_diffPanel->setAcceptedRenames(m_session->acceptedRenames());
    m_diffPanel->setRejectedRenames(m_session->rejectedRenames());
    m_tabs->setTabText(1,
                       QStringLiteral("Diff (%1)").arg(result->comparison.changes.changes.size()));
    updateBanner(); // rename proposals are known now
    const QStringList& warnings = result->comparison.warnings;
    if (!warnings.isEmpty() && bannerText().isEmpty())
        showBanner(QStringLiteral("<b>The target loaded with %1 warning(s):</b><br>%2")
                       .arg(warnings.size())
                       .arg(warnings.mid(0, 3)
                                .join(QStringLiteral("\n"))
                                .toHtmlEscaped()
                                .replace(QLatin1Char('\n'), QStringLiteral("<br>"))),
                   false);
    if (dropped > 0)
        showBanner(QStringLiteral("<b>%1 SQL edit(s) no longer apply:</b> the re-planned steps "
                                  "differ from the ones you edited. The planner's SQL is shown.")
                       .arg(dropped),
                   false);
    statusBar()->showMessage(
        QStringLiteral("Planned: %1").arg(plan::stepSummaryLine(m_model->plan())), 5000);
}

bool MainWindow::savePlan()
{
    if (m_model->isEmpty() && m_planPath.isEmpty())
        return false;
    if (m_planPath.isEmpty()) {
        savePlanAsDialog();
        return !m_model->isModified();
    }
    return savePlanAs(m_planPath);
}

bool MainWindow::savePlanAs(const QString& path)
{
    const Status saved = plan::savePlan(m_model->plan(), path);
    if (!saved) {
        showBanner(QStringLiteral("Could not save the plan: %1")
                       .arg(saved.error().toString().toHtmlEscaped()),
                   true);
        return false;
    }
    m_planPath = QFileInfo(path).absoluteFilePath();
    m_title.clear();
    m_settings->addRecentPlanFile(m_planPath);
    m_model->setModified(false);
    updateBanner();
    updateTitle();
    statusBar()->showMessage(QStringLiteral("Saved %1").arg(QDir::toNativeSeparators(path)), 5000);
    return true;
}

void MainWindow::openPlanDialog()
{
    if (!maybeSave())
        return;
    const QString dir = m_planPath.isEmpty() ? QString() : QFileInfo(m_planPath).absolutePath();
    const QString path =
        QFileDialog::getOpenFileName(this, QStringLiteral("Open Plan"), dir, PlanFilter);
    if (!path.isEmpty())
        openPlan(path);
}

void MainWindow::savePlanAsDialog()
{
    if (m_model->isEmpty())
        return;
    const QString path =
        QFileDialog::getSaveFileName(this, QStringLiteral("Save Plan As"), m_planPath, PlanFilter);
    if (!path.isEmpty())
        savePlanAs(path);
}

void MainWindow::openTargetDialog(bool folder)
{
    const QString dir = QFileInfo(m_session->targetFile()).absolutePath();
    const QString path =
        folder ? QFileDialog::getExistingDirectory(this, QStringLiteral("Open Target Folder"), dir)
               : QFileDialog::getOpenFileName(this, QStringLiteral("Open Target Schema"), dir,
                                              TargetFilter);
    if (!path.isEmpty())
        openTarget(path);
}

void MainWindow::exportDialog()
{
    if (m_model->isEmpty())
        return;
    auto* dialog = new ExportDialog(m_model->plan(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::showBanner(const QString& html, bool error)
{
    m_banner->showMessage(html, error ? MessageBanner::Kind::Error : MessageBanner::Kind::Warning);
}

void MainWindow::showError(const QString& what, const Error& error)
{
    showBanner(QStringLiteral("<b>%1:</b> %2")
                   .arg(what.toHtmlEscaped(), error.toString().toHtmlEscaped())
                   .replace(QLatin1Char('\n'), QStringLiteral("<br>")),
               true);
    statusBar()->showMessage(error.message, 8000);
}

// Blocking findings first (nothing runs until they are resolved), then rename proposals a
// person has not decided yet.
void MainWindow::updateBanner()
{
    const plan::Plan& p = m_model->plan();
    if (p.hasBlockingFindings()) {
        QStringList items;
        int blocking = 0;
        for (const plan::Finding& f : p.findings) {
            if (f.severity != plan::Finding::Severity::Blocking)
                continue;
            ++blocking;
            if (items.size() < 3)
                items << QStringLiteral("<li><b>%1</b> — %2</li>")
                             .arg(f.title.toHtmlEscaped(), f.reason.toHtmlEscaped());
        }
        QString html = QStringLiteral("<b>This plan has %1 blocking finding%2:</b> the planner "
                                      "cannot make these changes safely on its own; nothing runs "
                                      "until they are resolved.<ul style='margin:2px'>%3</ul>")
                           .arg(blocking)
                           .arg(blocking == 1 ? QString() : QStringLiteral("s"))
                           .arg(items.join(QString()));
        if (blocking > items.size())
            html += QStringLiteral("… and %1 more.").arg(blocking - items.size());
        showBanner(html, true);
        return;
    }
    const int undecided = int(m_diffPanel->pendingRenames().size());
    if (undecided > 0 && m_planPath.isEmpty()) {
        showBanner(QStringLiteral("<b>Bellows suspects %1 rename%2</b> (a name only in the "
                                  "database and one only in the target that look alike). Until "
                                  "you accept it, the plan adds the new name and drops the old "
                                  "one with its data. <a href='%3'>Review in the Diff tab</a>")
                       .arg(undecided)
                       .arg(undecided == 1 ? QString() : QStringLiteral("s"), ShowDiffLink),
                   false);
        return;
    }
    m_banner->hide();
}

void MainWindow::updateTitle()
{
    QString title = QStringLiteral("Bellows %1").arg(QLatin1String(BELLOWS_VERSION));
    if (!m_planPath.isEmpty())
        title = QStringLiteral("%1[*] — %2").arg(QFileInfo(m_planPath).fileName(), title);
    else if (!m_title.isEmpty())
        title = m_title + QStringLiteral("[*] — ") + title;
    setWindowTitle(title);
    setWindowModified(m_model->isModified());
    m_actions->save->setEnabled(!m_model->isEmpty());
    m_actions->saveAs->setEnabled(!m_model->isEmpty());
    m_actions->exportPlan->setEnabled(!m_model->isEmpty());
}

bool MainWindow::maybeSave()
{
    if (!m_model->isModified() || m_model->isEmpty())
        return true;
    const bool edits = std::any_of(m_model->plan().steps.begin(), m_model->plan().steps.end(),
                                   [](const plan::Step& s) { return s.isEdited(); });
    const QString what = m_model->hasUnsavedReview()
                             ? (edits ? QStringLiteral("approvals and SQL edits")
                                      : QStringLiteral("approvals (or a review policy)"))
                             : QStringLiteral("SQL edits");
    const auto answer = QMessageBox::warning(
        this, QStringLiteral("Unsaved changes"),
        QStringLiteral("The plan has %1 that are not saved. Save them first?").arg(what),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return savePlan();
    if (answer == QMessageBox::Discard)
        m_model->setModified(false); // the user let them go: nothing prompts again
    return answer == QMessageBox::Discard;
}

void MainWindow::changeEvent(QEvent* event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_environmentBar) {
        updateEnvironmentBar();
        m_banner->restyle();
    }
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_runs->isRunning()) {
        const auto answer = QMessageBox::warning(
            this, QStringLiteral("A run is in progress"),
            QStringLiteral("Cancel the run and quit? The running statement is cancelled; the "
                           "ledger records where it stopped and a new run continues there."),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
        m_runs->cancel();
    }
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    saveLayout();
    event->accept();
}

void MainWindow::saveLayout()
{
    m_settings->setWindowGeometry(saveGeometry());
    m_settings->setWindowState(saveState());
    m_settings->setSplitterState(QStringLiteral("main"), m_mainSplitter->saveState());
    m_settings->setSplitterState(QStringLiteral("bottom"), m_bottomSplitter->saveState());
}

void MainWindow::restoreLayout()
{
    const QByteArray geometry = m_settings->windowGeometry();
    if (!geometry.isEmpty())
        restoreGeometry(geometry);
    const QByteArray state = m_settings->windowState();
    if (!state.isEmpty())
        restoreState(state);
    const QByteArray main = m_settings->splitterState(QStringLiteral("main"));
    if (!main.isEmpty())
        m_mainSplitter->restoreState(main);
    else
        m_mainSplitter->setSizes({260, 540});
    const QByteArray bottom = m_settings->splitterState(QStringLiteral("bottom"));
    if (!bottom.isEmpty())
        m_bottomSplitter->restoreState(bottom);
    else
        m_bottomSplitter->setSizes({480, 780});
}

} // namespace bellows::ui
