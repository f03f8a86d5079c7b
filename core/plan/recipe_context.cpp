#include "plan/recipe_context.h"

#include "plan/lock_budget.h"

#include "lint/statement_class.h"
#include "plan/durations.h"
#include "sql/quote.h"

#include <algorithm>

namespace bellows::plan {

namespace {

bool declaresStrongLock(const Step& step)
{
    return std::any_of(step.locks.begin(), step.locks.end(), [](const Lock& l) {
        return l.mode == LockMode::ShareRowExclusive || l.mode == LockMode::Exclusive ||
               l.mode == LockMode::AccessExclusive || l.mode == LockMode::Share;
    });
}

} // namespace

RecipeContext::RecipeContext(const catalog::Catalog& database, const catalog::Catalog& target,
                             const diff::ChangeSet& changes, const PlanChoices& choices,
                             const PlannerOptions& options)
    : m_database(database), m_target(target), m_changes(changes), m_choices(choices),
      m_options(options)
{
}

QString RecipeContext::targetIndexName(const QString& schema, const QString& table,
                                       const QString& liveName) const
{
    for (const diff::Change& c : m_changes.changes)
        if (c.kind == diff::ObjectKind::Index && c.action == diff::Action::Renamed &&
            c.schema == schema && c.table == table && c.renamedFrom == liveName)
            return c.name;
    return liveName;
}

const catalog::Table* RecipeContext::liveTable(const QString& schema, const QString& name) const
{
    return m_database.table(schema, name);
}

bool RecipeContext::isNewTable(const QString& schema, const QString& name) const
{
    return liveTable(schema, name) == nullptr;
}

bool RecipeContext::mayHaveRows(const QString& schema, const QString& name) const
{
    const catalog::Table* t = liveTable(schema, name);
    if (!t)
        return false;
    // reltuples is -1 when never analysed: unknown counts as non-empty.
    return t->estimatedRows != 0;
}

const Fill* RecipeContext::fillFor(const QString& schema, const QString& table,
                                   const QString& column) const
{
    const auto it =
        std::find_if(m_choices.fills.begin(), m_choices.fills.end(), [&](const Fill& f) {
            return f.schema == schema && f.table == table && f.column == column;
        });
    return it == m_choices.fills.end() ? nullptr : &*it;
}

double RecipeContext::estimateSeconds(const QString& schema, const QString& table, Work work) const
{
    const catalog::Table* t = liveTable(schema, table);
    return durations::forWork(work, t ? t->totalBytes : 0);
}

Step& RecipeContext::add(Step step)
{
    // From the parse tree of the step's SQL (lint/statement_class.h): statements that wait for
    // old transactions by design get no lock_timeout and the long statement timeout (a
    // lock_timeout would abort them and leave an INVALID index); statements taking SHARE or
    // stronger get the short lock_timeout; statements PostgreSQL refuses in a transaction block
    // make the step run outside one. The runner narrows the timeouts per statement.
    const lint::ScriptClass script = lint::classifyScript(step.sql);
    // The declared locks count too: the safe side is a short lock_timeout.
    const bool strong =
        script.takesStrongLock() || (declaresStrongLock(step) && !script.waitsForOldTransactions);
    step.outsideTransaction = step.outsideTransaction || script.outsideTransaction;
    if (script.waitsForOldTransactions) {
        step.lockTimeoutMs = strong ? m_options.lockTimeoutMs : 0;
        step.statementTimeoutMs = m_options.longStatementTimeoutMs;
    } else {
        if (step.lockTimeoutMs == 0 && strong)
            step.lockTimeoutMs = m_options.lockTimeoutMs;
        // A backfill batch gets it too: each batch must stay short (§3.3).
        if (step.statementTimeoutMs == 0)
            step.statementTimeoutMs = m_options.statementTimeoutMs;
        // A step planned because it fits the lock budget must not hold its lock for a minute
        // when the estimate was wrong: past five budgets it fails and rolls back instead.
        if (strong && detail::hasBudgetGuard(step))
            step.statementTimeoutMs = std::min(
                step.statementTimeoutMs, std::max(5000, int(5000 * m_options.lockBudgetSeconds)));
    }
    if (step.estimatedSeconds <= 0) {
        if (step.backfill) {
            const catalog::Table* t = liveTable(step.backfill->schema, step.backfill->table);
            step.estimatedSeconds = t ? durations::forBackfill(t->estimatedRows, t->totalBytes)
                                      : durations::kMinimumSeconds;
        } else {
            // The first locked relation is the one the statement works on.
            const catalog::Table* subject = nullptr;
            for (const Lock& l : step.locks) {
                for (const catalog::Table& t : m_database.tables) {
                    if (sql::qualified(t.schema, t.name) == l.relation) {
                        subject = &t;
                        break;
                    }
                }
                if (subject)
                    break;
            }
            step.estimatedSeconds =
                durations::forWork(step.work, subject ? subject->totalBytes : 0);
        }
    }
    m_steps.push_back(std::move(step));
    return m_steps.back();
}

void RecipeContext::addFinding(Finding finding)
{
    m_findings.push_back(std::move(finding));
}

} // namespace bellows::plan
