#pragma once

// The statements Bellows ran, for the log dock: a bounded table of pq::StatementLogEntry.
// enqueue() may be called from any thread (StatementLogSink calls it from the statement's
// thread); entries are batched and inserted on the model's thread by a short timer, so a
// backfill running thousands of statements costs one beginInsertRows per ~75 ms.

#include "pq/statement_log.h"

#include <QAbstractTableModel>
#include <QTimer>

#include <atomic>
#include <deque>
#include <mutex>
#include <vector>

namespace bellows::ui {

class StatementLogModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        TimeColumn,
        TagColumn,
        ServerColumn,
        DurationColumn,
        StatementColumn,
        ErrorColumn,
        ColumnCount
    };
    enum Role {
        OriginRole = Qt::UserRole + 1, // the tag text ("step", "backfill", ...)
        FullTextRole,                  // the whole statement, newlines kept
        HasErrorRole,
    };
    static constexpr int DefaultMaximumRows = 20000;
    static constexpr int FlushIntervalMs = 75;

    explicit StatementLogModel(QObject* parent = nullptr);
    ~StatementLogModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // Thread-safe: queues the entry; it appears within FlushIntervalMs.
    void enqueue(const pq::StatementLogEntry& entry);
    // Inserts the queued entries now (the timer calls it; tests may too). Model thread only.
    void flushPending();

    const pq::StatementLogEntry& entry(int row) const { return m_entries[std::size_t(row)]; }
    // One line of tab-separated fields, the whole statement on one line.
    QString rowText(int row) const;

    // Oldest rows are dropped beyond this (default 20,000).
    void setMaximumRows(int rows);
    int maximumRows() const { return m_maximumRows; }
    void clear();

private:
    std::deque<pq::StatementLogEntry> m_entries;
    int m_maximumRows = DefaultMaximumRows;
    QTimer m_flushTimer;

    std::mutex m_pendingMutex;
    std::vector<pq::StatementLogEntry> m_pending;
    bool m_flushScheduled = false; // guarded by m_pendingMutex
};

} // namespace bellows::ui
