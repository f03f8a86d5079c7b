#pragma once

// Passwords in connection strings: what may be saved (never a password) and what a connection
// is opened with (the password merged in memory). Used by the GUI's connection profiles and
// its connection probe.

#include "common/result.h"

#include <QString>

namespace bellows::pq {

// A conninfo split into the part that may be saved and the secret that may not.
struct ConninfoSecret {
    QString conninfo;      // the input without password / sslpassword (URIs stay URIs)
    QString password;      // the password the input carried, empty when none
    bool stripped = false; // true when something was removed
};

// Removes `password` and `sslpassword` from a key=value conninfo or a postgresql:// URI
// (user:password@ and ?password=). Parsing is libpq's own (PQconninfoParse); an input libpq
// rejects is returned unchanged (it cannot connect either, and carries no parsable secret).
ConninfoSecret splitPassword(const QString& conninfo);

// The conninfo with `password` set (replacing any password it has), as key=value text for
// pq::Connection::open. The result holds a secret: keep it in memory, never log or save it.
// An empty password returns the conninfo unchanged (libpq then uses .pgpass, PGPASSWORD, ...).
Result<QString> mergePassword(const QString& conninfo, const QString& password);

} // namespace bellows::pq
