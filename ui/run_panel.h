#pragma once

// The live run panel (a dock): what runs now and how far (the run controller's status, a
// backfill's rows, rate and ETA), and when the runner waits for a lock, who blocks it — pid,
// application, client, user, state, the query's gist, how long its transaction has been open —
// with Cancel and Terminate for the selected blocker, each behind a confirmation. Its facts
// come from workers::RunMonitor, on a connection of its own.

#include "exec/lock_waits.h"

#include <QDockWidget>
#include <QPointer>

class QLabel;
class QPushButton;
class QStandardItemModel;
class QTableView;

namespace bellows::workers {
class RunMonitor;
}

namespace bellows::ui {

class RunPanel : public QDockWidget {
    Q_OBJECT
public:
    explicit RunPanel(QWidget* parent = nullptr);

    // Starts watching the runner's session (a run started) or stops (it ended).
    void watch(const QString& conninfo);
    void stopWatching();
    void setStatus(const QString& text);

    QString waitText() const;
    QTableView* blockerView() const { return m_blockers; }
    QPushButton* cancelButton() const { return m_cancelBlocker; }
    QPushButton* terminateButton() const { return m_terminateBlocker; }
    // The confirmation the buttons open (tests answer it), else null.
    QWidget* pendingConfirmation() const { return m_confirmation; }

Q_SIGNALS:
    void blockerStopped(const QString& outcome);
    // Each poll of the runner's session while watching: whether it waits for a lock.
    void lockWaitSeen(bool waiting);

private:
    void showWait(const exec::RunnerWait& wait);
    void askToStop(bool terminate);

    workers::RunMonitor* m_monitor = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_wait = nullptr;
    QStandardItemModel* m_model = nullptr;
    QTableView* m_blockers = nullptr;
    QPushButton* m_cancelBlocker = nullptr;
    QPushButton* m_terminateBlocker = nullptr;
    QPointer<QWidget> m_confirmation;
    std::vector<exec::BlockingSession> m_shown;
    int m_runnerPid = 0;
    bool m_watching = false; // updates queued before stopWatching() are dropped
};

} // namespace bellows::ui
