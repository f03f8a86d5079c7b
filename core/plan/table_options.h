#pragma once

// Storage parameters of a table (pg_class.reloptions, "key=value"): the ALTER TABLE clause that
// takes one set to another, and the lock it needs. None of them rewrites the table; most
// (fillfactor, autovacuum, toast, planner and vacuum parameters) take SHARE UPDATE EXCLUSIVE.

#include "plan/hazard.h"

#include <QString>
#include <QStringList>

namespace bellows::plan {

// "SET (fillfactor = '70'), RESET (autovacuum_enabled)"; empty when the sets are equal.
QString storageOptionsClause(const QStringList& from, const QStringList& to);

// The strongest lock any changed parameter takes.
LockMode storageOptionsLock(const QStringList& from, const QStringList& to);

} // namespace bellows::plan
