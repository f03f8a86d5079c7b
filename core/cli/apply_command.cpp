#include "cli/apply_command.h"

#include "exec/runner.h"
#include "plan/plan_file.h"
#include "plan/plan_render.h"
#include "pq/conninfo.h"

#include <QTextStream>

#include <cstdio>
#include <unistd.h>

namespace bellows::cli {

namespace {

bool stdinIsTerminal()
{
    return isatty(fileno(stdin)) != 0;
}

// One line from the terminal; true only for an explicit yes.
bool askYes(const Output& output, const QString& question)
{
    output.out << question << " [y/N] " << Qt::flush;
    static QTextStream in(stdin); // one stream: a second one would lose buffered input
    const QString answer = in.readLine().trimmed().toLower();
    return answer == QLatin1String("y") || answer == QLatin1String("yes");
}

} // namespace

int runApply(const ApplyCommandOptions& options, const Output& output)
{
    auto loaded = plan::loadPlan(options.planPath);
    if (!loaded) {
        output.error(loaded.error().toString());
        return ExitError;
    }
    const plan::Plan& plan = *loaded;

    exec::ApplyOptions applyOptions;
    if (!options.through.isEmpty()) {
        bool ok = false;
        applyOptions.through = plan::phaseFromString(options.through, &ok);
        if (!ok) {
            output.error(QStringLiteral("unknown phase \"%1\" (use expand, backfill, verify, "
                                        "tighten or contract)")
                             .arg(options.through));
            return ExitError;
        }
    }
    if (!options.gates.isEmpty() && options.gates != QLatin1String("auto") &&
        options.gates != QLatin1String("ask")) {
        output.error(QStringLiteral("--gates takes auto or ask, not \"%1\"").arg(options.gates));
        return ExitError;
    }
    applyOptions.onlyStep = options.step;
    applyOptions.autoGates = options.gates == QLatin1String("auto");

    if (plan.hasBlockingFindings()) {
        output.out << plan::renderText(plan) << Qt::flush;
        output.error(QStringLiteral("refusing to apply: the plan has blocking findings (above); "
                                    "resolve them and plan again"));
        return ExitDifferences;
    }
    if (!options.step.isEmpty() && !plan.step(options.step)) {
        output.error(QStringLiteral("the plan has no step \"%1\"").arg(options.step));
        return ExitError;
    }

    // Only the runner writes, and only after a confirmation (DESIGN.md decision 3).
    if (!options.yes) {
        if (!stdinIsTerminal()) {
            output.error(QStringLiteral("apply writes to the database: pass --yes or run it in "
                                        "a terminal"));
            return ExitDifferences;
        }
        output.out << plan::renderText(plan) << '\n';
        const QString what =
            options.step.isEmpty()
                ? QStringLiteral("the plan%1")
                      .arg(options.through.isEmpty()
                               ? QString()
                               : QStringLiteral(" through %1").arg(options.through))
                : QStringLiteral("step %1").arg(options.step);
        if (!askYes(output, QStringLiteral("Apply %1 to %2?")
                                .arg(what, pq::describeConninfo(options.conninfo)))) {
            output.error(QStringLiteral("not confirmed: nothing was applied"));
            return ExitDifferences;
        }
    }

    applyOptions.confirmGate = [&](const plan::Gate& gate) {
        output.out << "\n=== GATE: " << gate.title << " ===\n";
        if (!gate.instructions.isEmpty())
            output.out << gate.instructions.trimmed() << '\n';
        for (const QString& item : gate.checklist)
            output.out << "  [ ] " << item << '\n';
        output.out.flush();
        if (!stdinIsTerminal()) {
            output.warning(QStringLiteral("the gate needs a person's confirmation and stdin is "
                                          "not a terminal (use --gates auto to pass gates "
                                          "without asking)"));
            return false;
        }
        return askYes(output, QStringLiteral("Is this done? Go on"));
    };
    applyOptions.progress = [&](const QString& text) {
        output.err << "bellows-cli: " << text << '\n' << Qt::flush;
    };

    auto report = exec::applyPlan(plan, options.conninfo, applyOptions);
    if (!report) {
        output.error(report.error().toString());
        return ExitError;
    }
    switch (report->outcome) {
    case exec::ApplyReport::Outcome::Refused:
        output.error(QStringLiteral("refusing to apply: %1").arg(report->message));
        return ExitDifferences;
    case exec::ApplyReport::Outcome::StoppedAtGate:
        output.error(report->message);
        return ExitDifferences;
    case exec::ApplyReport::Outcome::Completed:
        break;
    }
    output.out << QStringLiteral("applied %1 step(s)").arg(report->stepsRun.size());
    if (report->rowsBackfilled > 0)
        output.out << QStringLiteral(", %1 row(s) backfilled").arg(report->rowsBackfilled);
    output.out << '\n' << Qt::flush;
    return ExitOk;
}

} // namespace bellows::cli
