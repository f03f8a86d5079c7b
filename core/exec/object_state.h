#pragma once

// Drift detection between steps: a plain-text description of each relation a plan touches
// (columns, constraints, indexes with validity, triggers), read in one query. The runner
// records them after every step and compares them before the next one, so a change made by
// someone else in between stops the run with the object and the difference named.

#include "common/result.h"
#include "plan/plan.h"

#include <QStringList>

#include <map>

namespace bellows::pq {
class Connection;
}

namespace bellows::exec {

// The relations a plan's steps lock, as written in the steps (qualified, quoted).
QStringList planRelations(const plan::Plan& plan);

// relation -> description; an empty description means the relation does not exist.
Result<std::map<QString, QString>> describeRelations(pq::Connection& conn,
                                                     const QStringList& relations);

// "" when equal; otherwise a short account: "public.users: now has column … ; no longer has …".
QString describeDrift(const QString& object, const QString& expected, const QString& actual);

} // namespace bellows::exec
