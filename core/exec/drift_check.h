#pragma once

// Drift: the database changed by someone else since the plan (or its last step) saw it. Before
// the plan's first step the whole schema must match the plan's source fingerprint; before every
// step, each relation the plan touches must be as the ledger recorded it after the last
// statement that committed. A step being resumed after a kill may have one statement whose
// effects committed without its record (exec/interrupted_statement.h): differences that
// statement explains are its own effects, not drift; any other difference still is.

#include "common/result.h"
#include "lint/statement_class.h"
#include "plan/plan.h"

#include <QStringList>

#include <atomic>
#include <map>
#include <vector>

namespace bellows::pq {
class Connection;
}

namespace bellows::exec {

// "" when the schema is the one the plan was made for; otherwise the refusal message.
Result<QString> wholeSchemaDrift(pq::Connection& conn, const plan::Plan& plan,
                                 const std::atomic_bool* cancel);

struct DriftComparison {
    QStringList drift;      // one account per relation changed by someone else
    QStringList ownEffects; // differences the interrupted statement explains
};

DriftComparison compareRelations(const QStringList& relations,
                                 const std::map<QString, QString>& recorded,
                                 const std::map<QString, QString>& now,
                                 const std::vector<lint::StatementClass>& interrupted);

} // namespace bellows::exec
