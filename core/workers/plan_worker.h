#pragma once

// Compares a live database with a target and plans the change, off the GUI thread. Results
// come back by queued signal; a newer request makes an older one's result stale (each carries
// its generation, and the GUI keeps only the latest).

#include "workers/worker_types.h"

#include <QObject>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

namespace bellows::workers {

class PlanWorker : public QObject {
    Q_OBJECT
public:
    explicit PlanWorker(QObject* parent = nullptr);
    ~PlanWorker() override; // cancels and waits for every request still running

    // Starts a request (cancelling a running one) and returns its generation.
    quint64 start(workflow::ComparisonRequest request, std::vector<plan::Fill> fills);
    void cancel();
    bool isRunning() const { return m_running.load(); }

Q_SIGNALS:
    void progress(quint64 generation, const QString& text);
    void finished(quint64 generation, bellows::workers::PlannedChangePtr result);
    void failed(quint64 generation, const bellows::Error& error);

private:
    void join();
    void joinFinished();

    struct Request {
        std::thread thread;
        std::shared_ptr<std::atomic_bool> done;
    };
    std::vector<Request> m_requests; // the latest request and cancelled ones still ending
    std::shared_ptr<std::atomic_bool> m_cancel;
    std::atomic_bool m_running{false};
    std::atomic<quint64> m_generation{0};
};

} // namespace bellows::workers
