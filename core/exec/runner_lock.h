#pragma once

// One runner per database at a time: a session-level advisory lock held by the runner's
// connection for the whole run. It goes away with the session, so a killed runner never leaves
// the database locked.

#include "common/result.h"

namespace bellows::pq {
class Connection;
}

namespace bellows::exec {

// True when taken. False when another session holds it: `holder` then says who (pid, database
// user, OS user and host from the ledger, since when).
Result<bool> tryLockRunner(pq::Connection& conn, QString* holder);

// Releases the lock when the run ends. Closing the session releases it too, but only once the
// server's backend has exited, which can be after the next run (the GUI's next Run, a script's
// next apply) has already looked and been refused.
class RunnerLockRelease {
public:
    explicit RunnerLockRelease(pq::Connection& conn) : m_conn(conn) {}
    ~RunnerLockRelease();
    RunnerLockRelease(const RunnerLockRelease&) = delete;
    RunnerLockRelease& operator=(const RunnerLockRelease&) = delete;

private:
    pq::Connection& m_conn;
};

} // namespace bellows::exec
