#pragma once

// The review state in words (bellows-cli review) and as JSON (review --json, exports).

#include "plan/plan.h"
#include "review/review_evaluation.h"

#include <QJsonObject>
#include <QString>

namespace bellows::review {

// Policy, then per phase its steps with their status, who approved, what is missing, and for an
// edited step the diff since it was reviewed; signatures and problems last.
QString renderReviewText(const plan::Plan& plan, const ReviewState& state);

// {"complete", "policy", "author", "executor", "phases": [...], "steps": [...],
//  "signatures": [...], "problems": [...]}; see docs/review.md.
QJsonObject reviewStateJson(const plan::Plan& plan, const ReviewState& state);

// "expand 1, contract 2 (others 0); the author may not approve; ...", or "none".
QString describePolicy(const ReviewState& state);

} // namespace bellows::review
