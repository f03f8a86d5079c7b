#pragma once

// One client of the concurrent-writers test: an old-app or new-app session, in its own TimeZone,
// inserting, updating and deleting rows of the writer tables (writer_tables.h) with random values
// during every phase, each write and its audit row in one statement. Before each write it asks
// the oracle database whether the value fits through the sync trigger (fits_* functions), so
// it knows whether the write must commit or fail with a data exception.

#include "writer_tables.h"

#include <QString>
#include <QStringList>

#include <array>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <random>
#include <thread>

namespace bellows::pq {
class Connection;
}

namespace bellows::safety {

constexpr int kWriterTables = 4;

// What the test tells the clients.
struct WriterControl {
    std::mutex mutex;
    std::condition_variable cv;
    bool paused = false;
    int parked = 0; // clients waiting because of `paused`
    // Old-app clients may send values the new type cannot hold: the sync trigger is there and
    // must refuse them (before it exists they would reach the table and stop the backfill).
    std::atomic_bool oldAppMaySendUnfit{false};
    // Per writer table: the new column has its final name (contract swapped it in).
    std::array<std::atomic_bool, kWriterTables> swapped{};
};

struct WriterCounts {
    qint64 committed = 0;         // valid writes, committed
    qint64 failures = 0;          // sizes of the three lists below, which keep 20 messages
    qint64 refusedAsExpected = 0; // unfit values refused with a data exception
    qint64 noRow = 0;             // an update or delete of a row deleted meanwhile
    QStringList failedValid;      // valid writes that failed (must stay empty)
    QStringList storedUnfit;      // unfit values that were stored (must stay empty)
    QStringList wrongError;       // unfit values refused with another error than 22xxx
};

class ConversionWriter {
public:
    ConversionWriter(int index, bool newApp, QString timeZone, QString liveConninfo,
                     QString oracleConninfo, WriterControl& control, quint64 seed, int seedRows);
    ~ConversionWriter();
    ConversionWriter(const ConversionWriter&) = delete;
    ConversionWriter& operator=(const ConversionWriter&) = delete;

    void start();
    void requestStop();
    void stopAndJoin();
    bool isNewApp() const { return m_newApp; }
    bool finished() const { return m_finished; }            // under control.mutex
    qint64 ops() const { return m_ops; }                    // under control.mutex
    const WriterCounts& counts() const { return m_counts; } // after join or while parked
    QString name() const;

private:
    struct Write {
        int table = 0;
        QString op; // insert, update, delete
        qint64 id = 0;
        QString value; // null: NULL
        bool expectCommit = true;
    };

    void run();
    bool waitWhilePaused();
    Write nextWrite(pq::Connection& oracle);
    std::optional<bool> fits(pq::Connection& oracle, int table, const QString& value,
                             bool newColumn);
    void perform(pq::Connection& live, const Write& w);
    QString statement(const Write& w, const WriterTable& t) const;
    QString describe(const Write& w) const;

    const int m_index;
    const bool m_newApp;
    const QString m_timeZone;
    const QString m_liveConninfo;
    const QString m_oracleConninfo;
    WriterControl& m_control;
    const int m_seedRows;
    const std::vector<WriterTable> m_tables;
    std::mt19937_64 m_random;
    std::thread m_thread;
    bool m_stop = false;     // under control.mutex
    bool m_finished = false; // under control.mutex
    qint64 m_ops = 0;        // under control.mutex
    qint64 m_nextId = 0;
    std::vector<qint64> m_inserted;
    WriterCounts m_counts;
};

} // namespace bellows::safety
