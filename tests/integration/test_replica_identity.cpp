// Tables published for logical replication keep a replica identity at every moment of a plan:
// PostgreSQL refuses UPDATE and DELETE on a table that publishes them and has none. Each case
// runs its plan one step at a time and, after every step, an UPDATE and a DELETE on the
// published table must succeed (PostgreSQL as the oracle); the end state must match the target.

#include "test_database.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace bellows::test;

namespace {

// A write the publication replicates, in a statement that returns one true: fails when the
// table has no replica identity. Changes nothing (the row is put back by the same values).
const char* const kProbe =
    "WITH u AS (UPDATE invoices SET total = total WHERE id = 7 RETURNING 1), "
    "d AS (DELETE FROM invoices WHERE id = -1 RETURNING 1) "
    "SELECT (SELECT count(*) FROM u) = 1 AND (SELECT count(*) FROM d) = 0";

const char* const kRows =
    "INSERT INTO invoices SELECT g, 'c' || (g % 30), g * 1.5 FROM generate_series(1, 500) g;\n"
    "CREATE PUBLICATION bellows_ri_test FOR TABLE invoices;\n";

// The published table, its closing parenthesis left to each case, and its identity index.
const QByteArray kTable =
    "CREATE TABLE invoices (id int NOT NULL, customer text NOT NULL, total numeric";
const QByteArray kIdentity = "ALTER TABLE invoices REPLICA IDENTITY USING INDEX invoices_key;\n";

QString writeTarget(const QTemporaryDir& dir, const QByteArray& sql)
{
    const QString path = dir.filePath(QStringLiteral("target.sql"));
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(sql);
    return path;
}

// Loads `before`, plans to `after`, runs the plan step by step with the probe, and diffs.
void stepsKeepIdentity(const QByteArray& before, const QByteArray& after)
{
    TestDatabase live(QStringLiteral("replident"));
    QVERIFY(live.exec(QString::fromUtf8(before + kRows)).isEmpty());
    QVERIFY(live.exec(QString::fromLatin1(kProbe)).isEmpty());
    QTemporaryDir dir;
    const QString target = writeTarget(dir, after);
    const QString planFile = dir.filePath(QStringLiteral("plan.json"));
    const auto planned =
        runCli({QStringLiteral("plan"), QStringLiteral("--db"), live.conninfo(),
                QStringLiteral("--target"), target, QStringLiteral("-o"), planFile});
    QVERIFY2(planned.exitCode == 0, qPrintable(planned.err + planned.out));
    const QString stepped = applyStepByStep(live, planFile, QString::fromLatin1(kProbe));
    QVERIFY2(stepped.isEmpty(), qPrintable(stepped));
    const auto diffed = runCli({QStringLiteral("diff"), QStringLiteral("--db"), live.conninfo(),
                                QStringLiteral("--target"), target, QStringLiteral("--exit-code")});
    QVERIFY2(diffed.exitCode == 0, qPrintable(diffed.err + diffed.out));
}

} // namespace

class TestReplicaIdentity : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // FULL until the new primary key exists, then DEFAULT (the key is attached in contract,
    // after its column became NOT NULL).
    void fullThenNewPrimaryKey()
    {
        stepsKeepIdentity("CREATE TABLE invoices (id int, customer text NOT NULL, total numeric);\n"
                          "ALTER TABLE invoices REPLICA IDENTITY FULL;\n",
                          "CREATE TABLE invoices (id int PRIMARY KEY, customer text NOT NULL, "
                          "total numeric);\n");
    }

    // The replica identity index changes definition: rebuilt beside the old one, which keeps the
    // identity until the new one takes it over.
    void identityIndexRebuilt()
    {
        const QByteArray table =
            "CREATE TABLE invoices (id int NOT NULL, customer text NOT NULL, total numeric);\n";
        stepsKeepIdentity(table + "CREATE UNIQUE INDEX invoices_id_key ON invoices (id);\n"
                                  "ALTER TABLE invoices REPLICA IDENTITY USING INDEX "
                                  "invoices_id_key;\n",
                          table + "CREATE UNIQUE INDEX invoices_id_key ON invoices (id) "
                                  "INCLUDE (customer);\n"
                                  "ALTER TABLE invoices REPLICA IDENTITY USING INDEX "
                                  "invoices_id_key;\n");
    }

    // A unique identity index becomes a unique constraint on other columns: the new index takes
    // the identity in the transaction that drops the old one.
    void identityIndexBecomesConstraint()
    {
        stepsKeepIdentity(kTable + ");\n"
                                   "CREATE UNIQUE INDEX invoices_key ON invoices (id, customer);\n"
                                   "ALTER TABLE invoices REPLICA IDENTITY USING INDEX "
                                   "invoices_key;\n",
                          kTable + ", CONSTRAINT invoices_key UNIQUE (id));\n"
                                   "ALTER TABLE invoices REPLICA IDENTITY USING INDEX "
                                   "invoices_key;\n");
    }

    // A unique constraint that is the identity becomes a plain unique index of its name: the
    // index built beside it takes the identity in the transaction that drops the constraint.
    void identityConstraintBecomesIndex()
    {
        stepsKeepIdentity(kTable + ", CONSTRAINT invoices_key UNIQUE (id));\n" + kIdentity,
                          kTable + ");\nCREATE UNIQUE INDEX invoices_key ON invoices (id);\n" +
                              kIdentity);
    }

    // The identity constraint is replaced by a key on other columns under the same name (one
    // contract transaction drops the old and attaches the new): the identity moves with it.
    void identityKeyReplaced()
    {
        stepsKeepIdentity(kTable + ", CONSTRAINT invoices_key UNIQUE (id));\n" + kIdentity,
                          kTable + ", CONSTRAINT invoices_key UNIQUE (customer, id));\n" +
                              kIdentity);
    }
};

QTEST_GUILESS_MAIN(TestReplicaIdentity)
#include "test_replica_identity.moc"
