// The review model without a server: approvals bound to SQL hashes, the policy (required
// approvals per phase, the author, separation of duties) and SSH signatures made and checked
// with a throwaway ed25519 key.

#include "plan/plan_file.h"
#include "plan/step_digest.h"
#include "review/approval_signing.h"
#include "review/line_diff.h"
#include "review/review_actions.h"
#include "review/review_evaluation.h"
#include "review/review_report.h"

#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace bellows;
using namespace bellows::review;

namespace {

const Identity kAlice{QStringLiteral("Alice"), QStringLiteral("alice@example.com")};
const Identity kBob{QStringLiteral("Bob"), QStringLiteral("bob@example.com")};
const Identity kCarol{QStringLiteral("Carol"), QStringLiteral("carol@example.com")};

plan::Plan samplePlan()
{
    plan::Plan p;
    p.id = QStringLiteral("plan-review-1");
    plan::Step expand;
    expand.id = QStringLiteral("expand-add");
    expand.phase = plan::Phase::Expand;
    expand.title = QStringLiteral("Add column");
    expand.sql = QStringLiteral("ALTER TABLE t ADD COLUMN b integer;");
    expand.rollbackSql = QStringLiteral("ALTER TABLE t DROP COLUMN b;");
    plan::Step contract;
    contract.id = QStringLiteral("contract-drop");
    contract.phase = plan::Phase::Contract;
    contract.title = QStringLiteral("Drop column");
    contract.sql = QStringLiteral("ALTER TABLE t DROP COLUMN a;");
    p.steps = {expand, contract};
    return p;
}

Policy policyOf(int expand, int contract)
{
    Policy policy;
    policy.required[plan::Phase::Expand] = expand;
    policy.required[plan::Phase::Contract] = contract;
    return policy;
}

ApproveRequest requestFor(const Identity& who, Scope scope, const QString& target = {})
{
    ApproveRequest r;
    r.scope = scope;
    r.target = target;
    r.approver = who;
    return r;
}

ReviewState evaluate(const plan::Plan& p, const Identity& executor = {},
                     std::optional<std::vector<SignatureCheck>> signatures = std::nullopt)
{
    auto record = readReview(p);
    if (!record)
        qFatal("review does not parse: %s", qPrintable(record.error().message));
    EvaluateOptions options;
    options.executor = executor;
    options.signatures = std::move(signatures);
    return evaluateReview(p, *record, options);
}

bool runTool(const QString& program, const QStringList& args)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, args);
    if (!process.waitForFinished(30000) || process.exitCode() != 0) {
        qWarning("%s failed: %s", qPrintable(program), process.readAll().constData());
        return false;
    }
    return true;
}

// A throwaway ed25519 key; returns the public key line.
QString makeKey(const QString& path)
{
    if (!runTool(QStringLiteral("ssh-keygen"),
                 {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"),
                  QStringLiteral("-N"), QString(), QStringLiteral("-C"), QStringLiteral("test"),
                  QStringLiteral("-f"), path}))
        return {};
    QFile pub(path + QStringLiteral(".pub"));
    if (!pub.open(QIODevice::ReadOnly))
        return {};
    return QString::fromLatin1(pub.readAll()).trimmed();
}

void writeText(const QString& path, const QString& text)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text.toUtf8());
}

} // namespace

class TestReview : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void noPolicyRunsAsBefore()
    {
        plan::Plan p = samplePlan();
        const ReviewState state = evaluate(p, kBob);
        QVERIFY(!state.hasPolicy);
        QVERIFY(state.complete());
        for (const StepReview& s : state.steps)
            QCOMPARE(toString(s.status), toString(StepStatus::NotRequired));
    }

    void approvingThenEditingInvalidates()
    {
        plan::Plan p = samplePlan();
        QVERIFY(setPolicy(p, policyOf(1, 1), kAlice).ok());
        QVERIFY(approve(p, requestFor(kBob, Scope::Step, QStringLiteral("expand-add"))).ok());
        QCOMPARE(toString(evaluate(p).step(QStringLiteral("expand-add"))->status),
                 toString(StepStatus::Approved));

        const QString reviewed = p.steps[0].sql;
        p.steps[0].originalSql = reviewed;
        p.steps[0].sql = QStringLiteral("ALTER TABLE t ADD COLUMN b bigint;");
        const ReviewState state = evaluate(p);
        const StepReview* s = state.step(QStringLiteral("expand-add"));
        QCOMPARE(toString(s->status), toString(StepStatus::Invalidated));
        QVERIFY(!s->allowed());
        QCOMPARE(s->approvals, 0);
        QVERIFY(s->lastReviewed.has_value());
        QCOMPARE(s->lastReviewed->sql, reviewed);
        // The reason names the field that changed.
        QVERIFY2(s->missing.join(QLatin1Char(' '))
                     .contains(QLatin1String("changed since it was reviewed (sql)")),
                 qPrintable(s->missing.join(QLatin1Char(' '))));
        const QStringList reasons = refusalReasons(state, {QStringLiteral("expand-add")});
        QCOMPARE(reasons.size(), 1);
        QVERIFY(reasons.first().contains(QLatin1String("invalidated")));
        // The report shows what changed since the review.
        const QString text = renderReviewText(p, state);
        QVERIFY2(text.contains(QLatin1String("-ALTER TABLE t ADD COLUMN b integer;")),
                 qPrintable(text));
        QVERIFY(text.contains(QLatin1String("+ALTER TABLE t ADD COLUMN b bigint;")));

        // The kept copy of the reviewed SQL edited by hand to hide the change: reported, and
        // the planner's original (which does hash to what was approved) is shown instead.
        auto tampered = readReview(p);
        tampered->approvals.front().steps.front().sql = p.steps[0].sql;
        writeReview(p, *tampered);
        const ReviewState hidden = evaluate(p);
        QCOMPARE(hidden.problems.size(), 1);
        QVERIFY(hidden.problems.first().contains(QLatin1String("edited by hand")));
        QCOMPARE(hidden.step(QStringLiteral("expand-add"))->lastReviewed->sql, reviewed);

        // Editing only the rollback SQL invalidates too.
        plan::Plan q = samplePlan();
        QVERIFY(setPolicy(q, policyOf(1, 0), kAlice).ok());
        QVERIFY(approve(q, requestFor(kBob, Scope::Phase, QStringLiteral("expand"))).ok());
        q.steps[0].rollbackSql += QStringLiteral(" -- edited");
        QCOMPARE(toString(evaluate(q).step(QStringLiteral("expand-add"))->status),
                 toString(StepStatus::Invalidated));

        // Approving again binds the new SQL.
        QVERIFY(approve(p, requestFor(kBob, Scope::Step, QStringLiteral("expand-add"))).ok());
        QCOMPARE(toString(evaluate(p).step(QStringLiteral("expand-add"))->status),
                 toString(StepStatus::Approved));
    }

    void authorCannotApprove()
    {
        plan::Plan p = samplePlan();
        QVERIFY(setPolicy(p, policyOf(1, 1), kAlice).ok());
        auto refused = approve(p, requestFor(kAlice, Scope::Plan));
        QVERIFY(!refused.ok());
        QVERIFY(refused.error().message.contains(QLatin1String("author")));
        // Same person by e-mail, whatever the name says.
        auto sameEmail = approve(
            p, requestFor({QStringLiteral("A. Liddell"), QStringLiteral("ALICE@example.com")},
                          Scope::Plan));
        QVERIFY(!sameEmail.ok());
        QVERIFY(readReview(p)->approvals.empty());

        // An author's approval slipped in (e.g. before the policy named her) does not count.
        plan::Plan q = samplePlan();
        QVERIFY(approve(q, requestFor(kAlice, Scope::Plan)).ok());
        QVERIFY(setPolicy(q, policyOf(1, 1), kAlice).ok());
        const ReviewState state = evaluate(q);
        const StepReview* s = state.step(QStringLiteral("expand-add"));
        QCOMPARE(toString(s->status), toString(StepStatus::Missing));
        QVERIFY(s->missing.join(QLatin1Char(' ')).contains(QLatin1String("author cannot approve")));
        QVERIFY(!state.complete());
    }

    void underApprovedPhaseSaysWhatIsMissing()
    {
        plan::Plan p = samplePlan();
        QVERIFY(setPolicy(p, policyOf(1, 2), kAlice).ok());
        QVERIFY(approve(p, requestFor(kBob, Scope::Plan)).ok());
        const ReviewState state = evaluate(p);
        QCOMPARE(toString(state.step(QStringLiteral("expand-add"))->status),
                 toString(StepStatus::Approved));
        const StepReview* contract = state.step(QStringLiteral("contract-drop"));
        QCOMPARE(toString(contract->status), toString(StepStatus::Missing));
        QCOMPARE(contract->required, 2);
        QCOMPARE(contract->approvals, 1);
        QCOMPARE(contract->missing.value(0), QStringLiteral("1 more approval (1 of 2)"));
        QCOMPARE(state.phases.size(), size_t(2));
        const PhaseReview& phase = state.phases.back();
        QCOMPARE(plan::toString(phase.phase), plan::toString(plan::Phase::Contract));
        QCOMPARE(phase.allowedSteps, 0);
        QVERIFY(phase.missing.value(0).contains(QLatin1String("contract-drop")));
        QVERIFY(!state.complete());

        // The same approver twice is still one approver.
        QVERIFY(approve(p, requestFor(kBob, Scope::Phase, QStringLiteral("contract"))).ok());
        QCOMPARE(evaluate(p).step(QStringLiteral("contract-drop"))->approvals, 1);
        QVERIFY(approve(p, requestFor(kCarol, Scope::Phase, QStringLiteral("contract"))).ok());
        QVERIFY(evaluate(p).complete());
    }

    void separationOfDuties()
    {
        plan::Plan p = samplePlan();
        QVERIFY(setPolicy(p, policyOf(1, 2), kAlice).ok());
        QVERIFY(approve(p, requestFor(kBob, Scope::Step, QStringLiteral("expand-add"))).ok());
        // Bob may not run what only Bob approved.
        const ReviewState asBob = evaluate(p, kBob);
        const StepReview* s = asBob.step(QStringLiteral("expand-add"));
        QVERIFY(!s->allowed());
        QVERIFY2(s->missing.join(QLatin1Char(' ')).contains(QLatin1String("other than Bob")),
                 qPrintable(s->missing.join(QLatin1Char(' '))));
        QVERIFY(!refusalReasons(asBob, {QStringLiteral("expand-add")}).isEmpty());
        QVERIFY(evaluate(p, kCarol).step(QStringLiteral("expand-add"))->allowed());

        // With a second approver Bob is not the only one.
        QVERIFY(approve(p, requestFor(kCarol, Scope::Phase, QStringLiteral("contract"))).ok());
        QVERIFY(approve(p, requestFor(kBob, Scope::Phase, QStringLiteral("contract"))).ok());
        QVERIFY(evaluate(p, kBob).step(QStringLiteral("contract-drop"))->allowed());

        // The policy can allow it explicitly.
        Policy lax = policyOf(1, 2);
        lax.executorMaySoleApprove = true;
        QVERIFY(setPolicy(p, lax).ok());
        QVERIFY(evaluate(p, kBob).step(QStringLiteral("expand-add"))->allowed());
    }

    void requestedChangesBlockUntilApproved()
    {
        plan::Plan p = samplePlan();
        QVERIFY(setPolicy(p, policyOf(1, 1), kAlice).ok());
        QVERIFY(approve(p, requestFor(kCarol, Scope::Plan)).ok());
        ApproveRequest changes = requestFor(kBob, Scope::Step, QStringLiteral("contract-drop"));
        changes.verdict = Verdict::RequestChanges;
        changes.comment = QStringLiteral("keep column a one more release");
        QVERIFY(approve(p, changes).ok());
        const ReviewState state = evaluate(p); // step() points into it
        const StepReview* s = state.step(QStringLiteral("contract-drop"));
        QCOMPARE(toString(s->status), toString(StepStatus::ChangesRequested));
        QVERIFY(s->missing.value(0).contains(QLatin1String("Bob")));
        QVERIFY(approve(p, requestFor(kBob, Scope::Step, QStringLiteral("contract-drop"))).ok());
        QCOMPARE(toString(evaluate(p).step(QStringLiteral("contract-drop"))->status),
                 toString(StepStatus::Approved));
    }

    void reviewSurvivesThePlanFile()
    {
        QTemporaryDir dir;
        plan::Plan p = samplePlan();
        QVERIFY(setPolicy(p, policyOf(1, 2), kAlice).ok());
        ApproveRequest r = requestFor(kBob, Scope::Plan);
        r.role = Role::Dba;
        r.comment = QStringLiteral("fine\nby me");
        QVERIFY(approve(p, r).ok());
        const QString path = dir.filePath(QStringLiteral("plan.json"));
        QVERIFY(plan::savePlan(p, path).ok());
        auto loaded = plan::loadPlan(path);
        QVERIFY(loaded.ok());
        auto before = readReview(p);
        auto after = readReview(*loaded);
        QVERIFY(after.ok());
        QVERIFY(after->author == kAlice);
        QVERIFY(after->policy == before->policy);
        QCOMPARE(after->approvals.size(), size_t(1));
        const Approval& a = after->approvals.front();
        QCOMPARE(toString(a.role), toString(Role::Dba));
        QCOMPARE(a.comment, r.comment);
        QCOMPARE(a.steps.size(), size_t(2));
        QCOMPARE(a.steps[0].sqlSha256, sqlHash(p.steps[0].sql));
        QVERIFY(a.at.endsWith(QLatin1Char('Z')));
        QCOMPARE(signingPayload(p.id, a), signingPayload(p.id, before->approvals.front()));
    }

    void signedApprovalVerifiesAndTamperingIsDetected()
    {
        QTemporaryDir dir;
        const QString key = dir.filePath(QStringLiteral("bob_key"));
        const QString pub = makeKey(key);
        QVERIFY(!pub.isEmpty());
        const QString signers = dir.filePath(QStringLiteral("allowed_signers"));
        writeText(signers,
                  QStringLiteral("bob@example.com namespaces=\"bellows-plan\" %1\n").arg(pub));

        plan::Plan p = samplePlan();
        QVERIFY(setPolicy(p, policyOf(1, 1), kAlice).ok());
        ApproveRequest r = requestFor(kBob, Scope::Plan);
        r.signingKey = key;
        auto approval = approve(p, r);
        QVERIFY2(approval.ok(), approval.ok() ? "" : qPrintable(approval.error().toString()));
        QVERIFY(approval->signature.startsWith(QLatin1String("-----BEGIN SSH SIGNATURE-----")));
        const QString path = dir.filePath(QStringLiteral("plan.json"));
        QVERIFY(plan::savePlan(p, path).ok());

        auto checks = verifySignatures(p.id, *readReview(p), signers);
        QVERIFY(checks.ok());
        QCOMPARE(checks->size(), size_t(1));
        QCOMPARE(toString(checks->front().status), toString(SignatureStatus::Valid));
        QVERIFY(evaluate(p, {}, *checks).complete());
        // Without allowed signers the signature is not checked (and so not trusted).
        QCOMPARE(toString(verifySignatures(p.id, *readReview(p), {})->front().status),
                 toString(SignatureStatus::NotChecked));

        // One byte of a step's SQL changed in the file: the approval no longer matches.
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QByteArray bytes = file.readAll();
        file.close();
        const QByteArray needle = "ADD COLUMN b integer;\"";
        // The plan's own steps come after its review object (keys are written in order).
        const qsizetype at = bytes.lastIndexOf(needle);
        QVERIFY(at > 0);
        bytes[at + 13] = 'x'; // "b integer" -> "b xnteger" in the step's sql only
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
        file.close();
        auto edited = plan::loadPlan(path);
        QVERIFY(edited.ok());
        auto editedChecks = verifySignatures(edited->id, *readReview(*edited), signers);
        const ReviewState editedState = evaluate(*edited, {}, *editedChecks);
        QCOMPARE(toString(editedState.step(QStringLiteral("expand-add"))->status),
                 toString(StepStatus::Invalidated));
        QVERIFY(!editedState.complete());

        // ... and re-hashing the approval to match the edit breaks its signature.
        QJsonObject review = edited->review;
        QJsonArray approvals = review.value(QLatin1String("approvals")).toArray();
        QJsonObject a = approvals.at(0).toObject();
        QJsonArray steps = a.value(QLatin1String("steps")).toArray();
        QJsonObject s0 = steps.at(0).toObject();
        s0.insert(QStringLiteral("sqlSha256"), sqlHash(edited->steps[0].sql));
        s0.insert(QStringLiteral("digest"), plan::stepDigest(*edited, edited->steps[0].id));
        steps.replace(0, s0);
        a.insert(QStringLiteral("steps"), steps);
        approvals.replace(0, a);
        review.insert(QStringLiteral("approvals"), approvals);
        edited->review = review;
        auto forgedChecks = verifySignatures(edited->id, *readReview(*edited), signers);
        QCOMPARE(toString(forgedChecks->front().status), toString(SignatureStatus::Invalid));
        const ReviewState forged = evaluate(*edited, {}, *forgedChecks);
        QCOMPARE(toString(forged.step(QStringLiteral("expand-add"))->status),
                 toString(StepStatus::Missing));
        // The signature fails, and the kept SQL no longer hashes to the forged hash either.
        QCOMPARE(forged.problems.size(), 2);
        QVERIFY(forged.problems.first().contains(QLatin1String("does not verify")));
        QVERIFY(forged.problems.last().contains(QLatin1String("edited by hand")));
        QVERIFY(!forged.complete());
    }

    void forgedApprovalIsDetected()
    {
        QTemporaryDir dir;
        const QString bobKey = dir.filePath(QStringLiteral("bob_key"));
        const QString malloryKey = dir.filePath(QStringLiteral("mallory_key"));
        const QString carolKey = dir.filePath(QStringLiteral("carol_key"));
        const QString bobPub = makeKey(bobKey);
        const QString carolPub = makeKey(carolKey);
        QVERIFY(!makeKey(malloryKey).isEmpty());
        QVERIFY(!bobPub.isEmpty() && !carolPub.isEmpty());
        const QString signers = dir.filePath(QStringLiteral("allowed_signers"));
        writeText(signers, QStringLiteral("bob@example.com namespaces=\"bellows-plan\" %1\n"
                                          "carol@example.com namespaces=\"bellows-plan\" %2\n")
                               .arg(bobPub, carolPub));

        plan::Plan p = samplePlan();
        Policy policy = policyOf(1, 1);
        policy.requireSignatures = true;
        QVERIFY(setPolicy(p, policy, kAlice).ok());
        // A key not in allowed_signers, claiming to be Bob.
        ApproveRequest r = requestFor(kBob, Scope::Plan);
        r.signingKey = malloryKey;
        QVERIFY(approve(p, r).ok());
        // Bob's own key, but the approval says Carol.
        ApproveRequest asCarol = requestFor(kCarol, Scope::Plan);
        asCarol.signingKey = bobKey;
        QVERIFY(approve(p, asCarol).ok());
        auto checks = verifySignatures(p.id, *readReview(p), signers);
        QVERIFY(checks.ok());
        QCOMPARE(toString(checks->at(0).status), toString(SignatureStatus::Invalid));
        QCOMPARE(toString(checks->at(1).status), toString(SignatureStatus::Invalid));
        ReviewState state = evaluate(p, {}, *checks);
        QCOMPARE(state.problems.size(), 2);
        QCOMPARE(toString(state.step(QStringLiteral("expand-add"))->status),
                 toString(StepStatus::Missing));

        // The approver's name changed after signing: the payload differs.
        plan::Plan q = samplePlan();
        QVERIFY(setPolicy(q, policy, kAlice).ok());
        ApproveRequest good = requestFor(kBob, Scope::Plan);
        good.signingKey = bobKey;
        QVERIFY(approve(q, good).ok());
        QCOMPARE(toString(verifySignatures(q.id, *readReview(q), signers)->front().status),
                 toString(SignatureStatus::Valid));
        auto record = readReview(q);
        record->approvals.front().role = Role::Dba;
        writeReview(q, *record);
        QCOMPARE(toString(verifySignatures(q.id, *readReview(q), signers)->front().status),
                 toString(SignatureStatus::Invalid));

        // Unsigned approvals do not count when the policy requires signatures.
        plan::Plan u = samplePlan();
        QVERIFY(setPolicy(u, policy, kAlice).ok());
        QVERIFY(approve(u, requestFor(kBob, Scope::Plan)).ok());
        auto unsignedChecks = verifySignatures(u.id, *readReview(u), signers);
        const ReviewState unsignedState = evaluate(u, {}, *unsignedChecks); // s points into it
        const StepReview* s = unsignedState.step(QStringLiteral("expand-add"));
        QCOMPARE(toString(s->status), toString(StepStatus::Missing));
        QVERIFY(s->missing.join(QLatin1Char(' ')).contains(QLatin1String("not signed")));
    }

    void unknownTargetsAreRefused()
    {
        plan::Plan p = samplePlan();
        QVERIFY(!approve(p, requestFor(kBob, Scope::Step, QStringLiteral("nope"))).ok());
        QVERIFY(!approve(p, requestFor(kBob, Scope::Phase, QStringLiteral("nope"))).ok());
        QVERIFY(!approve(p, requestFor(kBob, Scope::Phase, QStringLiteral("backfill"))).ok());
        QVERIFY(!approve(p, requestFor({}, Scope::Plan)).ok());
    }

    void lineDiffShowsChangedLines()
    {
        QCOMPARE(lineDiff(QStringLiteral("a\nb\nc"), QStringLiteral("a\nb\nc")), QString());
        QCOMPARE(lineDiff(QStringLiteral("a\nb\nc"), QStringLiteral("a\nB\nc\nd")),
                 QStringLiteral(" a\n-b\n+B\n c\n+d"));
    }
};

QTEST_GUILESS_MAIN(TestReview)
#include "test_review.moc"
