#pragma once

// Runs Runner::forecast off the GUI thread: what a run would decide (refusals, out-of-order
// steps, steps the ledger records done), reported by queued signal. A newer request supersedes
// an older one; the older one's answer is dropped (its generation no longer matches).

#include "exec/runner.h"
#include "workers/worker_types.h"

#include <QObject>

#include <memory>
#include <vector>

namespace bellows::workers {

class ForecastWorker : public QObject {
    Q_OBJECT
public:
    explicit ForecastWorker(QObject* parent = nullptr);
    ~ForecastWorker() override; // cancels and waits for every forecast thread

    // `ledgerOnly`: Runner::forecast's ledger records alone (step states), nothing judged.
    quint64 start(plan::Plan plan, QString conninfo, exec::ApplyOptions options,
                  bool ledgerOnly = false);
    quint64 generation() const { return m_generation; }
    bool isRunning() const;

Q_SIGNALS:
    void finished(quint64 generation, const bellows::exec::RunForecast& forecast);
    void failed(quint64 generation, const bellows::Error& error);

private:
    struct Job;
    void reapFinished();

    std::vector<std::shared_ptr<Job>> m_jobs;
    quint64 m_generation = 0;
};

} // namespace bellows::workers

Q_DECLARE_METATYPE(bellows::exec::RunForecast)
