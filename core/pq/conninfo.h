#pragma once

#include "common/result.h"

#include <QString>
#include <QStringList>

namespace bellows::pq {

// Rewrites a conninfo (key=value or postgresql:// URI) to name another database, keeping
// every other setting. Returns a key=value string.
Result<QString> withDatabase(const QString& conninfo, const QString& database);

// The same with the password set (in memory only: the GUI asks for it at connect time), or
// removed when `password` is empty (what may be saved in settings).
Result<QString> withPassword(const QString& conninfo, const QString& password);

// A value quoted for key=value conninfo text ('…' with \\ and \' escaped).
QString quoteConninfoValue(const QString& value);

// Where a conninfo points, without connecting and never with the password: "host:port" (a
// Unix-socket host is a directory path) and the database name.
struct ServerAndDatabase {
    QString server;
    QString database;
};
ServerAndDatabase serverAndDatabase(const QString& conninfo);

// host:port/database of a conninfo without connecting, for messages; never the password.
QString describeConninfo(const QString& conninfo);

} // namespace bellows::pq
