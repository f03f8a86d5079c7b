// bellows-backfill-probe CONN [INTERVAL_MS] [ROWS]
// A client of the users table that runs one single-row statement every INTERVAL_MS (default
// 5), alternating a read (SELECT * … WHERE id = $1) and a write (UPDATE … SET created_at =
// now() WHERE id = $1, which fires any sync trigger), on random ids in 1..ROWS (default
// 1,000,000). It names no column the seed plan renames, so it runs unchanged through expand,
// backfill and contract. Until SIGINT/SIGTERM; then it prints how long its statements took —
// the longest is the longest time any step blocked it — and the five slowest with their wall
// clock times (ms since the epoch), so tests/bench/backfill_bench.sh can name the step that
// ran then. Every error is counted and its first messages printed. Prints figures only.

#include "pq/connection.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QTextStream>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <random>
#include <thread>
#include <vector>

using namespace bellows;

namespace {

volatile std::sig_atomic_t g_stop = 0;

void onSignal(int)
{
    g_stop = 1;
}

struct Sample {
    qint64 micros = 0;
    qint64 endedAtMs = 0; // ms since the epoch
    bool write = false;
};

double percentileMs(std::vector<qint64> micros, double q)
{
    if (micros.empty())
        return 0;
    std::sort(micros.begin(), micros.end());
    size_t i = static_cast<size_t>(q * static_cast<double>(micros.size()));
    i = std::min(i, micros.size() - 1);
    return static_cast<double>(micros[i]) / 1000.0;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        err << "usage: bellows-backfill-probe CONN [INTERVAL_MS] [ROWS]\n";
        return 1;
    }
    const int intervalMs = args.size() > 2 ? args.at(2).toInt() : 5;
    const qint64 rows = args.size() > 3 ? args.at(3).toLongLong() : 1000000;

    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);

    pq::ConnectOptions options;
    options.statementTimeoutMs = 60000;
    options.applicationName = QStringLiteral("bellows backfill probe");
    auto opened = pq::Connection::open(args.at(1), options);
    if (!opened) {
        err << "probe: " << opened.error().toString() << '\n';
        return 1;
    }
    pq::Connection& conn = **opened;

    std::mt19937_64 random(42);
    std::uniform_int_distribution<qint64> pick(1, rows);
    std::vector<Sample> samples;
    samples.reserve(1 << 20);
    qint64 errors = 0;
    QStringList messages;
    bool write = false;
    auto next = std::chrono::steady_clock::now();
    out << "probe: running\n" << Qt::flush;
    while (!g_stop) {
        const QString id = QString::number(pick(random));
        const auto started = std::chrono::steady_clock::now();
        auto r = write ? conn.exec(QStringLiteral("UPDATE users SET created_at = now() WHERE id = "
                                                  "$1"),
                                   {id})
                       : conn.exec(QStringLiteral("SELECT * FROM users WHERE id = $1"), {id});
        const auto ended = std::chrono::steady_clock::now();
        if (!r) {
            ++errors;
            if (messages.size() < 5)
                messages << r.error().toString();
        }
        samples.push_back(
            {std::chrono::duration_cast<std::chrono::microseconds>(ended - started).count(),
             QDateTime::currentMSecsSinceEpoch(), write});
        write = !write;
        // A fixed schedule: after a blocked statement the next one starts at once.
        next += std::chrono::milliseconds(intervalMs);
        if (next > ended)
            std::this_thread::sleep_until(next);
        else
            next = ended;
    }

    std::vector<qint64> all, reads, writes;
    for (const Sample& s : samples) {
        all.push_back(s.micros);
        (s.write ? writes : reads).push_back(s.micros);
    }
    out << "probe: " << samples.size() << " statements (" << reads.size() << " reads, "
        << writes.size() << " writes), " << errors << " errors\n";
    out << "probe: p50 " << percentileMs(all, 0.5) << " ms, p99 " << percentileMs(all, 0.99)
        << " ms, p99.9 " << percentileMs(all, 0.999) << " ms; reads max "
        << percentileMs(reads, 1.0) << " ms, writes max " << percentileMs(writes, 1.0) << " ms\n";
    std::vector<Sample> slowest = samples;
    std::sort(slowest.begin(), slowest.end(),
              [](const Sample& a, const Sample& b) { return a.micros > b.micros; });
    slowest.resize(std::min<size_t>(slowest.size(), 5));
    for (const Sample& s : slowest)
        out << "slow " << s.endedAtMs - s.micros / 1000 << ' ' << s.endedAtMs << ' '
            << static_cast<double>(s.micros) / 1000.0 << ' ' << (s.write ? "write" : "read")
            << '\n';
    for (const QString& m : messages)
        out << "error: " << m << '\n';
    out << "PROBE_MAX_MS=" << percentileMs(all, 1.0) << '\n';
    out << "PROBE_ERRORS=" << errors << '\n';
    return errors == 0 ? 0 : 2;
}
