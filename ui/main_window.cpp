#include "main_window.h"

#include "common/version.h"
#include "gui_settings.h"
#include "plan/plan_file.h"
#include "plan/plan_render.h"
#include "plan_model.h"
#include "step_inspector.h"
#include "timeline_view.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
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

    m_pages = new QStackedWidget(this);
    m_pages->addWidget(buildEmptyPage());
    m_pages->addWidget(buildPlanPage());
    setCentralWidget(m_pages);

    buildMenus();
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

    m_banner = new QLabel(page);
    m_banner->setObjectName(QStringLiteral("banner"));
    m_banner->setWordWrap(true);
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_banner->hide();
    layout->addWidget(m_banner);

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
    return m_banner->isVisibleTo(m_pages->widget(1)) ? m_banner->text() : QString();
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
    m_planPath = QFileInfo(path).absoluteFilePath();
    m_model->setPlan(std::move(*loaded));
    m_stepList->expandAll();
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
    statusBar()->showMessage(QStringLiteral("Opened %1").arg(QDir::toNativeSeparators(path)), 5000);
    return true;
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
                       " border-left: 5px solid %3; border-radius: 3px; padding: 6px; }")
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
