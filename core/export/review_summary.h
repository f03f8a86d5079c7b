#pragma once

// The approval state of a plan, as the reports show it: from core/review's evaluation of the
// plan's "review" object ("not reviewed" when it is empty).

#include "plan/plan.h"

#include <QHash>
#include <QString>
#include <QStringList>

namespace bellows::exporting {

struct StepApprovalState {
    QString status; // "approved", "missing", "not required", "not reviewed", ...
    QStringList approvers;
    QStringList notes; // what is missing, why an approval does not count
    bool allowed = true;
};

struct ReviewSummary {
    bool reviewed = false; // the plan carries a review record
    QString headline;      // one line for the report's header
    QStringList problems;
    QHash<QString, StepApprovalState> steps; // by step id

    StepApprovalState step(const QString& stepId) const;
};

ReviewSummary summarizeReview(const plan::Plan& plan);

} // namespace bellows::exporting
