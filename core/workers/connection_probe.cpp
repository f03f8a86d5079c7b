#include "workers/connection_probe.h"

#include "pq/connection.h"
#include "workers/worker_types.h"

#include <QElapsedTimer>
#include <QMetaObject>
#include <QUrl>

#include <libpq-fe.h>

#include <algorithm>
#include <optional>

namespace bellows::workers {

namespace {

bool isSecretKey(const QString& key)
{
    return key == QLatin1String("password") || key == QLatin1String("sslpassword");
}

QString conninfoValue(const QString& value)
{
    QString escaped = value;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    escaped.replace(QLatin1Char('\''), QStringLiteral("\\'"));
    return QLatin1Char('\'') + escaped + QLatin1Char('\'');
}

// libpq's own URI prefixes (case-sensitive, as libpq compares them).
int uriPrefixLength(const QString& text)
{
    for (const QLatin1String prefix :
         {QLatin1String("postgresql://"), QLatin1String("postgres://")}) {
        if (text.startsWith(prefix))
            return int(prefix.size());
    }
    return 0;
}

struct ParsedOption {
    QString key;
    QString value;
};

// Every option the text sets explicitly (PQconninfoParse fills in no defaults), or nullopt
// when libpq rejects the text.
std::optional<std::vector<ParsedOption>> parseConninfo(const QString& conninfo)
{
    char* errorMessage = nullptr;
    PQconninfoOption* options = PQconninfoParse(conninfo.toUtf8().constData(), &errorMessage);
    PQfreemem(errorMessage);
    if (!options)
        return std::nullopt;
    std::vector<ParsedOption> parsed;
    for (PQconninfoOption* option = options; option->keyword; ++option) {
        if (option->val)
            parsed.push_back({QString::fromUtf8(option->keyword), QString::fromUtf8(option->val)});
    }
    PQconninfoFree(options);
    return parsed;
}

bool hasSecret(const std::vector<ParsedOption>& options)
{
    return std::any_of(options.begin(), options.end(),
                       [](const ParsedOption& o) { return isSecretKey(o.key); });
}

QString passwordOf(const std::vector<ParsedOption>& options)
{
    for (const ParsedOption& o : options) {
        if (o.key == QLatin1String("password"))
            return o.value;
    }
    return {};
}

// key=value text of the options, without the secrets.
QString keyValueText(const std::vector<ParsedOption>& options)
{
    QStringList parts;
    for (const ParsedOption& o : options) {
        if (!isSecretKey(o.key))
            parts << o.key + QLatin1Char('=') + conninfoValue(o.value);
    }
    return parts.join(QLatin1Char(' '));
}

// Removes user:PASSWORD@ and ?password= / ?sslpassword= from a URI by text, so the saved
// profile still reads like what the user typed. Mirrors libpq's URI grammar: the user info
// ends at the first '@' seen before any '/'.
QString stripUriSecrets(const QString& uri, int prefixLength, QString* password)
{
    QString rest = uri.mid(prefixLength);
    int stop = 0;
    while (stop < rest.size() && rest[stop] != QLatin1Char('@') && rest[stop] != QLatin1Char('/'))
        ++stop;
    if (stop < rest.size() && rest[stop] == QLatin1Char('@')) {
        const int colon = rest.left(stop).indexOf(QLatin1Char(':'));
        if (colon >= 0) {
            *password = QUrl::fromPercentEncoding(rest.mid(colon + 1, stop - colon - 1).toUtf8());
            rest.remove(colon, stop - colon);
        }
    }
    const int query = rest.indexOf(QLatin1Char('?'));
    if (query >= 0) {
        QStringList kept;
        const QStringList params = rest.mid(query + 1).split(QLatin1Char('&'));
        for (const QString& param : params) {
            const QString key =
                QUrl::fromPercentEncoding(param.section(QLatin1Char('='), 0, 0).toUtf8());
            if (!isSecretKey(key)) {
                kept << param;
            } else if (key == QLatin1String("password")) {
                *password = QUrl::fromPercentEncoding(param.section(QLatin1Char('='), 1).toUtf8());
            }
        }
        rest = rest.left(query);
        if (!kept.isEmpty())
            rest += QLatin1Char('?') + kept.join(QLatin1Char('&'));
    }
    return uri.left(prefixLength) + rest;
}

} // namespace

ConninfoSecret splitPassword(const QString& conninfo)
{
    const QString text = conninfo.trimmed();
    ConninfoSecret split{text, {}, false};
    const auto options = parseConninfo(text);
    if (!options)
        return split;

    // A key=value text may name a whole URI or conninfo as its dbname (libpq expands it).
    bool nestedSecret = false;
    std::vector<ParsedOption> cleaned = *options;
    for (ParsedOption& o : cleaned) {
        if (o.key == QLatin1String("dbname") &&
            (uriPrefixLength(o.value) > 0 || o.value.contains(QLatin1Char('=')))) {
            const ConninfoSecret inner = splitPassword(o.value);
            if (inner.stripped) {
                o.value = inner.conninfo;
                if (split.password.isEmpty())
                    split.password = inner.password;
                nestedSecret = true;
            }
        }
    }
    if (!hasSecret(*options) && !nestedSecret)
        return split;

    split.stripped = true;
    if (!passwordOf(*options).isEmpty())
        split.password = passwordOf(*options);
    if (const int prefix = uriPrefixLength(text); prefix > 0) {
        QString ignored;
        const QString uri = stripUriSecrets(text, prefix, &ignored);
        // Keep the URI form only when libpq agrees that nothing secret is left.
        if (const auto check = parseConninfo(uri); check && !hasSecret(*check)) {
            split.conninfo = uri;
            return split;
        }
    }
    split.conninfo = keyValueText(cleaned);
    return split;
}

Result<QString> mergePassword(const QString& conninfo, const QString& password)
{
    if (password.isEmpty())
        return conninfo;
    const auto options = parseConninfo(conninfo.trimmed());
    if (!options)
        return Error{QStringLiteral("invalid connection string")};
    QString text = keyValueText(*options);
    if (!text.isEmpty())
        text += QLatin1Char(' ');
    return QString(text + QStringLiteral("password=") + conninfoValue(password));
}

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
        const auto secretConninfo = mergePassword(conninfo, password);
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
