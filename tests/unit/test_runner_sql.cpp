// The runner's generated SQL and parsing helpers, without a server.

#include "exec/backfill_batches.h"
#include "exec/object_state.h"
#include "exec/step_execution.h"
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
        QTest::newRow("unqualified table") << QStringLiteral("CREATE INDEX CONCURRENTLY i ON t (a)")
                                           << QStringLiteral("i");
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
        plan::Backfill b{QStringLiteral("public"), QStringLiteral("users"),
                         {QStringLiteral("id")}, QStringLiteral("display_name = full_name"),
                         QStringLiteral("display_name IS DISTINCT FROM full_name"), 500};
        const QString first = exec::backfillBatchSql(b, true, 250, true);
        QVERIFY(first.contains(QStringLiteral("LIMIT 250")));
        QVERIFY(first.contains(QStringLiteral("INSERT INTO bellows.ledger_checkpoints")));
        // No key parameter in the first batch: plan id, step id and estimate are $1..$3.
        QVERIFY(first.contains(QStringLiteral("SELECT $1, $2, ARRAY[bellows_last.id::text]")));
        const QString next = exec::backfillBatchSql(b, false, 250, true);
        QVERIFY(next.contains(QStringLiteral("WHERE (id) > ($1)")));
        QVERIFY(next.contains(QStringLiteral("SELECT $2, $3, ARRAY[bellows_last.id::text]")));
        QVERIFY(!exec::backfillBatchSql(b, false).contains(QStringLiteral("bellows.")));
    }

    void pageRangesUseTidBounds()
    {
        plan::Backfill b{QStringLiteral("public"), QStringLiteral("heap"), {},
                         QStringLiteral("w = v"), QStringLiteral("w IS NULL"), 1000};
        const QString sql = exec::pageRangeBatchSql(b, true);
        QVERIFY(sql.contains(QStringLiteral("ctid >= format('(%s,0)', $1::bigint)::tid")));
        QVERIFY(sql.contains(QStringLiteral("ctid < format('(%s,0)', $2::bigint)::tid")));
        QVERIFY(sql.contains(QStringLiteral("ARRAY[$2::text]")));
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
