#pragma once

#include "cli/cli_output.h"

#include <QString>
#include <QStringList>

namespace bellows::cli {

struct ReviewCommandOptions {
    QString planPath;
    QString allowedSigners; // --allowed-signers FILE: verify signed approvals
    bool json = false;      // --json
    QString executorName;   // --as NAME: check separation of duties for this runner
    QString executorEmail;  // --as-email E
    // Setting the policy (any of these rewrites the plan file's policy):
    QStringList require;            // --require PHASE=N (PHASE may be "default")
    bool requireSignatures = false; // --require-signatures
    bool allowAuthor = false;       // --allow-author-approval
    bool allowSoleExecutor = false; // --allow-sole-executor
    bool clearPolicy = false;       // --clear-policy
    QString authorName;             // --author NAME (default: recorded author, else git user)
    QString authorEmail;            // --author-email E
};

// bellows-cli review PLAN.json [policy options] [--allowed-signers FILE] [--as NAME] [--json]:
// sets the policy when asked, then shows what is approved, missing, invalidated (edited since
// approved) and the signatures' status. Exit 0 when every step may run and every signature
// checked verifies; 2 when something required is missing or a signature is invalid; 1 on an
// error.
int runReview(const ReviewCommandOptions& options, const Output& output);

} // namespace bellows::cli
