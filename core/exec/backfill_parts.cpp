#include "exec/backfill_parts.h"

#include "pq/connection.h"
#include "sql/quote.h"

#include <algorithm>

namespace bellows::exec {

namespace {

std::optional<Checkpoint> checkpointOf(const BackfillOptions& options, const QString& part)
{
    const auto it = std::find_if(options.resumeFrom.begin(), options.resumeFrom.end(),
                                 [&](const Checkpoint& c) { return c.part == part; });
    return it == options.resumeFrom.end() ? std::nullopt : std::optional<Checkpoint>(*it);
}

// What earlier runs did counts in the progress from the start.
BackfillProgress resumedProgress(const BackfillOptions& options,
                                 const std::vector<BackfillPart>& parts)
{
    BackfillProgress progress;
    progress.estimatedTotal = 0;
    for (const BackfillPart& p : parts)
        progress.estimatedTotal += std::max<qint64>(0, p.estimatedRows);
    for (const Checkpoint& c : options.resumeFrom) {
        progress.batches += c.batches;
        progress.updated += c.rowsDone;
        progress.scanned += c.rowsDone; // at least; keys skipped are not kept
    }
    return progress;
}

} // namespace

Result<std::vector<BackfillPart>> backfillParts(pq::Connection& conn,
                                                const plan::Backfill& backfill)
{
    const QString table = sql::qualified(backfill.schema, backfill.table);
    // Down from the table through partitioned tables only (never legacy inheritance children,
    // which an UPDATE of the parent reaches anyway).
    auto r = conn.exec(QStringLiteral(R"sql(
WITH RECURSIVE tree AS (
    SELECT c.oid, c.relkind, 0 AS depth FROM pg_class c WHERE c.oid = to_regclass($1)
    UNION ALL
    SELECT i.inhrelid, k.relkind, t.depth + 1 FROM tree t
      JOIN pg_inherits i ON i.inhparent = t.oid JOIN pg_class k ON k.oid = i.inhrelid
     WHERE t.relkind = 'p'
)
SELECT n.nspname, c.relname, c.reltuples::bigint, t.depth FROM tree t
  JOIN pg_class c ON c.oid = t.oid JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE t.relkind IN ('r', 'm') ORDER BY t.depth, n.nspname, c.relname
)sql"),
                       {table});
    if (!r)
        return r.error();
    std::vector<BackfillPart> parts;
    for (int i = 0; i < r->rows(); ++i) {
        const bool root = r->int64(i, 3) == 0;
        parts.push_back({root ? QString() : sql::qualified(r->text(i, 0), r->text(i, 1)),
                         r->text(i, 0), r->text(i, 1), r->int64(i, 2)});
    }
    return parts;
}

Result<BackfillResult> runBackfill(pq::Connection& conn, const plan::Backfill& backfill,
                                   const BackfillOptions& options,
                                   const std::function<Status(const QString& part)>& partFinished)
{
    auto parts = backfillParts(conn, backfill);
    if (!parts)
        return parts.error();
    if (parts->empty() && options.notice)
        options.notice(QStringLiteral("%1 has no partition holding rows: nothing to walk")
                           .arg(sql::qualified(backfill.schema, backfill.table)));
    BackfillProgress progress = resumedProgress(options, *parts);
    BackfillResult total;
    for (const BackfillPart& part : *parts) {
        const std::optional<Checkpoint> resume = checkpointOf(options, part.part);
        if (resume && resume->finished)
            continue;
        if (!part.part.isEmpty() && options.notice)
            options.notice(QStringLiteral("partition %1").arg(part.part));
        plan::Backfill leaf = backfill;
        leaf.schema = part.schema;
        leaf.table = part.table;
        auto result = runRelationBackfill(conn, leaf, part.part, resume, options, progress);
        if (!result)
            return result.error();
        total.batches += result->batches;
        total.scanned += result->scanned;
        total.updated += result->updated;
        if (partFinished)
            if (auto s = partFinished(part.part); !s)
                return s.error();
    }
    return total;
}

Result<bool> rowsStillPending(pq::Connection& conn, const plan::Backfill& backfill)
{
    if (backfill.pendingPredicate.trimmed().isEmpty())
        return false;
    auto r = conn.exec(
        QStringLiteral("SELECT EXISTS (SELECT 1 FROM %1 WHERE (%2))")
            .arg(sql::qualified(backfill.schema, backfill.table), backfill.pendingPredicate));
    if (!r)
        return r.error();
    return r->boolean(0, 0);
}

} // namespace bellows::exec
