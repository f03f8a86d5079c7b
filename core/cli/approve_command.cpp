#include "cli/approve_command.h"

#include "plan/plan_file.h"
#include "review/review_actions.h"

#include <QFileInfo>

namespace bellows::cli {

int runApprove(const ApproveCommandOptions& options, const Output& output)
{
    const int targets =
        int(!options.step.isEmpty()) + int(!options.phase.isEmpty()) + int(options.all);
    if (targets != 1) {
        output.error(QStringLiteral("approve needs exactly one of --step ID, --phase P, --all"));
        return ExitError;
    }
    review::ApproveRequest request;
    if (!options.step.isEmpty()) {
        request.scope = review::Scope::Step;
        request.target = options.step;
    } else if (!options.phase.isEmpty()) {
        request.scope = review::Scope::Phase;
        request.target = options.phase;
    } else {
        request.scope = review::Scope::Plan;
    }
    if (!options.role.isEmpty()) {
        const auto role = review::roleFromString(options.role);
        if (!role) {
            output.error(QStringLiteral("--role takes author, reviewer, dba or releaser, not "
                                        "\"%1\"")
                             .arg(options.role));
            return ExitError;
        }
        request.role = *role;
    }
    // --as names someone else than git's user: git's e-mail address is not theirs.
    if (options.name.isEmpty()) {
        request.approver = review::gitIdentity(QFileInfo(options.planPath).absolutePath());
        if (!options.email.isEmpty())
            request.approver.email = options.email;
    } else {
        request.approver = {options.name, options.email};
    }
    request.verdict =
        options.requestChanges ? review::Verdict::RequestChanges : review::Verdict::Approve;
    request.comment = options.comment;
    request.signingKey = options.signKey;

    auto loaded = plan::loadPlan(options.planPath);
    if (!loaded) {
        output.error(loaded.error().toString());
        return ExitError;
    }
    plan::Plan plan = std::move(loaded).value();
    auto approval = review::approve(plan, request);
    if (!approval) {
        output.error(approval.error().toString());
        return approval.error().message.contains(QLatin1String("cannot approve")) ? ExitDifferences
                                                                                  : ExitError;
    }
    if (auto saved = plan::savePlan(plan, options.planPath); !saved) {
        output.error(saved.error().toString());
        return ExitError;
    }
    const QString what =
        request.scope == review::Scope::Step ? QStringLiteral("step %1").arg(approval->target)
        : request.scope == review::Scope::Phase
            ? QStringLiteral("the %1 phase (%2 step(s))")
                  .arg(approval->target)
                  .arg(approval->steps.size())
            : QStringLiteral("the whole plan (%1 step(s))").arg(approval->steps.size());
    output.out << QStringLiteral("%1 %2 as %3 (%4)%5\n")
                      .arg(request.verdict == review::Verdict::Approve
                               ? QStringLiteral("approved")
                               : QStringLiteral("requested changes to"),
                           what, approval->approver.display(), review::toString(approval->role),
                           approval->signature.isEmpty() ? QString() : QStringLiteral(", signed"))
               << Qt::flush;
    return ExitOk;
}

} // namespace bellows::cli
