#include "workers/run_worker.h"

namespace bellows::workers {

RunWorker::RunWorker(QObject* parent) : QObject(parent)
{
    registerWorkerTypes();
}

RunWorker::~RunWorker()
{
    cancel();
    join();
}

void RunWorker::join()
{
    if (m_thread.joinable())
        m_thread.join();
}

bool RunWorker::start(plan::Plan plan, QString conninfo, exec::ApplyOptions options)
{
    if (m_running.load())
        return false;
    join();
    {
        std::lock_guard lock(m_mutex);
        m_cancelled = false;
        m_gateAnswer.reset();
    }
    m_plan = std::move(plan);
    options.progress = [this](const QString& text) { Q_EMIT message(text); };
    options.stepProgress = [this](const exec::RunProgress& p) { Q_EMIT progress(p); };
    options.confirmGate = [this](const plan::Gate& gate) {
        std::unique_lock lock(m_mutex);
        m_gateAnswer.reset();
        lock.unlock();
        Q_EMIT gateReached(gate);
        lock.lock();
        m_gateAnswered.wait(lock, [this] { return m_gateAnswer.has_value() || m_cancelled; });
        return !m_cancelled && *m_gateAnswer;
    };
    m_runner = std::make_unique<exec::Runner>(m_plan, std::move(conninfo), std::move(options));
    m_running = true;
    m_thread = std::thread([this] {
        auto report = m_runner->run();
        m_running = false;
        if (report)
            Q_EMIT finished(*report);
        else
            Q_EMIT failed(report.error());
    });
    return true;
}

void RunWorker::cancel()
{
    {
        std::lock_guard lock(m_mutex);
        m_cancelled = true;
    }
    m_gateAnswered.notify_all();
    if (m_runner)
        m_runner->cancel();
}

void RunWorker::setPaused(bool paused)
{
    if (m_runner)
        m_runner->setPaused(paused);
}

void RunWorker::answerGate(bool proceed)
{
    {
        std::lock_guard lock(m_mutex);
        m_gateAnswer = proceed;
    }
    m_gateAnswered.notify_all();
}

} // namespace bellows::workers
