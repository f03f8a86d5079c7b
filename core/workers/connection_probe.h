#pragma once

// "Test connection": connects with a conninfo (plus a password held in memory only), reads a
// few facts about the server and the user's rights, and reports them by queued signal, off the
// GUI thread. Also the conninfo helpers that keep passwords out of anything saved or logged.

#include "common/error.h"
#include "common/result.h"
#include "workers/worker_types.h" // bellows::Error as a meta-type

#include <QMetaType>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace bellows::pq {
class Connection;
}

namespace bellows::workers {

// What a successful probe learned.
struct ConnectionFacts {
    QString server; // host:port/database as pq::Connection::describe() says it
    QString host;   // host name, IP or socket directory
    QString port;
    QString database;
    QString user;
    QString serverVersion;    // server_version, e.g. "16.4 (Debian 16.4-1)"
    int serverVersionNum = 0; // e.g. 160004
    bool superuser = false;
    bool canCreate = false;  // CREATE on the database (schemas)
    bool inRecovery = false; // pg_is_in_recovery(): a standby, read-only
    bool hotStandby = false; // in_hot_standby (PostgreSQL 14+), false when unknown
    qint64 elapsedMs = 0;    // connect + queries
};

class ConnectionProbe : public QObject {
    Q_OBJECT
public:
    explicit ConnectionProbe(QObject* parent = nullptr);
    // Cancels the running probes and waits for their threads (a probe blocked in connect()
    // returns within its connect timeout).
    ~ConnectionProbe() override;

    // Starts a probe and returns its generation; a running probe is cancelled (its result will
    // not be reported). `password` is merged into the conninfo in memory only.
    quint64 start(const QString& conninfo, const QString& password = {});
    // Cancels the running probe: its statement through PQcancel, and `failed(Error::cancel())`
    // is reported at once; whatever it would have reported later is dropped.
    void cancel();
    bool isRunning() const;
    // True when no probe thread is left, cancelled ones included (their results are dropped).
    bool isIdle() const;
    quint64 generation() const { return m_generation; }

    void setConnectTimeoutSeconds(int seconds) { m_connectTimeoutSeconds = seconds; }

Q_SIGNALS:
    void finished(quint64 generation, const bellows::workers::ConnectionFacts& facts);
    void failed(quint64 generation, const bellows::Error& error);

private:
    struct Run;
    void reapFinished();
    void deliver(const std::shared_ptr<Run>& run, Result<ConnectionFacts> result);

    std::vector<std::shared_ptr<Run>> m_runs;
    quint64 m_generation = 0;
    int m_connectTimeoutSeconds = 10;
};

} // namespace bellows::workers

Q_DECLARE_METATYPE(bellows::workers::ConnectionFacts)
