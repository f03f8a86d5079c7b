#include "review_arguments.h"

#include "cli/approve_command.h"
#include "cli/review_command.h"
#include "command_parsing.h"

#include <QCommandLineParser>

namespace bellows::app {

int approveCommand(const QStringList& args, const cli::Output& output)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Approve (or request changes to) steps of a plan: the approval is written into the plan "
        "file, bound to the SHA-256 of each step's SQL and rollback SQL as it is now, so editing "
        "a step afterwards invalidates it. Exit 2 when refused (the plan's author cannot approve "
        "their own plan)."));
    parser.addPositionalArgument(QStringLiteral("PLAN.json"), QStringLiteral("The plan file."));
    parser.addOption(
        {QStringLiteral("step"), QStringLiteral("Approve this step."), QStringLiteral("ID")});
    parser.addOption({QStringLiteral("phase"),
                      QStringLiteral("Approve every step of this phase (expand, backfill, verify, "
                                     "tighten, contract)."),
                      QStringLiteral("P")});
    parser.addOption({QStringLiteral("all"), QStringLiteral("Approve every step of the plan.")});
    parser.addOption({QStringLiteral("as"),
                      QStringLiteral("The approver's name (default: git config user.name)."),
                      QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("email"),
                      QStringLiteral("The approver's e-mail (default: git config user.email, "
                                     "when --as is not given)."),
                      QStringLiteral("E")});
    parser.addOption({QStringLiteral("role"),
                      QStringLiteral("author, reviewer (default), dba or releaser."),
                      QStringLiteral("R")});
    parser.addOption({QStringLiteral("comment"), QStringLiteral("A comment kept with it."),
                      QStringLiteral("TEXT")});
    parser.addOption({QStringLiteral("request-changes"),
                      QStringLiteral("Record a request for changes instead of an approval.")});
    parser.addOption({QStringLiteral("sign"),
                      QStringLiteral("Sign the approval with this SSH key (ssh-keygen -Y sign "
                                     "-n bellows-plan)."),
                      QStringLiteral("KEYFILE")});
    if (!parse(parser, args, output, 1))
        return parser.isSet(QStringLiteral("help")) ? cli::ExitOk : cli::ExitError;
    cli::ApproveCommandOptions options;
    options.planPath = parser.positionalArguments().value(0);
    options.step = parser.value(QStringLiteral("step"));
    options.phase = parser.value(QStringLiteral("phase"));
    options.all = parser.isSet(QStringLiteral("all"));
    options.name = parser.value(QStringLiteral("as"));
    options.email = parser.value(QStringLiteral("email"));
    options.role = parser.value(QStringLiteral("role"));
    options.comment = parser.value(QStringLiteral("comment"));
    options.requestChanges = parser.isSet(QStringLiteral("request-changes"));
    options.signKey = parser.value(QStringLiteral("sign"));
    if (options.planPath.isEmpty()) {
        output.error(QStringLiteral("usage: bellows-cli approve PLAN.json (--step ID | --phase P "
                                    "| --all) [--as NAME] [--email E] [--role R] [--comment "
                                    "TEXT] [--request-changes] [--sign KEYFILE]"));
        return cli::ExitError;
    }
    return cli::runApprove(options, output);
}

int reviewCommand(const QStringList& args, const cli::Output& output)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Show a plan's review: per step what is approved, missing, or invalidated because the "
        "step was edited since (with the diff), and whether signed approvals verify. The policy "
        "options write the plan's policy first. Exit 2 when a required approval is missing or a "
        "signature does not verify."));
    parser.addPositionalArgument(QStringLiteral("PLAN.json"), QStringLiteral("The plan file."));
    parser.addOption({QStringLiteral("allowed-signers"),
                      QStringLiteral("Verify signed approvals against this allowed_signers file "
                                     "(as for git's SSH signatures)."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print the review as JSON.")});
    parser.addOption({QStringLiteral("as"),
                      QStringLiteral("Check separation of duties as if NAME ran the plan."),
                      QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("as-email"), QStringLiteral("The runner's e-mail, with --as."),
                      QStringLiteral("E")});
    parser.addOption({QStringLiteral("require"),
                      QStringLiteral("Policy: approvals required per step of PHASE (expand, "
                                     "backfill, verify, tighten, contract, or default for the "
                                     "others); repeat for each phase."),
                      QStringLiteral("PHASE=N")});
    parser.addOption({QStringLiteral("require-signatures"),
                      QStringLiteral("Policy: only signed approvals that verify count (apply "
                                     "then needs --allowed-signers).")});
    parser.addOption({QStringLiteral("allow-author-approval"),
                      QStringLiteral("Policy: the plan's author's approvals count.")});
    parser.addOption({QStringLiteral("allow-sole-executor"),
                      QStringLiteral("Policy: whoever runs a step may be its only approver.")});
    parser.addOption({QStringLiteral("clear-policy"),
                      QStringLiteral("Remove the policy: the plan runs without approvals.")});
    parser.addOption({QStringLiteral("author"),
                      QStringLiteral("Record the plan's author (default: git config user.name "
                                     "when a policy is first set)."),
                      QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("author-email"), QStringLiteral("The author's e-mail."),
                      QStringLiteral("E")});
    if (!parse(parser, args, output, 1))
        return parser.isSet(QStringLiteral("help")) ? cli::ExitOk : cli::ExitError;
    cli::ReviewCommandOptions options;
    options.planPath = parser.positionalArguments().value(0);
    options.allowedSigners = parser.value(QStringLiteral("allowed-signers"));
    options.json = parser.isSet(QStringLiteral("json"));
    options.executorName = parser.value(QStringLiteral("as"));
    options.executorEmail = parser.value(QStringLiteral("as-email"));
    options.require = parser.values(QStringLiteral("require"));
    options.requireSignatures = parser.isSet(QStringLiteral("require-signatures"));
    options.allowAuthor = parser.isSet(QStringLiteral("allow-author-approval"));
    options.allowSoleExecutor = parser.isSet(QStringLiteral("allow-sole-executor"));
    options.clearPolicy = parser.isSet(QStringLiteral("clear-policy"));
    options.authorName = parser.value(QStringLiteral("author"));
    options.authorEmail = parser.value(QStringLiteral("author-email"));
    if (options.planPath.isEmpty()) {
        output.error(QStringLiteral("usage: bellows-cli review PLAN.json [--require PHASE=N]... "
                                    "[--allowed-signers FILE] [--as NAME] [--json]"));
        return cli::ExitError;
    }
    if (options.clearPolicy && (!options.require.isEmpty() || options.requireSignatures)) {
        output.error(QStringLiteral("--clear-policy excludes the other policy options"));
        return cli::ExitError;
    }
    return cli::runReview(options, output);
}

} // namespace bellows::app
