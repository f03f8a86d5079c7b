// The linter over every migration file of the corpus (Prisma migration.sql, Synapse deltas,
// Temporal versioned SQL): nothing crashes or fails to parse, and the known hazards of real
// projects are found — and the known safe forms are not flagged.

#include "lint/linter.h"

#include <QDirIterator>
#include <QTest>

#include <algorithm>
#include <map>

using namespace bellows;
using namespace bellows::lint;

namespace {

QString corpusDir()
{
    const QString fromEnv = qEnvironmentVariable("BELLOWS_CORPUS_DIR");
    return fromEnv.isEmpty() ? QStringLiteral("/work/shared/corpus") : fromEnv;
}

int countRule(const LintReport& report, const char* rule)
{
    return int(std::count_if(report.findings.begin(), report.findings.end(),
                             [&](const Finding& f) { return f.rule == QLatin1String(rule); }));
}

} // namespace

class TestLintCorpus : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyMigrationFileLints();
    void umamiPlainIndexesOnExistingTablesAreFlagged();
    void triggerDevConcurrentIndexesAreNotFlagged();
    void documensoDropAddRenameIsDataLoss();

private:
    const LintReport& reportFor(const QString& pathPart) const;

    QStringList m_files;
    std::vector<LintReport> m_reports;
};

void TestLintCorpus::initTestCase()
{
    QDirIterator it(corpusDir(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (path.contains(QLatin1String("/migrations/")) &&
            (path.endsWith(QLatin1String(".sql")) || path.endsWith(QLatin1String(".sql.postgres"))))
            m_files << path;
    }
    std::sort(m_files.begin(), m_files.end());
    QVERIFY2(m_files.size() > 400, qPrintable(QString::number(m_files.size())));
    for (const QString& file : std::as_const(m_files)) {
        auto report = lintFile(file);
        QVERIFY2(report.ok(), qPrintable(file));
        m_reports.push_back(std::move(report.value()));
    }
}

const LintReport& TestLintCorpus::reportFor(const QString& pathPart) const
{
    for (const LintReport& r : m_reports)
        if (r.file.contains(pathPart))
            return r;
    static const LintReport none;
    return none;
}

void TestLintCorpus::everyMigrationFileLints()
{
    std::map<QString, int> perRule;
    int statements = 0;
    for (const LintReport& report : m_reports) {
        statements += report.statements;
        QVERIFY2(!report.parseError, qPrintable(renderText({report})));
        for (const Finding& f : report.findings) {
            ++perRule[f.rule];
            QVERIFY(f.location.line >= 1 && f.location.column >= 1);
            QVERIFY2(!f.statement.isEmpty(), qPrintable(f.location.toString()));
        }
    }
    qInfo("linted %d migration files, %d statements", int(m_reports.size()), statements);
    int errors = 0, warnings = 0, infos = 0;
    for (const LintReport& r : m_reports) {
        errors += r.count(Severity::Error);
        warnings += r.count(Severity::Warning);
        infos += r.count(Severity::Info);
    }
    qInfo("findings: %d errors, %d warnings, %d infos", errors, warnings, infos);
    std::vector<std::pair<QString, int>> sorted(perRule.begin(), perRule.end());
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    for (const auto& [rule, count] : sorted)
        qInfo("%6d  %s", count, qPrintable(rule));
}

void TestLintCorpus::umamiPlainIndexesOnExistingTablesAreFlagged()
{
    // 17 plain CREATE INDEX on event_data, session and website_event, all existing tables.
    const LintReport& metrics = reportFor(QStringLiteral("umami/migrations/dfae0c150d__915a4ee9b0/"
                                                         "03_metric_performance_index/"));
    QCOMPARE(countRule(metrics, "create-index-not-concurrently"), 17);
    for (const Finding& f : metrics.findings)
        if (f.rule == QLatin1String("create-index-not-concurrently")) {
            QCOMPARE(toString(f.severity), toString(Severity::Error));
            QCOMPARE(plan::shortName(f.locks.front().mode), plan::shortName(plan::LockMode::Share));
        }
    // Indexes on the tables this migration creates are fine.
    const LintReport& created = reportFor(QStringLiteral("02_report_schema_session_data/"));
    QVERIFY(!created.file.isEmpty());
    QCOMPARE(countRule(created, "create-index-not-concurrently"), 0);
    // website_event gets a column, a backfill, NOT NULL and two indexes in one migration.
    const LintReport& visit = reportFor(QStringLiteral("05_add_visit_id/"));
    QCOMPARE(countRule(visit, "create-index-not-concurrently"), 2);
    QCOMPARE(countRule(visit, "set-not-null"), 1);

    int flagged = 0;
    for (const LintReport& r : m_reports)
        if (r.file.contains(QLatin1String("/umami/")))
            flagged += countRule(r, "create-index-not-concurrently");
    QCOMPARE(flagged, 27);
}

void TestLintCorpus::triggerDevConcurrentIndexesAreNotFlagged()
{
    int concurrentFiles = 0;
    for (const LintReport& r : m_reports) {
        if (!r.file.contains(QLatin1String("/trigger.dev/")))
            continue;
        QFile file(r.file);
        QVERIFY(file.open(QIODevice::ReadOnly));
        if (!file.readAll().contains("CONCURRENTLY"))
            continue;
        ++concurrentFiles;
        for (const char* rule : {"create-index-not-concurrently", "drop-index-not-concurrently",
                                 "ban-concurrent-index-creation-in-transaction"})
            QVERIFY2(countRule(r, rule) == 0, qPrintable(renderText({r})));
    }
    QCOMPARE(concurrentFiles, 23);
    // The plain one among them is caught.
    const LintReport& plain = reportFor(QStringLiteral("20251213093011_add_batch_task_run_error_"
                                                       "unique_index/"));
    QCOMPARE(countRule(plain, "create-index-not-concurrently"), 1);
    QCOMPARE(plain.findings.front().referenceRow, QStringLiteral("I2"));
}

void TestLintCorpus::documensoDropAddRenameIsDataLoss()
{
    const LintReport& report =
        reportFor(QStringLiteral("documenso/migrations/b08e153ca2__a319ea0f5e/"
                                 "20241017035042_rename_typed_signature_option/"));
    QVERIFY(!report.file.isEmpty());
    QCOMPARE(countRule(report, "data-loss-rename"), 1);
    QCOMPARE(countRule(report, "drop-column"), 0);
    const auto f =
        std::find_if(report.findings.begin(), report.findings.end(),
                     [](const Finding& x) { return x.rule == QLatin1String("data-loss-rename"); });
    QCOMPARE(toString(f->severity), toString(Severity::Error));
    QCOMPARE(f->location.line, 8);
    QVERIFY(f->message.contains(QStringLiteral("\"enabledTypedSignature\"")));
    QVERIFY(f->message.contains(QStringLiteral("\"typedSignatureEnabled\"")));
    QVERIFY(std::any_of(f->hazards.begin(), f->hazards.end(), [](const plan::Hazard& h) {
        return h.kind == plan::HazardKind::DataLoss;
    }));
}

QTEST_GUILESS_MAIN(TestLintCorpus)
#include "test_lint_corpus.moc"
