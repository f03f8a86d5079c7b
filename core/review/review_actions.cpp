#include "review/review_actions.h"

#include "review/approval_signing.h"

#include <QUuid>

namespace bellows::review {

namespace {

Error refusal(const QString& message, const QString& hint = {})
{
    Error e;
    e.message = message;
    e.hint = hint;
    return e;
}

} // namespace

Result<Approval> approve(plan::Plan& plan, const ApproveRequest& request)
{
    auto record = readReview(plan);
    if (!record)
        return record.error();
    if (request.approver.isEmpty())
        return refusal(QStringLiteral("an approval needs the approver's name"),
                       QStringLiteral("pass --as NAME, or set git config user.name"));
    const bool authorMayApprove = record->policy && record->policy->authorMayApprove;
    if (request.verdict == Verdict::Approve && request.approver.sameAs(record->author) &&
        !authorMayApprove)
        return refusal(QStringLiteral("%1 is the plan's author and cannot approve it")
                           .arg(request.approver.display()),
                       QStringLiteral("ask a reviewer who did not write the plan"));

    Approval a;
    a.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    a.scope = request.scope;
    a.approver = request.approver;
    a.role = request.role;
    a.verdict = request.verdict;
    a.comment = request.comment;
    const QDateTime at = request.at.isValid() ? request.at : QDateTime::currentDateTimeUtc();
    a.at = at.toUTC().toString(Qt::ISODate);
    switch (request.scope) {
    case Scope::Step: {
        const plan::Step* step = plan.step(request.target);
        if (!step)
            return refusal(QStringLiteral("the plan has no step \"%1\"").arg(request.target));
        a.target = step->id;
        a.steps.push_back(ReviewedStep::of(plan, *step));
        break;
    }
    case Scope::Phase: {
        bool ok = false;
        const plan::Phase phase = plan::phaseFromString(request.target, &ok);
        if (!ok)
            return refusal(QStringLiteral("unknown phase \"%1\" (use expand, backfill, verify, "
                                          "tighten or contract)")
                               .arg(request.target));
        a.target = plan::toString(phase);
        for (const plan::Step* step : plan.stepsIn(phase))
            a.steps.push_back(ReviewedStep::of(plan, *step));
        if (a.steps.empty())
            return refusal(QStringLiteral("the plan has no %1 step to approve").arg(a.target));
        break;
    }
    case Scope::Plan:
        for (const plan::Step& step : plan.steps)
            a.steps.push_back(ReviewedStep::of(plan, step));
        if (a.steps.empty())
            return refusal(QStringLiteral("the plan has no step to approve"));
        break;
    }
    if (!request.signingKey.isEmpty()) {
        auto signature = signPayload(signingPayload(plan.id, a), request.signingKey);
        if (!signature)
            return signature.error();
        a.signature = *signature;
    }
    record->approvals.push_back(a);
    writeReview(plan, *record);
    return a;
}

Status setPolicy(plan::Plan& plan, const std::optional<Policy>& policy, const Identity& author)
{
    auto record = readReview(plan);
    if (!record)
        return record.error();
    record->policy = policy;
    if (!author.isEmpty())
        record->author = author;
    writeReview(plan, *record);
    return {};
}

} // namespace bellows::review
