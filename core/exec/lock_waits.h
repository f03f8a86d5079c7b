#pragma once

// Who stands in the runner's way right now: read from another connection while a run goes on
// (the runner's own connection is busy waiting). The runner's session is found by its
// application_name in this database; its blockers by pg_blocking_pids. Other sessions' queries
// are shown as their gist (command and relations, never literals: exec/query_gist.h).

#include "common/result.h"

#include <QString>

#include <optional>
#include <vector>

namespace bellows::pq {
class Connection;
}

namespace bellows::exec {

struct BlockingSession {
    int pid = 0;
    QString applicationName;
    QString client; // address, host name, or "local socket"
    QString user;
    QString state;                 // "idle in transaction", "active", …
    QString query;                 // its gist
    double transactionSeconds = 0; // how long its transaction has been open
};

struct RunnerWait {
    int runnerPid = 0;
    bool waitingForLock = false;
    QString waitEvent;         // "relation", "transactionid", …
    double waitingSeconds = 0; // since its statement started waiting (state_change)
    std::vector<BlockingSession> blockers;
};

// The runner's session in `conn`'s database (application_name "bellows runner"); nullopt when
// no runner is connected.
Result<std::optional<RunnerWait>> runnerWait(pq::Connection& conn);

// pg_cancel_backend (the blocker's statement) or pg_terminate_backend (its session), only while
// `pid` still blocks `runnerPid`. False when it no longer does (or is gone).
Result<bool> stopSession(pq::Connection& conn, int pid, int runnerPid, bool terminate);

} // namespace bellows::exec
