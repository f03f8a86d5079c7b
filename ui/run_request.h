#pragma once

// What the main window asks the confirmation dialog to confirm: where the steps will run
// (server, database, environment), what the user chose ("Run phase Expand"), and copies of the
// steps themselves, so the dialog shows exactly the SQL that will be sent even if the plan is
// edited while it is open.

#include "environment_tag.h"
#include "plan/plan.h"

#include <QHash>
#include <QSet>
#include <QString>

#include <vector>

namespace bellows::ui {

// A step's review state, when the plan carries reviews (core/review's StepReview, boiled down
// to what the dialog says). The dialog only shows it; whether an unapproved step may run is
// the runner's policy (review::refusalReasons), not the dialog's.
struct StepApproval {
    bool required = true;  // false: the policy asks for no approval in this step's phase
    bool approved = false; // enough current approvals
    QString approvedBy;    // the counting approvers, "Alice <alice@example.com>, Bob"
    QString approvedAt;    // ISO 8601 of the latest counting approval, may be empty
    QString detail;        // when not approved: "1 more approval (1 of 2)", "edited since", …
};

struct RunRequest {
    QString server;   // "host:port", never a password
    QString database; // the name a production run asks the user to type
    EnvironmentTag environment = EnvironmentTag::Development;
    QString scope;                 // "Run step 3", "Run phase Expand", "Run to gate Deploy …"
    std::vector<plan::Step> steps; // in execution order

    // Review state per step id. Leave reviewKnown false when the plan has no review data:
    // the dialog then says nothing about approvals rather than "not approved" everywhere.
    bool reviewKnown = false;
    QHash<QString, StepApproval> approvals;

    // What the runner will decide (exec::Runner::forecast, read before the dialog opens).
    // A refusal disables Run; out-of-order reasons (a step whose dependencies or gates are not
    // done) let it run only after "out of order" is typed with a reason the ledger records.
    QString refusal;
    QStringList outOfOrder;
    QStringList alreadyDone; // titles of selected steps the ledger records done: skipped

    // Edited steps (step id → what is wrong, in words): the linter's errors on the edited SQL,
    // a rollback written for the planner's SQL. Each such step asks for its name to be typed.
    QHash<QString, QStringList> editWarnings;
    QSet<QString> staleRollbacks; // ids of edited steps whose rollback predates the edit
};

} // namespace bellows::ui
