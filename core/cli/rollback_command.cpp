#include "cli/rollback_command.h"

#include "cli/terminal_prompt.h"
#include "exec/rollback.h"
#include "plan/plan_file.h"
#include "pq/conninfo.h"

namespace bellows::cli {

int runRollback(const RollbackCommandOptions& options, const Output& output)
{
    auto plan = plan::loadPlan(options.planPath);
    if (!plan) {
        output.error(plan.error().toString());
        return ExitError;
    }
    if (!options.yes) {
        if (!stdinIsTerminal()) {
            output.error(QStringLiteral("rollback writes to the database: pass --yes or run it in "
                                        "a terminal"));
            return ExitDifferences;
        }
        if (!askYes(output, QStringLiteral("Roll back the done steps of plan %1 on %2?")
                                .arg(plan->id, pq::describeConninfo(options.conninfo)))) {
            output.error(QStringLiteral("not confirmed: nothing was rolled back"));
            return ExitDifferences;
        }
    }
    const review::Identity executor =
        options.executor.isEmpty() ? review::defaultExecutor() : options.executor;
    auto report = exec::rollbackPlan(*plan, options.conninfo, executor, [&](const QString& text) {
        output.err << "bellows-cli: " << text << '\n' << Qt::flush;
    });
    if (!report) {
        output.error(report.error().toString());
        return ExitError;
    }
    if (report->refused) {
        output.error(QStringLiteral("refusing to roll back: %1").arg(report->message));
        return ExitDifferences;
    }
    output.out << QStringLiteral("rolled back %1 step(s): %2\n")
                      .arg(report->stepsRolledBack.size())
                      .arg(report->stepsRolledBack.join(QStringLiteral(", ")))
               << Qt::flush;
    return ExitOk;
}

} // namespace bellows::cli
