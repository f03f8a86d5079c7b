#include "introspect/introspector.h"

#include "introspect/catalog_queries.h"
#include "introspect/catalog_readers.h"
#include "pq/connection.h"

#include <libpq-fe.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace bellows::introspect {

namespace {

// BEGIN, the settings statement and COMMIT around the catalog queries.
constexpr int frameStatements = 3;

bool cancelRequested(const IntrospectOptions& options)
{
    return options.cancel && options.cancel->load();
}

// While the pipeline runs this thread waits on the caller's flag and cancels the running
// statement when it turns true; libpq gives no other chance to look at the flag.
class CancelWatcher {
public:
    CancelWatcher(pq::Connection& conn, const std::atomic_bool* flag)
    {
        if (!flag)
            return;
        m_thread = std::thread([this, &conn, flag] {
            std::unique_lock lock(m_mutex);
            while (!m_done) {
                if (flag->load()) {
                    conn.cancel();
                    return;
                }
                m_wake.wait_for(lock, std::chrono::milliseconds(20));
            }
        });
    }

    ~CancelWatcher()
    {
        if (!m_thread.joinable())
            return;
        {
            std::lock_guard lock(m_mutex);
            m_done = true;
        }
        m_wake.notify_one();
        m_thread.join();
    }

    CancelWatcher(const CancelWatcher&) = delete;
    CancelWatcher& operator=(const CancelWatcher&) = delete;

private:
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_done = false;
};

// Restores the connection's statement-log tag when introspection ends.
class OriginScope {
public:
    OriginScope(pq::Connection& conn, pq::Origin origin) : m_conn(conn), m_previous(conn.origin())
    {
        m_conn.setOrigin(origin);
    }
    ~OriginScope() { m_conn.setOrigin(m_previous); }
    OriginScope(const OriginScope&) = delete;
    OriginScope& operator=(const OriginScope&) = delete;

private:
    pq::Connection& m_conn;
    pq::Origin m_previous;
};

QStringList statements(int serverVersion, const IntrospectOptions& options)
{
    QStringList out;
    out.reserve(catalogQueryCount + frameStatements);
    // One snapshot for every query, so the parts of the model agree with each other.
    out << QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    // search_path = pg_catalog makes pg_get_*def qualify every user object, the same way on
    // both sides of a comparison. Local to the transaction: the caller's session is untouched.
    // quote_all_identifiers off: identifiers in definitions are spelled one way.
    out << QStringLiteral("SELECT set_config('search_path', 'pg_catalog', true), "
                          "set_config('quote_all_identifiers', 'off', true), "
                          "set_config('statement_timeout', '%1', true)")
               .arg(std::max(0, options.statementTimeoutMs));
    out << catalogQueries(serverVersion, options.exactSizes);
    out << QStringLiteral("COMMIT");
    return out;
}

} // namespace

int statementsPerIntrospection()
{
    return catalogQueryCount + frameStatements;
}

Result<catalog::Catalog> introspect(const QString& conninfo, const IntrospectOptions& options)
{
    if (cancelRequested(options))
        return Error::cancel();
    pq::ConnectOptions connectOptions;
    connectOptions.readOnly = true;
    connectOptions.statementTimeoutMs = std::max(0, options.statementTimeoutMs);
    connectOptions.origin = pq::Origin::Introspection;
    connectOptions.applicationName = QStringLiteral("bellows");
    auto conn = pq::Connection::open(conninfo, connectOptions);
    if (!conn)
        return conn.error();
    return introspect(**conn, options);
}

Result<catalog::Catalog> introspect(pq::Connection& conn, const IntrospectOptions& options)
{
    if (cancelRequested(options))
        return Error::cancel();
    // Our COMMIT would end the caller's transaction.
    if (PQtransactionStatus(conn.raw()) != PQTRANS_IDLE)
        return Error{QStringLiteral("cannot read the schema of %1: the connection is busy or "
                                    "inside a transaction")
                         .arg(conn.describe())};

    OriginScope origin(conn, pq::Origin::Introspection);
    const QStringList sql = statements(conn.serverVersion(), options);
    auto results = [&] {
        CancelWatcher watcher(conn, options.cancel);
        return conn.execPipelined(sql);
    }();
    if (!results) {
        // A failed query leaves the transaction aborted (COMMIT never ran); end it so the
        // caller's connection stays usable.
        if (PQtransactionStatus(conn.raw()) != PQTRANS_IDLE)
            (void)conn.exec(QStringLiteral("ROLLBACK"));
        if (cancelRequested(options))
            return Error::cancel();
        Error error = results.error();
        error.message =
            QStringLiteral("cannot read the schema of %1: %2").arg(conn.describe(), error.message);
        return error;
    }
    if (cancelRequested(options))
        return Error::cancel();
    if (results->size() != size_t(sql.size()))
        return Error{QStringLiteral("cannot read the schema of %1: expected %2 results, got %3")
                         .arg(conn.describe())
                         .arg(sql.size())
                         .arg(results->size())};

    // Catalog query results follow BEGIN and the settings statement.
    const auto result = [&](CatalogQuery q) -> const pq::QueryResult& {
        return (*results)[size_t(2 + int(q))];
    };
    detail::ReadState state;
    detail::readServer(result(CatalogQuery::Server), state);
    detail::readKeywords(result(CatalogQuery::Keywords), state);
    detail::readOpclasses(result(CatalogQuery::Opclasses), state);
    detail::readCollations(result(CatalogQuery::Collations), state);
    detail::readNamespaces(result(CatalogQuery::Namespaces), state);
    detail::readComments(result(CatalogQuery::Comments), state);
    detail::readSchemas(result(CatalogQuery::Schemas), state);
    detail::readExtensions(result(CatalogQuery::Extensions), state);
    detail::readRelations(result(CatalogQuery::Relations), state);
    detail::readTypes(result(CatalogQuery::Types), state);
    detail::readColumns(result(CatalogQuery::Columns), state);
    detail::readSequences(result(CatalogQuery::Sequences), state);
    detail::readInherits(result(CatalogQuery::Inherits), state);
    detail::readIndexes(result(CatalogQuery::Indexes), state);
    detail::readConstraints(result(CatalogQuery::Constraints), state);
    detail::readTriggers(result(CatalogQuery::Triggers), state);
    detail::readPolicies(result(CatalogQuery::Policies), state);
    detail::readDomainChecks(result(CatalogQuery::DomainChecks), state);
    detail::readFunctions(result(CatalogQuery::Functions), state);
    detail::readDefaultAcls(result(CatalogQuery::DefaultAcls), state);
    detail::readDependencies(result(CatalogQuery::Dependencies), state);
    state.finish();
    return std::move(state.catalog);
}

} // namespace bellows::introspect
