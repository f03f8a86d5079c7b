#pragma once

// The ledger's own schema in the target database (`bellows`), versioned: each entry of
// ledgerMigrations() takes the schema from version i to i + 1, so an older ledger is upgraded in
// place by a newer Bellows and a newer one is refused by an older Bellows.

#include <QStringList>

namespace bellows::exec {

// Index i: the SQL that upgrades a version-i ledger to version i + 1 (version 0: no ledger).
const QStringList& ledgerMigrations();

inline int ledgerSchemaVersion()
{
    return int(ledgerMigrations().size());
}

} // namespace bellows::exec
