#include "workers/forecast_worker.h"

#include <thread>

namespace bellows::workers {

// One forecast: its own copy of the plan (the Runner keeps a reference), its runner and thread.
struct ForecastWorker::Job {
    plan::Plan plan;
    std::unique_ptr<exec::Runner> runner;
    std::thread thread;
    std::atomic_bool done{false};
};

ForecastWorker::ForecastWorker(QObject* parent) : QObject(parent)
{
    registerWorkerTypes();
    qRegisterMetaType<bellows::exec::RunForecast>();
}

ForecastWorker::~ForecastWorker()
{
    for (const auto& job : m_jobs)
        job->runner->cancel();
    for (const auto& job : m_jobs)
        if (job->thread.joinable())
            job->thread.join();
}

void ForecastWorker::reapFinished()
{
    std::erase_if(m_jobs, [](const std::shared_ptr<Job>& job) {
        if (!job->done)
            return false;
        if (job->thread.joinable())
            job->thread.join();
        return true;
    });
}

bool ForecastWorker::isRunning() const
{
    return !m_jobs.empty() && !m_jobs.back()->done;
}

quint64 ForecastWorker::start(plan::Plan plan, QString conninfo, exec::ApplyOptions options,
                              bool ledgerOnly)
{
    reapFinished();
    for (const auto& job : m_jobs)
        job->runner->cancel(); // superseded: its answer would be dropped anyway
    const quint64 generation = ++m_generation;
    auto job = std::make_shared<Job>();
    job->plan = std::move(plan);
    job->runner =
        std::make_unique<exec::Runner>(job->plan, std::move(conninfo), std::move(options));
    job->thread = std::thread([this, job, generation, ledgerOnly] {
        auto forecast = job->runner->forecast(ledgerOnly);
        job->done = true;
        // Queued to the GUI thread (this object lives there); the destructor joins this thread
        // before the object goes, so `this` is valid here.
        if (forecast)
            Q_EMIT finished(generation, *forecast);
        else
            Q_EMIT failed(generation, forecast.error());
    });
    m_jobs.push_back(std::move(job));
    return generation;
}

} // namespace bellows::workers
