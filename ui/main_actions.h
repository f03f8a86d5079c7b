#pragma once

// The main window's actions, menus and toolbar in one place: names, shortcuts, icons and
// status tips. The window connects them to what they do and enables them by state.

#include <QObject>

class QAction;
class QMainWindow;
class QMenu;
class QToolBar;

namespace bellows::ui {

class MainActions : public QObject {
    Q_OBJECT
public:
    explicit MainActions(QMainWindow* window);

    // File
    QAction* connect = nullptr;
    QAction* openTarget = nullptr;
    QAction* openTargetFolder = nullptr;
    QAction* compareDatabase = nullptr;
    QAction* replan = nullptr;
    QAction* openPlan = nullptr;
    QAction* openDemo = nullptr;
    QAction* save = nullptr;
    QAction* saveAs = nullptr;
    QAction* exportPlan = nullptr;
    QAction* quit = nullptr;
    QMenu* recentMenu = nullptr;
    // Run
    QAction* runStep = nullptr;
    QAction* runPhase = nullptr;
    QAction* runToGate = nullptr;
    QAction* pause = nullptr;
    QAction* cancelRun = nullptr;
    // View
    QAction* zoomIn = nullptr;
    QAction* zoomOut = nullptr;
    QAction* zoomReset = nullptr;
    QAction* goTimeline = nullptr;
    QAction* goStepList = nullptr;
    QAction* goInspector = nullptr;
    QAction* goDiff = nullptr;
    QMenu* viewMenu = nullptr; // the window adds its docks' toggle actions here
    // Help
    QAction* about = nullptr;

    QToolBar* toolBar = nullptr;

private:
    QAction* add(QMenu* menu, const QString& text, const char* objectName,
                 const QString& statusTip);
};

} // namespace bellows::ui
