#pragma once

// Changes to a plan's review: give an approval (or request changes), set the policy. They edit
// plan.review in memory; the caller saves the plan file.

#include "common/result.h"
#include "plan/plan.h"
#include "review/review_record.h"

#include <QDateTime>
#include <QString>

namespace bellows::review {

struct ApproveRequest {
    Scope scope = Scope::Step;
    QString target; // step id (Scope::Step) or phase name (Scope::Phase)
    Identity approver;
    Role role = Role::Reviewer;
    Verdict verdict = Verdict::Approve;
    QString comment;
    QString signingKey; // SSH key file: sign the approval (ssh-keygen -Y sign)
    QDateTime at;       // invalid: now
};

// Appends the approval to plan.review, bound to the current SQL of the steps it covers.
// Refuses an unknown step or phase, an empty approver, and the plan's author approving (unless
// the policy allows it); returns the approval as recorded.
Result<Approval> approve(plan::Plan& plan, const ApproveRequest& request);

// Sets (or with std::nullopt removes) the policy; records the author when given (the one
// already recorded stays otherwise).
Status setPolicy(plan::Plan& plan, const std::optional<Policy>& policy,
                 const Identity& author = {});

} // namespace bellows::review
