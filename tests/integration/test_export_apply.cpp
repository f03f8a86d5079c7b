// Exports applied with the tools they are meant for, then Bellows' own diff against the target
// must be empty: the demo plan and a corpus pair, each exported for Prisma (deployed stage by
// stage with the real `prisma migrate deploy`, the backfill run with psql in between) and for
// Flyway (every V<n> script run in order with psql: --single-transaction unless its .sql.conf
// says executeInTransaction=false, as Flyway would).

#include "demo/demo_environment.h"
#include "exec/backfill_batches.h"
#include "export/backfill_script.h"
#include "plan/plan_file.h"
#include "test_database.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <libpq-fe.h>

using namespace bellows;
using namespace bellows::test;

namespace {

QString env(const char* name)
{
    return qEnvironmentVariable(name);
}

bool writeFile(const QString& path, const QString& text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text.toUtf8()) >= 0;
}

// A postgresql:// URL for node-postgres (Prisma's shim) from a libpq conninfo: the socket
// directory goes into ?host=.
QString urlFor(const QString& conninfo)
{
    char* err = nullptr;
    PQconninfoOption* options = PQconninfoParse(conninfo.toUtf8().constData(), &err);
    if (!options) {
        PQfreemem(err);
        return {};
    }
    QHash<QString, QString> v;
    for (PQconninfoOption* o = options; o->keyword; ++o)
        if (o->val)
            v.insert(QString::fromUtf8(o->keyword), QString::fromUtf8(o->val));
    PQconninfoFree(options);
    QString user = v.value(QStringLiteral("user"));
    if (user.isEmpty())
        user = qEnvironmentVariable("USER", QStringLiteral("postgres"));
    QString url =
        QStringLiteral("postgresql://%1@localhost/%2?host=%3&port=%4")
            .arg(QString::fromUtf8(QUrl::toPercentEncoding(user)),
                 QString::fromUtf8(QUrl::toPercentEncoding(v.value(QStringLiteral("dbname")))),
                 QString::fromUtf8(QUrl::toPercentEncoding(v.value(QStringLiteral("host")))),
                 v.value(QStringLiteral("port"), QStringLiteral("5432")));
    return url;
}

// Entries of a folder sorted by the first number in their names (stage-10 after stage-9).
QStringList sortedByNumber(const QString& dir, const QStringList& filters, QDir::Filters kind)
{
    // QCollator's numeric mode needs ICU; compare the numbers by hand.
    QStringList names = QDir(dir).entryList(filters, kind | QDir::NoDotAndDotDot);
    static const QRegularExpression number(QStringLiteral("\\d+"));
    const auto key = [](const QString& name) {
        return number.match(name).captured(0).toLongLong();
    };
    std::stable_sort(names.begin(), names.end(), [&](const QString& a, const QString& b) {
        return key(a) != key(b) ? key(a) < key(b) : a < b;
    });
    return names;
}

bool copyTree(const QString& from, const QString& to)
{
    QDirIterator it(from, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const QString target = to + QLatin1Char('/') + QDir(from).relativeFilePath(file);
        QDir().mkpath(QFileInfo(target).absolutePath());
        if (!QFile::copy(file, target))
            return false;
    }
    return true;
}

} // namespace

class TestExportApply : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir{QDir::tempPath() + QStringLiteral("/bellows-export-test-XXXXXX")};

    ProcessResult psqlFile(const TestDatabase& db, const QString& file, bool singleTransaction)
    {
        QStringList args{QStringLiteral("-X"), QStringLiteral("-q"),
                         QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"),
                         QStringLiteral("-d"), db.conninfo()};
        if (singleTransaction)
            args << QStringLiteral("--single-transaction");
        args << QStringLiteral("-f") << file;
        return runProcess(tool(QStringLiteral("psql")), args);
    }

    // Loads the before state; returns the target file and the plan arguments.
    bool prepare(const QString& which, const TestDatabase& db, QString* target, QStringList* args)
    {
        if (which == QLatin1String("demo")) {
            *target = m_dir.filePath(QStringLiteral("demo-target.sql"));
            *args << QStringLiteral("--rename")
                  << QStringLiteral("public.users.full_name=display_name");
            const QString error = db.exec(demo::demoBeforeSql() + demo::demoDataSql(3000));
            if (!error.isEmpty())
                qWarning("%s", qPrintable(error));
            return error.isEmpty() && writeFile(*target, demo::demoTargetSql());
        }
        // openstreetmap-website cf54b68f84 -> e1d681db33, with rows: concurrent index builds,
        // two gates, a primary key replaced through a unique index built concurrently.
        const QString corpus =
            corpusDir() + QStringLiteral("/openstreetmap-website/%1/structure.sql");
        *target = corpus.arg(QStringLiteral("e1d681db33"));
        QString error = db.loadCorpusFile(corpus.arg(QStringLiteral("cf54b68f84")));
        if (error.isEmpty())
            error = db.loadWithPsql(
                QStringLiteral(BELLOWS_SOURCE_DIR "/tests/scenario/generate_rows.sql"));
        if (!error.isEmpty())
            qWarning("%s", qPrintable(error));
        return error.isEmpty();
    }

    void deployPrisma(const QString& exported, const TestDatabase& db, int* migrations)
    {
        const QString cli = env("BELLOWS_PRISMA_CLI");
        QVERIFY2(QFile::exists(cli), qPrintable(QStringLiteral("no prisma CLI at '%1' (packaging/"
                                                               "install-deps.sh installs it)")
                                                    .arg(cli)));
        // A Prisma project as a team has it: schema, config with the URL, migration history.
        const QString project = exported + QStringLiteral("-project");
        QVERIFY(writeFile(project + QStringLiteral("/prisma/schema.prisma"),
                          QStringLiteral("datasource db {\n  provider = \"postgresql\"\n}\n")));
        QVERIFY(writeFile(project + QStringLiteral("/prisma/migrations/migration_lock.toml"),
                          QStringLiteral("provider = \"postgresql\"\n")));
        QVERIFY(writeFile(project + QStringLiteral("/prisma.config.ts"),
                          QStringLiteral("export default {\n"
                                         "  schema: \"prisma/schema.prisma\",\n"
                                         "  migrations: { path: \"prisma/migrations\" },\n"
                                         "  datasource: { url: process.env.DATABASE_URL },\n"
                                         "};\n")));
        const QStringList environment{
            QStringLiteral("DATABASE_URL=") + urlFor(db.conninfo()),
            QStringLiteral("PRISMA_SCHEMA_ENGINE_BINARY=") + env("BELLOWS_PRISMA_SHIM"),
            QStringLiteral("NODE_PATH=") + env("BELLOWS_PRISMA_SHIM_MODULES"),
            QStringLiteral("CHECKPOINT_DISABLE=1"),
            QStringLiteral("PRISMA_HIDE_UPDATE_MESSAGE=1"),
        };
        // The database was not made by Prisma: baseline it as Prisma documents (a migration
        // standing for the schema as it is, marked applied), or deploy refuses it (P3005).
        QVERIFY(writeFile(project + QStringLiteral("/prisma/migrations/0_baseline/migration.sql"),
                          QStringLiteral("-- The schema before the Bellows plan (made outside "
                                         "Prisma).\n")));
        const auto baselined =
            runProcess(cli,
                       {QStringLiteral("migrate"), QStringLiteral("resolve"),
                        QStringLiteral("--applied"), QStringLiteral("0_baseline"),
                        QStringLiteral("--config"), project + QStringLiteral("/prisma.config.ts")},
                       300000, environment);
        QVERIFY2(baselined.exitCode == 0, qPrintable(baselined.out + baselined.err));
        *migrations = 1;
        const QStringList stages =
            sortedByNumber(exported, {QStringLiteral("stage-*")}, QDir::Dirs);
        QVERIFY(!stages.isEmpty());
        for (const QString& stage : stages) {
            const QString dir = exported + QLatin1Char('/') + stage;
            if (QDir(dir + QStringLiteral("/migrations")).exists()) {
                // Copy this stage's migrations into the history, deploy, go on.
                *migrations += int(QDir(dir + QStringLiteral("/migrations"))
                                       .entryList(QDir::Dirs | QDir::NoDotAndDotDot)
                                       .size());
                QVERIFY(copyTree(dir + QStringLiteral("/migrations"),
                                 project + QStringLiteral("/prisma/migrations")));
                const auto deployed = runProcess(
                    cli,
                    {QStringLiteral("migrate"), QStringLiteral("deploy"),
                     QStringLiteral("--config"), project + QStringLiteral("/prisma.config.ts")},
                    300000, environment);
                QVERIFY2(deployed.exitCode == 0,
                         qPrintable(stage + QStringLiteral(": ") + deployed.out + deployed.err));
                QVERIFY2(deployed.out.contains(QStringLiteral("successfully applied")),
                         qPrintable(deployed.out));
            } else {
                for (const QString& script :
                     sortedByNumber(dir, {QStringLiteral("*.sql")}, QDir::Files)) {
                    const auto ran = psqlFile(db, dir + QLatin1Char('/') + script, false);
                    QVERIFY2(ran.exitCode == 0,
                             qPrintable(script + QStringLiteral(": ") + ran.err));
                }
            }
        }
    }

    void runFlywayScripts(const QString& exported, const TestDatabase& db)
    {
        const QStringList scripts =
            sortedByNumber(exported, {QStringLiteral("V*__*.sql")}, QDir::Files);
        QVERIFY(!scripts.isEmpty());
        for (const QString& script : scripts) {
            const QString path = exported + QLatin1Char('/') + script;
            QFile conf(path + QStringLiteral(".conf"));
            bool inTransaction = true;
            if (conf.open(QIODevice::ReadOnly))
                inTransaction = !QString::fromUtf8(conf.readAll())
                                     .contains(QStringLiteral("executeInTransaction=false"));
            const auto ran = psqlFile(db, path, inTransaction);
            QVERIFY2(ran.exitCode == 0, qPrintable(script + QStringLiteral(": ") + ran.err));
        }
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // The exported backfill loop on keys the demo does not have: a composite key of text and
    // timestamp (quotes, spaces and a comma inside the values) and a table without a primary key
    // (ctid page ranges); batches far smaller than the table.
    void backfillScriptLoopsOverAnyKey_data()
    {
        QTest::addColumn<bool>("withKey");
        QTest::newRow("composite key") << true;
        QTest::newRow("no primary key") << false;
    }

    void backfillScriptLoopsOverAnyKey()
    {
        QFETCH(bool, withKey);
        TestDatabase db(QStringLiteral("exportfill"));
        QString error = db.exec(
            QStringLiteral("CREATE TABLE public.\"Events\" (tenant text, at timestamptz, v int, "
                           "w int%1);\n"
                           "INSERT INTO public.\"Events\" SELECT 'it''s, ' || (g % 7), "
                           "timestamptz '2026-01-01' + g * interval '1 minute', g, NULL "
                           "FROM generate_series(1, 2500) g;")
                .arg(withKey ? QStringLiteral(", PRIMARY KEY (tenant, at)") : QString()));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(db.exec(QStringLiteral("ANALYZE")).isEmpty());
        plan::Step step;
        step.id = QStringLiteral("backfill:copy:public.Events.w");
        step.phase = plan::Phase::Backfill;
        step.title = QStringLiteral("Copy v into w");
        step.lockTimeoutMs = 2000;
        plan::Backfill b;
        b.schema = QStringLiteral("public");
        b.table = QStringLiteral("Events");
        if (withKey)
            b.keyColumns = {QStringLiteral("tenant"), QStringLiteral("at")};
        b.setClause = QStringLiteral("w = v * 2");
        b.pendingPredicate = QStringLiteral("w IS DISTINCT FROM v * 2");
        b.batchRows = 100;
        step.backfill = b;
        const QString file = m_dir.filePath(QStringLiteral("fill-%1.sql").arg(withKey));
        QVERIFY(writeFile(file, exporting::backfillScript(step, 150000)));
        for (int run = 0; run < 2; ++run) { // running it again is harmless
            const auto ran = psqlFile(db, file, false);
            QVERIFY2(ran.exitCode == 0, qPrintable(ran.err));
            if (withKey && run == 0)
                QVERIFY2(ran.err.contains(
                             QStringLiteral("25 batches, 2500 keys scanned, 2500 rows updated")),
                         qPrintable(ran.err));
        }
        auto conn = db.connect();
        auto left = conn->exec(QStringLiteral("SELECT count(*) FILTER (WHERE w IS DISTINCT FROM v "
                                              "* 2), count(*) FROM public.\"Events\""));
        QVERIFY(left);
        QCOMPARE(left->int64(0, 0), qint64(0));
        QCOMPARE(left->int64(0, 1), qint64(2500));
    }

    void converges_data()
    {
        QTest::addColumn<QString>("which");
        QTest::addColumn<QString>("format");
        QTest::newRow("demo prisma") << QStringLiteral("demo") << QStringLiteral("prisma");
        QTest::newRow("demo flyway") << QStringLiteral("demo") << QStringLiteral("flyway");
        QTest::newRow("openstreetmap prisma")
            << QStringLiteral("openstreetmap") << QStringLiteral("prisma");
        QTest::newRow("openstreetmap flyway")
            << QStringLiteral("openstreetmap") << QStringLiteral("flyway");
    }

    void converges()
    {
        QFETCH(QString, which);
        QFETCH(QString, format);
        TestDatabase db(QStringLiteral("export"));
        QString target;
        QStringList planArgs;
        QVERIFY(prepare(which, db, &target, &planArgs));
        QVERIFY(db.exec(QStringLiteral("ANALYZE")).isEmpty());
        auto conn = db.connect();
        qint64 namesBefore = -1;
        if (which == QLatin1String("demo")) {
            auto r = conn->exec(QStringLiteral("SELECT count(full_name) FROM users"));
            QVERIFY(r);
            namesBefore = r->int64(0, 0);
            QVERIFY(namesBefore > 0);
        }

        const QString base = m_dir.filePath(which + QLatin1Char('-') + format);
        const QString planFile = base + QStringLiteral(".json");
        const auto planned =
            runCli(QStringList{QStringLiteral("plan"), QStringLiteral("--db"), db.conninfo(),
                               QStringLiteral("--target"), target, QStringLiteral("-o"), planFile} +
                   planArgs);
        QVERIFY2(planned.exitCode == 0, qPrintable(planned.err + planned.out));
        const QString exported = base + QStringLiteral("-export");
        const auto exportedRun =
            runCli({QStringLiteral("export"), planFile, QStringLiteral("--format"), format,
                    QStringLiteral("-o"), exported, QStringLiteral("--timestamp"),
                    QStringLiteral("20260101000000")});
        QVERIFY2(exportedRun.exitCode == 0, qPrintable(exportedRun.err + exportedRun.out));
        QVERIFY(QFile::exists(exported + QStringLiteral("/README.md")));

        if (format == QLatin1String("prisma")) {
            int migrations = 0;
            deployPrisma(exported, db, &migrations);
            if (QTest::currentTestFailed())
                return;
            // Prisma recorded every migration (and the baseline) as finished. Its table is not
            // part of the target: the diff below must leave it alone, not plan to drop it.
            auto recorded = conn->exec(QStringLiteral("SELECT count(*) FILTER (WHERE finished_at "
                                                      "IS NOT NULL AND rolled_back_at IS NULL), "
                                                      "count(*) FROM _prisma_migrations"));
            QVERIFY2(recorded, qPrintable(recorded ? QString() : recorded.error().toString()));
            QCOMPARE(recorded->int64(0, 0), qint64(migrations));
            QCOMPARE(recorded->int64(0, 1), qint64(migrations));
            // Both plans build indexes concurrently: Prisma ran those migrations too.
            auto concurrent = conn->exec(
                QStringLiteral("SELECT count(*) FROM _prisma_migrations WHERE migration_name LIKE "
                               "'%\\_no\\_transaction' AND finished_at IS NOT NULL"));
            QVERIFY(concurrent);
            QVERIFY(concurrent->int64(0, 0) > 0);
        } else {
            runFlywayScripts(exported, db);
            if (QTest::currentTestFailed())
                return;
        }

        const auto diffed =
            runCli({QStringLiteral("diff"), QStringLiteral("--db"), db.conninfo(),
                    QStringLiteral("--target"), target, QStringLiteral("--exit-code")});
        QVERIFY2(diffed.exitCode == 0, qPrintable(diffed.err + diffed.out));
        if (format == QLatin1String("prisma")) {
            QVERIFY2(diffed.out.contains(QStringLiteral(
                         "public._prisma_migrations: Prisma's migration history, left alone")),
                     qPrintable(diffed.out));
        }
        if (namesBefore >= 0) {
            // The backfill copied every name (the rename's sync trigger and batches).
            auto r = conn->exec(QStringLiteral("SELECT count(display_name) FROM users"));
            QVERIFY(r);
            QCOMPARE(r->int64(0, 0), namesBefore);
        }
    }
};

QTEST_GUILESS_MAIN(TestExportApply)
#include "test_export_apply.moc"
