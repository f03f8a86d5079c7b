// The layout of each export (core/export) on a hand-made plan: file names and their order,
// statements that cannot run in a transaction alone in their file, Flyway's script config
// files, the backfill loop around the runner's batch statement, and a self-contained HTML
// report. No server: tests/integration/test_export_apply.cpp applies real exports.

#include "exec/backfill_batches.h"
#include "export/export_plan.h"
#include "export/migration_units.h"
#include "plan/plan_render.h"
#include "review/review_actions.h"
#include "source/sql_script.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace bellows;
using namespace bellows::exporting;
using plan::Phase;

namespace {

plan::Step step(Phase phase, const QString& id, const QString& sql, bool outside = false)
{
    plan::Step s;
    s.id = id;
    s.phase = phase;
    s.title = QStringLiteral("Step ") + id;
    s.sql = sql;
    s.outsideTransaction = outside;
    s.estimatedSeconds = 2;
    s.lockTimeoutMs = outside ? 0 : 2000;
    return s;
}

// Expand (two transactional steps around a concurrent index build), a backfill behind a gate,
// verify, tighten, and contract behind a second gate.
plan::Plan samplePlan()
{
    plan::Plan p;
    p.id = QStringLiteral("0123456789abcdef");
    p.createdAt = QStringLiteral("2026-01-02T03:04:05Z");
    p.serverVersionNum = 150000;
    p.steps.push_back(
        step(Phase::Expand, QStringLiteral("expand:add-column:public.users.display_name"),
             QStringLiteral("ALTER TABLE public.users ADD COLUMN display_name text;")));
    auto index =
        step(Phase::Expand, QStringLiteral("expand:index:public.users.users_x_idx"),
             QStringLiteral("CREATE INDEX CONCURRENTLY users_x_idx ON public.users (x);"), true);
    index.rollbackSql = QStringLiteral("DROP INDEX CONCURRENTLY IF EXISTS public.users_x_idx;");
    index.hazards.push_back({plan::HazardKind::OutsideTransaction, QStringLiteral("autocommit")});
    p.steps.push_back(index);
    p.steps.push_back(step(Phase::Expand, QStringLiteral("expand:create-function:public.f"),
                           QStringLiteral("CREATE FUNCTION f() RETURNS int LANGUAGE sql AS "
                                          "$$ SELECT 1; $$;\nSELECT 1;")));
    auto fill =
        step(Phase::Backfill, QStringLiteral("backfill:copy:public.users.display_name"), QString());
    plan::Backfill b;
    b.schema = QStringLiteral("public");
    b.table = QStringLiteral("users");
    b.keyColumns = {QStringLiteral("id")};
    b.setClause = QStringLiteral("display_name = full_name");
    b.pendingPredicate = QStringLiteral("display_name IS DISTINCT FROM full_name");
    b.batchRows = 500;
    fill.backfill = b;
    fill.sql = exec::backfillStatementText(b);
    p.steps.push_back(fill);
    auto check = step(Phase::Verify, QStringLiteral("verify:validate:public.users.c"),
                      QStringLiteral("ALTER TABLE public.users VALIDATE CONSTRAINT c;"));
    check.hazards.push_back({plan::HazardKind::ValidationScan, QStringLiteral("scan <all> rows")});
    p.steps.push_back(check);
    p.steps.push_back(step(Phase::Tighten,
                           QStringLiteral("tighten:set-not-null:public.users.display_name"),
                           QStringLiteral("ALTER TABLE public.users ALTER COLUMN display_name SET "
                                          "NOT NULL;")));
    auto drop = step(Phase::Contract, QStringLiteral("contract:drop-column:public.users.full_name"),
                     QStringLiteral("ALTER TABLE public.users DROP COLUMN full_name;"));
    drop.hazards.push_back({plan::HazardKind::DataLoss, QStringLiteral("drops <full_name>")});
    p.steps.push_back(drop);
    p.steps.push_back(step(Phase::Contract,
                           QStringLiteral("contract:drop-index:public.users_old_idx"),
                           QStringLiteral("DROP INDEX CONCURRENTLY public.users_old_idx;"), true));
    plan::Gate g1;
    g1.id = QStringLiteral("gate:tolerate-both-shapes");
    g1.before = Phase::Backfill;
    g1.title = QStringLiteral("Deploy the app version that tolerates both shapes");
    g1.checklist = {QStringLiteral("deployed")};
    plan::Gate g2;
    g2.id = QStringLiteral("gate:drain-old-versions");
    g2.before = Phase::Contract;
    g2.title = QStringLiteral("Drain old versions");
    p.gates = {g1, g2};
    return p;
}

int statementCount(const QString& sql)
{
    auto split = source::splitScript(sql, QStringLiteral("test"));
    return split ? int(split->statements.size()) : -1;
}

QStringList paths(const std::vector<ExportedFile>& files)
{
    QStringList out;
    for (const ExportedFile& f : files)
        out << f.path;
    return out;
}

const ExportedFile* find(const std::vector<ExportedFile>& files, const QString& path)
{
    for (const ExportedFile& f : files)
        if (f.path == path)
            return &f;
    return nullptr;
}

} // namespace

class TestExportLayout : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void formatsParse()
    {
        for (ExportFormat f : {ExportFormat::Prisma, ExportFormat::Flyway, ExportFormat::Sql,
                               ExportFormat::Markdown, ExportFormat::Html})
            QCOMPARE(exportFormatFromString(toString(f)), std::optional<ExportFormat>(f));
        QVERIFY(!exportFormatFromString(QStringLiteral("liquibase")));
    }

    void autocommitStatements()
    {
        QVERIFY(
            needsAutocommit(QStringLiteral("CREATE UNIQUE INDEX CONCURRENTLY i ON t (a)"), 150000));
        QVERIFY(needsAutocommit(QStringLiteral("drop index concurrently if exists i"), 150000));
        QVERIFY(needsAutocommit(QStringLiteral("REINDEX INDEX CONCURRENTLY i"), 150000));
        QVERIFY(needsAutocommit(QStringLiteral("ALTER TYPE e ADD VALUE 'x'"), 110000));
        QVERIFY(!needsAutocommit(QStringLiteral("ALTER TYPE e ADD VALUE 'x'"), 120000));
        QVERIFY(!needsAutocommit(QStringLiteral("ALTER TYPE e ADD VALUE 'x'"), 0));
        QVERIFY(!needsAutocommit(QStringLiteral("CREATE INDEX i ON t (a)"), 150000));
        QVERIFY(
            !needsAutocommit(QStringLiteral("REFRESH MATERIALIZED VIEW CONCURRENTLY v"), 150000));
        QVERIFY(!needsAutocommit(QStringLiteral("SELECT 'create index concurrently'"), 150000));
    }

    void stagesFollowGatesAndBackfills()
    {
        const plan::Plan p = samplePlan();
        auto stages = migrationStages(p);
        QVERIFY2(stages, qPrintable(stages ? QString() : stages.error().toString()));
        QCOMPARE(stages->size(), size_t(4));
        QCOMPARE(stages->at(0).slug(), QStringLiteral("expand"));
        QCOMPARE(stages->at(0).units.size(), size_t(3)); // tx, concurrently, tx
        QVERIFY(stages->at(0).gatesBefore.empty());
        QCOMPARE(stages->at(1).slug(), QStringLiteral("backfill"));
        QVERIFY(stages->at(1).isBackfill());
        QCOMPARE(stages->at(1).gatesBefore.size(), size_t(1));
        QCOMPARE(stages->at(2).slug(), QStringLiteral("verify-tighten"));
        QVERIFY(stages->at(2).gatesBefore.empty());
        QCOMPARE(stages->at(3).slug(), QStringLiteral("contract"));
        QCOMPARE(stages->at(3).gatesBefore.front()->id, QStringLiteral("gate:drain-old-versions"));
    }

    void prismaLayout()
    {
        const plan::Plan p = samplePlan();
        auto files = renderExport(p, ExportFormat::Prisma);
        QVERIFY2(files, qPrintable(files ? QString() : files.error().toString()));
        const QStringList expected{
            QStringLiteral("README.md"),
            QStringLiteral("stage-1-expand/migrations/"
                           "20260102030405_bellows_01234567_expand_1_add_column/migration.sql"),
            QStringLiteral(
                "stage-1-expand/migrations/"
                "20260102030406_bellows_01234567_expand_2_index_no_transaction/migration.sql"),
            QStringLiteral(
                "stage-1-expand/migrations/"
                "20260102030407_bellows_01234567_expand_3_create_function/migration.sql"),
            QStringLiteral("stage-2-backfill/01_backfill_public_users.sql"),
            QStringLiteral("stage-3-verify-tighten/migrations/"
                           "20260102030408_bellows_01234567_verify_1_validate/migration.sql"),
            QStringLiteral("stage-3-verify-tighten/migrations/"
                           "20260102030409_bellows_01234567_tighten_1_set_not_null/migration.sql"),
            QStringLiteral("stage-4-contract/migrations/"
                           "20260102030410_bellows_01234567_contract_1_drop_column/migration.sql"),
            QStringLiteral("stage-4-contract/migrations/"
                           "20260102030411_bellows_01234567_contract_2_drop_index_no_transaction/"
                           "migration.sql"),
        };
        QCOMPARE(paths(*files), expected);

        // Migration folder names sort in plan order across stages.
        QStringList migrations;
        for (const QString& path : paths(*files))
            if (path.endsWith(QStringLiteral("/migration.sql")))
                migrations << path.section(QLatin1Char('/'), 2, 2);
        QStringList sorted = migrations;
        sorted.sort();
        QCOMPARE(migrations, sorted);

        for (const ExportedFile& f : *files) {
            if (!f.path.endsWith(QStringLiteral("/migration.sql")))
                continue;
            if (f.path.contains(QStringLiteral("no_transaction"))) {
                // Alone in its file: Prisma sends a file as one implicit transaction.
                QCOMPARE(statementCount(f.content), 1);
                QVERIFY(f.content.contains(QStringLiteral("CONCURRENTLY")));
            } else {
                QVERIFY2(!f.content.contains(QStringLiteral("CONCURRENTLY")) ||
                             f.content.contains(QStringLiteral("-- Rollback")),
                         qPrintable(f.path));
                QVERIFY(f.content.contains(QStringLiteral("RESET lock_timeout;")));
            }
        }
        // The gate before the backfill and the contract, as comments and in the README.
        const ExportedFile* contract = find(*files, expected.at(7));
        QVERIFY(contract->content.contains(QStringLiteral("GATE: Drain old versions")));
        const QString readme = files->front().content;
        const qsizetype stage1 = readme.indexOf(QStringLiteral("Stage 1"));
        const qsizetype gate = readme.indexOf(QStringLiteral("Gate: Deploy the app version"));
        const qsizetype stage2 = readme.indexOf(QStringLiteral("Stage 2"));
        QVERIFY(stage1 >= 0 && stage1 < gate && gate < stage2);
        QVERIFY(readme.contains(QStringLiteral("npx prisma migrate deploy")));
        QVERIFY(readme.contains(QStringLiteral("psql \"$DATABASE_URL\" -X -v ON_ERROR_STOP=1 -f "
                                               "stage-2-backfill/01_backfill_public_users.sql")));
    }

    void backfillScriptRunsTheRunnersBatch()
    {
        const plan::Plan p = samplePlan();
        auto files = renderExport(p, ExportFormat::Prisma);
        QVERIFY(files);
        const ExportedFile* script =
            find(*files, QStringLiteral("stage-2-backfill/01_backfill_public_users.sql"));
        QVERIFY(script);
        // The runner's first batch statement, verbatim inside a literal.
        QString first = exec::backfillBatchSql(*p.steps[3].backfill, true);
        first.replace(QLatin1Char('\''), QStringLiteral("''"));
        QVERIFY(script->content.contains(first));
        QVERIFY(script->content.contains(QStringLiteral("COMMIT;")));
        QVERIFY(script->content.contains(QStringLiteral("/*bellows:last-key*/")));
        QVERIFY(!script->content.contains(QStringLiteral("$1")));
        // The gate before it, as comments.
        QVERIFY(script->content.contains(
            QStringLiteral("-- ===== GATE: Deploy the app version that tolerates both shapes")));
        QVERIFY(script->content.contains(QStringLiteral("SET statement_timeout = 0;")));
        // psql sees: SET, SET, DO, RESET, RESET.
        QCOMPARE(statementCount(script->content), 5);
    }

    void flywayLayout()
    {
        const plan::Plan p = samplePlan();
        ExportOptions options;
        options.firstVersion = 7;
        options.name = QStringLiteral("Rename Users!");
        auto files = renderExport(p, ExportFormat::Flyway, options);
        QVERIFY2(files, qPrintable(files ? QString() : files.error().toString()));
        const QStringList expected{
            QStringLiteral("README.md"),
            QStringLiteral("V7__rename_users_expand_1_add_column.sql"),
            QStringLiteral("V8__rename_users_expand_2_index_no_transaction.sql"),
            QStringLiteral("V8__rename_users_expand_2_index_no_transaction.sql.conf"),
            QStringLiteral("V9__rename_users_expand_3_create_function.sql"),
            QStringLiteral("V10__rename_users_backfill_1_backfill_public_users.sql"),
            QStringLiteral("V10__rename_users_backfill_1_backfill_public_users.sql.conf"),
            QStringLiteral("V11__rename_users_verify_1_validate.sql"),
            QStringLiteral("V12__rename_users_tighten_1_set_not_null.sql"),
            QStringLiteral("V13__rename_users_contract_1_drop_column.sql"),
            QStringLiteral("V14__rename_users_contract_2_drop_index_no_transaction.sql"),
            QStringLiteral("V14__rename_users_contract_2_drop_index_no_transaction.sql.conf"),
        };
        QCOMPARE(paths(*files), expected);
        for (const ExportedFile& f : *files) {
            if (f.path.endsWith(QStringLiteral(".conf")))
                QVERIFY(f.content.contains(QStringLiteral("\nexecuteInTransaction=false\n")));
            if (f.path.endsWith(QStringLiteral("_no_transaction.sql")))
                QCOMPARE(statementCount(f.content), 1);
        }
        const QString readme = files->front().content;
        QVERIFY(readme.contains(QStringLiteral("flyway migrate -target=9")));
        QVERIFY(readme.contains(QStringLiteral("flyway migrate -target=10")));
        QVERIFY(readme.contains(QStringLiteral("flyway migrate -target=12")));
        QVERIFY(readme.contains(QStringLiteral("flyway migrate -target=14")));
    }

    void sqlIsThePlanRenderer()
    {
        const plan::Plan p = samplePlan();
        auto files = renderExport(p, ExportFormat::Sql);
        QVERIFY(files);
        const auto scripts = plan::renderSql(p);
        QCOMPARE(files->size(), scripts.size());
        for (size_t i = 0; i < scripts.size(); ++i) {
            QCOMPARE(files->at(i).path, scripts[i].fileName);
            QCOMPARE(files->at(i).content, scripts[i].text);
        }
    }

    void htmlIsSelfContained()
    {
        plan::Plan p = samplePlan();
        p.steps[0].sql = QStringLiteral("ALTER TABLE t ADD CONSTRAINT c CHECK (a < 1 AND b > 2);");
        auto files = renderExport(p, ExportFormat::Html);
        QVERIFY(files);
        QCOMPARE(files->size(), size_t(1));
        const QString html = files->front().content;
        QVERIFY(html.startsWith(QStringLiteral("<!DOCTYPE html>")));
        QVERIFY(html.contains(QStringLiteral("<svg")));
        QVERIFY(html.contains(QStringLiteral("</svg>")));
        QVERIFY(html.contains(QStringLiteral("CHECK (a &lt; 1 AND b &gt; 2)")));
        QVERIFY(!html.contains(QStringLiteral("a < 1")));
        QVERIFY(html.contains(QStringLiteral("scan &lt;all&gt; rows")));
        // Nothing fetched from elsewhere.
        static const QRegularExpression external(
            QStringLiteral("(https?:|//[a-z]|src\\s*=|<link|<script|@import|url\\()"),
            QRegularExpression::CaseInsensitiveOption);
        const auto m = external.match(html);
        QVERIFY2(!m.hasMatch(), qPrintable(m.captured(0)));
        // A box per step, coloured by risk; a milestone per gate; approval state shown.
        QCOMPARE(html.count(QStringLiteral("<rect class=\"step")), int(p.steps.size()));
        QVERIFY(html.contains(QStringLiteral("risk-high")));
        QCOMPARE(html.count(QStringLiteral("<g class=\"gate\">")), 2);
        QVERIFY(html.contains(QStringLiteral("approval: not reviewed")));
        for (const plan::Step& s : p.steps)
            QVERIFY(html.contains(QStringLiteral("id=\"step-") + s.id + QLatin1Char('"')));
    }

    void markdownAddsTheReview()
    {
        const plan::Plan p = samplePlan();
        auto files = renderExport(p, ExportFormat::Markdown);
        QVERIFY(files);
        QVERIFY(files->front().content.startsWith(plan::renderMarkdown(p)));
        QVERIFY(files->front().content.contains(QStringLiteral("## Review")));
        QVERIFY(files->front().content.contains(QStringLiteral("not reviewed")));
    }

    void reportsShowTheReview()
    {
        plan::Plan p = samplePlan();
        review::Policy policy;
        policy.defaultRequired = 1;
        QVERIFY(review::setPolicy(p, policy, {QStringLiteral("Author"), QString()}));
        review::ApproveRequest request;
        request.scope = review::Scope::Phase;
        request.target = QStringLiteral("expand");
        request.approver = {QStringLiteral("Alice <&>"), QStringLiteral("alice@example.com")};
        auto approved = review::approve(p, request);
        QVERIFY2(approved, qPrintable(approved ? QString() : approved.error().toString()));

        auto html = renderExport(p, ExportFormat::Html);
        QVERIFY(html);
        const QString page = html->front().content;
        QVERIFY2(page.contains(QStringLiteral("approval: incomplete (3 of 8 step(s) approved)")),
                 qPrintable(page.left(2000)));
        QVERIFY(page.contains(QStringLiteral("approved by Alice &lt;&amp;&gt;")));
        QVERIFY(!page.contains(QStringLiteral("Alice <&>")));
        auto markdown = renderExport(p, ExportFormat::Markdown);
        QVERIFY(markdown);
        QVERIFY(markdown->front().content.contains(
            QStringLiteral("| `expand:add-column:public.users.display_name` | approved | Alice")));
        QVERIFY(markdown->front().content.contains(
            QStringLiteral("| `contract:drop-column:public.users.full_name` | missing")));
    }

    void emptyPlanExportsAReadmeOnly()
    {
        plan::Plan p;
        p.id = QStringLiteral("empty");
        for (ExportFormat f : {ExportFormat::Prisma, ExportFormat::Flyway}) {
            auto files = renderExport(p, f);
            QVERIFY(files);
            QCOMPARE(paths(*files), QStringList{QStringLiteral("README.md")});
        }
        auto html = renderExport(p, ExportFormat::Html);
        QVERIFY(html);
        QVERIFY(html->front().content.contains(QStringLiteral("<svg")));
    }

    void blockingFindingsRefuseMigrations()
    {
        plan::Plan p = samplePlan();
        plan::Finding f;
        f.title = QStringLiteral("orphans");
        p.findings.push_back(f);
        QVERIFY(!renderExport(p, ExportFormat::Prisma));
        QVERIFY(!renderExport(p, ExportFormat::Flyway));
        QVERIFY(renderExport(p, ExportFormat::Html));
        ExportOptions options;
        options.allowBlocking = true;
        QVERIFY(renderExport(p, ExportFormat::Flyway, options));
    }

    void writesAndRefusesToOverwrite()
    {
        QTemporaryDir dir;
        const plan::Plan p = samplePlan();
        const QString out = dir.filePath(QStringLiteral("flyway"));
        auto written = exportPlan(p, ExportFormat::Flyway, out);
        QVERIFY2(written, qPrintable(written ? QString() : written.error().toString()));
        QCOMPARE(written->size(), 12);
        QVERIFY(QFile::exists(
            out + QStringLiteral("/V2__bellows_01234567_expand_2_index_no_transaction.sql.conf")));
        auto again = exportPlan(p, ExportFormat::Flyway, out);
        QVERIFY(!again);
        QVERIFY(again.error().message.contains(QStringLiteral("not empty")));
        ExportOptions force;
        force.overwrite = true;
        QVERIFY(exportPlan(p, ExportFormat::Flyway, out, force));
        const QString html = dir.filePath(QStringLiteral("report.html"));
        QVERIFY(exportPlan(p, ExportFormat::Html, html));
        QVERIFY(!exportPlan(p, ExportFormat::Html, html));
    }
};

QTEST_GUILESS_MAIN(TestExportLayout)
#include "test_export_layout.moc"
