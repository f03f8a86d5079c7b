#pragma once

#include "cli/cli_output.h"

#include <QString>

namespace bellows::cli {

struct StatusCommandOptions {
    QString conninfo; // --db
    QString planPath; // --plan PLAN.json: adds the next step and totals
    bool json = false;
};

// bellows-cli status --db CONN [--plan PLAN.json] [--json]: the ledger's account of the plans
// run against a database. Read-only. Exit 0, or 1 when the database cannot be read.
int runStatus(const StatusCommandOptions& options, const Output& output);

} // namespace bellows::cli
