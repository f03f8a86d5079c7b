// The review policy at run time: the runner refuses steps the plan's approvals do not cover
// (bellows-cli apply exits 2 and names what is missing), runs them once approved, and the
// ledger keeps who approved which hash and who ran it.

#include "exec/ledger.h"
#include "exec/ledger_schema.h"
#include "exec/runner.h"
#include "plan/plan_file.h"
#include "review/review_actions.h"
#include "test_database.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace bellows;
using namespace bellows::test;

namespace {

const review::Identity kAlice{QStringLiteral("Alice"), QStringLiteral("alice@example.com")};
const review::Identity kBob{QStringLiteral("Bob"), QStringLiteral("bob@example.com")};
const review::Identity kCarol{QStringLiteral("Carol"), QStringLiteral("carol@example.com")};

plan::Step sqlStep(const QString& id, const QString& sql, plan::Phase phase)
{
    plan::Step s;
    s.id = id;
    s.phase = phase;
    s.title = QStringLiteral("step ") + id;
    s.sql = sql;
    s.lockTimeoutMs = 2000;
    s.statementTimeoutMs = 60000;
    return s;
}

// expand creates a table, contract drops another: contract needs two approvals.
plan::Plan policyPlan(const QString& id)
{
    plan::Plan p;
    p.id = id;
    p.steps = {sqlStep(QStringLiteral("expand-create"),
                       QStringLiteral("CREATE TABLE fresh (id int PRIMARY KEY)"),
                       plan::Phase::Expand),
               sqlStep(QStringLiteral("contract-drop"), QStringLiteral("DROP TABLE old_stuff"),
                       plan::Phase::Contract)};
    p.steps[0].rollbackSql = QStringLiteral("DROP TABLE fresh");
    review::Policy policy;
    policy.required[plan::Phase::Expand] = 1;
    policy.required[plan::Phase::Contract] = 2;
    if (!review::setPolicy(p, policy, kAlice).ok())
        qFatal("setPolicy failed");
    return p;
}

QString scalar(const TestDatabase& db, const QString& sql)
{
    auto conn = db.connect();
    auto r = conn->exec(sql);
    if (!r)
        return QStringLiteral("ERROR: ") + r.error().message;
    return r->rows() ? r->text(0, 0) : QString();
}

review::ApproveRequest approval(const review::Identity& who, review::Scope scope,
                                const QString& target = {})
{
    review::ApproveRequest r;
    r.approver = who;
    r.scope = scope;
    r.target = target;
    return r;
}

exec::ApplyOptions runAs(const review::Identity& executor)
{
    exec::ApplyOptions options;
    options.autoGates = true;
    options.executor = executor;
    return options;
}

ProcessResult cli(const QStringList& args)
{
    return runCli(args);
}

} // namespace

class TestApproval : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void runnerRefusesUnapprovedSteps()
    {
        TestDatabase db(QStringLiteral("unapproved"));
        QVERIFY(db.exec(QStringLiteral("CREATE TABLE old_stuff (id int)")).isEmpty());
        plan::Plan p = policyPlan(QStringLiteral("plan-unapproved"));
        auto report = exec::applyPlan(p, db.conninfo(), runAs(kCarol));
        QVERIFY2(report.ok(), report.ok() ? "" : qPrintable(report.error().toString()));
        QVERIFY2(report->outcome == exec::ApplyReport::Outcome::Refused,
                 qPrintable(report->message));
        QVERIFY2(report->message.contains(QLatin1String("expand-create")),
                 qPrintable(report->message));
        QVERIFY(report->message.contains(QLatin1String("1 more approval (0 of 1)")));
        QVERIFY(report->message.contains(QLatin1String("2 more approvals (0 of 2)")));
        QVERIFY(report->stepsRun.isEmpty());
        QCOMPARE(scalar(db, QStringLiteral("SELECT to_regclass('fresh') IS NULL")),
                 QStringLiteral("t"));
        // The refusal is in the ledger, with who tried.
        QCOMPARE(scalar(db, QStringLiteral("SELECT outcome || ' ' || executor_name FROM "
                                           "bellows.ledger_runs")),
                 QStringLiteral("refused Carol"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM bellows.ledger_events WHERE "
                                           "kind = 'review_refused'")),
                 QStringLiteral("2"));

        // Under-approved: expand is approved, contract has one of two.
        QVERIFY(review::approve(p, approval(kBob, review::Scope::Plan)).ok());
        report = exec::applyPlan(p, db.conninfo(), runAs(kCarol));
        QVERIFY(report.ok());
        QVERIFY2(report->outcome == exec::ApplyReport::Outcome::Refused,
                 qPrintable(report->message));
        QVERIFY2(report->message.contains(QLatin1String("contract-drop")),
                 qPrintable(report->message));
        QVERIFY(report->message.contains(QLatin1String("1 more approval (1 of 2)")));
        QVERIFY(!report->message.contains(QLatin1String("expand-create (")));
        QCOMPARE(scalar(db, QStringLiteral("SELECT to_regclass('fresh') IS NULL")),
                 QStringLiteral("t"));

        // What is approved may run on its own.
        exec::ApplyOptions throughExpand = runAs(kCarol);
        throughExpand.through = plan::Phase::Expand;
        report = exec::applyPlan(p, db.conninfo(), throughExpand);
        QVERIFY(report.ok());
        QVERIFY2(report->outcome == exec::ApplyReport::Outcome::Completed,
                 qPrintable(report->message));
        QCOMPARE(report->stepsRun, QStringList{QStringLiteral("expand-create")});

        // Separation of duties: Bob may not run contract when he is one of... only if he is
        // the only approver; with Carol's approval too, Bob runs it.
        QVERIFY(
            review::approve(p, approval(kCarol, review::Scope::Phase, QStringLiteral("contract")))
                .ok());
        report = exec::applyPlan(p, db.conninfo(), runAs(kBob));
        QVERIFY2(report.ok(), report.ok() ? "" : qPrintable(report->message));
        QVERIFY2(report->outcome == exec::ApplyReport::Outcome::Completed,
                 qPrintable(report->message));
        QCOMPARE(report->stepsRun, QStringList{QStringLiteral("contract-drop")});
        QCOMPARE(report->stepsSkipped, QStringList{QStringLiteral("expand-create")});

        // The ledger: who approved which hash, and who ran each step.
        QCOMPARE(scalar(db, QStringLiteral(
                                "SELECT string_agg(a.step_id || ':' || a.approver_name || ':' || "
                                "a.role || ':' || (a.sql_sha256 = s.sql_sha256)::text || ':' || "
                                "r.executor_name, ',' ORDER BY a.step_id, a.approver_name) FROM "
                                "bellows.ledger_approvals a JOIN bellows.ledger_steps s USING "
                                "(run_id, step_id) JOIN bellows.ledger_runs r ON r.id = a.run_id "
                                "WHERE s.status = 'done'")),
                 QStringLiteral("contract-drop:Bob:reviewer:true:Bob,"
                                "contract-drop:Carol:reviewer:true:Bob,"
                                "expand-create:Bob:reviewer:true:Carol"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM bellows.ledger_steps WHERE "
                                           "rollback_sha256 IS NOT NULL")),
                 QStringLiteral("2"));
    }

    void separationOfDutiesRefusesTheOnlyApprover()
    {
        TestDatabase db(QStringLiteral("sod"));
        plan::Plan p;
        p.id = QStringLiteral("plan-sod");
        p.steps = {sqlStep(QStringLiteral("expand-create"),
                           QStringLiteral("CREATE TABLE fresh (id int)"), plan::Phase::Expand)};
        review::Policy policy;
        policy.defaultRequired = 1;
        QVERIFY(review::setPolicy(p, policy, kAlice).ok());
        QVERIFY(review::approve(p, approval(kBob, review::Scope::Plan)).ok());
        auto report = exec::applyPlan(p, db.conninfo(), runAs(kBob));
        QVERIFY(report.ok());
        QVERIFY2(report->outcome == exec::ApplyReport::Outcome::Refused,
                 qPrintable(report->message));
        QVERIFY2(report->message.contains(QLatin1String("separation of duties")),
                 qPrintable(report->message));
        report = exec::applyPlan(p, db.conninfo(), runAs(kCarol));
        QVERIFY(report.ok());
        QVERIFY2(report->outcome == exec::ApplyReport::Outcome::Completed,
                 qPrintable(report->message));
    }

    void signedApprovalsWhenThePolicyRequiresThem()
    {
        TestDatabase db(QStringLiteral("signed"));
        QTemporaryDir dir;
        const QString key = dir.filePath(QStringLiteral("bob_key"));
        const auto made =
            runProcess(QStringLiteral("ssh-keygen"),
                       {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"),
                        QStringLiteral("-N"), QString(), QStringLiteral("-f"), key});
        QCOMPARE(made.exitCode, 0);
        QFile pub(key + QStringLiteral(".pub"));
        QVERIFY(pub.open(QIODevice::ReadOnly));
        const QString signers = dir.filePath(QStringLiteral("allowed_signers"));
        QFile signersFile(signers);
        QVERIFY(signersFile.open(QIODevice::WriteOnly));
        signersFile.write("bob@example.com namespaces=\"bellows-plan\" " + pub.readAll());
        signersFile.close();

        plan::Plan p;
        p.id = QStringLiteral("plan-signed");
        p.steps = {sqlStep(QStringLiteral("expand-create"),
                           QStringLiteral("CREATE TABLE fresh (id int)"), plan::Phase::Expand)};
        review::Policy policy;
        policy.defaultRequired = 1;
        policy.requireSignatures = true;
        QVERIFY(review::setPolicy(p, policy, kAlice).ok());
        review::ApproveRequest signedByBob = approval(kBob, review::Scope::Plan);
        signedByBob.signingKey = key;
        QVERIFY(review::approve(p, signedByBob).ok());

        // Without the allowed signers the signature cannot be trusted.
        auto report = exec::applyPlan(p, db.conninfo(), runAs(kCarol));
        QVERIFY(report.ok());
        QVERIFY2(report->outcome == exec::ApplyReport::Outcome::Refused,
                 qPrintable(report->message));
        QVERIFY2(report->message.contains(QLatin1String("not checked")),
                 qPrintable(report->message));

        exec::ApplyOptions options = runAs(kCarol);
        options.allowedSigners = signers;
        report = exec::applyPlan(p, db.conninfo(), options);
        QVERIFY(report.ok());
        QVERIFY2(report->outcome == exec::ApplyReport::Outcome::Completed,
                 qPrintable(report->message));
        QCOMPARE(scalar(db, QStringLiteral("SELECT signature_status || ' ' || (signature LIKE "
                                           "'-----BEGIN SSH SIGNATURE-----%')::text FROM "
                                           "bellows.ledger_approvals")),
                 QStringLiteral("valid true"));
    }

    void cliApproveReviewApply()
    {
        TestDatabase db(QStringLiteral("cliflow"));
        QVERIFY(db.exec(QStringLiteral("CREATE TABLE old_stuff (id int)")).isEmpty());
        QTemporaryDir dir;
        plan::Plan p = policyPlan(QStringLiteral("plan-cli"));
        p.review = {}; // the policy comes from the CLI this time
        const QString path = dir.filePath(QStringLiteral("plan.json"));
        QVERIFY(plan::savePlan(p, path).ok());
        const QStringList applyArgs{QStringLiteral("apply"),
                                    path,
                                    QStringLiteral("--db"),
                                    db.conninfo(),
                                    QStringLiteral("--yes"),
                                    QStringLiteral("--gates"),
                                    QStringLiteral("auto"),
                                    QStringLiteral("--as"),
                                    QStringLiteral("Carol"),
                                    QStringLiteral("--as-email"),
                                    QStringLiteral("carol@example.com")};

        auto policy =
            cli({QStringLiteral("review"), path, QStringLiteral("--require"),
                 QStringLiteral("expand=1"), QStringLiteral("--require"),
                 QStringLiteral("contract=2"), QStringLiteral("--author"), QStringLiteral("Alice"),
                 QStringLiteral("--author-email"), QStringLiteral("alice@example.com")});
        QCOMPARE(policy.exitCode, 2); // written, and nothing is approved yet
        QVERIFY2(policy.out.contains(QLatin1String("missing approvals")), qPrintable(policy.out));

        auto refused = cli(applyArgs);
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains(QLatin1String("review policy does not allow")),
                 qPrintable(refused.err));
        QVERIFY(refused.err.contains(QLatin1String("contract-drop")));

        auto byAuthor = cli({QStringLiteral("approve"), path, QStringLiteral("--all"),
                             QStringLiteral("--as"), QStringLiteral("Alice"),
                             QStringLiteral("--email"), QStringLiteral("alice@example.com")});
        QCOMPARE(byAuthor.exitCode, 2);
        QVERIFY2(byAuthor.err.contains(QLatin1String("author")), qPrintable(byAuthor.err));

        for (const QString& who : {QStringLiteral("Bob"), QStringLiteral("Dave")}) {
            auto approved = cli({QStringLiteral("approve"), path,
                                 who == QLatin1String("Bob") ? QStringLiteral("--all")
                                                             : QStringLiteral("--phase=contract"),
                                 QStringLiteral("--as"), who, QStringLiteral("--email"),
                                 who.toLower() + QStringLiteral("@example.com"),
                                 QStringLiteral("--role"), QStringLiteral("dba"),
                                 QStringLiteral("--comment"), QStringLiteral("looks safe")});
            QVERIFY2(approved.exitCode == 0, qPrintable(approved.err));
        }
        auto reviewed = cli({QStringLiteral("review"), path, QStringLiteral("--json")});
        QVERIFY2(reviewed.exitCode == 0, qPrintable(reviewed.out + reviewed.err));
        QVERIFY(reviewed.out.contains(QLatin1String("\"complete\": true")));

        auto applied = cli(applyArgs);
        QVERIFY2(applied.exitCode == 0, qPrintable(applied.err + applied.out));
        QCOMPARE(scalar(db, QStringLiteral("SELECT to_regclass('old_stuff') IS NULL")),
                 QStringLiteral("t"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT executor_name || ' ' || executor_email FROM "
                                           "bellows.ledger_runs WHERE outcome = 'completed'")),
                 QStringLiteral("Carol carol@example.com"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) || ' ' || count(DISTINCT "
                                           "approver_email) FROM bellows.ledger_approvals "
                                           "WHERE role = 'dba' AND comment = 'looks safe'")),
                 QStringLiteral("3 2"));

        // Editing a step after approval: review exits 2 and names it.
        auto loaded = plan::loadPlan(path);
        QVERIFY(loaded.ok());
        loaded->steps[0].originalSql = loaded->steps[0].sql;
        loaded->steps[0].sql = QStringLiteral("CREATE TABLE fresh (id bigint PRIMARY KEY)");
        QVERIFY(plan::savePlan(*loaded, path).ok());
        auto stale = cli({QStringLiteral("review"), path});
        QCOMPARE(stale.exitCode, 2);
        QVERIFY2(stale.out.contains(QLatin1String("[invalidated (edited since approved)] "
                                                  "expand-create")),
                 qPrintable(stale.out));
        QVERIFY(stale.out.contains(QLatin1String("+CREATE TABLE fresh (id bigint PRIMARY KEY)")));
    }

    void olderLedgerUpgrades()
    {
        TestDatabase db(QStringLiteral("ledgerv1"));
        // A version-1 ledger as an older Bellows left it, with a run in it.
        QVERIFY(db.exec(QStringLiteral("CREATE SCHEMA bellows; CREATE TABLE "
                                       "bellows.ledger_version (version integer NOT NULL, "
                                       "upgraded_at timestamptz NOT NULL DEFAULT "
                                       "clock_timestamp(), bellows_version text);") +
                        exec::ledgerMigrations().at(0) +
                        QStringLiteral("; INSERT INTO bellows.ledger_version (version) VALUES "
                                       "(1); INSERT INTO bellows.ledger_runs (plan_id, "
                                       "plan_fingerprint, outcome) VALUES ('old', 'x', "
                                       "'completed');"))
                    .isEmpty());
        auto conn = db.connect();
        exec::Ledger ledger(*conn);
        QVERIFY(ledger.ensureSchema().ok());
        QCOMPARE(scalar(db, QStringLiteral("SELECT max(version) FROM bellows.ledger_version")),
                 QString::number(exec::ledgerSchemaVersion()));
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM bellows.ledger_runs WHERE "
                                           "executor_name IS NULL")),
                 QStringLiteral("1"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT to_regclass('bellows.ledger_approvals') IS "
                                           "NOT NULL")),
                 QStringLiteral("t"));
    }
};

QTEST_GUILESS_MAIN(TestApproval)
#include "test_approval.moc"
