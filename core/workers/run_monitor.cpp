#include "workers/run_monitor.h"

#include "pq/connection.h"

#include <chrono>

namespace bellows::workers {

namespace {

constexpr auto kPollInterval = std::chrono::milliseconds(500);

QString stopOutcome(const Result<bool>& stopped, int pid, bool terminate)
{
    if (!stopped)
        return stopped.error().message;
    if (!*stopped)
        return QStringLiteral("session %1 was left alone: it no longer blocks the runner").arg(pid);
    return terminate ? QStringLiteral("session %1 terminated").arg(pid)
                     : QStringLiteral("the statement of session %1 was cancelled").arg(pid);
}

} // namespace

RunMonitor::RunMonitor(QObject* parent) : QObject(parent)
{
    registerWorkerTypes();
    qRegisterMetaType<bellows::exec::RunnerWait>();
}

RunMonitor::~RunMonitor()
{
    stop();
}

void RunMonitor::start(const QString& conninfo)
{
    stop();
    m_stop = false;
    m_pendingStop.reset(); // a confirmation answered after the last run never acts on this one
    m_thread = std::thread([this, conninfo] { watch(conninfo); });
}

void RunMonitor::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
        m_pendingStop.reset();
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void RunMonitor::stopSession(int pid, int runnerPid, bool terminate)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_stop || !m_thread.joinable())
            return;
        m_pendingStop = StopRequest{pid, runnerPid, terminate};
    }
    m_wake.notify_all();
}

void RunMonitor::watch(QString conninfo)
{
    pq::ConnectOptions options;
    options.applicationName = QStringLiteral("bellows monitor");
    options.origin = pq::Origin::Ledger;
    auto conn = pq::Connection::open(conninfo, options);
    if (!conn) {
        Q_EMIT failed(conn.error());
        return;
    }
    std::unique_lock lock(m_mutex);
    while (!m_stop) {
        if (m_pendingStop) {
            const StopRequest request = *m_pendingStop;
            m_pendingStop.reset();
            lock.unlock();
            const auto stopped =
                exec::stopSession(**conn, request.pid, request.runnerPid, request.terminate);
            Q_EMIT sessionStopped(request.pid, request.terminate,
                                  stopOutcome(stopped, request.pid, request.terminate));
            lock.lock();
            continue;
        }
        lock.unlock();
        auto wait = exec::runnerWait(**conn);
        if (wait)
            Q_EMIT waitUpdated(wait->value_or(exec::RunnerWait{}));
        lock.lock();
        // The poll interval, cut short by stop() or a stop request.
        m_wake.wait_for(lock, kPollInterval, [this] { return m_stop || m_pendingStop; });
    }
}

} // namespace bellows::workers
