// bellows-plan-bench DATABASE_CONN TARGET_CONN [RUNS]
// Times planning once both catalogs are loaded: diff + buildPlan on two introspected
// databases (tests/bench/plan_bench.sh loads lago-api's newest pair). Prints figures only.

#include "diff/differ.h"
#include "introspect/introspector.h"
#include "plan/planner.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>

#include <algorithm>
#include <vector>

using namespace bellows;

namespace {

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const QStringList args = app.arguments();
    if (args.size() < 3) {
        QTextStream(stderr) << "usage: bellows-plan-bench DATABASE_CONN TARGET_CONN [RUNS]\n";
        return 1;
    }
    const int runs = args.size() > 3 ? args.at(3).toInt() : 20;

    QElapsedTimer timer;
    timer.start();
    auto database = introspect::introspect(args.at(1));
    const qint64 introspectDb = timer.restart();
    auto target = introspect::introspect(args.at(2));
    const qint64 introspectTarget = timer.restart();
    if (!database || !target) {
        QTextStream(stderr) << (database ? target.error() : database.error()).toString() << '\n';
        return 1;
    }
    out << "catalogs: " << database->tables.size() << " and " << target->tables.size()
        << " tables (introspected in " << introspectDb << " ms and " << introspectTarget
        << " ms)\n";

    std::vector<double> diffMs, planMs, totalMs;
    size_t steps = 0, findings = 0, changes = 0;
    for (int run = 0; run < runs; ++run) {
        timer.restart();
        auto changeSet = diff::diff(*database, *target);
        const double d = timer.nsecsElapsed() / 1e6;
        if (!changeSet) {
            QTextStream(stderr) << changeSet.error().toString() << '\n';
            return 1;
        }
        timer.restart();
        const plan::Plan plan = plan::buildPlan(*database, *target, *changeSet, {});
        const double p = timer.nsecsElapsed() / 1e6;
        diffMs.push_back(d);
        planMs.push_back(p);
        totalMs.push_back(d + p);
        steps = plan.steps.size();
        findings = plan.findings.size();
        changes = changeSet->changes.size();
    }
    out << changes << " changes -> " << steps << " steps, " << findings << " findings\n";
    out << QStringLiteral(
               "%1 runs: diff median %2 ms, planner median %3 ms, diff+plan median %4 ms "
               "(min %5, max %6)\n")
               .arg(runs)
               .arg(median(diffMs), 0, 'f', 1)
               .arg(median(planMs), 0, 'f', 1)
               .arg(median(totalMs), 0, 'f', 1)
               .arg(*std::min_element(totalMs.begin(), totalMs.end()), 0, 'f', 1)
               .arg(*std::max_element(totalMs.begin(), totalMs.end()), 0, 'f', 1);
    return 0;
}
