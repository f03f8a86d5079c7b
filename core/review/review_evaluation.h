#pragma once

// What a plan's review allows: per step, whether the approvals that still match its SQL meet
// the policy (and for whom), per phase a summary. The runner refuses steps that are not
// allowed; bellows-cli review prints the same state; a GUI can show it as it is.

#include "plan/plan.h"
#include "review/approval_signing.h"
#include "review/review_record.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace bellows::review {

enum class StepStatus {
    NotRequired,      // no policy, or the policy requires no approval in this phase
    Approved,         // enough current approvals, from the right people
    Missing,          // not enough approvals (none ever given, or not from the right people)
    Invalidated,      // approved once, but the step was edited since: approval no longer counts
    ChangesRequested, // a reviewer's latest verdict on the current SQL is request-changes
};
QString toString(StepStatus status); // "not required", "approved", "missing", ...

// One approval as it bears on one step.
struct ApprovalUse {
    int approvalIndex = -1; // into ReviewRecord::approvals
    QString approvalId;
    Identity approver;
    Role role = Role::Reviewer;
    Verdict verdict = Verdict::Approve;
    QString at;
    bool current = false; // the step's digest (plan/step_digest.h) is the one reviewed
    QStringList changed;  // when not current: the fields that changed ("sql", "phase", …)
    bool latest = false;  // this approver's latest word on the step
    bool counts = false;  // counts towards the requirement
    QString whyNot;       // when it does not count: "the step was edited since", ...
    SignatureStatus signature = SignatureStatus::Unsigned;
    QString signingKey; // the verified key's fingerprint (SHA256:…), when valid
};

struct StepReview {
    QString stepId;
    plan::Phase phase = plan::Phase::Expand;
    StepStatus status = StepStatus::NotRequired;
    int required = 0;
    int approvals = 0;             // counting approvers
    std::vector<ApprovalUse> uses; // every approval that covers the step, oldest first
    QStringList missing;           // plain words, e.g. "1 more approval (1 of 2)"
    // When the step was edited after an approval: the SQL as last reviewed, to diff against.
    std::optional<ReviewedStep> lastReviewed;

    bool allowed() const
    {
        return status == StepStatus::NotRequired || status == StepStatus::Approved;
    }
};

struct PhaseReview {
    plan::Phase phase = plan::Phase::Expand;
    int required = 0;
    int steps = 0;
    int allowedSteps = 0;
    QStringList missing; // "step X: ...", one per step not allowed
};

struct ReviewState {
    bool hasPolicy = false;
    Policy policy;
    Identity author;
    Identity executor;                      // who the evaluation assumed runs the steps
    std::vector<StepReview> steps;          // in plan order
    std::vector<PhaseReview> phases;        // phases that have steps, in order
    std::vector<SignatureCheck> signatures; // one per approval
    QStringList problems;                   // invalid signatures and the like, in plain words

    const StepReview* step(const QString& stepId) const;
    // Every step allowed and no problem (bellows-cli review exits 0).
    bool complete() const;
};

struct EvaluateOptions {
    Identity executor; // empty: separation of duties is not checked (nobody runs it yet)
    // Results of verifySignatures(); absent: signatures count as NotChecked.
    std::optional<std::vector<SignatureCheck>> signatures;
    // The fingerprint of the key the run was signed with (review/run_signing.h): an approval
    // signed with it is the executor's own, whatever name it carries.
    QString executorKey;
};

ReviewState evaluateReview(const plan::Plan& plan, const ReviewRecord& record,
                           const EvaluateOptions& options = {});

// Why these steps may not run, one line per step (empty when all are allowed).
QStringList refusalReasons(const ReviewState& state, const QStringList& stepIds);

} // namespace bellows::review
