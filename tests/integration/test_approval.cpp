// The review policy at run time: the runner refuses steps the plan's approvals do not cover
// (bellows-cli apply exits 2 and names what is missing), runs them once approved, and the
// ledger keeps who approved which hash and who ran it.

#include "cli/apply_command.h"
#include "exec/ledger.h"
#include "exec/ledger_schema.h"
#include "exec/runner.h"
#include "plan/plan_file.h"
#include "review/review_actions.h"
#include "test_database.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
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

// Sets an environment variable for one scope and puts the old value back.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const QByteArray& value)
        : m_name(name), m_had(qEnvironmentVariableIsSet(name)), m_old(qgetenv(name))
    {
        if (value.isNull())
            qunsetenv(name);
        else
            qputenv(name, value);
    }
    ~ScopedEnv()
    {
        if (m_had)
            qputenv(m_name, m_old);
        else
            qunsetenv(m_name);
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    const char* m_name;
    bool m_had;
    QByteArray m_old;
};

// Runs bellows-cli apply in this process, as app/cli does once it parsed the options.
int applyInProcess(const bellows::cli::ApplyCommandOptions& options, QString* messages)
{
    QString out;
    QTextStream outStream(&out);
    QTextStream errStream(messages);
    const int code = bellows::cli::runApply(options, bellows::cli::Output{outStream, errStream});
    errStream.flush();
    return code;
}

// A new ssh key `<name>_key` in dir, trusted for `email` in dir's allowed_signers file.
void makeTrustedKey(const QTemporaryDir& dir, const QString& name, const QByteArray& email)
{
    const QString key = dir.filePath(name + QStringLiteral("_key"));
    const auto made =
        runProcess(QStringLiteral("ssh-keygen"),
                   {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"),
                    QStringLiteral("-N"), QString(), QStringLiteral("-f"), key});
    QCOMPARE(made.exitCode, 0);
    QFile pub(key + QStringLiteral(".pub"));
    QVERIFY(pub.open(QIODevice::ReadOnly));
    QFile signersFile(dir.filePath(QStringLiteral("allowed_signers")));
    QVERIFY(signersFile.open(QIODevice::Append));
    signersFile.write(email + " namespaces=\"bellows-plan\" " + pub.readAll());
}

// A one-step plan whose policy requires a signed approval, signed by Bob's new ssh key, and
// the allowed_signers file that trusts it and Carol's key (bob_key, carol_key in dir). Fails
// the current test when ssh-keygen does.
void makeSignedPlan(const QTemporaryDir& dir, plan::Plan* p, QString* signers)
{
    const QString key = dir.filePath(QStringLiteral("bob_key"));
    makeTrustedKey(dir, QStringLiteral("bob"), "bob@example.com");
    makeTrustedKey(dir, QStringLiteral("carol"), "carol@example.com");
    if (QTest::currentTestFailed())
        return;
    *signers = dir.filePath(QStringLiteral("allowed_signers"));

    p->id = QStringLiteral("plan-signed");
    p->steps = {sqlStep(QStringLiteral("expand-create"),
                        QStringLiteral("CREATE TABLE fresh (id int)"), plan::Phase::Expand)};
    review::Policy policy;
    policy.defaultRequired = 1;
    policy.requireSignatures = true;
    QVERIFY(review::setPolicy(*p, policy, kAlice).ok());
    review::ApproveRequest signedByBob = approval(kBob, review::Scope::Plan);
    signedByBob.signingKey = key;
    QVERIFY(review::approve(*p, signedByBob).ok());
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
        plan::Plan p;
        QString signers;
        makeSignedPlan(dir, &p, &signers);
        if (QTest::currentTestFailed())
            return;

        const ScopedEnv noKey("BELLOWS_SIGNING_KEY", QByteArray());
        const ScopedEnv noSigners("BELLOWS_ALLOWED_SIGNERS", QByteArray());
        const auto refused = [&](const exec::ApplyOptions& options, const char* why) {
            auto report = exec::applyPlan(p, db.conninfo(), options);
            QVERIFY(report.ok());
            QVERIFY2(report->outcome == exec::ApplyReport::Outcome::Refused,
                     qPrintable(report->message));
            QVERIFY2(report->message.contains(QLatin1String(why)), qPrintable(report->message));
            QCOMPARE(scalar(db, QStringLiteral("SELECT to_regclass('fresh') IS NULL")),
                     QStringLiteral("t"));
        };
        // Without the allowed signers neither the approval nor the run can be trusted.
        exec::ApplyOptions options = runAs(kCarol);
        options.signingKey = dir.filePath(QStringLiteral("carol_key"));
        refused(options, "no allowed signers file");
        // The run itself must be signed by whoever runs it.
        options.allowedSigners = signers;
        options.signingKey.clear();
        refused(options, "the run is not signed");
        // Bob, holding only his own key, cannot run as Carol.
        options.signingKey = dir.filePath(QStringLiteral("bob_key"));
        refused(options, "does not verify for Carol <carol@example.com>");
        if (QTest::currentTestFailed())
            return;

        options.signingKey = dir.filePath(QStringLiteral("carol_key"));
        auto report = exec::applyPlan(p, db.conninfo(), options);
        QVERIFY(report.ok());
        QVERIFY2(report->outcome == exec::ApplyReport::Outcome::Completed,
                 qPrintable(report->message));
        QCOMPARE(scalar(db, QStringLiteral("SELECT run_signer || ' ' || run_signature_status || "
                                           "' ' || (run_signature LIKE '-----BEGIN SSH "
                                           "SIGNATURE-----%')::text FROM bellows.ledger_runs "
                                           "WHERE outcome = 'completed'")),
                 QStringLiteral("carol@example.com valid true"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM bellows.ledger_runs WHERE "
                                           "outcome = 'refused'")),
                 QStringLiteral("3"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT signature_status || ' ' || (signature LIKE "
                                           "'-----BEGIN SSH SIGNATURE-----%')::text FROM "
                                           "bellows.ledger_approvals")),
                 QStringLiteral("valid true"));
    }

    // One key is one person, whatever names it signs under: a key listed for two e-mails
    // counts once, and an approval without an e-mail does not count under a signed policy.
    void oneKeyIsOneApprover()
    {
        TestDatabase db(QStringLiteral("onekey"));
        QTemporaryDir dir;
        plan::Plan p;
        QString signers;
        makeSignedPlan(dir, &p, &signers);
        if (QTest::currentTestFailed())
            return;
        // Bob's key also listed for an alias.
        QFile pub(dir.filePath(QStringLiteral("bob_key.pub")));
        QVERIFY(pub.open(QIODevice::ReadOnly));
        QFile signersFile(signers);
        QVERIFY(signersFile.open(QIODevice::Append));
        signersFile.write("bobby@example.com namespaces=\"bellows-plan\" " + pub.readAll());
        signersFile.close();
        review::Policy policy = *review::readReview(p)->policy;
        policy.defaultRequired = 2;
        QVERIFY(review::setPolicy(p, policy, kAlice).ok());
        review::ApproveRequest alias = approval(
            {QStringLiteral("Bobby"), QStringLiteral("bobby@example.com")}, review::Scope::Plan);
        alias.signingKey = dir.filePath(QStringLiteral("bob_key"));
        QVERIFY(review::approve(p, alias).ok());
        review::ApproveRequest noEmail =
            approval({QStringLiteral("B."), QString()}, review::Scope::Plan);
        noEmail.signingKey = dir.filePath(QStringLiteral("bob_key"));
        QVERIFY(review::approve(p, noEmail).ok());

        exec::ApplyOptions options = runAs(kCarol);
        options.allowedSigners = signers;
        options.signingKey = dir.filePath(QStringLiteral("carol_key"));
        auto report = exec::applyPlan(p, db.conninfo(), options);
        QVERIFY(report.ok());
        QVERIFY2(report->outcome == exec::ApplyReport::Outcome::Refused,
                 qPrintable(report->message));
        QVERIFY2(report->message.contains(QLatin1String("signed with the same key as the "
                                                        "approval by Bob")),
                 qPrintable(report->message));
        QVERIFY2(report->message.contains(QLatin1String("the approval by B. does not count")),
                 qPrintable(report->message));
        QCOMPARE(scalar(db, QStringLiteral("SELECT to_regclass('fresh') IS NULL")),
                 QStringLiteral("t"));
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

        auto policy = runCli({QStringLiteral("review"), path, QStringLiteral("--require"),
                              QStringLiteral("expand=1"), QStringLiteral("--require"),
                              QStringLiteral("contract=2"), QStringLiteral("--author"),
                              QStringLiteral("Alice"), QStringLiteral("--author-email"),
                              QStringLiteral("alice@example.com")});
        QCOMPARE(policy.exitCode, 2); // written, and nothing is approved yet
        QVERIFY2(policy.out.contains(QLatin1String("missing approvals")), qPrintable(policy.out));

        auto refused = runCli(applyArgs);
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains(QLatin1String("review policy does not allow")),
                 qPrintable(refused.err));
        QVERIFY(refused.err.contains(QLatin1String("contract-drop")));

        auto byAuthor = runCli({QStringLiteral("approve"), path, QStringLiteral("--all"),
                                QStringLiteral("--as"), QStringLiteral("Alice"),
                                QStringLiteral("--email"), QStringLiteral("alice@example.com")});
        QCOMPARE(byAuthor.exitCode, 2);
        QVERIFY2(byAuthor.err.contains(QLatin1String("author")), qPrintable(byAuthor.err));

        for (const QString& who : {QStringLiteral("Bob"), QStringLiteral("Dave")}) {
            auto approved = runCli(
                {QStringLiteral("approve"), path,
                 who == QLatin1String("Bob") ? QStringLiteral("--all")
                                             : QStringLiteral("--phase=contract"),
                 QStringLiteral("--as"), who, QStringLiteral("--email"),
                 who.toLower() + QStringLiteral("@example.com"), QStringLiteral("--role"),
                 QStringLiteral("dba"), QStringLiteral("--comment"), QStringLiteral("looks safe")});
            QVERIFY2(approved.exitCode == 0, qPrintable(approved.err));
        }
        auto reviewed = runCli({QStringLiteral("review"), path, QStringLiteral("--json")});
        QVERIFY2(reviewed.exitCode == 0, qPrintable(reviewed.out + reviewed.err));
        QVERIFY(reviewed.out.contains(QLatin1String("\"complete\": true")));

        auto applied = runCli(applyArgs);
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
        auto stale = runCli({QStringLiteral("review"), path});
        QCOMPARE(stale.exitCode, 2);
        QVERIFY2(stale.out.contains(QLatin1String("[invalidated (edited since approved)] "
                                                  "expand-create")),
                 qPrintable(stale.out));
        QVERIFY(stale.out.contains(QLatin1String("+CREATE TABLE fresh (id bigint PRIMARY KEY)")));
    }

    // apply's --as and --allowed-signers reach the runner as ApplyCommandOptions, not through
    // the environment: what the options say wins over $BELLOWS_AS / $BELLOWS_ALLOWED_SIGNERS,
    // which stay the fallback when the options are empty.
    void applyOptionsCarryExecutorAndSigners()
    {
        TestDatabase db(QStringLiteral("applyoptions"));
        QTemporaryDir dir;
        plan::Plan p;
        QString signers;
        makeSignedPlan(dir, &p, &signers);
        if (QTest::currentTestFailed())
            return;
        const QString path = dir.filePath(QStringLiteral("plan.json"));
        QVERIFY(plan::savePlan(p, path).ok());

        const ScopedEnv as("BELLOWS_AS", "Mallory");
        const ScopedEnv asEmail("BELLOWS_AS_EMAIL", "mallory@example.com");
        const ScopedEnv trusted("BELLOWS_ALLOWED_SIGNERS", QByteArray());
        bellows::cli::ApplyCommandOptions options;
        options.planPath = path;
        options.conninfo = db.conninfo();
        options.yes = true;
        options.gates = QStringLiteral("auto");

        // No signers anywhere: nothing can be verified, so the step is refused.
        const ScopedEnv noKey("BELLOWS_SIGNING_KEY", QByteArray());
        QString messages;
        QCOMPARE(applyInProcess(options, &messages), int(bellows::cli::ExitDifferences));
        QVERIFY2(messages.contains(QLatin1String("no allowed signers file")), qPrintable(messages));

        options.executor = kCarol;
        options.allowedSigners = signers;
        options.signingKey = dir.filePath(QStringLiteral("carol_key"));
        messages.clear();
        QCOMPARE(applyInProcess(options, &messages), int(bellows::cli::ExitOk));
        QCOMPARE(scalar(db, QStringLiteral("SELECT executor_name || ' ' || executor_email FROM "
                                           "bellows.ledger_runs WHERE outcome = 'completed' "
                                           "ORDER BY id LIMIT 1")),
                 QStringLiteral("Carol carol@example.com"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT signature_status FROM "
                                           "bellows.ledger_approvals")),
                 QStringLiteral("valid"));
        // The refused first try was recorded for the fallback executor.
        QCOMPARE(scalar(db, QStringLiteral("SELECT executor_name FROM bellows.ledger_runs "
                                           "WHERE outcome = 'refused'")),
                 QStringLiteral("Mallory"));
        // The runner was not handed the identity through the environment.
        QCOMPARE(qgetenv("BELLOWS_AS"), QByteArray("Mallory"));

        // Empty options: $BELLOWS_AS names the runner, as documented (everything is done, so
        // nothing runs and no signature is asked for).
        options.executor = {};
        messages.clear();
        QCOMPARE(applyInProcess(options, &messages), int(bellows::cli::ExitOk));
        QCOMPARE(scalar(db, QStringLiteral("SELECT executor_name || ' ' || executor_email FROM "
                                           "bellows.ledger_runs ORDER BY id DESC LIMIT 1")),
                 QStringLiteral("Mallory mallory@example.com"));
    }

    // rollback --as records who rolled back; status shows who ran each run.
    void rollbackAndStatusNameWhoRan()
    {
        TestDatabase db(QStringLiteral("whoran"));
        QTemporaryDir dir;
        plan::Plan p;
        p.id = QStringLiteral("plan-who");
        p.steps = {sqlStep(QStringLiteral("expand-create"),
                           QStringLiteral("CREATE TABLE fresh (id int PRIMARY KEY)"),
                           plan::Phase::Expand)};
        p.steps[0].rollbackSql = QStringLiteral("DROP TABLE fresh");
        const QString path = dir.filePath(QStringLiteral("plan.json"));
        QVERIFY(plan::savePlan(p, path).ok());
        const QStringList apply{QStringLiteral("apply"), path, QStringLiteral("--db"),
                                db.conninfo(), QStringLiteral("--yes")};

        auto applied = runCli(apply + QStringList{QStringLiteral("--as"), QStringLiteral("Carol"),
                                                  QStringLiteral("--as-email"),
                                                  QStringLiteral("carol@example.com")});
        QVERIFY2(applied.exitCode == 0, qPrintable(applied.err));
        auto rolledBack =
            runCli({QStringLiteral("rollback"), path, QStringLiteral("--db"), db.conninfo(),
                    QStringLiteral("--yes"), QStringLiteral("--as"), QStringLiteral("Dave"),
                    QStringLiteral("--as-email"), QStringLiteral("dave@example.com")});
        QVERIFY2(rolledBack.exitCode == 0, qPrintable(rolledBack.err));
        QCOMPARE(scalar(db, QStringLiteral("SELECT to_regclass('fresh') IS NULL")),
                 QStringLiteral("t"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT executor_name || ' ' || executor_email || ' ' "
                                           "|| outcome FROM bellows.ledger_runs ORDER BY id "
                                           "DESC LIMIT 1")),
                 QStringLiteral("Dave dave@example.com completed"));
        // Without --as, $BELLOWS_AS names the runner.
        auto byEnv =
            runProcess(tool(QStringLiteral("bellows-cli")), apply, 300000,
                       {QStringLiteral("BELLOWS_AS=Erin"), QStringLiteral("BELLOWS_AS_EMAIL=")});
        QVERIFY2(byEnv.exitCode == 0, qPrintable(byEnv.err));

        auto status = runCli({QStringLiteral("status"), QStringLiteral("--db"), db.conninfo()});
        QVERIFY2(status.exitCode == 0, qPrintable(status.err));
        for (const char* who : {"by Erin (database user ",
                                "by Dave <dave@example.com> (database "
                                "user ",
                                "by Carol <carol@example.com> (database user "})
            QVERIFY2(status.out.contains(QLatin1String(who)), qPrintable(status.out));

        auto json = runCli({QStringLiteral("status"), QStringLiteral("--db"), db.conninfo(),
                            QStringLiteral("--json")});
        QVERIFY2(json.exitCode == 0, qPrintable(json.err));
        const QJsonArray runs = QJsonDocument::fromJson(json.out.toUtf8())
                                    .object()
                                    .value(QLatin1String("runs"))
                                    .toArray();
        QStringList executors;
        for (const QJsonValue& run : runs) {
            const QJsonObject executor = run.toObject().value(QLatin1String("executor")).toObject();
            executors << executor.value(QLatin1String("name")).toString() + QLatin1Char(' ') +
                             executor.value(QLatin1String("email")).toString();
        }
        QCOMPARE(executors,
                 (QStringList{QStringLiteral("Erin "), QStringLiteral("Dave dave@example.com"),
                              QStringLiteral("Carol carol@example.com")}));

        // --as-email alone names nobody.
        auto emailOnly = runCli({QStringLiteral("rollback"), path, QStringLiteral("--db"),
                                 db.conninfo(), QStringLiteral("--yes"),
                                 QStringLiteral("--as-email"), QStringLiteral("x@example.com")});
        QCOMPARE(emailOnly.exitCode, 1);
        QVERIFY2(emailOnly.err.contains(QLatin1String("--as-email goes with --as")),
                 qPrintable(emailOnly.err));
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
        // status reads it as it is (read-only: no upgrade), with no executor for the old run.
        auto status = runCli({QStringLiteral("status"), QStringLiteral("--db"), db.conninfo(),
                              QStringLiteral("--json")});
        QVERIFY2(status.exitCode == 0, qPrintable(status.err));
        const QJsonArray runs = QJsonDocument::fromJson(status.out.toUtf8())
                                    .object()
                                    .value(QLatin1String("runs"))
                                    .toArray();
        QCOMPARE(runs.size(), 1);
        QVERIFY(runs.at(0).toObject().value(QLatin1String("executor")).isNull());
        QCOMPARE(scalar(db, QStringLiteral("SELECT max(version) FROM bellows.ledger_version")),
                 QStringLiteral("1"));

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
