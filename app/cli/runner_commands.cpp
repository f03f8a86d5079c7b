#include "runner_commands.h"

#include "cli/apply_command.h"
#include "cli/rollback_command.h"
#include "cli/status_command.h"
#include "command_parsing.h"

#include <QCommandLineParser>

namespace bellows::app {

namespace {

void addTuningOptions(QCommandLineParser& parser)
{
    const exec::RetryPolicy retry;
    const exec::BackfillTuning tuning;
    auto add = [&](const char* name, const QString& help, const char* value) {
        parser.addOption({QLatin1String(name), help, QLatin1String(value)});
    };
    add("max-attempts",
        QStringLiteral("Attempts of a step whose lock is not granted in time (default %1).")
            .arg(retry.maxAttempts),
        "N");
    add("retry-seconds",
        QStringLiteral("Give up retrying a step's lock after this long (default %1).")
            .arg(retry.maxSeconds),
        "S");
    add("batch-ms",
        QStringLiteral("Backfill: target duration of one batch; the batch size adapts (default "
                       "%1, at most 1000).")
            .arg(tuning.targetBatchMs),
        "MS");
    add("pause-ms", QStringLiteral("Backfill: pause after every batch (default 0)."), "MS");
    add("duty-cycle",
        QStringLiteral("Backfill: share of time spent in batches, e.g. 0.5 pauses as long as "
                       "each batch took (default 1)."),
        "D");
    add("max-rows-per-second", QStringLiteral("Backfill: cap on rows looked at per second."), "N");
    add("batch-lock-timeout",
        QStringLiteral("Backfill: lock_timeout of each batch in ms; a batch that waits longer for "
                       "a row lock is retried with backoff (default %1).")
            .arg(tuning.lockTimeoutMs),
        "MS");
    add("max-replica-lag",
        QStringLiteral("Backfill: pause while a replica lags more than this (default %1 s; 0 "
                       "ignores replicas).")
            .arg(tuning.maxReplicaLagSeconds),
        "S");
}

bool readTuningOptions(const QCommandLineParser& parser, cli::ApplyCommandOptions& options,
                       const cli::Output& output)
{
    double attempts = options.retry.maxAttempts;
    double retrySeconds = options.retry.maxSeconds;
    double batchMs = options.backfill.targetBatchMs;
    double pauseMs = options.backfill.pauseMs;
    double batchLockMs = options.backfill.lockTimeoutMs;
    if (!numberOption(parser, QStringLiteral("max-attempts"), 1, 1000, &attempts, output) ||
        !numberOption(parser, QStringLiteral("retry-seconds"), 0, 86400, &retrySeconds, output) ||
        !numberOption(parser, QStringLiteral("batch-ms"), 10, 1000, &batchMs, output) ||
        !numberOption(parser, QStringLiteral("pause-ms"), 0, 600000, &pauseMs, output) ||
        !numberOption(parser, QStringLiteral("batch-lock-timeout"), 1, 60000, &batchLockMs,
                      output) ||
        !numberOption(parser, QStringLiteral("duty-cycle"), 0.01, 1, &options.backfill.dutyCycle,
                      output) ||
        !numberOption(parser, QStringLiteral("max-rows-per-second"), 0, 1e9,
                      &options.backfill.maxRowsPerSecond, output) ||
        !numberOption(parser, QStringLiteral("max-replica-lag"), 0, 86400,
                      &options.backfill.maxReplicaLagSeconds, output))
        return false;
    options.retry.maxAttempts = int(attempts);
    options.retry.maxSeconds = int(retrySeconds);
    options.backfill.targetBatchMs = int(batchMs);
    options.backfill.pauseMs = int(pauseMs);
    options.backfill.lockTimeoutMs = int(batchLockMs);
    return true;
}

// --as NAME [--as-email E], for apply and rollback.
void addExecutorOptions(QCommandLineParser& parser, const QString& asHelp)
{
    parser.addOption({QStringLiteral("as"), asHelp, QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("as-email"), QStringLiteral("The runner's e-mail, with --as."),
                      QStringLiteral("E")});
}

// Left empty without --as: the command then uses review::defaultExecutor().
bool readExecutor(const QCommandLineParser& parser, review::Identity* executor,
                  const cli::Output& output)
{
    const bool hasName = parser.isSet(QStringLiteral("as"));
    if (parser.isSet(QStringLiteral("as-email")) && !hasName) {
        output.error(QStringLiteral("--as-email goes with --as NAME"));
        return false;
    }
    if (!hasName)
        return true;
    executor->name = parser.value(QStringLiteral("as")).trimmed();
    executor->email = parser.value(QStringLiteral("as-email")).trimmed();
    if (executor->name.isEmpty()) {
        output.error(QStringLiteral("--as needs a name"));
        return false;
    }
    return true;
}

} // namespace

int applyCommand(const QStringList& args, const cli::Output& output)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Run a plan's steps on the database, recorded in its ledger (schema \"bellows\"). Steps "
        "already done are skipped and a backfill resumes from its checkpoint, so running it "
        "again continues where it stopped, also after kill -9. --redo runs a done step again (a "
        "backfill, or a step safe to repeat). Asks for confirmation unless --yes; Ctrl-C cancels "
        "cleanly. A plan without steps has nothing to do (exit 0). Exit 2 when refused (not "
        "confirmed, blocking findings, drift, another runner, a gate not passed, a step the "
        "plan's review policy does not allow, a redo of a step that cannot run twice)."));
    parser.addPositionalArgument(QStringLiteral("PLAN.json"),
                                 QStringLiteral("The plan file bellows-cli plan -o wrote."));
    parser.addOption(dbOption());
    parser.addOption(
        {QStringLiteral("yes"), QStringLiteral("Apply without asking (needed when stdin is not a "
                                               "terminal).")});
    parser.addOption({QStringLiteral("gates"),
                      QStringLiteral("auto: pass gates with a notice; ask: ask at each gate "
                                     "(default)."),
                      QStringLiteral("auto|ask")});
    parser.addOption({QStringLiteral("through"),
                      QStringLiteral("Stop after this phase (expand, backfill, verify, tighten, "
                                     "contract)."),
                      QStringLiteral("PHASE")});
    parser.addOption(
        {QStringLiteral("step"), QStringLiteral("Run only this step."), QStringLiteral("ID")});
    parser.addOption({QStringLiteral("out-of-order"),
                      QStringLiteral("With --step: run it although a step it depends on is not "
                                     "done or a gate before it is not passed (refused "
                                     "otherwise). Asks first unless --yes; the reason is "
                                     "recorded in the ledger.")});
    parser.addOption({QStringLiteral("redo"),
                      QStringLiteral("Run this step again although the ledger records it done: "
                                     "a backfill (it walks the whole table again), or a step "
                                     "whose every statement is safe to repeat (VALIDATE, IF NOT "
                                     "EXISTS, ...). Asks first unless --yes; the rest of the "
                                     "plan then runs as usual."),
                      QStringLiteral("ID")});
    parser.addOption({QStringLiteral("reason"),
                      QStringLiteral("Why the --redo step runs again or the --out-of-order step "
                                     "runs early, recorded in the ledger with who ran it (asked "
                                     "for at a terminal; required with --yes)."),
                      QStringLiteral("TEXT")});
    addExecutorOptions(parser, QStringLiteral("Who runs the plan, recorded in the ledger and "
                                              "checked against the plan's review policy "
                                              "(default: $BELLOWS_AS, git config user.name, "
                                              "$USER)."));
    parser.addOption({QStringLiteral("allowed-signers"),
                      QStringLiteral("allowed_signers file for a policy that requires signed "
                                     "approvals (default: $BELLOWS_ALLOWED_SIGNERS)."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("sign-key"),
                      QStringLiteral("Your SSH key: a plan whose policy requires signed approvals "
                                     "needs a signed run too, verified for your --as-email in "
                                     "the allowed signers file (default: "
                                     "$BELLOWS_SIGNING_KEY)."),
                      QStringLiteral("KEY")});
    addTuningOptions(parser);
    if (!parse(parser, args, output, 1))
        return parser.isSet(QStringLiteral("help")) ? cli::ExitOk : cli::ExitError;

    cli::ApplyCommandOptions options;
    options.signingKey = parser.value(QStringLiteral("sign-key"));
    if (!readExecutor(parser, &options.executor, output))
        return cli::ExitError;
    options.allowedSigners = parser.value(QStringLiteral("allowed-signers"));
    options.planPath = parser.positionalArguments().value(0);
    options.conninfo = parser.value(QStringLiteral("db"));
    options.yes = parser.isSet(QStringLiteral("yes"));
    options.gates = parser.value(QStringLiteral("gates"));
    options.through = parser.value(QStringLiteral("through"));
    options.step = parser.value(QStringLiteral("step"));
    options.redo = parser.value(QStringLiteral("redo"));
    options.reason = parser.value(QStringLiteral("reason"));
    options.outOfOrder = parser.isSet(QStringLiteral("out-of-order"));
    if (options.planPath.isEmpty()) {
        output.error(QStringLiteral("apply needs the plan file: bellows-cli apply PLAN.json "
                                    "--db CONN"));
        return cli::ExitError;
    }
    if (options.conninfo.isEmpty()) {
        output.error(QStringLiteral("apply needs --db CONN"));
        return cli::ExitError;
    }
    if (!options.step.isEmpty() && !options.through.isEmpty()) {
        output.error(QStringLiteral("--step and --through exclude each other"));
        return cli::ExitError;
    }
    if (options.outOfOrder && options.step.isEmpty()) {
        output.error(QStringLiteral("--out-of-order goes with --step ID"));
        return cli::ExitError;
    }
    if (options.outOfOrder && !options.redo.isEmpty()) {
        output.error(QStringLiteral("--out-of-order and --redo exclude each other"));
        return cli::ExitError;
    }
    if (!options.reason.isEmpty() && options.redo.isEmpty() && !options.outOfOrder) {
        output.error(QStringLiteral("--reason goes with --redo ID or --out-of-order"));
        return cli::ExitError;
    }
    if (!readTuningOptions(parser, options, output))
        return cli::ExitError;
    return cli::runApply(options, output);
}

int statusCommand(const QStringList& args, const cli::Output& output)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Show what the ledger (schema \"bellows\") records for a database: plans run against "
        "it, the phase reached, the step a runner is on and its backfill progress, failed "
        "steps, recent runs. Read-only."));
    parser.addOption(dbOption());
    parser.addOption({QStringLiteral("plan"),
                      QStringLiteral("A plan file: also show its next step and totals."),
                      QStringLiteral("PLAN.json")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print the status as JSON.")});
    if (!parse(parser, args, output))
        return parser.isSet(QStringLiteral("help")) ? cli::ExitOk : cli::ExitError;
    if (!parser.isSet(QStringLiteral("db"))) {
        output.error(QStringLiteral("status needs --db CONN"));
        return cli::ExitError;
    }
    return cli::runStatus({parser.value(QStringLiteral("db")), parser.value(QStringLiteral("plan")),
                           parser.isSet(QStringLiteral("json"))},
                          output);
}

int rollbackCommand(const QStringList& args, const cli::Output& output)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Undo the done steps of a plan: their rollback SQL, newest first. Refused once a "
        "contract step ran, or when a done step is irreversible. Exit 2 when refused."));
    parser.addPositionalArgument(QStringLiteral("PLAN.json"), QStringLiteral("The plan file."));
    parser.addOption(dbOption());
    parser.addOption({QStringLiteral("yes"), QStringLiteral("Roll back without asking.")});
    addExecutorOptions(parser, QStringLiteral("Who rolls back, recorded in the ledger (default: "
                                              "$BELLOWS_AS, git config user.name, $USER)."));
    if (!parse(parser, args, output, 1))
        return parser.isSet(QStringLiteral("help")) ? cli::ExitOk : cli::ExitError;
    cli::RollbackCommandOptions options;
    if (!readExecutor(parser, &options.executor, output))
        return cli::ExitError;
    options.planPath = parser.positionalArguments().value(0);
    options.conninfo = parser.value(QStringLiteral("db"));
    options.yes = parser.isSet(QStringLiteral("yes"));
    if (options.planPath.isEmpty() || options.conninfo.isEmpty()) {
        output.error(QStringLiteral("usage: bellows-cli rollback PLAN.json --db CONN [--yes] "
                                    "[--as NAME [--as-email E]]"));
        return cli::ExitError;
    }
    return cli::runRollback(options, output);
}

} // namespace bellows::app
