#pragma once

#include "cli/cli_output.h"

#include <QString>

namespace bellows::cli {

struct ApplyCommandOptions {
    QString planPath; // PLAN.json
    QString conninfo; // --db
    bool yes = false; // --yes: no confirmation prompt
    QString gates;    // --gates auto|ask (default ask)
    QString through;  // --through PHASE
    QString step;     // --step ID
};

// bellows-cli apply PLAN.json --db CONN [--yes] [--gates auto|ask] [--through PHASE] [--step ID]
// Exit 0 when every selected step ran; 1 on an error (a failed step: earlier steps stay
// applied); 2 on a refusal (no --yes without a terminal, declined prompt, blocking findings,
// schema drift, a gate not passed).
int runApply(const ApplyCommandOptions& options, const Output& output);

} // namespace bellows::cli
