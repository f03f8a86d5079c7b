#pragma once

#include "workers/worker_types.h"

#include <QMainWindow>

class QItemSelectionModel;
class QLabel;
class QProgressBar;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QTabWidget;
class QTreeView;

namespace bellows::demo {
struct DemoEnvironment;
}

namespace bellows::ui {

class DemoLoader;
class DiffPanel;
class GuiSettings;
class LogDock;
class MessageBanner;
class MainActions;
class PlanModel;
class PlanningSession;
class ReviewPanel;
class RunController;
class RunPanel;
class StepInspector;
class StepSearch;
class TimelineView;
struct SessionConnection;

// The application's main window. With nothing open it shows the version and the "no database
// yet" state. Connected to a database with a target schema open (or the built-in demo), it
// plans the change off the GUI thread (PlanningSession) and shows the plan — timeline on top,
// step list and inspector below — and the diff in a second tab, with rename proposals to
// accept or reject. Steps run through the RunController behind confirmation dialogs. A plan
// file can also be opened on its own. The log dock lists every statement Bellows runs.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    QString stateText() const;

    // Opens a plan file (PLAN.json); on failure shows the error in a banner and returns false.
    bool openPlan(const QString& path);
    // Saves to the current file (false when there is none or writing fails), or to `path`.
    bool savePlan();
    bool savePlanAs(const QString& path);
    QString planPath() const { return m_planPath; }

    // Connects to a database (no network here: planning starts when a target is set too).
    void setConnection(const SessionConnection& connection);
    // Opens a target schema (file or folder), watched and re-planned on save.
    void openTarget(const QString& path);

    // Starts the demo: prepares the demo server and database (DemoLoader), then connects to
    // it and opens its target like any other. Returns at once; progress shows in the status bar
    // with a Cancel button, errors in the banner. False when a demo is already being prepared.
    bool startDemo();
    void cancelDemo();
    bool isDemoRunning() const;
    bool isPlanning() const;
    QString progressText() const; // the status bar's progress label, empty when idle

    PlanModel* planModel() const { return m_model; }
    QItemSelectionModel* selectionModel() const { return m_selection; }
    TimelineView* timeline() const { return m_timeline; }
    QTreeView* stepList() const { return m_stepList; }
    StepInspector* inspector() const { return m_inspector; }
    DiffPanel* diffPanel() const { return m_diffPanel; }
    LogDock* logDock() const { return m_logDock; }
    ReviewPanel* reviewPanel() const { return m_reviewPanel; }
    PlanningSession* session() const { return m_session; }
    RunController* runs() const { return m_runs; }
    StepSearch* stepSearch() const { return m_search; }
    RunPanel* runPanel() const { return m_runPanel; }
    MainActions* actions() const { return m_actions; }
    QTabWidget* tabs() const { return m_tabs; }
    QString bannerText() const; // the visible banner's text, empty when none

protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void connectActions();
    void connectSession();
    void connectRuns();
    void buildProgress();
    void showPlan(plan::Plan plan, const QString& path, const QString& title);
    void showPlanned(const workers::PlannedChangePtr& result);
    void showError(const QString& what, const Error& error);
    void showTargetError(const Error& error);
    void showRunError(const Error& error, const QString& stateNow);
    void setProgress(const QString& text, double fraction = -1);
    void updateProgressVisibility();
    void demoReady(const demo::DemoEnvironment& environment);
    void demoFailed(const Error& error);
    void finishDemo();
    QWidget* buildEmptyPage();
    QWidget* buildPlanPage();
    void connectDialog();
    void compareDatabaseDialog();
    void openTargetDialog(bool folder);
    void openPlanDialog();
    void savePlanAsDialog();
    void exportDialog();
    void runSelected(int scope);
    void rebuildRecentMenu();
    void showBanner(const QString& html, bool error);
    void updateBanner();
    void updateTitle();
    void updateActions();
    void updateEnvironmentBar();
    void fitTimeline();
    bool maybeSave();
    void saveLayout();
    void restoreLayout();
    void resetState();

    GuiSettings* m_settings = nullptr;
    MainActions* m_actions = nullptr;
    PlanModel* m_model = nullptr;
    QItemSelectionModel* m_selection = nullptr;
    PlanningSession* m_session = nullptr;
    RunController* m_runs = nullptr;
    QString m_planPath;
    QString m_title; // "Demo — host:port/database", "host:port/db ← target" while unsaved

    QLabel* m_environmentBar = nullptr;
    QStackedWidget* m_pages = nullptr;
    QLabel* m_stateLabel = nullptr;
    MessageBanner* m_banner = nullptr;
    QLabel* m_summary = nullptr;
    QTabWidget* m_tabs = nullptr;
    QSplitter* m_mainSplitter = nullptr;
    QSplitter* m_bottomSplitter = nullptr;
    TimelineView* m_timeline = nullptr;
    QTreeView* m_stepList = nullptr;
    StepInspector* m_inspector = nullptr;
    StepSearch* m_search = nullptr;
    RunPanel* m_runPanel = nullptr;
    DiffPanel* m_diffPanel = nullptr;
    LogDock* m_logDock = nullptr;
    ReviewPanel* m_reviewPanel = nullptr;

    DemoLoader* m_demoLoader = nullptr;
    bool m_demoActive = false;
    QWidget* m_progress = nullptr;
    QLabel* m_progressLabel = nullptr;
    QProgressBar* m_progressBar = nullptr;
    QPushButton* m_pauseButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    Error m_targetError; // the last parse error of the target, for "Open at the error"
};

} // namespace bellows::ui
