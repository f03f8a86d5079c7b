#include "workers/connection_probe.h"

#include "pq/connection.h"
#include "pq/conninfo_secret.h"
#include "workers/worker_types.h"

#include <QElapsedTimer>
#include <QMetaObject>
#include <QUrl>

#include <libpq-fe.h>

#include <algorithm>
#include <optional>

namespace bellows::workers {

// One probe: its thread, its cancel state and the connection to cancel while a query runs.
struct ConnectionProbe::Run {
    quint64 generation = 0;
    std::thread thread;
    std::mutex mutex;                     // guards connection
    pq::Connection* connection = nullptr; // set while the probe's queries run
    std::atomic_bool cancelled{false};
    std::atomic_bool done{false};
};

ConnectionProbe::ConnectionProbe(QObject* parent) : QObject(parent)
{
    registerWorkerTypes();
    qRegisterMetaType<bellows::workers::ConnectionFacts>();
}

ConnectionProbe::~ConnectionProbe()
{
    for (const auto& run : m_runs) {
        run->cancelled = true;
        std::lock_guard lock(run->mutex);
        if (run->connection)
            run->connection->cancel();
    }
    for (const auto& run : m_runs) {
        if (run->thread.joinable())
            run->thread.join();
    }
}

void ConnectionProbe::reapFinished()
{
    std::erase_if(m_runs, [](const std::shared_ptr<Run>& run) {
        if (!run->done)
            return false;
        if (run->thread.joinable())
            run->thread.join();
        return true;
    });
}

bool ConnectionProbe::isRunning() const
{
    return !m_runs.empty() && !m_runs.back()->done && !m_runs.back()->cancelled;
}

bool ConnectionProbe::isIdle() const
{
    return std::all_of(m_runs.begin(), m_runs.end(),
                       [](const std::shared_ptr<Run>& run) { return run->done.load(); });
}

void ConnectionProbe::cancel()
{
    if (m_runs.empty())
        return;
    const auto& run = m_runs.back();
    if (run->done || run->cancelled.exchange(true))
        return;
    {
        std::lock_guard lock(run->mutex);
        if (run->connection)
            run->connection->cancel();
    }
    // A probe stuck in connect() cannot be interrupted; the user gets the answer now and the
    // thread's own result is dropped when it arrives.
    Q_EMIT failed(run->generation, Error::cancel());
}

void ConnectionProbe::deliver(const std::shared_ptr<Run>& run, Result<ConnectionFacts> result)
{
    // Runs on the probe's (GUI) thread, so the cancel check and the emission cannot race.
    if (run->cancelled || run->generation != m_generation)
        return;
    if (result)
        Q_EMIT finished(run->generation, result.value());
    else
        Q_EMIT failed(run->generation, result.error());
}

quint64 ConnectionProbe::start(const QString& conninfo, const QString& password)
{
    // Older probes still connecting are left to finish on their own; their results are stale.
    for (const auto& old : m_runs)
        old->cancelled = true;
    reapFinished();
    auto run = std::make_shared<Run>();
    run->generation = ++m_generation;
    m_runs.push_back(run);
    const int timeout = m_connectTimeoutSeconds;

    run->thread = std::thread([this, run, conninfo, password, timeout] {
        auto post = [this, run](Result<ConnectionFacts> result) {
            QMetaObject::invokeMethod(
                this, [this, run, result = std::move(result)] { deliver(run, result); },
                Qt::QueuedConnection);
            run->done = true;
        };
        QElapsedTimer timer;
        timer.start();
        const auto secretConninfo = pq::mergePassword(conninfo, password);
        if (!secretConninfo)
            return post(secretConninfo.error());

        pq::ConnectOptions options;
        options.readOnly = true;
        options.connectTimeoutSeconds = timeout;
        options.origin = pq::Origin::Session;
        options.applicationName = QStringLiteral("bellows (test connection)");
        auto opened = pq::Connection::open(secretConninfo.value(), options);
        if (!opened)
            return post(opened.error());
        std::unique_ptr<pq::Connection> connection = std::move(opened).value();
        {
            std::lock_guard lock(run->mutex);
            run->connection = connection.get();
        }
        if (run->cancelled)
            return post(Error::cancel());

        // current_setting(..., true) is NULL where the setting does not exist (in_hot_standby
        // before PostgreSQL 14).
        auto facts = connection->exec(QStringLiteral(
            "SELECT current_setting('server_version'), current_setting('server_version_num'), "
            "current_user, current_database(), current_setting('is_superuser') = 'on', "
            "has_database_privilege(current_database(), 'CREATE'), pg_is_in_recovery(), "
            "coalesce(current_setting('in_hot_standby', true), 'off') = 'on'"));
        {
            std::lock_guard lock(run->mutex);
            run->connection = nullptr;
        }
        if (!facts)
            return post(run->cancelled ? Error::cancel() : facts.error());

        ConnectionFacts result;
        result.server = connection->describe();
        result.host = QString::fromUtf8(PQhost(connection->raw()));
        result.port = QString::fromUtf8(PQport(connection->raw()));
        result.serverVersion = facts->text(0, 0);
        result.serverVersionNum = facts->text(0, 1).toInt();
        result.user = facts->text(0, 2);
        result.database = facts->text(0, 3);
        result.superuser = facts->boolean(0, 4);
        result.canCreate = facts->boolean(0, 5);
        result.inRecovery = facts->boolean(0, 6);
        result.hotStandby = facts->boolean(0, 7);
        connection.reset();
        result.elapsedMs = timer.elapsed();
        post(result);
    });
    return run->generation;
}

} // namespace bellows::workers
