// The planner's read-only data probes against real rows: orphans before a foreign key,
// duplicates before a unique key, NULLs before NOT NULL, rows a new CHECK rejects.

#include "catalog_helpers.h"
#include "diff/differ.h"
#include "plan/data_checks.h"
#include "test_database.h"

#include <QTest>

using namespace bellows;
using namespace bellows::test;

namespace {

struct Probed {
    std::vector<plan::Finding> findings;
    size_t probes = 0;
};

Probed probe(const QString& before, const QString& data, const QString& after,
             const std::vector<plan::Fill>& fills = {})
{
    TestDatabase live(QStringLiteral("probe_live"));
    TestDatabase target(QStringLiteral("probe_target"));
    if (!live.exec(before).isEmpty() || !live.exec(data).isEmpty() || !target.exec(after).isEmpty())
        qFatal("scenario does not load");
    const catalog::Catalog database = introspectOrFail(live);
    const catalog::Catalog wanted = introspectOrFail(target);
    auto changes = diff::diff(database, wanted);
    if (!changes)
        qFatal("diff failed");
    plan::DataCheckOptions options;
    options.choices.fills = fills;
    auto conn = live.connect();
    Probed result;
    result.probes = plan::dataProbes(database, *changes, options).size();
    result.findings = plan::checkData(*conn, database, wanted, *changes, options);
    return result;
}

} // namespace

class TestDataChecks : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void orphanRowsBlockForeignKey()
    {
        const QString before =
            QStringLiteral("CREATE TABLE customers (id int PRIMARY KEY); "
                           "CREATE TABLE orders (id int PRIMARY KEY, customer_id int)");
        const QString after = QStringLiteral(
            "CREATE TABLE customers (id int PRIMARY KEY); "
            "CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers (id))");
        auto dirty =
            probe(before,
                  QStringLiteral("INSERT INTO customers SELECT generate_series(1, 10); "
                                 "INSERT INTO orders SELECT g, g FROM generate_series(1, 15) g; "
                                 "INSERT INTO orders VALUES (100, NULL)"),
                  after);
        QCOMPARE(dirty.findings.size(), size_t(1));
        QVERIFY(dirty.findings[0].severity == plan::Finding::Severity::Blocking);
        QVERIFY2(dirty.findings[0].reason.startsWith(QStringLiteral("5 rows of public.orders")),
                 qPrintable(dirty.findings[0].reason));
        QCOMPARE(dirty.findings[0].referenceRow, QStringLiteral("K2"));

        auto clean = probe(
            before,
            QStringLiteral("INSERT INTO customers SELECT generate_series(1, 10); "
                           "INSERT INTO orders SELECT g, 1 + g % 10 FROM generate_series(1, 15) g"),
            after);
        QCOMPARE(clean.probes, size_t(1));
        QVERIFY(clean.findings.empty());
    }

    void duplicatesBlockUnique()
    {
        auto r =
            probe(QStringLiteral("CREATE TABLE m (id int PRIMARY KEY, handle text)"),
                  QStringLiteral(
                      "INSERT INTO m VALUES (1, 'a'), (2, 'a'), (3, 'b'), (4, NULL), (5, NULL)"),
                  QStringLiteral("CREATE TABLE m (id int PRIMARY KEY, handle text UNIQUE)"));
        QCOMPARE(r.findings.size(), size_t(1));
        QVERIFY2(r.findings[0].reason.startsWith(QStringLiteral("1 values of (handle)")),
                 qPrintable(r.findings[0].reason));
    }

    void nullsBlockNotNullUnlessFilled()
    {
        const QString before = QStringLiteral("CREATE TABLE o (id int PRIMARY KEY, status text)");
        const QString data = QStringLiteral("INSERT INTO o VALUES (1, 'paid'), (2, NULL)");
        const QString after =
            QStringLiteral("CREATE TABLE o (id int PRIMARY KEY, status text NOT NULL)");
        auto r = probe(before, data, after);
        QCOMPARE(r.findings.size(), size_t(1));
        QVERIFY(
            r.findings[0].options.first().contains(QStringLiteral("--fill public.o.status=EXPR")));
        r = probe(before, data, after,
                  {plan::Fill{QStringLiteral("public"), QStringLiteral("o"),
                              QStringLiteral("status"), QStringLiteral("'pending'")}});
        QCOMPARE(r.probes, size_t(0));
        // A default in the target fills them too.
        r = probe(before, data,
                  QStringLiteral(
                      "CREATE TABLE o (id int PRIMARY KEY, status text NOT NULL DEFAULT 'new')"));
        QCOMPARE(r.probes, size_t(0));
    }

    void violatingRowsBlockCheck()
    {
        auto r =
            probe(QStringLiteral("CREATE TABLE p (id int PRIMARY KEY, price numeric)"),
                  QStringLiteral("INSERT INTO p VALUES (1, 5), (2, -1), (3, -2)"),
                  QStringLiteral(
                      "CREATE TABLE p (id int PRIMARY KEY, price numeric CHECK (price >= 0))"));
        QCOMPARE(r.findings.size(), size_t(1));
        QVERIFY2(r.findings[0].reason.startsWith(QStringLiteral("2 rows of public.p fail CHECK")),
                 qPrintable(r.findings[0].reason));
    }

    void hostileNamesAreQuoted()
    {
        auto r = probe(
            QStringLiteral(
                "CREATE TABLE \"x\"\"; DROP TABLE y; --\" (id int PRIMARY KEY, \"select\" int)"),
            QStringLiteral("INSERT INTO \"x\"\"; DROP TABLE y; --\" VALUES (1, 1), (2, 1)"),
            QStringLiteral("CREATE TABLE \"x\"\"; DROP TABLE y; --\" (id int PRIMARY KEY, "
                           "\"select\" int UNIQUE)"));
        QCOMPARE(r.findings.size(), size_t(1));
        QVERIFY(r.findings[0].severity == plan::Finding::Severity::Blocking);
    }
};

QTEST_GUILESS_MAIN(TestDataChecks)
#include "test_data_checks.moc"
