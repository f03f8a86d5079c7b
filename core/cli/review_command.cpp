#include "cli/review_command.h"

#include "plan/plan_file.h"
#include "review/review_actions.h"
#include "review/review_evaluation.h"
#include "review/review_report.h"

#include <QFileInfo>
#include <QJsonDocument>

namespace bellows::cli {

namespace {

bool changesPolicy(const ReviewCommandOptions& o)
{
    return !o.require.isEmpty() || o.requireSignatures || o.allowAuthor || o.allowSoleExecutor ||
           o.clearPolicy || !o.authorName.isEmpty() || !o.authorEmail.isEmpty();
}

// Applies --require PHASE=N and the flags on top of the policy the plan has.
bool buildPolicy(const ReviewCommandOptions& o, review::Policy& policy, const Output& output)
{
    for (const QString& item : o.require) {
        const qsizetype eq = item.indexOf(QLatin1Char('='));
        bool numberOk = false;
        const int count = eq > 0 ? item.mid(eq + 1).toInt(&numberOk) : 0;
        if (eq <= 0 || !numberOk || count < 0 || count > 100) {
            output.error(
                QStringLiteral("--require takes PHASE=N (e.g. contract=2), not \"%1\"").arg(item));
            return false;
        }
        const QString name = item.left(eq).trimmed();
        if (name == QLatin1String("default") || name == QLatin1String("all")) {
            policy.defaultRequired = count;
            continue;
        }
        bool ok = false;
        const plan::Phase phase = plan::phaseFromString(name, &ok);
        if (!ok) {
            output.error(QStringLiteral("--require: unknown phase \"%1\" (use expand, backfill, "
                                        "verify, tighten, contract or default)")
                             .arg(name));
            return false;
        }
        policy.required[phase] = count;
    }
    if (o.requireSignatures)
        policy.requireSignatures = true;
    if (o.allowAuthor)
        policy.authorMayApprove = true;
    if (o.allowSoleExecutor)
        policy.executorMaySoleApprove = true;
    return true;
}

} // namespace

int runReview(const ReviewCommandOptions& options, const Output& output)
{
    auto loaded = plan::loadPlan(options.planPath);
    if (!loaded) {
        output.error(loaded.error().toString());
        return ExitError;
    }
    plan::Plan plan = std::move(loaded).value();
    auto record = review::readReview(plan);
    if (!record) {
        output.error(record.error().toString());
        return ExitError;
    }

    if (changesPolicy(options)) {
        std::optional<review::Policy> policy;
        if (!options.clearPolicy) {
            policy = record->policy.value_or(review::Policy{});
            if (!buildPolicy(options, *policy, output))
                return ExitError;
        }
        review::Identity author = record->author;
        if (!options.authorName.isEmpty() || !options.authorEmail.isEmpty())
            author = {options.authorName, options.authorEmail};
        else if (author.isEmpty() && policy)
            author = review::gitIdentity(QFileInfo(options.planPath).absolutePath());
        if (auto s = review::setPolicy(plan, policy, author); !s) {
            output.error(s.error().toString());
            return ExitError;
        }
        if (auto saved = plan::savePlan(plan, options.planPath); !saved) {
            output.error(saved.error().toString());
            return ExitError;
        }
        record = review::readReview(plan);
        if (!record) {
            output.error(record.error().toString());
            return ExitError;
        }
        output.err << "bellows-cli: "
                   << (policy ? QStringLiteral("policy written to %1").arg(options.planPath)
                              : QStringLiteral("policy removed from %1").arg(options.planPath))
                   << '\n'
                   << Qt::flush;
    }

    review::EvaluateOptions evaluate;
    evaluate.executor = {options.executorName, options.executorEmail};
    auto checks = review::verifySignatures(plan.id, *record, options.allowedSigners);
    if (!checks) {
        output.error(checks.error().toString());
        return ExitError;
    }
    evaluate.signatures = *checks;
    const review::ReviewState state = review::evaluateReview(plan, *record, evaluate);
    if (options.json)
        output.out
            << QJsonDocument(review::reviewStateJson(plan, state)).toJson(QJsonDocument::Indented);
    else
        output.out << review::renderReviewText(plan, state);
    output.out.flush();
    return state.complete() ? ExitOk : ExitDifferences;
}

} // namespace bellows::cli
