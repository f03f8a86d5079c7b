// The loop keeps the runner's batch statement verbatim; only the previous batch's last key is
// spliced in as literals (untyped, so PostgreSQL reads them as the key columns' own types),
// because a DO block cannot bind parameters whose types it does not know.

#include "export/backfill_script.h"

#include "exec/backfill_batches.h"
#include "export/migration_units.h"
#include "plan/plan_render.h"
#include "sql/quote.h"

namespace bellows::exporting {

namespace {

const QString kKeyMarker = QStringLiteral("/*bellows:last-key*/");

// A dollar-quote tag that does not occur in the body.
QString dollarTag(const QString& body)
{
    QString tag = QStringLiteral("$bellows_backfill$");
    for (int n = 2; body.contains(tag); ++n)
        tag = QStringLiteral("$bellows_backfill_%1$").arg(n);
    return tag;
}

QString keysetLoop(const plan::Backfill& b)
{
    const QString first = exec::backfillBatchSql(b, true);
    QString next = exec::backfillBatchSql(b, false);
    QStringList params;
    for (int i = 0; i < b.keyColumns.size(); ++i)
        params << QStringLiteral("$%1").arg(i + 1);
    // The only parameters of the statement: the key after which the batch starts.
    const QString placeholder =
        QStringLiteral(" > (") + params.join(QStringLiteral(", ")) + QLatin1Char(')');
    const qsizetype at = next.indexOf(placeholder);
    if (at >= 0)
        next.replace(at, placeholder.size(),
                     QStringLiteral(" > (") + kKeyMarker + QLatin1Char(')'));
    // The batch returns scanned, updated, then the last key's columns as text, named after them.
    QStringList keyLiterals;
    for (const QString& column : b.keyColumns)
        keyLiterals << QStringLiteral("quote_literal(batch ->> %1)").arg(sql::quoteLiteral(column));
    return QStringLiteral(
               "DECLARE\n"
               "    first_batch constant text := %1;\n"
               "    next_batch constant text := %2;\n"
               "    pause_seconds constant float8 := 0;  -- raise to throttle (seconds per batch)\n"
               "    result record;\n"
               "    batch jsonb;\n"
               "    rows_back bigint;\n"
               "    batches bigint := 0;\n"
               "    scanned bigint := 0;\n"
               "    updated bigint := 0;\n"
               "BEGIN\n"
               "    EXECUTE first_batch INTO result;\n"
               "    GET DIAGNOSTICS rows_back = ROW_COUNT;\n"
               "    WHILE rows_back > 0 LOOP\n"
               "        batch := to_jsonb(result);\n"
               "        batches := batches + 1;\n"
               "        scanned := scanned + (batch ->> 'scanned')::bigint;\n"
               "        updated := updated + (batch ->> 'updated')::bigint;\n"
               "        COMMIT;  -- every batch is its own short transaction\n"
               "        IF pause_seconds > 0 THEN\n"
               "            PERFORM pg_sleep(pause_seconds);\n"
               "        END IF;\n"
               "        EXECUTE replace(next_batch, %3, %4) INTO result;\n"
               "        GET DIAGNOSTICS rows_back = ROW_COUNT;\n"
               "    END LOOP;\n"
               "    RAISE NOTICE 'backfill of %: % batches, % keys scanned, % rows updated',\n"
               "        %5, batches, scanned, updated;\n"
               "END\n")
        .arg(sql::quoteLiteral(first), sql::quoteLiteral(next), sql::quoteLiteral(kKeyMarker),
             keyLiterals.join(QStringLiteral(" || ', ' || ")),
             sql::quoteLiteral(sql::qualified(b.schema, b.table)));
}

QString pageRangeLoop(const plan::Backfill& b)
{
    const QString table = sql::qualified(b.schema, b.table);
    return QStringLiteral(
               "DECLARE\n"
               "    range_batch constant text := %1;\n"
               "    pause_seconds constant float8 := 0;  -- raise to throttle (seconds per batch)\n"
               "    pages bigint;\n"
               "    pages_per_batch bigint;\n"
               "    page bigint := 0;\n"
               "    n bigint;\n"
               "    batches bigint := 0;\n"
               "    updated bigint := 0;\n"
               "BEGIN\n"
               "    SELECT pg_relation_size(%2::regclass) / "
               "current_setting('block_size')::bigint,\n"
               "           greatest(1, (%3 * greatest(relpages, 1) / greatest(reltuples, "
               "1))::bigint)\n"
               "      INTO pages, pages_per_batch FROM pg_class WHERE oid = %2::regclass;\n"
               "    LOOP\n"
               "        IF page > pages THEN\n"
               "            -- The table may have grown while we worked: look again before "
               "finishing.\n"
               "            pages := pg_relation_size(%2::regclass) / "
               "current_setting('block_size')::bigint;\n"
               "            EXIT WHEN page > pages;\n"
               "        END IF;\n"
               "        EXECUTE range_batch INTO n USING page, page + pages_per_batch;\n"
               "        batches := batches + 1;\n"
               "        updated := updated + n;\n"
               "        COMMIT;  -- every batch is its own short transaction\n"
               "        IF pause_seconds > 0 THEN\n"
               "            PERFORM pg_sleep(pause_seconds);\n"
               "        END IF;\n"
               "        page := page + pages_per_batch;\n"
               "    END LOOP;\n"
               "    RAISE NOTICE 'backfill of %: % batches, % rows updated', %4, batches, "
               "updated;\n"
               "END\n")
        .arg(sql::quoteLiteral(exec::pageRangeBatchSql(b)), sql::quoteLiteral(table),
             QString::number(std::max(1, b.batchRows)), sql::quoteLiteral(table));
}

} // namespace

QString backfillScript(const plan::Step& step, int serverVersionNum)
{
    const plan::Backfill& b = *step.backfill;
    QString out = stepHeader(step);
    out += sqlComment(
        QStringLiteral(
            "Batched backfill: the same batch statement `bellows-cli apply` runs, %1, each batch\n"
            "committed on its own (a short transaction; the pending predicate makes every batch\n"
            "idempotent, so the script can be stopped and run again at any time: it only updates\n"
            "rows still pending). Unlike the runner, the batch size does not adapt and there is "
            "no\n"
            "replica-lag throttle: raise pause_seconds below to slow it down.\n"
            "Run it in autocommit (Flyway: executeInTransaction=false, as its .sql.conf says), "
            "e.g.:\n"
            "  psql \"$DATABASE_URL\" -X -v ON_ERROR_STOP=1 -f THIS_FILE\n"
            "(not with --single-transaction: COMMIT inside DO needs PostgreSQL 11+ and no outer\n"
            "transaction block).")
            .arg(b.keyColumns.isEmpty()
                     ? QStringLiteral("over ctid page ranges (no primary key)")
                     : QStringLiteral("%1 keys per batch in key order").arg(b.batchRows)));
    if (serverVersionNum > 0 && serverVersionNum < 110000)
        out += QStringLiteral("-- WARNING: the plan was made against PostgreSQL %1, which cannot "
                              "COMMIT inside DO: run the batches with bellows-cli apply instead.\n")
                   .arg(serverVersionNum / 10000);
    // The DO block is one statement: a statement_timeout would stop the whole loop. Each
    // batch's lock waits keep the step's lock_timeout.
    out += QStringLiteral("SET statement_timeout = 0;\nSET lock_timeout = %1;\n")
               .arg(std::max(0, step.lockTimeoutMs));
    const QString body = b.keyColumns.isEmpty() ? pageRangeLoop(b) : keysetLoop(b);
    const QString tag = dollarTag(body);
    out += QStringLiteral("DO ") + tag + QLatin1Char('\n') + body + tag + QStringLiteral(";\n");
    out += QStringLiteral("RESET statement_timeout;\nRESET lock_timeout;\n");
    return out;
}

} // namespace bellows::exporting
