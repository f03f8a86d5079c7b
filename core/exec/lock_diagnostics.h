#pragma once

// What stands in a step's way: sessions holding locks on its relations (reported while a lock
// is retried), and the pre-flight warnings before a strong lock — long transactions,
// idle-in-transaction sessions, replica lag (reference §1.3).

#include "common/result.h"

#include <QStringList>

namespace bellows::pq {
class Connection;
}

namespace bellows::exec {

// One line per other session holding a granted lock on any of `relations`:
// "pid 4242 (alice, idle in transaction for 42 s) holds RowExclusiveLock on public.users: …".
Result<QStringList> lockHolders(pq::Connection& conn, const QStringList& relations);

struct PreflightLimits {
    int longTransactionSeconds = 60;
    int replicaLagSeconds = 10;
};

// Warnings to show before a step that takes a strong lock on `relations`.
Result<QStringList> preflightWarnings(pq::Connection& conn, const QStringList& relations,
                                      const PreflightLimits& limits = {});

// The largest replay lag of any streaming replica, in seconds (0 without replicas).
Result<double> replicaLagSeconds(pq::Connection& conn);

} // namespace bellows::exec
