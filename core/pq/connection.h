#pragma once

#include "common/result.h"
#include "pq/query_result.h"
#include "pq/statement_log.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <mutex>
#include <vector>

struct pg_conn;
struct pg_cancel;

namespace bellows::pq {

struct ConnectOptions {
    bool readOnly = false;      // default_transaction_read_only = on for the session
    int statementTimeoutMs = 0; // 0 = server default
    int connectTimeoutSeconds = 10;
    Origin origin = Origin::Session; // tag for the statement log
    QString applicationName = QStringLiteral("bellows");
    QString database; // overrides the conninfo's database when not empty
};

// One libpq connection. Not thread-safe except cancel(), which may be called from any thread.
// Never exposes the password: describe() names host, port and database only.
class Connection {
public:
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // `conninfo` is a key=value string or a postgresql:// URI; PG* variables, .pgpass and
    // service files apply as in psql.
    static Result<std::unique_ptr<Connection>> open(const QString& conninfo,
                                                    const ConnectOptions& options = {});

    Result<QueryResult> exec(const QString& sql);
    Result<QueryResult> exec(const QString& sql, const QStringList& params);
    // Exactly one statement, through the extended protocol (PostgreSQL refuses a string holding
    // several): for text that runs with more rights than whoever wrote it.
    Result<QueryResult> execOne(const QString& sql);

    // Sends every query at once (libpq pipeline mode) and returns their results in order;
    // stops at the first error. Each query must be a single statement.
    Result<std::vector<QueryResult>> execPipelined(const QStringList& queries);

    // Cancels the statement running now (thread-safe).
    void cancel();

    QString describe() const; // "host:port/database"
    QString database() const;
    QString user() const;
    int serverVersion() const; // e.g. 150018
    int statementCount() const { return m_statementCount; }
    void setOrigin(Origin origin) { m_origin = origin; }
    Origin origin() const { return m_origin; }

    pg_conn* raw() const { return m_conn; }

    // Turns the server's error fields of a failed result into an Error.
    static Error errorFrom(const struct pg_result* result, const QString& fallback);

    void logStatement(const QString& sql, qint64 micros, const QString& error);

private:
    Result<QueryResult> execute(const QString& sql, const QStringList& params,
                                bool extendedProtocol);
    Connection(pg_conn* conn, Origin origin);

    pg_conn* m_conn = nullptr;
    pg_cancel* m_cancel = nullptr;
    std::mutex m_cancelMutex;
    Origin m_origin;
    int m_statementCount = 0;
};

} // namespace bellows::pq
