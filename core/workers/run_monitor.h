#pragma once

// Watches the runner's session from a connection of its own while a run goes on: every half
// second, whether it waits for a lock and who blocks it (exec::runnerWait), reported by queued
// signal; and, when the user confirms it, cancels or terminates a blocking session. The GUI
// thread never waits on it.

#include "exec/lock_waits.h"
#include "workers/worker_types.h"

#include <QObject>

#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

namespace bellows::workers {

class RunMonitor : public QObject {
    Q_OBJECT
public:
    explicit RunMonitor(QObject* parent = nullptr);
    ~RunMonitor() override; // stops and waits

    void start(const QString& conninfo);
    void stop();
    bool isWatching() const { return m_thread.joinable(); }
    // pg_cancel_backend / pg_terminate_backend on the monitor's connection; the outcome comes
    // back as sessionStopped.
    // Only while `pid` still blocks the runner's session `runnerPid`: a pid confirmed a moment
    // ago may have moved on (or been reused).
    void stopSession(int pid, int runnerPid, bool terminate);

Q_SIGNALS:
    void waitUpdated(const bellows::exec::RunnerWait& wait); // runnerPid 0: no runner session
    void sessionStopped(int pid, bool terminate, const QString& outcome);
    void failed(const bellows::Error& error);

private:
    void watch(QString conninfo);

    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    struct StopRequest {
        int pid = 0;
        int runnerPid = 0;
        bool terminate = false;
    };
    std::optional<StopRequest> m_pendingStop;
};

} // namespace bellows::workers

Q_DECLARE_METATYPE(bellows::exec::RunnerWait)
