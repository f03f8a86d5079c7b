#pragma once

#include <QDateTime>
#include <QString>

#include <functional>

namespace bellows::pq {

// Why Bellows ran a statement; the GUI's log dock shows it as a tag.
enum class Origin { Introspection, Shadow, Step, Backfill, Ledger, Session };

QString toString(Origin origin);

struct StatementLogEntry {
    QDateTime at;
    Origin origin = Origin::Session;
    QString server; // host:port/database, never with a password
    QString sql;
    qint64 micros = 0;
    QString error; // empty on success
};

// Every statement Bellows itself runs on any database passes through here. The sink runs on
// the thread that ran the statement; a GUI sink must post to its own thread.
class StatementLog {
public:
    using Sink = std::function<void(const StatementLogEntry&)>;
    static void setSink(Sink sink);
    static void record(const StatementLogEntry& entry);
};

} // namespace bellows::pq
