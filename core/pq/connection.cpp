#include "pq/connection.h"

#include "sql/quote.h"

#include <QElapsedTimer>
#include <QLoggingCategory>

#include <libpq-fe.h>

#include <optional>

Q_LOGGING_CATEGORY(lcPq, "bellows.pq", QtWarningMsg)

namespace bellows::pq {

namespace {

QString describeConn(const pg_conn* conn)
{
    if (!conn)
        return QStringLiteral("(no connection)");
    QString host = QString::fromUtf8(PQhost(conn));
    const QString port = QString::fromUtf8(PQport(conn));
    const QString db = QString::fromUtf8(PQdb(conn));
    if (host.startsWith(QLatin1Char('/')))
        host = QStringLiteral("socket ") + host;
    return host + QLatin1Char(':') + port + QLatin1Char('/') + db;
}

// libpq's connection errors start with "connection to server at ... failed: "; keep the cause.
QString cleanConnectMessage(const QString& raw)
{
    QString msg = raw.trimmed();
    const int failed = msg.indexOf(QStringLiteral("failed: "));
    if (msg.startsWith(QStringLiteral("connection to server")) && failed > 0)
        msg = msg.mid(failed + 8);
    msg.replace(QStringLiteral("\n"), QStringLiteral("; "));
    return msg;
}

} // namespace

Connection::Connection(pg_conn* conn, Origin origin)
    : m_conn(conn), m_cancel(PQgetCancel(conn)), m_origin(origin)
{
}

Connection::~Connection()
{
    {
        std::lock_guard lock(m_cancelMutex);
        if (m_cancel)
            PQfreeCancel(m_cancel);
        m_cancel = nullptr;
    }
    if (m_conn)
        PQfinish(m_conn);
}

Result<std::unique_ptr<Connection>> Connection::open(const QString& conninfo,
                                                     const ConnectOptions& options)
{
    const QByteArray dbname = conninfo.toUtf8();
    const QByteArray app = options.applicationName.toUtf8();
    const QByteArray timeout = QByteArray::number(options.connectTimeoutSeconds);
    const QByteArray database = options.database.toUtf8();
    // Only the first dbname is expanded as a conninfo; a second one is a plain database name.
    const char* keys[] = {"dbname", "application_name", "connect_timeout", "dbname", nullptr};
    const char* values[] = {dbname.constData(), app.constData(), timeout.constData(),
                            database.constData(), nullptr};
    if (options.database.isEmpty())
        keys[3] = nullptr;

    pg_conn* conn = PQconnectdbParams(keys, values, /*expand_dbname=*/1);
    if (!conn)
        return Error{QStringLiteral("cannot connect: out of memory")};
    if (PQstatus(conn) != CONNECTION_OK) {
        Error error{QStringLiteral("cannot connect to %1: %2")
                        .arg(describeConn(conn),
                             cleanConnectMessage(QString::fromUtf8(PQerrorMessage(conn))))};
        PQfinish(conn);
        return error;
    }
    PQsetClientEncoding(conn, "UTF8");

    std::unique_ptr<Connection> connection(new Connection(conn, options.origin));
    QStringList setup;
    setup << QStringLiteral("SET client_min_messages = warning");
    if (options.readOnly)
        setup << QStringLiteral("SET default_transaction_read_only = on");
    if (options.statementTimeoutMs > 0)
        setup << QStringLiteral("SET statement_timeout = %1").arg(options.statementTimeoutMs);
    auto done = connection->exec(setup.join(QStringLiteral("; ")));
    if (!done)
        return done.error();
    return connection;
}

void Connection::logStatement(const QString& sql, qint64 micros, const QString& error)
{
    ++m_statementCount;
    StatementLog::record(
        StatementLogEntry{QDateTime::currentDateTime(), m_origin, describe(), sql, micros, error});
}

Error Connection::errorFrom(const pg_result* result, const QString& fallback)
{
    Error error;
    auto field = [&](int code) {
        const char* v = PQresultErrorField(result, code);
        return v ? QString::fromUtf8(v) : QString();
    };
    error.message = field(PG_DIAG_MESSAGE_PRIMARY);
    if (error.message.isEmpty())
        error.message = fallback.trimmed();
    error.sqlState = field(PG_DIAG_SQLSTATE);
    error.detail = field(PG_DIAG_MESSAGE_DETAIL);
    error.hint = field(PG_DIAG_MESSAGE_HINT);
    const QString position = field(PG_DIAG_STATEMENT_POSITION);
    if (!position.isEmpty())
        error.location.column = position.toInt(); // character offset; callers map it
    return error;
}

Result<QueryResult> Connection::exec(const QString& sql)
{
    return exec(sql, {});
}

Result<QueryResult> Connection::execOne(const QString& sql)
{
    return execute(sql, {}, true);
}

Result<QueryResult> Connection::exec(const QString& sql, const QStringList& params)
{
    return execute(sql, params, false);
}

Result<QueryResult> Connection::execute(const QString& sql, const QStringList& params,
                                        bool extendedProtocol)
{
    QElapsedTimer timer;
    timer.start();
    const QByteArray text = sql.toUtf8();
    pg_result* res = nullptr;
    if (params.isEmpty() && !extendedProtocol) {
        res = PQexec(m_conn, text.constData());
    } else {
        std::vector<QByteArray> storage;
        std::vector<const char*> values;
        storage.reserve(params.size());
        for (const QString& p : params) {
            storage.push_back(p.toUtf8());
            values.push_back(p.isNull() ? nullptr : storage.back().constData());
        }
        res = PQexecParams(m_conn, text.constData(), int(values.size()), nullptr, values.data(),
                           nullptr, nullptr, 0);
    }
    QueryResult result(res);
    const auto status = PQresultStatus(res);
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) {
        logStatement(sql, timer.nsecsElapsed() / 1000, {});
        return result;
    }
    Error error = errorFrom(res, QString::fromUtf8(PQerrorMessage(m_conn)));
    if (PQstatus(m_conn) == CONNECTION_BAD)
        error.message =
            QStringLiteral("lost the connection to %1: %2")
                .arg(describe(), cleanConnectMessage(QString::fromUtf8(PQerrorMessage(m_conn))));
    // 57014 is a cancel (ours, or pg_cancel_backend) or the server's statement_timeout, which
    // is a failure of the statement, not a cancel: say which (batch_retry.cpp reads the same
    // words).
    if (error.sqlState == QLatin1String("57014") &&
        !error.message.contains(QLatin1String("statement timeout")))
        error.cancelled = true;
    logStatement(sql, timer.nsecsElapsed() / 1000, error.message);
    return error;
}

Result<std::vector<QueryResult>> Connection::execPipelined(const QStringList& queries)
{
    QElapsedTimer timer;
    timer.start();
    if (PQenterPipelineMode(m_conn) != 1)
        return Error{QStringLiteral("cannot enter pipeline mode: %1")
                         .arg(QString::fromUtf8(PQerrorMessage(m_conn)))};
    for (const QString& q : queries) {
        const QByteArray text = q.toUtf8();
        if (PQsendQueryParams(m_conn, text.constData(), 0, nullptr, nullptr, nullptr, nullptr, 0) !=
            1) {
            PQexitPipelineMode(m_conn);
            return Error{QString::fromUtf8(PQerrorMessage(m_conn)).trimmed()};
        }
    }
    PQpipelineSync(m_conn);

    std::vector<QueryResult> results;
    std::optional<Error> firstError;
    int index = 0;
    // Each query yields one result followed by a NULL; the sync yields PGRES_PIPELINE_SYNC.
    for (;;) {
        pg_result* res = PQgetResult(m_conn);
        if (!res) {
            if (PQstatus(m_conn) == CONNECTION_BAD || index > queries.size()) {
                if (!firstError)
                    firstError = Error{
                        QStringLiteral("lost the connection to %1: %2")
                            .arg(describe(), QString::fromUtf8(PQerrorMessage(m_conn)).trimmed())};
                break;
            }
            ++index;
            continue;
        }
        const auto status = PQresultStatus(res);
        if (status == PGRES_PIPELINE_SYNC) {
            PQclear(res);
            break;
        }
        if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) {
            results.emplace_back(res);
        } else if (status == PGRES_PIPELINE_ABORTED) {
            PQclear(res);
        } else {
            if (!firstError) {
                firstError = errorFrom(res, QString::fromUtf8(PQerrorMessage(m_conn)));
                if (index < queries.size())
                    firstError->context = queries.at(index);
            }
            PQclear(res);
        }
    }
    PQexitPipelineMode(m_conn);
    const qint64 micros = timer.nsecsElapsed() / 1000;
    for (const QString& q : queries)
        logStatement(q, micros / std::max<qsizetype>(1, queries.size()),
                     firstError ? firstError->message : QString());
    if (firstError)
        return *firstError;
    return results;
}

void Connection::cancel()
{
    std::lock_guard lock(m_cancelMutex);
    if (!m_cancel)
        return;
    char buffer[256];
    PQcancel(m_cancel, buffer, sizeof buffer);
}

QString Connection::describe() const
{
    return describeConn(m_conn);
}

QString Connection::database() const
{
    return QString::fromUtf8(PQdb(m_conn));
}

QString Connection::user() const
{
    return QString::fromUtf8(PQuser(m_conn));
}

int Connection::serverVersion() const
{
    return PQserverVersion(m_conn);
}

} // namespace bellows::pq
