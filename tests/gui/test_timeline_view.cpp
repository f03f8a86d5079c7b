// TimelineView: keyboard and mouse selection go through the shared selection model, zoom
// changes box widths, and it paints (also a 1,000-step plan, timed).

#include "plan_model.h"
#include "review/review_actions.h"
#include "sample_plan.h"
#include "timeline_view.h"

#include <QElapsedTimer>
#include <QItemSelectionModel>
#include <QScrollBar>
#include <QTest>

using namespace bellows;
using bellows::ui::PlanModel;
using bellows::ui::TimelineView;

class TestTimelineView : public QObject {
    Q_OBJECT
private:
    struct Fixture {
        PlanModel model;
        QItemSelectionModel selection{&model};
        TimelineView view;
        Fixture()
        {
            model.setPlan(test::samplePlan());
            view.setModel(&model);
            view.setSelectionModel(&selection);
            view.resize(1400, 400);
            view.show();
        }
    };

private Q_SLOTS:
    void keyboardMovesSelection()
    {
        Fixture f;
        QVERIFY(QTest::qWaitForWindowExposed(&f.view));
        const QList<QModelIndex> steps = f.model.stepIndexes();
        QVERIFY(steps.size() >= 3);
        f.view.setFocus();
        QTest::keyClick(&f.view, Qt::Key_Right);
        QCOMPARE(f.selection.currentIndex(), steps[0]);
        QVERIFY(f.selection.isSelected(steps[0]));
        QTest::keyClick(&f.view, Qt::Key_Right);
        QCOMPARE(f.selection.currentIndex(), steps[1]);
        QVERIFY(!f.selection.isSelected(steps[0]));
        QTest::keyClick(&f.view, Qt::Key_End);
        QCOMPARE(f.selection.currentIndex(), steps.last());
        QTest::keyClick(&f.view, Qt::Key_Right); // stays at the end
        QCOMPARE(f.selection.currentIndex(), steps.last());
        QTest::keyClick(&f.view, Qt::Key_Left);
        QCOMPARE(f.selection.currentIndex(), steps[steps.size() - 2]);
        QTest::keyClick(&f.view, Qt::Key_Home);
        QCOMPARE(f.selection.currentIndex(), steps[0]);
        // Down goes to the first step of the next phase.
        QTest::keyClick(&f.view, Qt::Key_Down);
        const QModelIndex current = f.selection.currentIndex();
        QCOMPARE(current.row(), 0);
        QCOMPARE(current.parent().row(), 1);
    }

    void clickSelectsStep()
    {
        Fixture f;
        QVERIFY(QTest::qWaitForWindowExposed(&f.view));
        const QList<QModelIndex> steps = f.model.stepIndexes();
        const QModelIndex target = steps[2];
        const QRect box = f.view.stepRect(target);
        QVERIFY(box.isValid());
        QVERIFY(f.view.viewport()->rect().contains(box.center()));
        QCOMPARE(f.view.indexAt(box.center()), target);
        QTest::mouseClick(f.view.viewport(), Qt::LeftButton, {}, box.center());
        QCOMPARE(f.selection.currentIndex(), target);
        QVERIFY(f.selection.isRowSelected(target.row(), target.parent()));
        // A click between boxes (the lane label column) selects nothing new.
        QTest::mouseClick(f.view.viewport(), Qt::LeftButton, {}, QPoint(5, box.center().y()));
        QCOMPARE(f.selection.currentIndex(), target);
    }

    void selectionFromElsewhereScrollsIntoView()
    {
        Fixture f;
        f.view.resize(500, 400);
        QVERIFY(QTest::qWaitForWindowExposed(&f.view));
        const QModelIndex last = f.model.stepIndexes().last();
        f.selection.setCurrentIndex(last, QItemSelectionModel::ClearAndSelect);
        QVERIFY(f.view.horizontalScrollBar()->value() > 0);
        QVERIFY(f.view.viewport()->rect().contains(f.view.stepRect(last).center()));
    }

    void zoomChangesWidths()
    {
        Fixture f;
        QVERIFY(QTest::qWaitForWindowExposed(&f.view));
        const QModelIndex step = f.model.stepIndexes().first();
        const int before = f.view.stepRect(step).width();
        f.view.setFocus();
        QTest::keyClick(&f.view, Qt::Key_Plus);
        QVERIFY(f.view.zoom() > 1.0);
        QVERIFY(f.view.stepRect(step).width() > before);
        QTest::keyClick(&f.view, Qt::Key_Minus);
        QTest::keyClick(&f.view, Qt::Key_Minus);
        QVERIFY(f.view.stepRect(step).width() <= before);
        // Never below a readable minimum.
        for (int i = 0; i < 20; ++i)
            f.view.zoomOut();
        QVERIFY(f.view.stepRect(step).width() >=
                f.view.fontMetrics().horizontalAdvance(QStringLiteral("#00 AE")));
        QWheelEvent wheel(QPointF(200, 100), f.view.viewport()->mapToGlobal(QPointF(200, 100)),
                          QPoint(), QPoint(0, 120), Qt::NoButton, Qt::ControlModifier,
                          Qt::NoScrollPhase, false);
        const double zoomed = f.view.zoom();
        QApplication::sendEvent(f.view.viewport(), &wheel);
        QVERIFY(f.view.zoom() > zoomed);
    }

    // A review badge at the right of the title in the badge's colour, at normal and minimum
    // zoom; none without a policy. The title keeps most of its first line.
    void reviewBadges()
    {
        plan::Plan p = test::samplePlan();
        review::Policy policy;
        policy.required[plan::Phase::Expand] = 1;
        QVERIFY(review::setPolicy(p, policy, {QStringLiteral("Alice"), {}}));
        const std::vector<const plan::Step*> expand = p.stepsIn(plan::Phase::Expand);
        QVERIFY(expand.size() >= 4);
        const auto give = [&](const QString& id, review::Verdict verdict) {
            review::ApproveRequest r;
            r.target = id;
            r.approver = {QStringLiteral("Dana"), {}};
            r.verdict = verdict;
            QVERIFY(review::approve(p, r));
        };
        give(expand[0]->id, review::Verdict::Approve);
        give(expand[1]->id, review::Verdict::Approve);
        give(expand[2]->id, review::Verdict::RequestChanges);
        Fixture f;
        f.model.setPlan(p);
        QVERIFY(f.model.setStepSql(expand[1]->id, expand[1]->sql + QStringLiteral("\n-- x")));
        QVERIFY(QTest::qWaitForWindowExposed(&f.view));
        QCoreApplication::processEvents();

        const auto count = [](const QImage& image, QRect r, QColor c) {
            int n = 0;
            r = r.intersected(image.rect());
            for (int y = r.top(); y <= r.bottom(); ++y)
                for (int x = r.left(); x <= r.right(); ++x) {
                    const QColor p = image.pixelColor(x, y);
                    n += std::abs(p.red() - c.red()) < 12 && std::abs(p.green() - c.green()) < 12 &&
                         std::abs(p.blue() - c.blue()) < 12;
                }
            return n;
        };
        const QColor green(0x2e, 0x8b, 0x57);
        const QColor amber(0xe0, 0x92, 0x0b);
        const QColor red(0xc6, 0x28, 0x28);
        for (double zoom : {1.0, 0.25}) {
            f.view.setZoom(zoom);
            f.view.horizontalScrollBar()->setValue(0);
            const QImage shot = f.view.grab().toImage();
            const auto corner = [&](const plan::Step* s) {
                const QRect box = f.view.stepRect(f.model.indexOfStep(s->id));
                // The badge stays inside its box, in the title line.
                const int line = f.view.fontMetrics().height();
                return QRect(box.right() - line - 8, box.top() + 3, line + 6, line + 4);
            };
            QVERIFY2(count(shot, corner(expand[0]), green) > 15, qPrintable(QString::number(zoom)));
            QVERIFY(count(shot, corner(expand[1]), amber) > 15);
            QVERIFY(count(shot, corner(expand[2]), red) > 15);
            QCOMPARE(count(shot, corner(expand[3]), green) + count(shot, corner(expand[3]), red),
                     0);
        }
        // Without a policy: no badges.
        f.model.setReview({});
        f.view.setZoom(1.0);
        f.view.horizontalScrollBar()->setValue(0);
        const QImage plain = f.view.grab().toImage();
        const QRect box = f.view.stepRect(f.model.indexOfStep(expand[0]->id));
        QCOMPARE(count(plain, QRect(box.right() - 24, box.top(), 25, 24), green), 0);
    }

    void longPlanLaysOutAndPaintsQuickly()
    {
        plan::Plan big = test::withRepeatedSteps(test::samplePlan(), 1000);
        PlanModel model;
        QItemSelectionModel selection(&model);
        TimelineView view;
        view.setModel(&model);
        view.setSelectionModel(&selection);
        view.resize(1400, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QElapsedTimer timer;
        timer.start();
        model.setPlan(big);
        QCoreApplication::processEvents();
        const QPixmap frame = view.grab();
        const qint64 ms = timer.elapsed();
        qInfo("1000 steps: layout + one frame in %lld ms", ms);
        QVERIFY(!frame.isNull());
        timer.restart();
        const QPixmap again = view.grab(); // paint only, layout done
        qInfo("1000 steps: one more frame in %lld ms", timer.elapsed());
        QVERIFY(!again.isNull());
        QVERIFY(view.contentWidth() > view.width());
    }
};

QTEST_MAIN(TestTimelineView)
#include "test_timeline_view.moc"
