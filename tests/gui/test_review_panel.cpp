// Review mode: the ReviewPanel records approvals into the PlanModel's plan (clicked, as a
// reviewer would), the model's review roles follow at once (also when an edit invalidates an
// approval), refusals show inline, and the timeline draws the review badges. With
// BELLOWS_SCREENSHOT_DIR set, writes review-mode.png for docs/gui.md.

#include "plan_model.h"
#include "review/review_actions.h"
#include "review/review_record.h"
#include "review_panel.h"
#include "sample_plan.h"
#include "timeline_view.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStyleFactory>
#include <QTest>
#include <QTextBrowser>

using namespace bellows;
using bellows::review::StepStatus;
using bellows::ui::PlanModel;
using bellows::ui::ReviewPanel;
using bellows::ui::TimelineView;

namespace {

const review::Identity Alice{QStringLiteral("Alice"), QStringLiteral("alice@example.com")};

// The sample plan with the task's policy: one approval per expand step, two per contract step;
// Alice wrote it.
plan::Plan reviewedPlan()
{
    plan::Plan p = test::samplePlan();
    review::Policy policy;
    policy.required[plan::Phase::Expand] = 1;
    policy.required[plan::Phase::Contract] = 2;
    const Status set = review::setPolicy(p, policy, Alice);
    if (!set)
        qFatal("setPolicy: %s", qPrintable(set.error().message));
    return p;
}

// In words, so that a failing comparison prints "invalidated" rather than a number.
QString statusOf(const PlanModel& model, const QString& stepId)
{
    return review::toString(
        StepStatus(model.indexOfStep(stepId).data(PlanModel::ReviewStateRole).toInt()));
}

QString words(StepStatus status)
{
    return review::toString(status);
}

QString textOf(const PlanModel& model, const QString& stepId)
{
    return model.indexOfStep(stepId).data(PlanModel::ReviewTextRole).toString();
}

// Pixels of about this colour in the rectangle: the badges are drawn in fixed colours.
int pixelsLike(const QImage& image, const QRect& rect, const QColor& color)
{
    int n = 0;
    const QRect r = rect.intersected(image.rect());
    for (int y = r.top(); y <= r.bottom(); ++y) {
        for (int x = r.left(); x <= r.right(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (std::abs(c.red() - color.red()) < 12 && std::abs(c.green() - color.green()) < 12 &&
                std::abs(c.blue() - color.blue()) < 12)
                ++n;
        }
    }
    return n;
}

} // namespace

class TestReviewPanel : public QObject {
    Q_OBJECT
private:
    struct Fixture {
        PlanModel model;
        QAbstractItemModelTester tester{&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest};
        QItemSelectionModel selection{&model};
        ReviewPanel panel{&model, &selection};
        TimelineView timeline;
        Fixture()
        {
            model.setPlan(reviewedPlan());
            timeline.setModel(&model);
            timeline.setSelectionModel(&selection);
            timeline.resize(1300, 420);
            panel.resize(420, 700);
            panel.show();
        }
        QString firstIn(plan::Phase phase) const { return model.plan().stepsIn(phase)[0]->id; }
        void select(const QString& stepId)
        {
            selection.setCurrentIndex(model.indexOfStep(stepId),
                                      QItemSelectionModel::ClearAndSelect |
                                          QItemSelectionModel::Rows);
        }
        template <typename T> T* child(const char* name)
        {
            T* w = panel.findChild<T*>(QLatin1String(name));
            if (!w)
                qFatal("no %s in the review panel", name);
            return w;
        }
        // Types the reviewer's identity as a user would.
        void reviewerIs(const review::Identity& who, const char* role)
        {
            auto* name = child<QLineEdit>("reviewerName");
            auto* email = child<QLineEdit>("reviewerEmail");
            name->clear();
            email->clear();
            QTest::keyClicks(name, who.name);
            QTest::keyClicks(email, who.email);
            auto* roles = child<QComboBox>("reviewerRole");
            roles->setCurrentIndex(roles->findText(QLatin1String(role)));
        }
        void click(const char* button)
        {
            QTest::mouseClick(child<QPushButton>(button), Qt::LeftButton);
        }
    };

private Q_SLOTS:
    void initTestCase() { QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion"))); }

    void withoutPolicyNothingIsRequired()
    {
        PlanModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPlan(test::samplePlan());
        QVERIFY(!model.hasReview());
        for (const QModelIndex& step : model.stepIndexes()) {
            QCOMPARE(step.data(PlanModel::ReviewStateRole).toInt(), int(StepStatus::NotRequired));
            QVERIFY(step.data(PlanModel::ReviewTextRole).toString().isEmpty());
        }
        // Setting a review record re-evaluates every step and marks the plan modified.
        QSignalSpy changed(&model, &PlanModel::dataChanged);
        QSignalSpy review(&model, &PlanModel::reviewChanged);
        model.setReview(reviewedPlan().review);
        QVERIFY(model.hasReview());
        QVERIFY(model.isModified());
        QCOMPARE(review.size(), 1);
        QVERIFY(changed.size() >= int(model.stepIndexes().size()));
        const QString expand = model.plan().stepsIn(plan::Phase::Expand)[0]->id;
        QCOMPARE(statusOf(model, expand), words(StepStatus::Missing));
        QCOMPARE(textOf(model, expand), QStringLiteral("needs 1 more approval (0 of 1)"));
    }

    void approveStepByClicking()
    {
        Fixture f;
        const QString step = f.firstIn(plan::Phase::Expand);
        f.select(step);
        QCOMPARE(f.panel.stepId(), step);
        QCOMPARE(statusOf(f.model, step), words(StepStatus::Missing));
        QVERIFY2(f.panel.stateText().contains(QStringLiteral("needs 1 more approval (0 of 1)")),
                 qPrintable(f.panel.stateText()));
        QVERIFY(!f.model.isModified());

        f.reviewerIs({QStringLiteral("Dana"), QStringLiteral("dana@example.com")}, "dba");
        QSignalSpy changed(&f.model, &PlanModel::dataChanged);
        QSignalSpy reviewed(&f.panel, &ReviewPanel::reviewed);
        QTest::keyClicks(f.child<QPlainTextEdit>("reviewComment"), QStringLiteral("LGTM"));
        f.click("approveStep");
        QVERIFY2(f.panel.errorText().isEmpty(), qPrintable(f.panel.errorText()));
        QCOMPARE(statusOf(f.model, step), words(StepStatus::Approved));
        QCOMPARE(textOf(f.model, step), QStringLiteral("approved by Dana (dba)"));
        QVERIFY(!changed.isEmpty());
        QCOMPARE(reviewed.size(), 1);
        QVERIFY(reviewed.first().first().toString().startsWith(QStringLiteral("Approved step 1")));
        QVERIFY(f.model.isModified());
        QVERIFY2(f.panel.stateText().contains(QStringLiteral("Approved</b> by Dana (dba)")),
                 qPrintable(f.panel.stateText()));
        QVERIFY(f.child<QPlainTextEdit>("reviewComment")->toPlainText().isEmpty());
        // The approval is in the plan (what saving the plan file writes), bound to the SQL.
        const Result<review::ReviewRecord> record = review::readReview(f.model.plan());
        QVERIFY(record);
        QCOMPARE(record->approvals.size(), size_t(1));
        QCOMPARE(record->approvals[0].approver.email, QStringLiteral("dana@example.com"));
        QCOMPARE(record->approvals[0].comment, QStringLiteral("LGTM"));
        QVERIFY(record->approvals[0].role == review::Role::Dba);
        // Other steps are untouched.
        const QString second = f.model.plan().stepsIn(plan::Phase::Expand).size() > 1
                                   ? f.model.plan().stepsIn(plan::Phase::Expand)[1]->id
                                   : f.firstIn(plan::Phase::Contract);
        QVERIFY(statusOf(f.model, second) != words(StepStatus::Approved));
        // The lane header says how far the phase's approvals are (the team lead's view).
        const int expandSteps = int(f.model.plan().stepsIn(plan::Phase::Expand).size());
        QTRY_COMPARE(f.timeline.laneApprovals(plan::Phase::Expand),
                     QStringLiteral("1 of %1 approved").arg(expandSteps));

        // The timeline draws a green badge on the approved step's box, none on the others.
        f.timeline.show();
        QVERIFY(QTest::qWaitForWindowExposed(&f.timeline));
        const QImage shot = f.timeline.grab().toImage();
        QVERIFY(!shot.isNull());
        const QColor green(0x2e, 0x8b, 0x57);
        const QRect box = f.timeline.stepRect(f.model.indexOfStep(step));
        QVERIFY(box.isValid());
        const QRect corner(box.right() - 30, box.top(), 31, 30);
        QVERIFY(pixelsLike(shot, corner, green) > 20);
        const QRect other = f.timeline.stepRect(f.model.indexOfStep(second));
        QCOMPARE(pixelsLike(shot, QRect(other.right() - 30, other.top(), 31, 30), green), 0);
    }

    void editInvalidatesAtOnce()
    {
        Fixture f;
        const QString step = f.firstIn(plan::Phase::Expand);
        f.select(step);
        f.reviewerIs({QStringLiteral("Dana"), QStringLiteral("dana@example.com")}, "dba");
        QVERIFY(f.panel.approveStep());
        QCOMPARE(statusOf(f.model, step), words(StepStatus::Approved));

        QSignalSpy review(&f.model, &PlanModel::reviewChanged);
        const QString sql = f.model.plan().step(step)->sql;
        QVERIFY(f.model.setStepSql(step, sql + QStringLiteral("\n-- and one more line")));
        // No event loop turn: the roles say invalidated right after the edit.
        QCOMPARE(statusOf(f.model, step), words(StepStatus::Invalidated));
        // The edited SQL's facts are re-derived from it (lint/step_facts), so the hazards the
        // reviewer saw changed with it.
        QCOMPARE(textOf(f.model, step),
                 QStringLiteral("approval invalidated: hazards, sql changed since Dana (dba) "
                                "reviewed it; needs 1 more approval (0 of 1)"));
        QCOMPARE(review.size(), 1);
        QVERIFY(f.panel.stateText().contains(QStringLiteral("invalidated")));
        auto* diff = f.child<QTextBrowser>("reviewDiff");
        QVERIFY(!diff->isHidden());
        QVERIFY2(diff->toPlainText().contains(QStringLiteral("+-- and one more line")),
                 qPrintable(diff->toPlainText()));

        // Undoing the edit restores the SQL that was approved: approved again.
        QVERIFY(f.model.revertStep(step));
        QCOMPARE(statusOf(f.model, step), words(StepStatus::Approved));
        QVERIFY(diff->isHidden());
    }

    void authorCannotApprove()
    {
        Fixture f;
        const QString step = f.firstIn(plan::Phase::Expand);
        f.select(step);
        f.reviewerIs(Alice, "reviewer");
        QSignalSpy changed(&f.model, &PlanModel::dataChanged);
        f.click("approveStep");
        QVERIFY2(f.panel.errorText().contains(QStringLiteral("author")),
                 qPrintable(f.panel.errorText()));
        QCOMPARE(statusOf(f.model, step), words(StepStatus::Missing));
        QVERIFY(changed.isEmpty());
        QVERIFY(!f.model.isModified());
        // Selecting another step clears the error.
        f.select(f.firstIn(plan::Phase::Contract));
        QVERIFY(f.panel.errorText().isEmpty());
    }

    void approvePhaseNeedsTwoForContract()
    {
        Fixture f;
        const std::vector<const plan::Step*> contract =
            f.model.plan().stepsIn(plan::Phase::Contract);
        QVERIFY(!contract.empty());
        f.select(contract.back()->id);
        f.reviewerIs({QStringLiteral("Dana"), QStringLiteral("dana@example.com")}, "dba");
        f.click("approvePhase");
        QVERIFY2(f.panel.errorText().isEmpty(), qPrintable(f.panel.errorText()));
        for (const plan::Step* s : contract) {
            QCOMPARE(statusOf(f.model, s->id), words(StepStatus::Missing));
            QCOMPARE(textOf(f.model, s->id), QStringLiteral("needs 1 more approval (1 of 2)"));
            QCOMPARE(f.model.indexOfStep(s->id).data(PlanModel::ReviewProgressRole).toDouble(),
                     0.5);
        }
        // Expand steps are another phase: still missing their approval.
        QCOMPARE(statusOf(f.model, f.firstIn(plan::Phase::Expand)), words(StepStatus::Missing));

        f.reviewerIs({QStringLiteral("Erin"), QStringLiteral("erin@example.com")}, "releaser");
        f.click("approvePhase");
        for (const plan::Step* s : contract) {
            QCOMPARE(statusOf(f.model, s->id), words(StepStatus::Approved));
            QCOMPARE(textOf(f.model, s->id),
                     QStringLiteral("approved by Dana (dba), Erin (releaser)"));
        }
    }

    void requestChanges()
    {
        Fixture f;
        const QString step = f.firstIn(plan::Phase::Contract);
        f.select(step);
        f.reviewerIs({QStringLiteral("Dana"), QStringLiteral("dana@example.com")}, "dba");
        // A request for changes says what to change.
        f.click("requestChanges");
        QVERIFY(f.panel.errorText().contains(QStringLiteral("comment")));
        QCOMPARE(statusOf(f.model, step), words(StepStatus::Missing));

        QTest::keyClicks(f.child<QPlainTextEdit>("reviewComment"),
                         QStringLiteral("keep the old column one more release"));
        f.click("requestChanges");
        QVERIFY2(f.panel.errorText().isEmpty(), qPrintable(f.panel.errorText()));
        QCOMPARE(statusOf(f.model, step), words(StepStatus::ChangesRequested));
        QCOMPARE(textOf(f.model, step), QStringLiteral("changes requested by Dana (dba)"));
        QVERIFY(f.panel.stateText().contains(QStringLiteral("Changes requested")));
        QVERIFY(f.child<QLabel>("reviewApprovals")
                    ->text()
                    .contains(QStringLiteral("one more release")));

        // Her later approval replaces her request.
        f.click("approveStep");
        QCOMPARE(statusOf(f.model, step), words(StepStatus::Missing));
        QCOMPARE(textOf(f.model, step), QStringLiteral("needs 1 more approval (1 of 2)"));
    }

    void buttonsNeedAReviewerAndAStep()
    {
        Fixture f;
        f.reviewerIs({}, "reviewer");
        f.select(f.firstIn(plan::Phase::Expand));
        QVERIFY(!f.child<QPushButton>("approveStep")->isEnabled());
        f.reviewerIs({QStringLiteral("Dana"), {}}, "reviewer");
        QVERIFY(f.child<QPushButton>("approveStep")->isEnabled());
        f.selection.clearCurrentIndex();
        QVERIFY(f.panel.stepId().isEmpty());
        QVERIFY(!f.child<QPushButton>("approveStep")->isEnabled());
        QVERIFY(!f.child<QPushButton>("approvePhase")->isEnabled());
    }

    // The review is re-evaluated on every edit (each keystroke in the inspector) of a 1,000-step
    // plan approved as a whole, and every edit invalidates. How long an edit takes is printed,
    // not asserted: speed is a benchmark's business (conventions: no timed tests), and a timed
    // assertion failed here on a loaded machine.
    void reEvaluationOfALargePlan()
    {
        plan::Plan big = test::withRepeatedSteps(reviewedPlan(), 1000);
        review::ApproveRequest all;
        all.scope = review::Scope::Plan;
        all.approver = {QStringLiteral("Dana"), QStringLiteral("dana@example.com")};
        QVERIFY(review::approve(big, all));
        all.approver = {QStringLiteral("Erin"), QStringLiteral("erin@example.com")};
        QVERIFY(review::approve(big, all));
        PlanModel model;
        model.setPlan(big);
        const QString id = big.steps[0].id;
        QCOMPARE(statusOf(model, id), words(StepStatus::Approved));
        QString sql = big.steps[0].sql;
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < 20; ++i) {
            sql += QLatin1Char(' ');
            QVERIFY(model.setStepSql(id, sql));
        }
        const double perEdit = double(timer.elapsed()) / 20;
        qInfo("1000 steps, 2 plan-wide approvals: %.1f ms per edit", perEdit);
        QCOMPARE(statusOf(model, id), words(StepStatus::Invalidated));
    }

    // docs/screenshots/review-mode.png: approved, missing, invalidated and changes requested.
    void screenshot()
    {
        const QString shots = qEnvironmentVariable("BELLOWS_SCREENSHOT_DIR");
        if (shots.isEmpty())
            QSKIP("set BELLOWS_SCREENSHOT_DIR to write docs/screenshots");
        PlanModel model;
        model.setPlan(reviewedPlan());
        QItemSelectionModel selection(&model);
        QWidget window;
        auto* layout = new QHBoxLayout(&window);
        auto* timeline = new TimelineView(&window);
        timeline->setModel(&model);
        timeline->setSelectionModel(&selection);
        auto* panel = new ReviewPanel(&model, &selection, &window);
        panel->setFixedWidth(400);
        timeline->setZoom(0.85);
        layout->addWidget(timeline, 1);
        layout->addWidget(panel);
        window.resize(1300, 700);

        const std::vector<const plan::Step*> expand = model.plan().stepsIn(plan::Phase::Expand);
        const std::vector<const plan::Step*> contract = model.plan().stepsIn(plan::Phase::Contract);
        QVERIFY(expand.size() >= 3 && !contract.empty());
        const review::Identity dana{QStringLiteral("Dana"), QStringLiteral("dana@example.com")};
        panel->setReviewer(dana, review::Role::Dba);
        selection.setCurrentIndex(model.indexOfStep(expand[0]->id),
                                  QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QVERIFY(panel->approvePhase());
        // Dana asks for changes on the last expand step, and one contract approval is in.
        const QString edited = expand[0]->id;
        selection.setCurrentIndex(model.indexOfStep(expand.back()->id),
                                  QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        panel->findChild<QPlainTextEdit*>(QStringLiteral("reviewComment"))
            ->setPlainText(QStringLiteral("name the index after the column"));
        QVERIFY(panel->requestChanges());
        selection.setCurrentIndex(model.indexOfStep(contract[0]->id),
                                  QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QVERIFY(panel->approveStep());
        // A developer edits an approved step afterwards: invalidated.
        QString sql = model.plan().step(edited)->sql;
        sql.replace(QStringLiteral("ADD COLUMN "), QStringLiteral("ADD COLUMN IF NOT EXISTS "));
        QVERIFY(model.setStepSql(edited, sql));
        selection.setCurrentIndex(model.indexOfStep(edited),
                                  QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        panel->setReviewer({QStringLiteral("Erin"), QStringLiteral("erin@example.com")},
                           review::Role::Reviewer);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCoreApplication::processEvents(); // the timeline's coalesced relayout
        timeline->horizontalScrollBar()->setValue(0);
        QDir().mkpath(shots);
        QVERIFY(window.grab().save(shots + QStringLiteral("/review-mode.png")));
    }
};

QTEST_MAIN(TestReviewPanel)
#include "test_review_panel.moc"
