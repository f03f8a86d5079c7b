// Convergence: load a "before" schema (and data), plan to the "after" schema, apply every
// step with gates answered automatically, then the diff to "after" must be empty and the
// data must have survived. Cases are folders under tests/scenario/cases:
//
//   before.sql   the live database (loaded with psql)
//   data.sql     optional: rows to load after before.sql (then ANALYZE)
//   after.sql    the target schema
//   args         optional: extra `bellows-cli plan` arguments, one per line (--rename ...)
//   checks.sql   optional: one query per line, each must return a single true
//   expect       optional: "blocking" when the plan must refuse (exit 2) and not be applied;
//                each further line is text the plan's output must contain (the exact finding)
//   requires     optional: one query per line that must return true on the test server for
//                the case to apply, followed by "-- the reason"; the case is skipped with that
//                reason otherwise (a server built without lz4, a feature of a newer major)
//
// Corpus pairs run the same way with before/after taken from ../shared/corpus; a pair marked
// ":args" reads its plan arguments from corpus_args/<project>_<from>_<to>.args (same format).

#include "plan/lock_budget.h"
#include "plan/plan_file.h"
#include "test_database.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace bellows::test;

namespace {

QString readText(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// Lines of a case file, without blank lines and comments (`commentPrefix`: "--" in SQL,
// "#" in args, whose lines are themselves --options).
QStringList nonEmptyLines(const QString& text, const QString& commentPrefix)
{
    QStringList out;
    for (const QString& line : text.split(QLatin1Char('\n'))) {
        const QString trimmed = line.trimmed();
        if (!trimmed.isEmpty() && !trimmed.startsWith(commentPrefix))
            out << trimmed;
    }
    return out;
}

// corpus:<project>/<file>:<from>:<to>[:data][:args]; keep in step with CMakeLists.txt and
// README.md.
const char* const kCorpusPairs[] = {
    "corpus:openstreetmap-website/structure.sql:e1d681db33:2f30ea1950:data",
    "corpus:danbooru/structure.sql:6617d46647:ca96275ab8:data:args",
    "corpus:danbooru/structure.sql:ca96275ab8:e377647fcc:data",
    "corpus:lago-api/structure.sql:e183bdbbb4:c3c2924693",
    "corpus:lago-api/structure.sql:c3c2924693:b26bafb290:data",
    "corpus:philomena/structure.sql:b6248e22ee:66de088e1c:data:args",
    "corpus:temporal/schema.sql:200821151c:558682652a:data",
    "corpus:pagila/pagila-schema.sql:e0e35a666f:23f7fe7a1e:data",
    "corpus:openstreetmap-website/structure.sql:cf54b68f84:e1d681db33:data",
    "corpus:synapse/full.sql.postgres:25f43faa70:0a38c7ec6d",
};

QString casesDir()
{
    return QStringLiteral(BELLOWS_SCENARIO_DIR);
}

struct Case {
    QString before;
    QString data;
    QString after;
    QStringList args;
    QStringList checks;
    QStringList requirements; // "query -- reason"
    bool expectBlocking = false;
    QStringList expectedFindings; // text the refusing plan must print
    QString missing;              // a file the case names but that is absent or empty
};

// The reason of the first requirement the server does not meet, empty when it meets all. A
// requirement that does not answer true or false is a broken case, not a reason to skip it.
QString unmetRequirement(bellows::pq::Connection& conn, const QStringList& requirements)
{
    for (const QString& line : requirements) {
        const qsizetype comment = line.indexOf(QStringLiteral(" -- "));
        const QString query = comment < 0 ? line : line.left(comment);
        auto result = conn.exec(query);
        const QString answer = result && result->rows() == 1 ? result->text(0, 0) : QString();
        if (!result || result->columns() != 1 ||
            (answer != QLatin1String("t") && answer != QLatin1String("f")))
            qFatal("requires: \"%s\" must return one true or false: %s", qPrintable(query),
                   qPrintable(result ? QString() : result.error().message));
        if (answer == QLatin1String("f"))
            return QStringLiteral("PostgreSQL %1: %2")
                .arg(cluster().major)
                .arg(comment < 0 ? line : line.mid(comment + 4));
    }
    return {};
}

Case loadCase(const QString& name)
{
    Case c;
    if (name.startsWith(QStringLiteral("corpus:"))) {
        // corpus:<project>/<file>:<from>:<to>[:data][:args] — ":data" fills every table with
        // generated rows (generate_rows.sql) before planning; ":args" adds the plan arguments
        // a person would give for this pair (--fill ...), kept next to the suite.
        const QStringList parts = name.mid(7).split(QLatin1Char(':'));
        const QString project = parts.value(0).section(QLatin1Char('/'), 0, 0);
        const QString file = parts.value(0).section(QLatin1Char('/'), 1);
        c.before = corpusDir() + QStringLiteral("/%1/%2/%3").arg(project, parts.value(1), file);
        c.after = corpusDir() + QStringLiteral("/%1/%2/%3").arg(project, parts.value(2), file);
        const QStringList flags = parts.mid(3);
        if (flags.contains(QLatin1String("data")))
            c.data = QStringLiteral(BELLOWS_SCENARIO_DIR "/../generate_rows.sql");
        if (flags.contains(QLatin1String("args"))) {
            const QString argsFile =
                QStringLiteral(BELLOWS_SCENARIO_DIR "/../corpus_args/%1_%2_%3.args")
                    .arg(project, parts.value(1), parts.value(2));
            c.args = nonEmptyLines(readText(argsFile), QStringLiteral("#"));
            if (c.args.isEmpty())
                c.missing = argsFile;
        }
        return c;
    }
    const QString dir = casesDir() + QLatin1Char('/') + name;
    c.before = dir + QStringLiteral("/before.sql");
    c.after = dir + QStringLiteral("/after.sql");
    if (QFile::exists(dir + QStringLiteral("/data.sql")))
        c.data = dir + QStringLiteral("/data.sql");
    c.args = nonEmptyLines(readText(dir + QStringLiteral("/args")), QStringLiteral("#"));
    c.checks = nonEmptyLines(readText(dir + QStringLiteral("/checks.sql")), QStringLiteral("--"));
    c.requirements =
        nonEmptyLines(readText(dir + QStringLiteral("/requires")), QStringLiteral("--"));
    const QStringList expect =
        nonEmptyLines(readText(dir + QStringLiteral("/expect")), QStringLiteral("#"));
    c.expectBlocking = !expect.isEmpty() && expect.first() == QLatin1String("blocking");
    c.expectedFindings = expect.mid(1);
    return c;
}

} // namespace

// Row count of every ordinary user table that is not a partition, in one query (query_to_xml
// runs the count per table), as run-pairs.sh counts them: ONLY, so inheritance children do not
// count; partitioned tables are left to checks.sql (dropping a partition drops its rows on
// purpose, and rows may move between partitions). With `withPartitions`, partitions count
// too: whether the data step loaded anything at all.
QHash<QString, qint64> rowCounts(bellows::pq::Connection& conn, bool withPartitions = false)
{
    QHash<QString, qint64> counts;
    auto rows = conn.exec(
        QStringLiteral(
            "SELECT format('%I.%I', n.nspname, c.relname), "
            "(xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM ONLY %I.%I', "
            "n.nspname, c.relname), false, true, '')))[1]::text::bigint "
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind = 'r' AND %1 "
            "AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
            "AND n.nspname NOT LIKE 'pg\\_%'")
            .arg(withPartitions ? QStringLiteral("true") : QStringLiteral("NOT c.relispartition")));
    for (int r = 0; rows && r < rows->rows(); ++r)
        counts.insert(rows->text(r, 0), rows->int64(r, 1));
    return counts;
}

class TestConvergence : public QObject {
    Q_OBJECT
private:
    // Reference §1.3's rule: ACCESS EXCLUSIVE only for a catalog update, never SHARE held on a
    // table for a whole build or scan — unless a blocking finding says so (then plan exits 2),
    // or the step was planned under the lock budget (docs/safety.md §5: guarded at run time by
    // the table's size, or the downtime accepted with --accept-downtime).
    void verifyLockClassification(const QString& planFile)
    {
        auto plan = bellows::plan::loadPlan(planFile);
        QVERIFY2(plan, qPrintable(plan ? QString() : plan.error().toString()));
        if (plan->hasBlockingFindings())
            return;
        bellows::plan::PlanChoices choices;
        choices.acceptDowntime = plan->acceptedDowntime;
        for (const auto& step : plan->steps) {
            for (const auto& lock : step.locks) {
                if (bellows::plan::detail::hasBudgetGuard(step) ||
                    bellows::plan::detail::downtimeAccepted(choices, lock.relation))
                    continue;
                const bool longStrong =
                    !lock.brief && (lock.mode == bellows::plan::LockMode::AccessExclusive ||
                                    lock.mode == bellows::plan::LockMode::Share);
                QVERIFY2(!longStrong, qPrintable(step.id + QStringLiteral(": ") +
                                                 bellows::plan::toString(lock.mode) +
                                                 QStringLiteral(" held on ") + lock.relation));
            }
        }
    }

private Q_SLOTS:
    void converges_data()
    {
        QTest::addColumn<QString>("name");
        for (const QString& entry : QDir(casesDir()).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
            QTest::newRow(qPrintable(entry)) << entry;
        // Consecutive corpus versions the planner handles (README: which run with rows).
        for (const char* pair : kCorpusPairs)
            QTest::newRow(pair) << QString::fromLatin1(pair);
    }

    void converges()
    {
        QFETCH(QString, name);
        const Case c = loadCase(name);
        QVERIFY2(c.missing.isEmpty(), qPrintable(c.missing + QStringLiteral(" is missing")));
        TestDatabase live(QStringLiteral("conv"));
        if (const QString unmet = unmetRequirement(*live.connect(), c.requirements);
            !unmet.isEmpty())
            QSKIP(qPrintable(unmet));
        QString error = live.loadCorpusFile(c.before);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        if (!c.data.isEmpty()) {
            error = live.loadWithPsql(c.data);
            QVERIFY2(error.isEmpty(), qPrintable(error));
        }
        QVERIFY(live.exec(QStringLiteral("ANALYZE")).isEmpty());
        const QHash<QString, qint64> rowsBefore = rowCounts(*live.connect());
        if (!c.data.isEmpty()) {
            qint64 total = 0;
            for (qint64 n : rowCounts(*live.connect(), true))
                total += n;
            QVERIFY2(total > 0, "the data step left every table empty");
        }

        QTemporaryDir dir;
        const QString planFile = dir.filePath(QStringLiteral("plan.json"));
        QStringList planArgs{QStringLiteral("plan"),
                             QStringLiteral("--db"),
                             live.conninfo(),
                             QStringLiteral("--target"),
                             c.after,
                             QStringLiteral("-o"),
                             planFile};
        // "--option value": the value is the rest of the line (a --fill expression has spaces).
        for (const QString& line : c.args) {
            const qsizetype space = line.indexOf(QLatin1Char(' '));
            planArgs << line.left(space);
            if (space > 0)
                planArgs << line.mid(space + 1).trimmed();
        }
        const auto planned = runCli(planArgs);
        if (c.expectBlocking) {
            QVERIFY2(planned.exitCode == 2, qPrintable(planned.err + planned.out));
            for (const QString& finding : c.expectedFindings)
                QVERIFY2(planned.out.contains(finding) || planned.err.contains(finding),
                         qPrintable(
                             QStringLiteral("expected \"%1\" in:\n%2").arg(finding, planned.out)));
            return;
        }
        QVERIFY2(planned.exitCode == 0, qPrintable(planned.err + planned.out));
        verifyLockClassification(planFile);

        const auto applied =
            runCli({QStringLiteral("apply"), planFile, QStringLiteral("--db"), live.conninfo(),
                    QStringLiteral("--yes"), QStringLiteral("--gates"), QStringLiteral("auto")});
        QVERIFY2(applied.exitCode == 0, qPrintable(applied.err + applied.out));

        QStringList diffArgs{QStringLiteral("diff"),
                             QStringLiteral("--db"),
                             live.conninfo(),
                             QStringLiteral("--target"),
                             c.after,
                             QStringLiteral("--exit-code")};
        const auto diffed = runCli(diffArgs);
        QVERIFY2(diffed.exitCode == 0, qPrintable(diffed.err + diffed.out));

        auto conn = live.connect();
        // No rows lost: every table that survives the plan has as many rows as before.
        const QHash<QString, qint64> rowsAfter = rowCounts(*conn);
        for (auto it = rowsBefore.begin(); it != rowsBefore.end(); ++it) {
            if (rowsAfter.contains(it.key()))
                QVERIFY2(rowsAfter.value(it.key()) == it.value(),
                         qPrintable(QStringLiteral("%1: %2 rows before, %3 after")
                                        .arg(it.key())
                                        .arg(it.value())
                                        .arg(rowsAfter.value(it.key()))));
        }
        for (const QString& check : c.checks) {
            auto result = conn->exec(check);
            QVERIFY2(result, qPrintable(check + QStringLiteral(": ") +
                                        (result ? QString() : result.error().toString())));
            QVERIFY2(result->rows() == 1 && result->boolean(0, 0), qPrintable(check));
        }
    }
};

QTEST_GUILESS_MAIN(TestConvergence)
#include "test_convergence.moc"
