#include "main_window.h"

#include "common/version.h"
#include "demo_loader.h"
#include "gui_settings.h"
#include "plan/plan_file.h"
#include "plan/plan_render.h"
#include "plan_model.h"
#include "step_inspector.h"
#include "timeline_view.h"
#include "workers/plan_worker.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

namespace bellows::ui {

namespace {

const QString PlanFilter = QStringLiteral("Bellows plans (*.json);;All files (*)");

QColor blend(const QColor& a, const QColor& b, double t)
{
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t),
                            float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

} // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setObjectName(QStringLiteral("MainWindow"));
    resize(1280, 820);

    m_settings = new GuiSettings(this);
    m_model = new PlanModel(this);
    m_selection = new QItemSelectionModel(m_model, this);

    // The banner sits above both pages: errors (a plan file that does not open, a demo that
    // does not start) show in it whether or not a plan is open.
    auto* central = new QWidget(this);
    auto* centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    m_banner = new QLabel(central);
    m_banner->setObjectName(QStringLiteral("banner"));
    m_banner->setWordWrap(true);
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_banner->hide();
    centralLayout->addWidget(m_banner); // its style sheet gives it its margin
    m_pages = new QStackedWidget(central);
    m_pages->addWidget(buildEmptyPage());
    m_pages->addWidget(buildPlanPage());
    centralLayout->addWidget(m_pages, 1);
    setCentralWidget(central);

    m_demoLoader = new DemoLoader(this);
    m_planWorker = new workers::PlanWorker(this);
    connect(m_demoLoader, &DemoLoader::progress, this,
            [this](const QString& text) { setDemoProgress(text); });
    connect(m_demoLoader, &DemoLoader::ready, this, &MainWindow::demoReady);
    connect(m_demoLoader, &DemoLoader::failed, this, &MainWindow::demoFailed);
    connect(m_planWorker, &workers::PlanWorker::progress, this,
            [this](quint64 generation, const QString& text) {
                if (m_demoActive && generation == m_planGeneration)
                    setDemoProgress(text);
            });
    connect(m_planWorker, &workers::PlanWorker::finished, this, &MainWindow::demoPlanned);
    connect(m_planWorker, &workers::PlanWorker::failed, this,
            [this](quint64 generation, const Error& error) {
                if (m_demoActive && generation == m_planGeneration)
                    demoFailed(error);
            });

    buildMenus();
    buildProgress();
    statusBar()->showMessage(QStringLiteral("Not connected"));
    connect(m_model, &PlanModel::modifiedChanged, this, [this] { updateTitle(); });
    updateTitle();
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
    m_stateLabel = new QLabel(page);
    m_stateLabel->setObjectName(QStringLiteral("stateLabel"));
    m_stateLabel->setAlignment(Qt::AlignCenter);
    m_stateLabel->setWordWrap(true);
    m_stateLabel->setText(
        QStringLiteral("No database yet.\nConnect to a PostgreSQL database and open a target "
                       "schema to see how they differ."));
    auto* hint = new QLabel(
        QStringLiteral("Or open a plan file written by <tt>bellows-cli plan -o PLAN.json</tt>: "
                       "<b>File → Open Plan…</b> (%1)")
            .arg(QKeySequence(QKeySequence::Open).toString(QKeySequence::NativeText)),
        page);
    hint->setObjectName(QStringLiteral("openHint"));
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
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summary);

    m_mainSplitter = new QSplitter(Qt::Vertical, page);
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
    layout->addWidget(m_mainSplitter, 1);

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

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(QStringLiteral("&File"));
    QAction* open = file->addAction(QStringLiteral("&Open Plan…"));
    open->setObjectName(QStringLiteral("openPlanAction"));
    open->setShortcut(QKeySequence::Open);
    connect(open, &QAction::triggered, this, &MainWindow::openPlanDialog);
    m_recentMenu = file->addMenu(QStringLiteral("Open &Recent"));
    connect(m_settings, &GuiSettings::recentPlanFilesChanged, this,
            [this] { rebuildRecentMenu(); });
    rebuildRecentMenu();
    m_openDemoAction = file->addAction(QStringLiteral("Open &Demo"));
    m_openDemoAction->setObjectName(QStringLiteral("openDemoAction"));
    m_openDemoAction->setStatusTip(
        QStringLiteral("Start the built-in demo database and plan the demo's schema change"));
    connect(m_openDemoAction, &QAction::triggered, this, [this] {
        if (maybeSave())
            startDemo();
    });
    file->addSeparator();
    m_saveAction = file->addAction(QStringLiteral("&Save Plan"));
    m_saveAction->setShortcut(QKeySequence::Save);
    connect(m_saveAction, &QAction::triggered, this, [this] { savePlan(); });
    m_saveAsAction = file->addAction(QStringLiteral("Save Plan &As…"));
    m_saveAsAction->setShortcut(QKeySequence::SaveAs);
    connect(m_saveAsAction, &QAction::triggered, this, &MainWindow::savePlanAsDialog);
    file->addSeparator();
    QAction* quit = file->addAction(QStringLiteral("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    QMenu* view = menuBar()->addMenu(QStringLiteral("&View"));
    QAction* zoomIn = view->addAction(QStringLiteral("Zoom &In Timeline"));
    zoomIn->setShortcut(QKeySequence::ZoomIn);
    connect(zoomIn, &QAction::triggered, m_timeline, &TimelineView::zoomIn);
    QAction* zoomOut = view->addAction(QStringLiteral("Zoom &Out Timeline"));
    zoomOut->setShortcut(QKeySequence::ZoomOut);
    connect(zoomOut, &QAction::triggered, m_timeline, &TimelineView::zoomOut);
    QAction* zoomReset = view->addAction(QStringLiteral("&Reset Timeline Zoom"));
    zoomReset->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    connect(zoomReset, &QAction::triggered, m_timeline, [this] { m_timeline->setZoom(1.0); });
    view->addSeparator();
    QAction* focusTimeline = view->addAction(QStringLiteral("Go to &Timeline"));
    focusTimeline->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    connect(focusTimeline, &QAction::triggered, m_timeline, [this] { m_timeline->setFocus(); });
    QAction* focusList = view->addAction(QStringLiteral("Go to Step &List"));
    focusList->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    connect(focusList, &QAction::triggered, m_stepList, [this] { m_stepList->setFocus(); });
    QAction* focusSql = view->addAction(QStringLiteral("Go to Step &Inspector"));
    focusSql->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_3));
    connect(focusSql, &QAction::triggered, m_inspector, [this] { m_inspector->setFocus(); });
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = m_settings->recentPlanFiles();
    for (int i = 0; i < files.size(); ++i) {
        const QString path = files[i];
        QAction* action = m_recentMenu->addAction(
            QStringLiteral("&%1 %2").arg(i + 1).arg(QFileInfo(path).fileName()));
        action->setToolTip(path);
        action->setStatusTip(path);
        connect(action, &QAction::triggered, this, [this, path] {
            if (maybeSave())
                openPlan(path);
        });
    }
    m_recentMenu->setEnabled(!files.isEmpty());
}

QString MainWindow::stateText() const
{
    return m_stateLabel->text();
}

QString MainWindow::bannerText() const
{
    return m_banner->isVisibleTo(this) ? m_banner->text() : QString();
}

void MainWindow::buildProgress()
{
    m_progress = new QWidget(this);
    m_progress->setObjectName(QStringLiteral("progress"));
    auto* layout = new QHBoxLayout(m_progress);
    layout->setContentsMargins(0, 0, 0, 0);
    m_progressLabel = new QLabel(m_progress);
    m_progressLabel->setObjectName(QStringLiteral("progressLabel"));
    const int charWidth = m_progressLabel->fontMetrics().averageCharWidth();
    m_progressLabel->setMinimumWidth(30 * charWidth);
    m_progressLabel->setMaximumWidth(80 * charWidth); // long paths are cut; the tooltip has all
    m_progressBar = new QProgressBar(m_progress);
    m_progressBar->setRange(0, 0); // busy: neither step reports a fraction
    m_progressBar->setMaximumWidth(120);
    m_progressBar->setMaximumHeight(14);
    m_progressBar->setTextVisible(false);
    m_cancelButton = new QPushButton(QStringLiteral("Cancel"), m_progress);
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    m_cancelButton->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_progress->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Preferred);
    connect(m_cancelButton, &QPushButton::clicked, this, &MainWindow::cancelDemo);
    layout->addWidget(m_progressLabel);
    layout->addWidget(m_progressBar);
    layout->addWidget(m_cancelButton);
    statusBar()->addPermanentWidget(m_progress);
    m_progress->hide();
}

bool MainWindow::isDemoRunning() const
{
    return m_demoActive;
}

QString MainWindow::progressText() const
{
    return m_demoActive ? m_progressLabel->text() : QString();
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
    m_openDemoAction->setEnabled(false);
    m_banner->hide();
    m_cancelButton->setEnabled(true);
    m_progress->show();
    setDemoProgress(QStringLiteral("Starting…"));
    return true;
}

void MainWindow::cancelDemo()
{
    if (!m_demoActive)
        return;
    m_demoLoader->cancel();
    m_planWorker->cancel();
    ++m_planGeneration; // whatever still arrives is stale
    finishDemo();
    statusBar()->showMessage(QStringLiteral("Demo cancelled"), 5000);
}

void MainWindow::setDemoProgress(const QString& text)
{
    if (!m_demoActive)
        return;
    QString shown = text;
    if (!shown.isEmpty())
        shown[0] = shown[0].toUpper();
    m_progressLabel->setText(shown);
    m_progressLabel->setToolTip(shown);
    if (m_model->isEmpty())
        m_stateLabel->setText(QStringLiteral("Opening the demo…\n%1").arg(shown));
}

void MainWindow::demoReady(const demo::DemoEnvironment& environment)
{
    if (!m_demoActive)
        return;
    setDemoProgress(QStringLiteral("planning the demo's schema change"));
    workflow::ComparisonRequest request;
    request.conninfo = environment.conninfo;
    request.targetFile = environment.targetPath;
    // The diff proposes this rename; accepting it is part of the demo.
    request.renames = QStringList{environment.renameHint};
    m_planGeneration = m_planWorker->start(std::move(request), {});
}

void MainWindow::demoPlanned(quint64 generation, const workers::PlannedChangePtr& result)
{
    if (!m_demoActive || generation != m_planGeneration || !result)
        return;
    finishDemo();
    plan::Plan p = result->plan;
    const QString title = QStringLiteral("Demo — %1").arg(p.sourceDescription);
    showPlan(std::move(p), QString(), title);
    statusBar()->showMessage(QStringLiteral("Planned the demo's schema change"), 5000);
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
    m_demoActive = false;
    m_progress->hide();
    m_progressLabel->clear();
    m_openDemoAction->setEnabled(true);
    if (m_model->isEmpty())
        m_stateLabel->setText(
            QStringLiteral("No database yet.\nConnect to a PostgreSQL database and open a target "
                           "schema to see how they differ."));
}

void MainWindow::showError(const QString& what, const Error& error)
{
    showBanner(QStringLiteral("<b>%1:</b> %2")
                   .arg(what.toHtmlEscaped(), error.toString().toHtmlEscaped())
                   .replace(QLatin1Char('\n'), QStringLiteral("<br>")),
               true);
    statusBar()->showMessage(error.message, 8000);
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
    showPlan(std::move(*loaded), QFileInfo(path).absoluteFilePath(), QString());
    statusBar()->showMessage(QStringLiteral("Opened %1").arg(QDir::toNativeSeparators(path)), 5000);
    return true;
}

// Shows a plan: from a file (`path`) or planned by the demo (`demoTitle`, no file yet).
void MainWindow::showPlan(plan::Plan plan, const QString& path, const QString& demoTitle)
{
    m_planPath = path;
    m_demoTitle = demoTitle;
    m_model->setPlan(std::move(plan));
    m_stepList->expandAll();
    if (!m_planPath.isEmpty())
        m_settings->addRecentPlanFile(m_planPath);
    const plan::Plan& p = m_model->plan();
    m_summary->setText(QStringLiteral("<b>%1</b> → <b>%2</b> &nbsp;·&nbsp; %3")
                           .arg(p.sourceDescription.toHtmlEscaped(),
                                p.targetDescription.toHtmlEscaped(),
                                plan::stepSummaryLine(p).toHtmlEscaped()));
    m_pages->setCurrentIndex(1);
    updateBanner();
    fitTimeline();
    updateTitle();
    const QList<QModelIndex> steps = m_model->stepIndexes();
    if (!steps.isEmpty())
        m_selection->setCurrentIndex(steps.first(), QItemSelectionModel::ClearAndSelect |
                                                        QItemSelectionModel::Rows);
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
    m_demoTitle.clear();
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

void MainWindow::showBanner(const QString& html, bool error)
{
    const QPalette& pal = palette();
    const QColor accent = error ? QColor(0xdc, 0x3d, 0x3d) : QColor(0xe0, 0x92, 0x0b);
    const bool dark = pal.color(QPalette::Base).lightness() < 128;
    m_banner->setStyleSheet(
        QStringLiteral("QLabel#banner { background: %1; color: %2; border: 1px solid %3;"
                       " border-left: 5px solid %3; border-radius: 3px; padding: 6px;"
                       " margin: 4px 4px 0px 4px; }")
            .arg(blend(pal.color(QPalette::Base), accent, dark ? 0.28 : 0.14).name(),
                 pal.color(QPalette::Text).name(), accent.name()));
    m_banner->setText(html);
    m_banner->show();
}

void MainWindow::updateBanner()
{
    const plan::Plan& p = m_model->plan();
    if (!p.hasBlockingFindings()) {
        m_banner->hide();
        return;
    }
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
}

void MainWindow::updateTitle()
{
    QString title = QStringLiteral("Bellows %1").arg(QLatin1String(BELLOWS_VERSION));
    if (!m_planPath.isEmpty())
        title = QStringLiteral("%1[*] — %2").arg(QFileInfo(m_planPath).fileName(), title);
    else if (!m_demoTitle.isEmpty())
        title = m_demoTitle + QStringLiteral("[*]");
    setWindowTitle(title);
    setWindowModified(m_model->isModified());
    m_saveAction->setEnabled(!m_model->isEmpty());
    m_saveAsAction->setEnabled(!m_model->isEmpty());
}

bool MainWindow::maybeSave()
{
    if (!m_model->isModified())
        return true;
    const auto answer = QMessageBox::warning(
        this, QStringLiteral("Unsaved edits"),
        QStringLiteral("The plan has SQL edits that are not saved. Save them first?"),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return savePlan();
    return answer == QMessageBox::Discard;
}

void MainWindow::changeEvent(QEvent* event)
{
    QMainWindow::changeEvent(event);
    // The banner's colours are derived from the palette: follow a switch to dark mode.
    if (event->type() == QEvent::PaletteChange && m_banner && m_banner->isVisibleTo(this))
        showBanner(m_banner->text(), true);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
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
