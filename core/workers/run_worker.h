#pragma once

// Runs a plan (or part of it) with the production runner off the GUI thread. Progress, gates
// and the outcome come back by queued signal. At a gate the worker waits on its own condition
// variable until the GUI answers (never a blocking connection toward the GUI).

#include "exec/runner.h"
#include "workers/worker_types.h"

#include <QObject>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace bellows::workers {

class RunWorker : public QObject {
    Q_OBJECT
public:
    explicit RunWorker(QObject* parent = nullptr);
    ~RunWorker() override; // cancels and waits

    // `options.confirmGate` and `options.stepProgress`/`progress` are set by the worker.
    bool start(plan::Plan plan, QString conninfo, exec::ApplyOptions options);
    bool isRunning() const { return m_running.load(); }

    void cancel();
    void setPaused(bool paused);
    // The answer to gateReached: true to pass the gate and go on.
    void answerGate(bool proceed);

Q_SIGNALS:
    void message(const QString& text);
    void progress(const bellows::exec::RunProgress& progress);
    void gateReached(const bellows::plan::Gate& gate);
    void finished(const bellows::exec::ApplyReport& report);
    void failed(const bellows::Error& error);

private:
    void join();

    std::thread m_thread;
    std::atomic_bool m_running{false};
    plan::Plan m_plan;
    std::unique_ptr<exec::Runner> m_runner;
    std::mutex m_mutex;
    std::condition_variable m_gateAnswered;
    std::optional<bool> m_gateAnswer;
    bool m_cancelled = false;
};

} // namespace bellows::workers
