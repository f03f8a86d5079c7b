#include "workers/plan_worker.h"

#include <QMetaObject>
#include <QPointer>

namespace bellows::workers {

PlanWorker::PlanWorker(QObject* parent) : QObject(parent)
{
    registerWorkerTypes();
}

PlanWorker::~PlanWorker()
{
    cancel();
    join();
}

void PlanWorker::join()
{
    for (Request& request : m_requests)
        request.thread.join();
    m_requests.clear();
}

void PlanWorker::joinFinished()
{
    std::erase_if(m_requests, [](Request& request) {
        if (!request.done->load())
            return false;
        request.thread.join(); // returns at once: its function has returned
        return true;
    });
}

void PlanWorker::cancel()
{
    if (m_cancel)
        *m_cancel = true;
}

quint64 PlanWorker::start(workflow::ComparisonRequest request, std::vector<plan::Fill> fills)
{
    // The previous request is cancelled but not waited for: a slow introspection must not
    // stall the GUI thread. Its thread is joined later; its results arrive stale and are dropped
    // by generation.
    cancel();
    joinFinished();
    const quint64 generation = ++m_generation;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    auto done = std::make_shared<std::atomic_bool>(false);
    m_running = true;
    // Signals are emitted from the worker thread; Qt queues them to receivers on the GUI thread.
    std::thread thread([this, generation, request = std::move(request), fills = std::move(fills),
                        cancel = m_cancel, done]() mutable {
        // Set last, whatever path returns: joinFinished() may then join without waiting.
        struct MarkDone {
            std::atomic_bool* done;
            ~MarkDone() { *done = true; }
        } markDone{done.get()};
        request.cancel = cancel.get();
        request.progress = [this, generation](const QString& text) {
            Q_EMIT progress(generation, text);
        };
        auto planned = workflow::planChange(request, fills);
        if (generation == m_generation.load())
            m_running = false;
        if (!planned) {
            Q_EMIT failed(generation, cancel->load() ? Error::cancel() : planned.error());
            return;
        }
        // The live session is not needed any more: close it on this thread.
        planned->comparison.live.reset();
        Q_EMIT finished(generation, std::make_shared<const workflow::PlannedChange>(
                                        std::move(planned).value()));
    });
    m_requests.push_back({std::move(thread), std::move(done)});
    return generation;
}

} // namespace bellows::workers
