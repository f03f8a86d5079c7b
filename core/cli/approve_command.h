#pragma once

#include "cli/cli_output.h"

#include <QString>

namespace bellows::cli {

struct ApproveCommandOptions {
    QString planPath;            // PLAN.json (rewritten with the approval)
    QString step;                // --step ID
    QString phase;               // --phase P
    bool all = false;            // --all: every step of the plan
    QString name;                // --as NAME (default: git config user.name, $USER)
    QString email;               // --email E (default: git config user.email when --as is absent)
    QString role;                // --role author|reviewer|dba|releaser (default reviewer)
    QString comment;             // --comment TEXT
    bool requestChanges = false; // --request-changes
    QString signKey;             // --sign KEYFILE: SSH signature (ssh-keygen -Y sign)
};

// bellows-cli approve PLAN.json (--step ID | --phase P | --all) [--as NAME] [--email E]
// [--role R] [--comment TEXT] [--request-changes] [--sign KEYFILE]: records the approval (bound
// to the SHA-256 of the SQL and rollback SQL of the steps it covers) in the plan file. Exit 0;
// 1 on an error; 2 when refused (the plan's author approving their own plan).
int runApprove(const ApproveCommandOptions& options, const Output& output);

} // namespace bellows::cli
