#include "exec/backfill_step.h"

#include "exec/backfill_parts.h"
#include "exec/step_records.h"
#include "pq/connection.h"
#include "sql/quote.h"

namespace bellows::exec {

namespace {

// Walks of the whole table before giving up on rows that keep matching the pending predicate.
constexpr int kMaxWalks = 3;

BackfillOptions backfillOptions(StepContext& c, const plan::Step& step)
{
    BackfillOptions options;
    options.cancel = &c.cancel;
    options.paused = c.paused;
    options.tuning = c.options.backfill;
    options.retry = c.options.retry;
    options.checkpoint = CheckpointTarget{c.plan.id, step.id};
    options.progress = c.backfillProgress;
    options.notice = [&c, id = step.id](const QString& text) {
        c.say(QStringLiteral("  ") + text);
        (void)c.ledger.event(c.runId, id, QStringLiteral("backfill"), text);
    };
    return options;
}

Error walkFailed(Error e)
{
    if (!e.cancelled)
        e.context = QStringLiteral("Each batch commits on its own with its checkpoint: the "
                                   "batches before the failing one are kept, and apply "
                                   "continues after the last of them.");
    return e;
}

// The done record, in one transaction with the proof that no row still needs work (a walk
// over a table the runner mis-sized, rows written without the sync trigger, …). Empty: not
// done, walk again.
Result<std::optional<RelationStates>> recordIfComplete(StepContext& c, const plan::Step& step,
                                                       qint64 rows)
{
    bool stillPending = false;
    auto states = inTransaction(c.conn, [&]() -> Result<RelationStates> {
        // A read-only scan: it blocks nobody, so no statement timeout cuts it short.
        if (auto r = c.conn.exec(QStringLiteral("SET LOCAL statement_timeout = 0")); !r)
            return r.error();
        auto pending = rowsStillPending(c.conn, *step.backfill);
        if (!pending)
            return pending.error();
        stillPending = *pending;
        if (stillPending)
            return Error{}; // rolls the (empty) transaction back
        return recordStepDoneInTransaction(c, step, rows);
    });
    if (states)
        return std::optional<RelationStates>(*states);
    if (stillPending)
        return std::optional<RelationStates>();
    return states.error();
}

} // namespace

Result<StepOutcome> runBackfillStep(StepContext& c, const plan::Step& step)
{
    auto total = c.ledger.checkpointTotal(c.plan.id, step.id);
    if (!total)
        return total.error();
    qint64 rows = *total ? (*total)->rowsDone : 0;
    BackfillOptions options = backfillOptions(c, step);
    const auto partFinished = [&](const QString& part) {
        return c.ledger.finishCheckpoint(c.plan.id, step.id, part);
    };
    (void)c.ledger.event(c.runId, step.id, QStringLiteral("backfill_statement"),
                         QStringLiteral("batch statement"),
                         backfillBatchSql(*step.backfill, false, step.backfill->batchRows, true));
    for (int walk = 1; walk <= kMaxWalks; ++walk) {
        auto resume = c.ledger.checkpoints(c.plan.id, step.id);
        if (!resume)
            return resume.error();
        options.resumeFrom = *resume;
        auto result = runBackfill(c.conn, *step.backfill, options, partFinished);
        if (!result)
            return walkFailed(result.error());
        rows += result->updated;
        c.say(QStringLiteral("  %1 row(s) updated, %2 looked at, in %3 batch(es)")
                  .arg(result->updated)
                  .arg(result->scanned)
                  .arg(result->batches));
        auto done = recordIfComplete(c, step, rows);
        if (!done)
            return done.error();
        if (*done)
            return StepOutcome{rows, walk, **done};
        const QString again = QStringLiteral("rows of %1 still match the pending predicate after "
                                             "the walk: walking the table again")
                                  .arg(sql::qualified(step.backfill->schema, step.backfill->table));
        options.notice(again);
        if (auto s = c.ledger.resetCheckpoints(c.plan.id, step.id); !s)
            return s.error();
    }
    Error e;
    e.message = QStringLiteral("rows of %1 still match the pending predicate (%2) after %3 "
                               "walks of the whole table: the backfill is not recorded done")
                    .arg(sql::qualified(step.backfill->schema, step.backfill->table),
                         step.backfill->pendingPredicate)
                    .arg(kMaxWalks);
    e.hint = QStringLiteral("something keeps writing rows the backfill must fix (is the sync "
                            "trigger in place?), or the fill expression does not satisfy the "
                            "predicate; find those rows, then run apply again");
    return e;
}

} // namespace bellows::exec
