#include "cli/apply_command.h"

#include "cli/terminal_prompt.h"
#include "exec/runner.h"
#include "plan/plan_file.h"
#include "plan/plan_render.h"
#include "pq/conninfo.h"

#include <QElapsedTimer>

#include <atomic>
#include <chrono>
#include <csignal>
#include <thread>

namespace bellows::cli {

namespace {

std::atomic_bool g_interrupted{false};

extern "C" void onInterrupt(int)
{
    g_interrupted = true;
}

// Ctrl-C cancels the run cleanly (the running statement too) instead of killing the process:
// the step is recorded as cancelled and the next apply continues.
class InterruptWatch {
public:
    explicit InterruptWatch(exec::Runner& runner)
    {
        g_interrupted = false;
        m_previousInt = std::signal(SIGINT, onInterrupt);
        m_previousTerm = std::signal(SIGTERM, onInterrupt);
        m_thread = std::thread([this, &runner] {
            while (!m_stop.load()) {
                if (g_interrupted.exchange(false))
                    runner.cancel();
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
            }
        });
    }
    ~InterruptWatch()
    {
        m_stop = true;
        m_thread.join();
        std::signal(SIGINT, m_previousInt);
        std::signal(SIGTERM, m_previousTerm);
    }
    InterruptWatch(const InterruptWatch&) = delete;
    InterruptWatch& operator=(const InterruptWatch&) = delete;

private:
    std::atomic_bool m_stop{false};
    std::thread m_thread;
    void (*m_previousInt)(int) = nullptr;
    void (*m_previousTerm)(int) = nullptr;
};

QString duration(double seconds)
{
    if (seconds < 0)
        return QStringLiteral("?");
    if (seconds < 90)
        return QStringLiteral("%1 s").arg(qRound(seconds));
    return QStringLiteral("%1 min").arg(seconds / 60, 0, 'f', 1);
}

QString backfillLine(const exec::BackfillProgress& b)
{
    QString line = QStringLiteral("  backfill: %1 row(s) looked at").arg(b.scanned);
    if (b.estimatedTotal > 0)
        line += QStringLiteral(" of about %1 (%2 %)")
                    .arg(b.estimatedTotal)
                    .arg(std::min<qint64>(100, b.scanned * 100 / b.estimatedTotal));
    line += QStringLiteral(", %1 updated, %2 rows/s, batch %3 of %4 rows, ETA %5")
                .arg(b.updated)
                .arg(qRound64(b.rowsPerSecond))
                .arg(b.batches)
                .arg(b.batchRows)
                .arg(duration(b.etaSeconds));
    return line;
}

// apply --redo / --out-of-order: the runner leaves its safe path only when a person says so,
// and why (the reason and the executor go into the ledger). --yes stands for the confirmation;
// the reason is then required. Returns the reason, empty when not confirmed.
QString confirmDeliberately(const ApplyCommandOptions& options, const QString& flag,
                            const QString& question, const Output& output)
{
    QString reason = options.reason.trimmed();
    if (options.yes) {
        if (reason.isEmpty())
            output.error(
                QStringLiteral("%1 needs --reason TEXT: why is recorded in the ledger").arg(flag));
        return reason;
    }
    if (!askYes(output, question)) {
        output.error(QStringLiteral("%1 not confirmed: nothing was applied").arg(flag));
        return {};
    }
    for (int asked = 0; reason.isEmpty() && asked < 3; ++asked)
        reason = askLine(output, QStringLiteral("Why (recorded in the ledger)?"));
    if (reason.isEmpty())
        output.error(QStringLiteral("%1 needs a reason: nothing was applied").arg(flag));
    return reason;
}

bool confirmRedo(const ApplyCommandOptions& options, const plan::Step& step,
                 exec::ApplyOptions& applyOptions, const Output& output)
{
    applyOptions.redoReason = confirmDeliberately(
        options, QStringLiteral("--redo %1").arg(step.id),
        QStringLiteral("Run step %1 (%2) again although the ledger records it done?")
            .arg(step.id, step.title),
        output);
    return !applyOptions.redoReason.isEmpty();
}

bool confirmOutOfOrder(const ApplyCommandOptions& options, const plan::Step& step,
                       exec::ApplyOptions& applyOptions, const Output& output)
{
    applyOptions.outOfOrder = true;
    applyOptions.outOfOrderReason = confirmDeliberately(
        options, QStringLiteral("--out-of-order"),
        QStringLiteral("Run step %1 (%2) even if a step it depends on is not done or a gate "
                       "before it is not passed?")
            .arg(step.id, step.title),
        output);
    return !applyOptions.outOfOrderReason.isEmpty();
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
    applyOptions.redoStep = options.redo;
    applyOptions.redoReason = options.reason;
    applyOptions.autoGates = options.gates == QLatin1String("auto");
    applyOptions.retry = options.retry;
    applyOptions.backfill = options.backfill;
    applyOptions.executor =
        options.executor.isEmpty() ? review::defaultExecutor() : options.executor;
    applyOptions.allowedSigners = options.allowedSigners;
    applyOptions.signingKey = options.signingKey;

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
    if (!options.redo.isEmpty() && !plan.step(options.redo)) {
        output.error(QStringLiteral("the plan has no step \"%1\" to redo").arg(options.redo));
        return ExitError;
    }
    if (plan.steps.empty()) {
        output.out << "nothing to do: the plan has no steps\n" << Qt::flush;
        return ExitOk;
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
    if (!options.redo.isEmpty() &&
        !confirmRedo(options, *plan.step(options.redo), applyOptions, output))
        return ExitDifferences;
    if (options.outOfOrder &&
        !confirmOutOfOrder(options, *plan.step(options.step), applyOptions, output))
        return ExitDifferences;

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
    // At most one backfill line a second, and the last one.
    QElapsedTimer sinceLine;
    applyOptions.stepProgress = [&](const exec::RunProgress& p) {
        if (p.state != exec::RunProgress::State::Backfilling || !p.backfill)
            return;
        if (sinceLine.isValid() && sinceLine.elapsed() < 1000)
            return;
        sinceLine.start();
        output.err << "bellows-cli: " << backfillLine(*p.backfill) << '\n' << Qt::flush;
    };

    exec::Runner runner(plan, options.conninfo, applyOptions);
    auto report = [&] {
        InterruptWatch watch(runner);
        return runner.run();
    }();
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
    if (report->stepsRun.isEmpty() && report->stepsSkipped.isEmpty()) {
        output.out << report->message << '\n' << Qt::flush;
        return ExitOk;
    }
    output.out << QStringLiteral("applied %1 step(s)").arg(report->stepsRun.size());
    if (!report->stepsSkipped.isEmpty())
        output.out << QStringLiteral(", %1 already done").arg(report->stepsSkipped.size());
    if (report->rowsBackfilled > 0)
        output.out << QStringLiteral(", %1 row(s) backfilled").arg(report->rowsBackfilled);
    output.out << '\n' << Qt::flush;
    return ExitOk;
}

} // namespace bellows::cli
