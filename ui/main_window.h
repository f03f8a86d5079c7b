#pragma once

#include <QMainWindow>

class QItemSelectionModel;
class QLabel;
class QMenu;
class QSplitter;
class QStackedWidget;
class QTreeView;

namespace bellows::ui {

class GuiSettings;
class PlanModel;
class StepInspector;
class TimelineView;

// The application's main window. With nothing open it shows the version and the "no database
// yet" state; with a plan file open, the timeline on top, the step list and the step
// inspector below, and a banner when the plan has blocking findings. Connection, diff and log
// panels attach here later.
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
};

} // namespace bellows::ui
