#include "conversion_writer.h"

#include "pq/connection.h"
#include "sql/quote.h"

namespace bellows::safety {

using sql::quoteIdent;
using sql::quoteLiteral;

namespace {

constexpr int kStatementTimeoutMs = 30000;
constexpr auto kPace = std::chrono::milliseconds(3);
constexpr int kMaxMessages = 20;

int uniform(std::mt19937_64& rng, int low, int high)
{
    return std::uniform_int_distribution<int>(low, high)(rng);
}

void note(QStringList& list, const QString& message)
{
    if (list.size() < kMaxMessages)
        list << message;
}

void failure(WriterCounts& counts, QStringList& list, const QString& message)
{
    ++counts.failures;
    note(list, message);
}

std::unique_ptr<pq::Connection> openIn(const QString& conninfo, const QString& zone,
                                       const QString& application, QString* error)
{
    pq::ConnectOptions options;
    options.statementTimeoutMs = kStatementTimeoutMs;
    options.applicationName = application;
    auto conn = pq::Connection::open(conninfo, options);
    if (!conn) {
        *error = conn.error().toString();
        return nullptr;
    }
    auto set = (*conn)->exec(
        QStringLiteral("SET TimeZone = %1; SET DateStyle = 'ISO, MDY'").arg(quoteLiteral(zone)));
    if (!set) {
        *error = set.error().toString();
        return nullptr;
    }
    return std::move(conn).value();
}

} // namespace

ConversionWriter::ConversionWriter(int index, bool newApp, QString timeZone, QString liveConninfo,
                                   QString oracleConninfo, WriterControl& control, quint64 seed,
                                   int seedRows)
    : m_index(index), m_newApp(newApp), m_timeZone(std::move(timeZone)),
      m_liveConninfo(std::move(liveConninfo)), m_oracleConninfo(std::move(oracleConninfo)),
      m_control(control), m_seedRows(seedRows), m_tables(writerTables()),
      m_random(seed * 7919 + quint64(index))
{
}

ConversionWriter::~ConversionWriter()
{
    stopAndJoin();
}

QString ConversionWriter::name() const
{
    return QStringLiteral("%1 client %2 (%3)")
        .arg(m_newApp ? QStringLiteral("new-app") : QStringLiteral("old-app"))
        .arg(m_index)
        .arg(m_timeZone);
}

void ConversionWriter::start()
{
    m_thread = std::thread([this] { run(); });
}

void ConversionWriter::requestStop()
{
    std::lock_guard lock(m_control.mutex);
    m_stop = true;
    m_control.cv.notify_all();
}

void ConversionWriter::stopAndJoin()
{
    requestStop();
    if (m_thread.joinable())
        m_thread.join();
}

bool ConversionWriter::waitWhilePaused()
{
    std::unique_lock lock(m_control.mutex);
    if (m_control.paused && !m_stop) {
        ++m_control.parked;
        m_control.cv.notify_all();
        m_control.cv.wait(lock, [&] { return !m_control.paused || m_stop; });
        --m_control.parked;
    }
    return !m_stop;
}

void ConversionWriter::run()
{
    QString error;
    const QString application = m_newApp ? QStringLiteral("new app") : QStringLiteral("old app");
    auto live = openIn(m_liveConninfo, m_timeZone, application, &error);
    auto oracle = live ? openIn(m_oracleConninfo, m_timeZone, application, &error) : nullptr;
    if (!live || !oracle)
        failure(m_counts, m_counts.failedValid, QStringLiteral("connect: ") + error);
    while (live && oracle && waitWhilePaused()) {
        const Write w = nextWrite(*oracle);
        if (w.id != 0)
            perform(*live, w);
        std::unique_lock lock(m_control.mutex);
        if (++m_ops == 1)
            m_control.cv.notify_all(); // the test waits for every client's first write
        m_control.cv.wait_for(lock, kPace, [&] { return m_stop || m_control.paused; });
    }
    std::lock_guard lock(m_control.mutex);
    m_finished = true;
    m_control.cv.notify_all();
}

std::optional<bool> ConversionWriter::fits(pq::Connection& oracle, int table, const QString& value,
                                           bool newColumn)
{
    const QString function = QStringLiteral("fits_%1_%2")
                                 .arg(m_tables[size_t(table)].name,
                                      newColumn ? QStringLiteral("new") : QStringLiteral("old"));
    auto r = oracle.exec(QStringLiteral("SELECT %1($1)").arg(quoteIdent(function)), {value});
    if (!r) {
        failure(
            m_counts, m_counts.failedValid,
            QStringLiteral("the oracle's %1(%2): %3").arg(function, value, r.error().toString()));
        return std::nullopt;
    }
    return r->boolean(0, 0);
}

ConversionWriter::Write ConversionWriter::nextWrite(pq::Connection& oracle)
{
    Write w;
    w.table = uniform(m_random, 0, kWriterTables - 1);
    const WriterTable& t = m_tables[size_t(w.table)];
    const int roll = uniform(m_random, 0, 99);
    w.op = roll < 20 ? QStringLiteral("insert")
                     : (roll < 97 ? QStringLiteral("update") : QStringLiteral("delete"));
    if (w.op == QLatin1String("insert")) {
        w.id = 1000000LL * (m_index + 1) + ++m_nextId;
    } else if (!m_inserted.empty() && uniform(m_random, 0, 2) == 0) {
        w.id = m_inserted[size_t(uniform(m_random, 0, int(m_inserted.size()) - 1))];
    } else {
        w.id = uniform(m_random, 1, m_seedRows);
    }
    if (w.op == QLatin1String("delete"))
        return w;
    // The new app writes the new column while both exist: the trigger converts back.
    const bool throughTrigger = !m_newApp || !m_control.swapped[size_t(w.table)];
    for (int attempt = 0; attempt < 50; ++attempt) {
        w.value = uniform(m_random, 0, 9) == 0 && !t.notNull ? QString()
                                                             : writerValue(t, m_newApp, m_random);
        bool fit = true;
        if (!w.value.isNull() && throughTrigger) {
            const auto checked = fits(oracle, w.table, w.value, m_newApp);
            if (!checked) {
                w.id = 0;
                return w;
            }
            fit = *checked;
        }
        // Before the trigger exists an unfit old-app value would reach the table unchecked.
        if (!fit && !m_newApp && !m_control.oldAppMaySendUnfit)
            continue;
        w.expectCommit = fit;
        return w;
    }
    w.id = 0;
    return w;
}

QString ConversionWriter::statement(const Write& w, const WriterTable& t) const
{
    const QString column = m_newApp && !m_control.swapped[size_t(w.table)]
                               ? QStringLiteral("v_bellows_new")
                               : QStringLiteral("v");
    QString write;
    if (w.op == QLatin1String("insert"))
        write = QStringLiteral("INSERT INTO %1 (id, %2) VALUES ($1, $2) RETURNING id");
    else if (w.op == QLatin1String("update"))
        write = QStringLiteral("UPDATE %1 SET %2 = $2 WHERE id = $1 RETURNING id");
    else
        write = QStringLiteral("DELETE FROM %1 WHERE id = $1 RETURNING id");
    write = w.op == QLatin1String("delete") ? write.arg(quoteIdent(t.name))
                                            : write.arg(quoteIdent(t.name), quoteIdent(column));
    const QString value = w.op == QLatin1String("delete")
                              ? QStringLiteral("NULL")
                              : (m_newApp ? t.newAuditExpression : QStringLiteral("$3"));
    return QStringLiteral("WITH w AS (%1) INSERT INTO audit (tbl, row_id, app, op, value) "
                          "SELECT %2, id, %3, %4, %5 FROM w")
        .arg(write, quoteLiteral(t.name),
             quoteLiteral(m_newApp ? QStringLiteral("new") : QStringLiteral("old")),
             quoteLiteral(w.op), value);
}

QString ConversionWriter::describe(const Write& w) const
{
    return QStringLiteral("%1: %2 %3 id %4 value %5")
        .arg(name(), w.op, m_tables[size_t(w.table)].name)
        .arg(w.id)
        .arg(w.value.isNull() ? QStringLiteral("NULL") : quoteLiteral(w.value));
}

void ConversionWriter::perform(pq::Connection& live, const Write& w)
{
    const WriterTable& t = m_tables[size_t(w.table)];
    QStringList params{QString::number(w.id)};
    if (w.op != QLatin1String("delete"))
        params << w.value << w.value;
    auto r = live.exec(statement(w, t), params);
    if (!r) {
        const QString sqlState = r.error().sqlState;
        if (w.expectCommit)
            failure(m_counts, m_counts.failedValid,
                    describe(w) + QStringLiteral(": ") + r.error().toString());
        else if (sqlState.startsWith(QLatin1String("22")))
            ++m_counts.refusedAsExpected;
        else
            failure(m_counts, m_counts.wrongError,
                    describe(w) + QStringLiteral(": ") + r.error().toString());
        return;
    }
    if (r->affectedRows() == 0) {
        ++m_counts.noRow;
        return;
    }
    if (w.op == QLatin1String("insert"))
        m_inserted.push_back(w.id);
    if (!w.expectCommit)
        failure(m_counts, m_counts.storedUnfit, describe(w));
    else
        ++m_counts.committed;
}

} // namespace bellows::safety
