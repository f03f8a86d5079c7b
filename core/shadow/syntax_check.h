#pragma once

// Checks SQL with the grammar of a running PostgreSQL server without executing any of it:
// the statements become the body of a polymorphic SQL function created in a transaction that
// is rolled back. PostgreSQL only raw-parses such a body when it is created (it cannot resolve
// the types of a polymorphic function before a call), so nothing in it is analysed or run.

#include "common/result.h"
#include "common/syntax_verdict.h"

#include <QStringList>

#include <vector>

namespace bellows::pq {
class Connection;
}

namespace bellows::shadow {

// One verdict per statement, in order. Fails only when the server cannot be asked (e.g. the
// connection is lost). A statement must not hold its terminating ';'.
Result<std::vector<SyntaxVerdict>> checkSyntax(pq::Connection& conn, const QStringList& statements);

} // namespace bellows::shadow
