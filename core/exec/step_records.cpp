#include "exec/step_records.h"

#include "exec/object_state.h"
#include "pq/connection.h"

namespace bellows::exec {

namespace {

Result<RelationStates> recordStates(StepContext& c, const plan::Step& step)
{
    auto states = describeRelations(c.conn, c.relations);
    if (!states)
        return states.error();
    if (auto s = c.ledger.recordObjectStates(c.plan.id, step.id, *states); !s)
        return s.error();
    return states;
}

} // namespace

Result<RelationStates> recordStepDoneInTransaction(StepContext& c, const plan::Step& step,
                                                   qint64 rows)
{
    auto states = recordStates(c, step);
    if (!states)
        return states;
    if (auto s = c.ledger.stepDone(c.runId, step.id, rows); !s)
        return s.error();
    return states;
}

Result<RelationStates> recordStatementsInTransaction(StepContext& c, const plan::Step& step,
                                                     int statementsDone)
{
    auto states = recordStates(c, step);
    if (!states)
        return states;
    if (auto s = c.ledger.statementsDone(c.runId, step.id, statementsDone); !s)
        return s.error();
    return states;
}

Result<RelationStates> inTransaction(pq::Connection& conn,
                                     const std::function<Result<RelationStates>()>& fn)
{
    if (auto begin = conn.exec(QStringLiteral("BEGIN")); !begin)
        return begin.error();
    auto result = fn();
    if (result) {
        if (auto commit = conn.exec(QStringLiteral("COMMIT")); !commit)
            return commit.error();
        return result;
    }
    (void)conn.exec(QStringLiteral("ROLLBACK"));
    return result;
}

Result<RelationStates> commitStatementsDone(StepContext& c, const plan::Step& step,
                                            int statementsDone)
{
    return inTransaction(c.conn,
                         [&] { return recordStatementsInTransaction(c, step, statementsDone); });
}

Result<RelationStates> commitStepDone(StepContext& c, const plan::Step& step, qint64 rows)
{
    return inTransaction(c.conn, [&] { return recordStepDoneInTransaction(c, step, rows); });
}

} // namespace bellows::exec
