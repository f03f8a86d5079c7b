// The runner's generated SQL and parsing helpers, without a server.

#include "exec/backfill_batches.h"
#include "exec/interrupted_statement.h"
#include "exec/object_state.h"
#include "exec/step_execution.h"
#include "lint/statement_class.h"
#include "pq/query_result.h"

#include <QTest>

using namespace bellows;

class TestRunnerSql : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void concurrentIndexNames_data()
    {
        QTest::addColumn<QString>("statement");
        QTest::addColumn<QString>("index");
        QTest::newRow("qualified table")
            << QStringLiteral("CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_placed_at_idx ON "
                              "public.orders USING btree (placed_at)")
            << QStringLiteral("public.orders_placed_at_idx");
        QTest::newRow("unique, quoted names")
            << QStringLiteral("create unique index concurrently \"Odd \"\"Name\" on \"My "
                              "Schema\".\"T\" (a)")
            << QStringLiteral("\"My Schema\".\"Odd \"\"Name\"");
        QTest::newRow("unqualified table")
            << QStringLiteral("CREATE INDEX CONCURRENTLY i ON t (a)") << QStringLiteral("i");
        QTest::newRow("not concurrent") << QStringLiteral("CREATE INDEX i ON t (a)") << QString();
        QTest::newRow("other statement")
            << QStringLiteral("ALTER TABLE t VALIDATE CONSTRAINT c") << QString();
    }

    void concurrentIndexNames()
    {
        QFETCH(QString, statement);
        QFETCH(QString, index);
        QCOMPARE(exec::concurrentIndexName(statement), index);
    }

    void textArrayLiteralRoundTrips()
    {
        const QStringList values{QStringLiteral("plain"), QStringLiteral("with \"quotes\""),
                                 QStringLiteral("back\\slash"), QStringLiteral("a,b {c}"),
                                 QString()};
        const QByteArray literal = pq::textArrayLiteral(values).toUtf8();
        QStringList back = pq::parseTextArray(literal.constData(), int(literal.size()));
        QCOMPARE(back, values);
    }

    void checkpointIsWrittenByTheBatchItself()
    {
        plan::Backfill b{QStringLiteral("public"),
                         QStringLiteral("users"),
                         {QStringLiteral("id")},
                         QStringLiteral("display_name = full_name"),
                         QStringLiteral("display_name IS DISTINCT FROM full_name"),
                         500};
        const QString first = exec::backfillBatchSql(b, true, 250, true);
        QVERIFY(first.contains(QStringLiteral("LIMIT 250")));
        QVERIFY(first.contains(QStringLiteral("INSERT INTO bellows.ledger_checkpoints")));
        // No key parameter in the first batch: plan id, step id, estimate and part are $1..$4.
        QVERIFY(first.contains(
            QStringLiteral("SELECT $1, $2, coalesce($4, ''), ARRAY[bellows_last.id::text]")));
        QVERIFY(first.contains(QStringLiteral("ON CONFLICT (plan_id, step_id, part)")));
        const QString next = exec::backfillBatchSql(b, false, 250, true);
        QVERIFY(next.contains(QStringLiteral("WHERE (id) > ($1)")));
        QVERIFY(next.contains(
            QStringLiteral("SELECT $2, $3, coalesce($5, ''), ARRAY[bellows_last.id::text]")));
        QVERIFY(!exec::backfillBatchSql(b, false).contains(QStringLiteral("bellows.")));
    }

    void pageRangesUseTidBounds()
    {
        plan::Backfill b{QStringLiteral("public"), QStringLiteral("heap"),      {},
                         QStringLiteral("w = v"),  QStringLiteral("w IS NULL"), 1000};
        const QString sql = exec::pageRangeBatchSql(b, true);
        QVERIFY(sql.contains(QStringLiteral("ctid >= format('(%s,0)', $1::bigint)::tid")));
        QVERIFY(sql.contains(QStringLiteral("ctid < format('(%s,0)', $2::bigint)::tid")));
        QVERIFY(sql.contains(QStringLiteral("SELECT $3, $4, coalesce($6, ''), ARRAY[$2::text]")));
    }

    // Lines of a relation's description an interrupted concurrent statement explains.
    void indexLinesNameTheirIndex()
    {
        QCOMPARE(exec::indexNameOfLine(QStringLiteral(
                     "index CREATE UNIQUE INDEX t_email_key ON public.t USING btree (email) "
                     "(INVALID)")),
                 QStringLiteral("t_email_key"));
        QCOMPARE(exec::indexNameOfLine(QStringLiteral(
                     "index CREATE INDEX \"Odd \"\"Name\" ON public.t USING btree (a)")),
                 QStringLiteral("Odd \"Name"));
        QCOMPARE(exec::indexNameOfLine(QStringLiteral("column a integer")), QString());
        const auto build = lint::classifyStatement(
            QStringLiteral("CREATE INDEX CONCURRENTLY t_a_idx ON public.t (a)"));
        QVERIFY(exec::explainsLine(build, QStringLiteral("index CREATE INDEX t_a_idx ON public.t "
                                                         "USING btree (a) (INVALID)")));
        QVERIFY(!exec::explainsLine(build, QStringLiteral("column sneaky integer")));
        QVERIFY(exec::explainsRelation(build, QStringLiteral("public.t_a_idx")));
        QVERIFY(!exec::explainsRelation(build, QStringLiteral("public.t")));
    }

    void driftIsDescribedLineByLine()
    {
        QCOMPARE(exec::describeDrift(QStringLiteral("t"), QStringLiteral("a"), QStringLiteral("a")),
                 QString());
        QCOMPARE(exec::describeDrift(QStringLiteral("public.t"), {}, QStringLiteral("kind r")),
                 QStringLiteral("public.t exists, but the plan expects it not to exist yet"));
        const QString d = exec::describeDrift(
            QStringLiteral("public.t"), QStringLiteral("kind r\ncolumn a integer"),
            QStringLiteral("kind r\ncolumn a integer\ncolumn b text"));
        QCOMPARE(d, QStringLiteral("public.t changed: now has column b text"));
    }
};

QTEST_GUILESS_MAIN(TestRunnerSql)
#include "test_runner_sql.moc"
