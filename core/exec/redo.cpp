#include "exec/redo.h"

#include "lint/statement_class.h"
#include "sql/quote.h"

#include <QSet>

namespace bellows::exec {

QString redoRefusal(const plan::Step& step)
{
    if (step.backfill)
        return {};
    const std::vector<lint::StatementClass> statements = lint::classifyStatements(step.sql);
    for (const lint::StatementClass& s : statements)
        if (!s.rerunnable)
            return QStringLiteral("step %1 (%2) cannot run twice safely: \"%3\" would fail or "
                                  "change the database again. Only a backfill, or a step whose "
                                  "every statement is safe to repeat (VALIDATE CONSTRAINT, IF NOT "
                                  "EXISTS, …), can be redone; roll back instead, or plan again.")
                .arg(step.id, step.title, s.text.simplified().left(120));
    return {};
}

QStringList backfillsChecked(const plan::Plan& plan, const plan::Step& step)
{
    QStringList out;
    QSet<QString> seen;
    QStringList queue = step.dependsOn;
    while (!queue.isEmpty()) {
        const QString id = queue.takeFirst();
        if (seen.contains(id))
            continue;
        seen.insert(id);
        const plan::Step* s = plan.step(id);
        if (!s)
            continue;
        if (s->backfill)
            out << id;
        else
            queue << s->dependsOn;
    }
    if (!out.isEmpty())
        return out;
    QSet<QString> relations;
    for (const plan::Lock& l : step.locks)
        relations.insert(l.relation);
    for (const plan::Step& s : plan.steps)
        if (s.backfill && relations.contains(sql::qualified(s.backfill->schema, s.backfill->table)))
            out << s.id;
    return out;
}

QString redoHint(const plan::Plan& plan, const plan::Step& step, const Error& error)
{
    // check_violation, not_null_violation of a step checking rows: rows the backfill should
    // have fixed (a backfill's own failure is no reason to redo it).
    if (step.backfill)
        return {};
    if (error.sqlState != QLatin1String("23514") && error.sqlState != QLatin1String("23502"))
        return {};
    const QStringList backfills = backfillsChecked(plan, step);
    if (backfills.isEmpty())
        return {};
    QStringList commands;
    for (const QString& id : backfills)
        commands << QStringLiteral("bellows-cli apply PLAN.json --redo %1 --reason \"…\"").arg(id);
    return QStringLiteral("rows still need the backfill (written after it ran, e.g. by an app "
                          "version without the sync trigger): re-run it with %1; apply then "
                          "runs this step again")
        .arg(commands.join(QStringLiteral(" and ")));
}

} // namespace bellows::exec
