#pragma once

#include "common/result.h"

#include <QString>

#include <optional>
#include <vector>

namespace bellows::shadow {

// A set of PostgreSQL server binaries (initdb, pg_ctl, postgres) of one major version.
struct PostgresInstall {
    QString binDir;
    int major = 0;
    QString version; // as `postgres --version` prints it, e.g. "15.18"

    QString tool(const QString& name) const { return binDir + QLatin1Char('/') + name; }
};

// Reads the version of the binaries in `binDir`; fails with a clear message when they are
// missing or not a PostgreSQL server.
Result<PostgresInstall> inspectBinDir(const QString& binDir);

// Every server install found on this machine: $BELLOWS_PG_BIN (colon-separated bin dirs),
// /usr/lib/postgresql/*/bin (Debian), then the directory of `pg_config --bindir`. Newest first.
std::vector<PostgresInstall> findInstalls();

// What a shadow server of another major than the live one may get wrong, and how to fix it.
QString majorMismatchNote(int liveMajor, int shadowMajor, bool shadowUrl);

// The install to use for a server of `major`: the same major when installed, else the
// newest one installed (a shadow on a newer major loads older schemas). `note` explains a
// mismatch. Fails when no server binaries are installed at all.
Result<PostgresInstall> installFor(int major, QString* note = nullptr);

} // namespace bellows::shadow
