#include "main_actions.h"

#include <QAction>
#include <QKeySequence>
#include <QMainWindow>
#include <QMenuBar>
#include <QStyle>
#include <QToolBar>

namespace bellows::ui {

QAction* MainActions::add(QMenu* menu, const QString& text, const char* objectName,
                          const QString& statusTip)
{
    QAction* action = menu->addAction(text);
    action->setObjectName(QLatin1String(objectName));
    action->setStatusTip(statusTip);
    return action;
}

MainActions::MainActions(QMainWindow* window) : QObject(window)
{
    QStyle* style = window->style();
    QMenu* file = window->menuBar()->addMenu(QStringLiteral("&File"));
    connect = add(file, QStringLiteral("&Connect…"), "connectAction",
                  QStringLiteral("Choose the live database to compare and run against"));
    connect->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    connect->setIcon(style->standardIcon(QStyle::SP_DriveNetIcon));
    openTarget = add(file, QStringLiteral("Open &Target Schema…"), "openTargetAction",
                     QStringLiteral("A .sql or schema.prisma file to compare the database with"));
    openTarget->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    openTarget->setIcon(style->standardIcon(QStyle::SP_FileIcon));
    openTargetFolder = add(file, QStringLiteral("Open Target &Folder…"), "openTargetFolderAction",
                           QStringLiteral("A folder of .sql files or of .prisma files"));
    compareDatabase =
        add(file, QStringLiteral("Compare with &Database…"), "compareDatabaseAction",
            QStringLiteral("Use another database's schema as the target (read-only)"));
    replan = add(file, QStringLiteral("&Re-plan"), "replanAction",
                 QStringLiteral("Compare again and plan the change (also runs when the target "
                                "file is saved)"));
    replan->setShortcut(QKeySequence::Refresh);
    replan->setIcon(style->standardIcon(QStyle::SP_BrowserReload));
    file->addSeparator();
    openPlan = add(file, QStringLiteral("&Open Plan…"), "openPlanAction",
                   QStringLiteral("Open a plan file written by bellows-cli plan -o"));
    openPlan->setShortcut(QKeySequence::Open);
    openPlan->setIcon(style->standardIcon(QStyle::SP_DialogOpenButton));
    recentMenu = file->addMenu(QStringLiteral("Open &Recent"));
    openDemo = add(file, QStringLiteral("Open &Demo"), "openDemoAction",
                   QStringLiteral("Start the built-in demo database and plan the demo's "
                                  "schema change"));
    file->addSeparator();
    save = add(file, QStringLiteral("&Save Plan"), "savePlanAction",
               QStringLiteral("Save the plan, with your SQL edits, to its file"));
    save->setShortcut(QKeySequence::Save);
    save->setIcon(style->standardIcon(QStyle::SP_DialogSaveButton));
    saveAs = add(file, QStringLiteral("Save Plan &As…"), "savePlanAsAction",
                 QStringLiteral("Save the plan to another file"));
    saveAs->setShortcut(QKeySequence::SaveAs);
    exportPlan = add(file, QStringLiteral("&Export…"), "exportAction",
                     QStringLiteral("Prisma migrations, Flyway, plain SQL, or a review report"));
    exportPlan->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    file->addSeparator();
    quit = add(file, QStringLiteral("&Quit"), "quitAction", QString());
    quit->setShortcut(QKeySequence::Quit);

    QMenu* run = window->menuBar()->addMenu(QStringLiteral("&Run"));
    runStep = add(run, QStringLiteral("Run &Step…"), "runStepAction",
                  QStringLiteral("Run the selected step, after a confirmation"));
    runStep->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    runStep->setIcon(style->standardIcon(QStyle::SP_MediaPlay));
    runPhase = add(run, QStringLiteral("Run &Phase…"), "runPhaseAction",
                   QStringLiteral("Run every step not yet done through the selected step's "
                                  "phase, stopping at gates"));
    runPhase->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    runPhase->setIcon(style->standardIcon(QStyle::SP_MediaSeekForward));
    runToGate = add(run, QStringLiteral("Run to Next &Gate…"), "runToGateAction",
                    QStringLiteral("Run everything before the next gate"));
    runToGate->setIcon(style->standardIcon(QStyle::SP_MediaSkipForward));
    run->addSeparator();
    pause = add(run, QStringLiteral("P&ause Backfill"), "pauseAction",
                QStringLiteral("Stop between batches; nothing is held while paused"));
    pause->setCheckable(true);
    pause->setIcon(style->standardIcon(QStyle::SP_MediaPause));
    cancelRun = add(run, QStringLiteral("&Cancel Run"), "cancelRunAction",
                    QStringLiteral("Cancel the running statement and stop"));
    cancelRun->setIcon(style->standardIcon(QStyle::SP_MediaStop));

    viewMenu = window->menuBar()->addMenu(QStringLiteral("&View"));
    zoomIn = add(viewMenu, QStringLiteral("Zoom &In Timeline"), "zoomInAction", QString());
    zoomIn->setShortcut(QKeySequence::ZoomIn);
    zoomOut = add(viewMenu, QStringLiteral("Zoom &Out Timeline"), "zoomOutAction", QString());
    zoomOut->setShortcut(QKeySequence::ZoomOut);
    zoomReset = add(viewMenu, QStringLiteral("&Reset Timeline Zoom"), "zoomResetAction", QString());
    zoomReset->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    viewMenu->addSeparator();
    goTimeline = add(viewMenu, QStringLiteral("Go to &Timeline"), "goTimelineAction", QString());
    goTimeline->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    goStepList = add(viewMenu, QStringLiteral("Go to Step &List"), "goStepListAction", QString());
    goStepList->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    goInspector =
        add(viewMenu, QStringLiteral("Go to Step &Inspector"), "goInspectorAction", QString());
    goInspector->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_3));
    goDiff = add(viewMenu, QStringLiteral("Go to &Diff"), "goDiffAction", QString());
    goDiff->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_4));
    viewMenu->addSeparator();

    QMenu* help = window->menuBar()->addMenu(QStringLiteral("&Help"));
    about = add(help, QStringLiteral("&About Bellows"), "aboutAction", QString());

    toolBar = window->addToolBar(QStringLiteral("Main"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->addAction(connect);
    toolBar->addAction(openTarget);
    toolBar->addAction(replan);
    toolBar->addSeparator();
    toolBar->addAction(runStep);
    toolBar->addAction(runPhase);
    toolBar->addAction(runToGate);
    toolBar->addAction(pause);
    toolBar->addAction(cancelRun);
}

} // namespace bellows::ui
