#pragma once

#include "cli/cli_output.h"
#include "exec/run_options.h"
#include "review/identity.h"

#include <QString>

namespace bellows::cli {

struct ApplyCommandOptions {
    QString planPath;        // PLAN.json
    QString conninfo;        // --db
    bool yes = false;        // --yes: no confirmation prompt
    QString gates;           // --gates auto|ask (default ask)
    QString through;         // --through PHASE
    QString step;            // --step ID
    QString redo;            // --redo ID: run this done step again (confirmed like apply itself)
    bool outOfOrder = false; // --out-of-order: --step may run before its dependencies/gates
    QString reason;          // --reason TEXT: why (redo, out of order), recorded with the executor
    exec::RetryPolicy retry; // --max-attempts, --retry-seconds
    exec::BackfillTuning backfill; // --batch-ms, --pause-ms, --duty-cycle, ...
    // --as NAME [--as-email E]: who runs the plan, recorded in the ledger and checked against
    // the plan's review policy. Empty: review::defaultExecutor() ($BELLOWS_AS, git, $USER).
    review::Identity executor;
    // --allowed-signers FILE for a policy that requires signed approvals. Empty: the runner
    // falls back to $BELLOWS_ALLOWED_SIGNERS.
    QString allowedSigners;
    // --sign-key KEY: the executor's SSH key, for a policy that requires signatures (the run is
    // signed too). Empty: $BELLOWS_SIGNING_KEY.
    QString signingKey;
};

// bellows-cli apply PLAN.json --db CONN [--yes] [--gates auto|ask] [--through PHASE] [--step ID]
// [--out-of-order] [--redo ID] [--reason TEXT] [--as NAME [--as-email E]] [--allowed-signers FILE]
// [retry and backfill tuning]. Exit 0 when every selected step ran (or was already done, or there
// was nothing to do); 1 on an error (a failed step: earlier steps stay applied and a re-run
// continues) or a cancel (Ctrl-C); 2 on a refusal (no --yes without a terminal, declined prompt,
// blocking findings, drift, another runner, a gate not passed, a --step whose
// dependencies or gates are not done without --out-of-order, a redo that cannot run twice).
int runApply(const ApplyCommandOptions& options, const Output& output);

} // namespace bellows::cli
