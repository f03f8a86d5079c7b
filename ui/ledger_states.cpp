#include "ledger_states.h"

#include "plan/plan_render.h"
#include "plan_model.h"

#include <QLocale>

namespace bellows::ui {

namespace {

RunState stateOf(const exec::StepRecord& record)
{
    if (record.status == QLatin1String("done"))
        return RunState::Done;
    if (record.status == QLatin1String("failed"))
        return RunState::Failed;
    if (record.status == QLatin1String("cancelled"))
        return RunState::Cancelled;
    if (record.status == QLatin1String("running"))
        return RunState::Running;
    return RunState::NotRun; // rolled_back: it starts over
}

} // namespace

QString ledgerDetail(const exec::StepRecord& record)
{
    const QLocale locale = QLocale::system();
    const QDateTime when = record.finishedAt.isValid() ? record.finishedAt : record.startedAt;
    QStringList parts{record.status == QLatin1String("running")
                          ? QStringLiteral("running in another session")
                          : QString(record.status).replace(QLatin1Char('_'), QLatin1Char(' '))};
    if (when.isValid())
        parts << locale.toString(when.toLocalTime(), QLocale::ShortFormat);
    if (record.startedAt.isValid() && record.finishedAt.isValid())
        parts << plan::formatDuration(double(record.startedAt.msecsTo(record.finishedAt)) / 1000.0);
    parts << QStringLiteral("run %1").arg(record.runId);
    QString line = parts.join(QStringLiteral(", "));
    if (!record.error.isEmpty())
        line += QStringLiteral(": ") + record.error;
    return line;
}

void showLedgerRecords(PlanModel& model, const std::map<QString, exec::StepRecord>& records)
{
    for (const plan::Step& step : model.plan().steps) {
        const auto it = records.find(step.id);
        if (it == records.end()) {
            // This window's own run, not in the ledger yet.
            if (model.runState(step.id) != RunState::Running &&
                model.runState(step.id) != RunState::Waiting)
                model.setRunState(step.id, RunState::NotRun);
            continue;
        }
        model.setRunState(step.id, stateOf(it->second), -1, ledgerDetail(it->second));
    }
}

} // namespace bellows::ui
