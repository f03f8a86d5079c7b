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
    if (m_thread.joinable())
        m_thread.join();
}

void PlanWorker::cancel()
{
    if (m_cancel)
        *m_cancel = true;
}

quint64 PlanWorker::start(workflow::ComparisonRequest request, std::vector<plan::Fill> fills)
{
    cancel();
    join();
    const quint64 generation = ++m_generation;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    m_running = true;
    // Signals are emitted from the worker thread; Qt queues them to receivers on the GUI thread.
    m_thread = std::thread([this, generation, request = std::move(request),
                            fills = std::move(fills), cancel = m_cancel]() mutable {
        request.cancel = cancel.get();
        request.progress = [this, generation](const QString& text) {
            Q_EMIT progress(generation, text);
        };
        auto planned = workflow::planChange(request, fills);
        m_running = false;
        if (!planned) {
            Q_EMIT failed(generation, cancel->load() ? Error::cancel() : planned.error());
            return;
        }
        // The live session is not needed any more: close it on this thread.
        planned->comparison.live.reset();
        Q_EMIT finished(generation,
                        std::make_shared<const workflow::PlannedChange>(std::move(planned).value()));
    });
    return generation;
}

} // namespace bellows::workers
