#pragma once

#include "cli/cli_output.h"
#include "review/identity.h"

#include <QString>

namespace bellows::cli {

struct RollbackCommandOptions {
    QString planPath;
    QString conninfo;
    bool yes = false;
    // --as NAME [--as-email E]: who rolls back, recorded in the ledger run. Empty:
    // review::defaultExecutor() ($BELLOWS_AS, git, $USER).
    review::Identity executor;
};

// bellows-cli rollback PLAN.json --db CONN [--yes] [--as NAME [--as-email E]]: runs the rollback
// SQL of the plan's done, reversible steps, newest first. Exit 0 when done; 1 on an error; 2 when
// refused (past contract, an irreversible step, another runner, not confirmed, nothing to roll
// back).
int runRollback(const RollbackCommandOptions& options, const Output& output);

} // namespace bellows::cli
