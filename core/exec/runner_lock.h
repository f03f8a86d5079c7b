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

} // namespace bellows::exec
