// GUI figures for issue 6, printed as "name: value":
//   start_to_first_paint_ms  process start → the main window's first paint
//   demo_to_plan_ms          File → Open Demo → plan on screen (demo database reused)
//   timeline_1000_open_ms     a 1,000-step plan set on the model, laid out and painted
//   timeline_1000_layout_paint_ms / timeline_1000_repaint_ms   one frame (zoom: layout + paint;
//                                                              paint only)
//   gui_max_stall_ms / gui_p99_stall_ms   the GUI thread's longest / p99 delay of a 5 ms timer
//                                         while the demo's backfill runs from the window
// Usage: bellows-gui-bench (QT_QPA_PLATFORM=offscreen for a headless machine). Needs the demo
// (PostgreSQL binaries: BELLOWS_PG_BIN or the system's).

#include "demo_driver.h"
#include "diff_panel.h"
#include "planning_session.h"
#include "sample_plan.h"
#include "timeline_view.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QItemSelectionModel>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace bellows;

namespace {

QElapsedTimer g_sinceStart;

class FirstPaint : public QObject {
public:
    qint64 at = -1;
    bool eventFilter(QObject*, QEvent* event) override
    {
        if (event->type() == QEvent::Paint && at < 0)
            at = g_sinceStart.elapsed();
        return false;
    }
};

bool waitFor(const std::function<bool()>& condition, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!condition()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    return true;
}

void timelineFrame()
{
    plan::Plan big = test::withRepeatedSteps(test::samplePlan(), 1000);
    ui::PlanModel model;
    QItemSelectionModel selection(&model);
    ui::TimelineView view;
    view.setModel(&model);
    view.setSelectionModel(&selection);
    view.resize(1400, 400);
    view.show();
    QCoreApplication::processEvents();
    QElapsedTimer timer;
    timer.start();
    model.setPlan(big);
    QCoreApplication::processEvents();
    view.grab();
    std::printf("timeline_1000_open_ms: %lld\n", timer.elapsed()); // model reset + layout + paint
    // One frame as the user changes the zoom: layout of 1,000 boxes and a paint.
    std::vector<qint64> frames;
    for (int i = 0; i < 10; ++i) {
        timer.restart();
        view.setZoom(i % 2 ? 1.0 : 1.1);
        view.grab();
        frames.push_back(timer.nsecsElapsed() / 1000);
    }
    std::sort(frames.begin(), frames.end());
    std::printf("timeline_1000_layout_paint_ms: %.1f (median of 10)\n", frames[5] / 1000.0);
    timer.restart();
    view.grab();
    std::printf("timeline_1000_repaint_ms: %lld\n", timer.elapsed());
}

} // namespace

int main(int argc, char** argv)
{
    g_sinceStart.start();
    std::setvbuf(stdout, nullptr, _IOLBF, 0); // figures appear as they are measured
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("BellowsBench"));
    ui::MainWindow window;
    FirstPaint firstPaint;
    window.installEventFilter(&firstPaint);
    window.resize(1280, 820);
    window.show();
    if (!waitFor([&] { return firstPaint.at >= 0; }, 10000))
        return 1;
    std::printf("start_to_first_paint_ms: %lld\n", firstPaint.at);

    timelineFrame();

    // The demo, reused from an earlier run when there is one (as a second launch would).
    QElapsedTimer timer;
    timer.start();
    window.startDemo();
    if (!waitFor([&] { return !window.isDemoRunning() && !window.isPlanning(); }, 300000) ||
        window.planModel()->isEmpty()) {
        std::fprintf(stderr, "demo did not plan: %s\n", qPrintable(window.bannerText()));
        return 1;
    }
    std::printf("demo_to_plan_ms: %lld\n", timer.elapsed());
    if (!window.diffPanel()->pendingRenames().isEmpty()) {
        window.session()->acceptRename(window.diffPanel()->pendingRenames().constFirst());
        waitFor([&] { return !window.isPlanning(); }, 120000);
    }

    // Watchdog: a 5 ms timer on the GUI thread; its lateness is how long the thread was busy.
    std::vector<qint64> stalls;
    QElapsedTimer tick;
    QTimer watchdog;
    watchdog.setTimerType(Qt::PreciseTimer);
    watchdog.setInterval(5);
    QObject::connect(&watchdog, &QTimer::timeout, &window, [&] {
        if (tick.isValid())
            stalls.push_back(std::max<qint64>(0, tick.nsecsElapsed() / 1000000 - 5));
        tick.restart();
    });
    tick.start();
    watchdog.start();
    // Expand, then the backfill (through its gate), answered like a person with clicks.
    for (plan::Phase phase : {plan::Phase::Expand, plan::Phase::Backfill}) {
        test::select(
            window, test::stepWhere(window, [&](const plan::Step& s) { return s.phase == phase; }));
        if (!window.runs()->requestPhase(phase)) {
            std::fprintf(stderr, "could not start the %s phase\n",
                         qPrintable(plan::toString(phase)));
            break;
        }
        const bool finished = waitFor(
            [&] {
                if (auto* c = qobject_cast<ui::ConfirmationDialog*>(window.runs()->activeDialog()))
                    test::confirmRun(c);
                if (auto* g = qobject_cast<ui::GateDialog*>(window.runs()->activeDialog()))
                    test::passGate(g);
                return !window.runs()->isRunning() && !window.runs()->activeDialog();
            },
            300000);
        std::fprintf(stderr, "%s: %s\n", qPrintable(plan::toString(phase)),
                     qPrintable(window.runs()->statusText()));
        if (!finished)
            break;
    }
    watchdog.stop();
    std::sort(stalls.begin(), stalls.end());
    if (!stalls.empty()) {
        std::printf("gui_samples: %zu\n", stalls.size());
        std::printf("gui_max_stall_ms: %lld\n", stalls.back());
        std::printf("gui_p99_stall_ms: %lld\n", stalls[stalls.size() * 99 / 100]);
    }
    std::printf("run_status: %s\n", qPrintable(window.runs()->statusText()));
    return 0;
}
