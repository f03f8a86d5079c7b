#pragma once

#include "workers/worker_types.h"

#include <QMainWindow>

class QItemSelectionModel;
class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QTreeView;

namespace bellows {
namespace demo {
struct DemoEnvironment;
}
namespace workers {
class PlanWorker;
}
} // namespace bellows

namespace bellows::ui {

class DemoLoader;
class GuiSettings;
class PlanModel;
class StepInspector;
class TimelineView;

// The application's main window. With nothing open it shows the version and the "no database
// yet" state; with a plan file open, the timeline on top, the step list and the step
// inspector below, and a banner when the plan has blocking findings. The built-in demo
// (`bellows --demo`, File → Open Demo) prepares the demo database and plans against it off the
// GUI thread, then shows that plan the same way. Connection, diff and log panels attach here
// later.
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

    // Starts the demo: prepares the demo server and database (DemoLoader), plans the change to
    // its target with the proposed rename accepted (PlanWorker), and shows the plan. Returns at
    // once; progress shows in the status bar with a Cancel button, errors in the banner.
    // False when a demo is already being prepared.
    bool startDemo();
    void cancelDemo();
    bool isDemoRunning() const;
    QString progressText() const; // the status bar's progress label, empty when idle

    PlanModel* planModel() const { return m_model; }
    QItemSelectionModel* selectionModel() const { return m_selection; }
    TimelineView* timeline() const { return m_timeline; }
    QTreeView* stepList() const { return m_stepList; }
    StepInspector* inspector() const { return m_inspector; }
    QString bannerText() const; // the visible banner's text, empty when none

protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void buildMenus();
    void buildProgress();
    void showPlan(plan::Plan plan, const QString& path, const QString& demoTitle);
    void showError(const QString& what, const Error& error);
    void setDemoProgress(const QString& text);
    void demoReady(const demo::DemoEnvironment& environment);
    void demoPlanned(quint64 generation, const workers::PlannedChangePtr& result);
    void demoFailed(const Error& error);
    void finishDemo();
    QWidget* buildEmptyPage();
    QWidget* buildPlanPage();
    void openPlanDialog();
    void savePlanAsDialog();
    void rebuildRecentMenu();
    void showBanner(const QString& html, bool error);
    void updateBanner();
    void updateTitle();
    void fitTimeline();
    bool maybeSave();
    void saveLayout();
    void restoreLayout();

    GuiSettings* m_settings = nullptr;
    PlanModel* m_model = nullptr;
    QItemSelectionModel* m_selection = nullptr;
    QString m_planPath;
    QString m_demoTitle; // "Demo — host:port/database" while the demo's plan is shown

    QStackedWidget* m_pages = nullptr;
    QLabel* m_stateLabel = nullptr;
    QLabel* m_banner = nullptr;
    QLabel* m_summary = nullptr;
    QSplitter* m_mainSplitter = nullptr;
    QSplitter* m_bottomSplitter = nullptr;
    TimelineView* m_timeline = nullptr;
    QTreeView* m_stepList = nullptr;
    StepInspector* m_inspector = nullptr;
    QMenu* m_recentMenu = nullptr;
    QAction* m_saveAction = nullptr;
    QAction* m_saveAsAction = nullptr;
    QAction* m_openDemoAction = nullptr;

    DemoLoader* m_demoLoader = nullptr;
    workers::PlanWorker* m_planWorker = nullptr;
    quint64 m_planGeneration = 0; // the demo's PlanWorker request whose result is wanted
    bool m_demoActive = false;
    QWidget* m_progress = nullptr;
    QLabel* m_progressLabel = nullptr;
    QProgressBar* m_progressBar = nullptr;
    QPushButton* m_cancelButton = nullptr;
};

} // namespace bellows::ui
