// Prisma conformance: for every schema.prisma of the corpus, the SQL Prisma's own schema
// engine generates (the oracle, `prisma-sql --from-empty --to FILE`) is loaded into a
// database, and `bellows-cli diff --target schema.prisma --exit-code` against that database
// must find nothing: Bellows' translation gives the same tables, columns, types, defaults,
// keys, indexes and foreign keys, under the same names.
// CTest runs one test per schema (`test_prisma_conformance sameAsPrisma:<project>/<commit>`).
// formbricks/12aa959f50 is left out: it needs pgvector, which the test cluster lacks.
//
// The oracle must be installed (packaging/install-deps.sh); without it the test fails.

#include "test_database.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace bellows::test;

namespace {

QStringList prismaSchemas()
{
    QStringList schemas;
    QDirIterator it(corpusDir(), {QStringLiteral("schema.prisma")}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString dir = QDir(corpusDir()).relativeFilePath(QFileInfo(it.next()).path());
        if (dir != QLatin1String("formbricks/12aa959f50")) // pgvector
            schemas << dir;
    }
    schemas.sort();
    return schemas;
}

QString oracleScript()
{
    return qEnvironmentVariable("BELLOWS_PRISMA_ORACLE") + QStringLiteral("/prisma-sql");
}

// The oracle's SQL for `schema`, or an error message starting with "ERROR".
QString oracleSql(const QString& schema, const QTemporaryDir& work)
{
    const QString modules = qEnvironmentVariable("BELLOWS_PRISMA_ORACLE_MODULES");
    if (!QFile::exists(oracleScript()) || modules.isEmpty() ||
        !QFileInfo(modules + QStringLiteral("/@prisma/schema-engine-wasm")).isDir())
        return QStringLiteral("ERROR: the Prisma oracle is not installed (looked for %1 and %2): "
                              "run packaging/install-deps.sh, then re-run cmake")
            .arg(oracleScript(), modules);
    // The engine rejects preview features it no longer knows (trigger.dev's "metrics"); they
    // change nothing in the database, so the oracle reads a copy without them.
    QFile in(schema);
    if (!in.open(QIODevice::ReadOnly))
        return QStringLiteral("ERROR: cannot read ") + schema;
    QString text = QString::fromUtf8(in.readAll());
    text.replace(QRegularExpression(QStringLiteral("previewFeatures\\s*=\\s*\\[\"metrics\"\\]")),
                 QString());
    const QString copy = work.filePath(QStringLiteral("schema.prisma"));
    QFile out(copy);
    if (!out.open(QIODevice::WriteOnly))
        return QStringLiteral("ERROR: cannot write ") + copy;
    out.write(text.toUtf8());
    out.close();
    const auto r =
        runProcess(QStringLiteral("node"),
                   {oracleScript(), QStringLiteral("--from-empty"), QStringLiteral("--to"), copy},
                   300000, {QStringLiteral("NODE_PATH=") + modules});
    if (r.exitCode != 0)
        return QStringLiteral("ERROR: the oracle failed (exit %1): %2").arg(r.exitCode).arg(r.err);
    return r.out;
}

} // namespace

class TestPrismaConformance : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sameAsPrisma_data()
    {
        QTest::addColumn<QString>("version");
        for (const QString& version : prismaSchemas())
            QTest::newRow(qPrintable(version)) << version;
    }

    void sameAsPrisma()
    {
        QFETCH(QString, version);
        const QString schema =
            corpusDir() + QLatin1Char('/') + version + QStringLiteral("/schema.prisma");
        QTemporaryDir work;
        QVERIFY(work.isValid());
        const QString sql = oracleSql(schema, work);
        QVERIFY2(!sql.startsWith(QLatin1String("ERROR")), qPrintable(sql));
        const QString sqlFile = work.filePath(QStringLiteral("oracle.sql"));
        {
            QFile out(sqlFile);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(sql.toUtf8());
        }

        TestDatabase prisma(QStringLiteral("prisma_oracle"));
        // Prisma leaves CREATE EXTENSION citext to the project's migrations; Bellows' DDL
        // creates it in the shadow database.
        if (sql.contains(QLatin1String("CITEXT")))
            QCOMPARE(prisma.exec(QStringLiteral("CREATE EXTENSION citext")), QString());
        const QString loadError = prisma.loadWithPsql(sqlFile);
        QVERIFY2(loadError.isEmpty(), qPrintable(loadError));

        const auto r = runCli({QStringLiteral("diff"), QStringLiteral("--db"), prisma.conninfo(),
                               QStringLiteral("--target"), schema, QStringLiteral("--exit-code")});
        QVERIFY2(
            r.exitCode == 0,
            qPrintable(
                QStringLiteral("exit %1\n%2\n%3").arg(r.exitCode).arg(r.err, r.out.left(8000))));
    }
};

QTEST_GUILESS_MAIN(TestPrismaConformance)
#include "test_prisma_conformance.moc"
