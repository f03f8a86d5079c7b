// PlanModel: phases with their steps as children, the derived roles (risk, locks, edited),
// SQL edits that keep the planner's original, all under QAbstractItemModelTester.

#include "lint/linter.h"
#include "lint_finding_model.h"
#include "plan_model.h"
#include "review/review_actions.h"
#include "sample_plan.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace bellows;
using bellows::ui::PlanModel;
using bellows::ui::Risk;

class TestPlanModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void structureFollowsPhases()
    {
        PlanModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        const plan::Plan plan = test::samplePlan();
        QVERIFY(plan.steps.size() >= 8);
        model.setPlan(plan);

        int steps = 0;
        int previousPhase = -1;
        for (int r = 0; r < model.rowCount(); ++r) {
            const QModelIndex phase = model.index(r, 0);
            QVERIFY(phase.data(PlanModel::IsPhaseRole).toBool());
            QVERIFY(phase.data(PlanModel::PhaseRole).toInt() > previousPhase);
            previousPhase = phase.data(PlanModel::PhaseRole).toInt();
            for (int c = 0; c < model.rowCount(phase); ++c) {
                const QModelIndex step = model.index(c, 0, phase);
                QCOMPARE(step.parent(), phase);
                QCOMPARE(step.data(PlanModel::PhaseRole).toInt(), previousPhase);
                QVERIFY(model.stepAt(step));
                ++steps;
                QCOMPARE(step.data(PlanModel::StepNumberRole).toInt(), steps);
            }
        }
        QCOMPARE(size_t(steps), plan.steps.size());
        QCOMPARE(model.stepIndexes().size(), qsizetype(steps));

        // Gates are a role of the phase row they stand before (several before one phase are
        // one row, their titles joined).
        int gates = 0;
        for (int r = 0; r < model.rowCount(); ++r) {
            const QString titles = model.index(r, 0).data(PlanModel::GateTitleRole).toString();
            gates += titles.isEmpty() ? 0 : int(titles.count(QStringLiteral(" → "))) + 1;
        }
        QCOMPARE(size_t(gates), plan.gates.size());
        QVERIFY(gates >= 1);
    }

    void risk()
    {
        plan::Step step;
        step.phase = plan::Phase::Expand;
        QVERIFY(ui::riskOf(step) == Risk::Low);
        step.hazards = {{plan::HazardKind::IndexBuild, QStringLiteral("builds")}};
        QVERIFY(ui::riskOf(step) == Risk::Medium);
        step.hazards.clear();
        step.locks = {{plan::LockMode::AccessExclusive, QStringLiteral("public.users"), true}};
        QVERIFY(ui::riskOf(step) == Risk::Medium); // brief, but no lock_timeout: it can queue
        step.lockTimeoutMs = 2000;
        QVERIFY(ui::riskOf(step) == Risk::Low); // brief and gives up instead of queueing
        step.locks[0].brief = false;
        QVERIFY(ui::riskOf(step) == Risk::High);
        step.locks.clear();
        step.phase = plan::Phase::Backfill;
        QVERIFY(ui::riskOf(step) == Risk::Medium);
        step.phase = plan::Phase::Contract;
        QVERIFY(ui::riskOf(step) == Risk::High);
        step.phase = plan::Phase::Expand;
        step.hazards = {{plan::HazardKind::DataLoss, QStringLiteral("drops")}};
        QVERIFY(ui::riskOf(step) == Risk::High);

        PlanModel model;
        model.setPlan(test::samplePlan());
        bool sawHigh = false;
        for (const QModelIndex& index : model.stepIndexes()) {
            if (index.data(PlanModel::PhaseRole).toInt() == int(plan::Phase::Contract)) {
                QCOMPARE(index.data(PlanModel::RiskRole).toInt(), int(Risk::High));
                sawHigh = true;
            }
            QVERIFY(!index.data(PlanModel::LockSummaryRole).toString().isEmpty());
        }
        QVERIFY(sawHigh);
    }

    void editAndRevert()
    {
        PlanModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPlan(test::samplePlan());
        QVERIFY(!model.isModified());
        const QModelIndex first = model.stepIndexes().first();
        const QString id = first.data(PlanModel::IdRole).toString();
        const QString original = model.stepAt(first)->sql;
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy modified(&model, &PlanModel::modifiedChanged);

        QVERIFY(model.setStepSql(id, QStringLiteral("SELECT 1;")));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(modified.size(), 1);
        QVERIFY(model.isModified());
        QVERIFY(first.data(PlanModel::EditedRole).toBool());
        QCOMPARE(model.plan().step(id)->originalSql, original);
        QVERIFY(first.data().toString().endsWith(QStringLiteral("(edited)")));

        // A second edit keeps the planner's SQL, not the first edit.
        QVERIFY(model.setStepSql(id, QStringLiteral("SELECT 2;")));
        QCOMPARE(model.plan().step(id)->originalSql, original);
        // Typing the original back is no edit any more.
        QVERIFY(model.setStepSql(id, original));
        QVERIFY(!first.data(PlanModel::EditedRole).toBool());
        QVERIFY(model.plan().step(id)->originalSql.isEmpty());

        QVERIFY(model.setStepSql(id, QStringLiteral("SELECT 3;")));
        QVERIFY(model.revertStep(id));
        QCOMPARE(model.plan().step(id)->sql, original);
        QVERIFY(!model.plan().step(id)->isEdited());
        QVERIFY(!model.revertStep(id));
        QVERIFY(!model.setStepSql(QStringLiteral("no-such-step"), QStringLiteral("x")));
    }

    // The review roles come from core/review's evaluation and follow approvals and edits at
    // once; reopening a reviewed plan emits nothing inside the reset.
    void reviewRoles()
    {
        plan::Plan reviewed = test::samplePlan();
        review::Policy policy;
        policy.required[plan::Phase::Expand] = 1;
        policy.required[plan::Phase::Contract] = 2;
        QVERIFY(review::setPolicy(reviewed, policy,
                                  {QStringLiteral("Alice"), QStringLiteral("alice@example.com")}));
        PlanModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPlan(reviewed);
        model.setPlan(reviewed);
        QVERIFY(model.hasReview());
        const QString id = reviewed.stepsIn(plan::Phase::Expand)[0]->id;
        const QModelIndex step = model.indexOfStep(id);
        const auto state = [&] { return step.data(PlanModel::ReviewStateRole).toInt(); };
        QCOMPARE(state(), int(review::StepStatus::Missing));
        QCOMPARE(step.data(PlanModel::ReviewProgressRole).toDouble(), 0.0);
        const QString verify = reviewed.stepsIn(plan::Phase::Verify)[0]->id;
        QCOMPARE(model.indexOfStep(verify).data(PlanModel::ReviewStateRole).toInt(),
                 int(review::StepStatus::NotRequired));

        review::ApproveRequest request;
        request.target = id;
        request.approver = {QStringLiteral("Dana"), QStringLiteral("dana@example.com")};
        request.role = review::Role::Dba;
        QSignalSpy changed(&model, &PlanModel::dataChanged);
        QSignalSpy reviewChanged(&model, &PlanModel::reviewChanged);
        QVERIFY(model.approve(request));
        QCOMPARE(state(), int(review::StepStatus::Approved));
        QCOMPARE(step.data(PlanModel::ReviewTextRole).toString(),
                 QStringLiteral("approved by Dana (dba)"));
        QCOMPARE(changed.size(), 1); // only the approved step
        QCOMPARE(changed.first().first().toModelIndex(), step);
        QCOMPARE(reviewChanged.size(), 1);
        QVERIFY(model.isModified());

        // The author is refused, and nothing changes.
        request.approver = {QStringLiteral("Alice"), QStringLiteral("alice@example.com")};
        changed.clear();
        const Result<review::Approval> refused = model.approve(request);
        QVERIFY(!refused);
        QVERIFY(refused.error().message.contains(QStringLiteral("author")));
        QVERIFY(changed.isEmpty());

        // An edit invalidates at once; reverting restores the approved SQL.
        const QString sql = model.plan().step(id)->sql;
        QVERIFY(model.setStepSql(id, sql + QStringLiteral(" -- edited")));
        QCOMPARE(state(), int(review::StepStatus::Invalidated));
        QVERIFY(model.stepReview(id)->lastReviewed.has_value());
        QCOMPARE(model.stepReview(id)->lastReviewed->sql, sql);
        QVERIFY(model.revertStep(id));
        QCOMPARE(state(), int(review::StepStatus::Approved));

        // Without a policy nothing is required; the words go.
        QVERIFY(model.setReviewPolicy(std::nullopt));
        QCOMPARE(state(), int(review::StepStatus::NotRequired));
        QVERIFY(!model.reviewState().hasPolicy);
        // A broken review object is reported, not guessed at.
        QJsonObject broken;
        broken.insert(QStringLiteral("policy"), QStringLiteral("not an object"));
        model.setReview(broken);
        QVERIFY(!model.reviewError().isEmpty());
        QVERIFY(!model.hasReview());
        QCOMPARE(state(), int(review::StepStatus::NotRequired));
    }

    void lintFindingModel()
    {
        ui::LintFindingModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const lint::LintReport report =
            lint::lintSql(QStringLiteral("CREATE INDEX i ON public.orders (quantity);\nSELECT 1;"),
                          QStringLiteral("t.sql"));
        model.setFindings(report.findings);
        QVERIFY(model.rowCount() >= 1);
        const QModelIndex first = model.index(0);
        QCOMPARE(first.data(ui::LintFindingModel::RuleRole).toString(),
                 QStringLiteral("create-index-not-concurrently"));
        QCOMPARE(first.data(ui::LintFindingModel::LineRole).toInt(), 1);
        QVERIFY(first.data().toString().startsWith(QStringLiteral("1:1")));
        QVERIFY(!first.data(Qt::ToolTipRole).toString().isEmpty());
        model.setFindings({});
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_MAIN(TestPlanModel)
#include "test_plan_model.moc"
