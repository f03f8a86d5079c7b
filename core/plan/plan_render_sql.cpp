// One SQL script per phase, for people who run migrations with their own tools. Comments carry
// what the SQL cannot: gates, locks, timeouts and how a backfill is repeated.

#include "plan/plan_render.h"

#include "exec/batch_statements.h"

#include <algorithm>

namespace bellows::plan {

namespace {

QString comment(const QString& text, const QString& prefix = QStringLiteral("-- "))
{
    QString out;
    const QStringList lines = text.trimmed().split(QLatin1Char('\n'));
    for (const QString& line : lines)
        out += (line.isEmpty() ? prefix.trimmed() : prefix + line) + QLatin1Char('\n');
    return out;
}

QString terminated(const QString& sql)
{
    QString body = sql.trimmed();
    if (!body.endsWith(QLatin1Char(';')))
        body += QLatin1Char(';');
    return body + QLatin1Char('\n');
}

QString stepSql(const Step& s)
{
    QString out = QStringLiteral("-- Step %1: %2\n").arg(s.id, s.title);
    for (const Lock& l : s.locks)
        out += QStringLiteral("--   lock: %1\n").arg(describeLock(l));
    for (const Hazard& h : s.hazards)
        out += QStringLiteral("--   hazard: %1: %2\n").arg(title(h.kind), h.explanation);
    if (!s.isReversible())
        out += QStringLiteral("--   no rollback%1\n")
                   .arg(s.irreversibleReason.isEmpty()
                            ? QString()
                            : QStringLiteral(": ") + s.irreversibleReason.simplified());
    // Session-level SET: the step's own transaction (or autocommit statements) inherit it.
    out += QStringLiteral("SET lock_timeout = %1;\nSET statement_timeout = %2;\n")
               .arg(std::max(0, s.lockTimeoutMs))
               .arg(std::max(0, s.statementTimeoutMs));
    if (s.backfill) {
        const Backfill& b = *s.backfill;
        out += comment(
            QStringLiteral(
                "Backfill in batches of %1 rows, each its own transaction. Plain SQL cannot loop\n"
                "over keys of any type, so this script holds one batch: repeat it (bellows-cli "
                "apply\n"
                "does) replacing $1.. with the last key the previous batch returned (the columns\n"
                "after \"updated\"), until it returns no row. The first batch has no key "
                "condition:")
                .arg(b.batchRows));
        if (b.keyColumns.isEmpty()) {
            out += comment(QStringLiteral("The table has no primary key: batch it by hand "
                                          "(e.g. ctid ranges). The update is:"));
            out += comment(
                QStringLiteral("UPDATE %1 SET %2 WHERE %3;")
                    .arg(b.schema + QLatin1Char('.') + b.table, b.setClause, b.pendingPredicate));
        } else {
            out += terminated(exec::backfillBatchSql(b, true));
            out += comment(QStringLiteral("Every following batch:\n") +
                           exec::backfillBatchSql(b, false) + QLatin1Char(';'));
        }
        return out;
    }
    if (s.outsideTransaction) {
        out += QStringLiteral("-- Runs outside a transaction (autocommit): not inside BEGIN.\n");
        out += terminated(s.sql);
    } else {
        out += QStringLiteral("BEGIN;\n") + terminated(s.sql) + QStringLiteral("COMMIT;\n");
    }
    if (s.isReversible())
        out += comment(QStringLiteral("Rollback:\n") + terminated(s.rollbackSql));
    return out;
}

} // namespace

std::vector<SqlScript> renderSql(const Plan& plan)
{
    std::vector<SqlScript> scripts;
    int number = 0;
    for (Phase phase : allPhases()) {
        const auto steps = plan.stepsIn(phase);
        const auto gates = plan.gatesBefore(phase);
        if (steps.empty() && gates.empty())
            continue;
        SqlScript script;
        script.phase = phase;
        script.fileName =
            QStringLiteral("%1_%2.sql").arg(++number, 2, 10, QLatin1Char('0')).arg(toString(phase));
        QString& text = script.text;
        text += QStringLiteral("-- Bellows plan %1, phase %2\n").arg(plan.id, phaseTitle(phase));
        if (plan.hasBlockingFindings())
            text += QStringLiteral("-- WARNING: the plan has blocking findings; do not run it "
                                   "as it is.\n");
        text += QLatin1Char('\n');
        for (const Gate* gate : gates) {
            text += QStringLiteral("-- ===== GATE: %1 =====\n").arg(gate->title);
            if (!gate->instructions.isEmpty())
                text += comment(gate->instructions);
            for (const QString& item : gate->checklist)
                text += QStringLiteral("-- [ ] %1\n").arg(item.simplified());
            text += QStringLiteral("-- Do not run this script before the gate is passed.\n\n");
        }
        for (const Step* s : steps)
            text += stepSql(*s) + QLatin1Char('\n');
        if (steps.empty())
            text += QStringLiteral("-- (no steps in this phase)\n");
        scripts.push_back(script);
    }
    return scripts;
}

QString renderSqlConcatenated(const Plan& plan)
{
    QString out;
    if (plan.steps.empty())
        return QStringLiteral("-- Bellows plan %1: nothing to do.\n").arg(plan.id);
    for (const SqlScript& script : renderSql(plan))
        out += QStringLiteral("-- ===== %1 =====\n").arg(toString(script.phase)) + script.text +
               QLatin1Char('\n');
    return out;
}

} // namespace bellows::plan
