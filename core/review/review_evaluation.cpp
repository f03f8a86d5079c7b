#include "review/review_evaluation.h"

#include "plan/step_digest.h"

#include <algorithm>

namespace bellows::review {

namespace {

QString approvalsNeeded(int have, int required)
{
    const int more = required - have;
    return QStringLiteral("%1 more approval%2 (%3 of %4)")
        .arg(more)
        .arg(more == 1 ? QString() : QStringLiteral("s"))
        .arg(have)
        .arg(required);
}

// A counting approval signed with the same verified key as `use`, if any.
const ApprovalUse* sameKey(const std::vector<const ApprovalUse*>& counting, const ApprovalUse& use)
{
    if (use.signingKey.isEmpty())
        return nullptr;
    for (const ApprovalUse* u : counting)
        if (u->signingKey == use.signingKey)
            return u;
    return nullptr;
}

SignatureStatus signatureOf(const ReviewRecord& record, const EvaluateOptions& options, int index)
{
    if (options.signatures && index < int(options.signatures->size()))
        return options.signatures->at(size_t(index)).status;
    return record.approvals.at(size_t(index)).signature.isEmpty() ? SignatureStatus::Unsigned
                                                                  : SignatureStatus::NotChecked;
}

StepReview reviewStep(const plan::Plan& plan, const plan::Step& step, const QString& digest,
                      const ReviewRecord& record, const EvaluateOptions& options)
{
    StepReview out;
    out.stepId = step.id;
    out.phase = step.phase;
    const Policy policy = record.policy.value_or(Policy{});
    out.required = record.policy ? policy.requiredFor(step.phase) : 0;

    for (int i = 0; i < int(record.approvals.size()); ++i) {
        const Approval& a = record.approvals.at(size_t(i));
        const ReviewedStep* reviewed = a.reviewed(step.id);
        if (!reviewed)
            continue;
        ApprovalUse use;
        use.approvalIndex = i;
        use.approvalId = a.id;
        use.approver = a.approver;
        use.role = a.role;
        use.verdict = a.verdict;
        use.at = a.at;
        use.current = reviewed->matches(step.id, digest);
        if (!use.current)
            use.changed = reviewed->changedFields(plan, step);
        use.signature = signatureOf(record, options, i);
        if (options.signatures && i < int(options.signatures->size()))
            use.signingKey = options.signatures->at(size_t(i)).keyFingerprint;
        out.uses.push_back(use);
    }
    // Each approver's latest word on the step is the one that stands.
    for (size_t i = 0; i < out.uses.size(); ++i) {
        ApprovalUse& use = out.uses[i];
        use.latest = std::none_of(
            out.uses.begin() + qsizetype(i) + 1, out.uses.end(),
            [&](const ApprovalUse& later) { return later.approver.sameAs(use.approver); });
    }

    QStringList changesBy;
    const ApprovalUse* stale = nullptr;
    std::vector<const ApprovalUse*> counting;
    for (ApprovalUse& use : out.uses) {
        const bool isAuthor = use.approver.sameAs(record.author);
        if (!use.latest) {
            use.whyNot = QStringLiteral("superseded by a later verdict of the same approver");
        } else if (!use.current) {
            use.whyNot = QStringLiteral("the step changed since it was reviewed (%1)")
                             .arg(use.changed.join(QStringLiteral(", ")));
            stale = &use;
        } else if (use.verdict == Verdict::RequestChanges) {
            use.whyNot = QStringLiteral("requested changes");
            changesBy << use.approver.display();
        } else if (isAuthor && !policy.authorMayApprove) {
            use.whyNot = QStringLiteral("the plan's author cannot approve it");
        } else if (use.signature == SignatureStatus::Invalid) {
            use.whyNot = QStringLiteral("its signature does not verify");
        } else if (policy.requireSignatures && use.signature != SignatureStatus::Valid) {
            use.whyNot = use.signature == SignatureStatus::Unsigned
                             ? QStringLiteral("not signed, and the policy requires signatures")
                             : QStringLiteral("its signature was not checked (no allowed "
                                              "signers file)");
        } else if (policy.requireSignatures && use.approver.email.isEmpty()) {
            use.whyNot = QStringLiteral("no e-mail: a signature is verified for an e-mail");
        } else if (const ApprovalUse* same = sameKey(counting, use)) {
            // Two names, one key: one person.
            use.whyNot = QStringLiteral("signed with the same key as the approval by %1")
                             .arg(same->approver.display());
        } else {
            use.counts = true;
            counting.push_back(&use);
        }
    }
    out.approvals = int(counting.size());

    if (!record.policy) {
        out.status = StepStatus::NotRequired;
        return out;
    }
    if (!changesBy.isEmpty()) {
        out.status = StepStatus::ChangesRequested;
        out.missing
            << QStringLiteral("changes requested by %1").arg(changesBy.join(QStringLiteral(", ")));
        return out;
    }
    if (out.required == 0) {
        out.status = StepStatus::NotRequired;
        return out;
    }
    bool separated = true;
    if (!policy.executorMaySoleApprove && !options.executor.isEmpty() && !counting.empty())
        separated = std::any_of(counting.begin(), counting.end(), [&](const ApprovalUse* u) {
            return !u->approver.sameAs(options.executor) &&
                   (options.executorKey.isEmpty() || u->signingKey != options.executorKey);
        });
    if (out.approvals >= out.required && separated) {
        out.status = StepStatus::Approved;
        return out;
    }
    if (out.approvals < out.required)
        out.missing << approvalsNeeded(out.approvals, out.required);
    if (!separated)
        out.missing << QStringLiteral("an approver other than %1, who runs it (separation of "
                                      "duties)")
                           .arg(options.executor.display());
    for (const ApprovalUse& use : out.uses)
        if (use.latest && !use.counts && use.verdict == Verdict::Approve)
            out.missing << QStringLiteral("the approval by %1 does not count: %2")
                               .arg(use.approver.display(), use.whyNot);
    if (stale) {
        out.status = StepStatus::Invalidated;
        ReviewedStep last = *record.approvals.at(size_t(stale->approvalIndex)).reviewed(step.id);
        // Show only text that is what was approved: the kept copy, else the planner's original.
        if (sqlHash(last.sql) != last.sqlSha256)
            last.sql = sqlHash(step.originalSql) == last.sqlSha256 ? step.originalSql : QString();
        if (sqlHash(last.rollbackSql) != last.rollbackSha256)
            last.rollbackSql.clear();
        out.lastReviewed = last;
    } else {
        out.status = StepStatus::Missing;
    }
    return out;
}

} // namespace

QString toString(StepStatus status)
{
    switch (status) {
    case StepStatus::NotRequired:
        return QStringLiteral("not required");
    case StepStatus::Approved:
        return QStringLiteral("approved");
    case StepStatus::Missing:
        return QStringLiteral("missing approvals");
    case StepStatus::Invalidated:
        return QStringLiteral("invalidated (edited since approved)");
    case StepStatus::ChangesRequested:
        return QStringLiteral("changes requested");
    }
    return {};
}

const StepReview* ReviewState::step(const QString& stepId) const
{
    for (const StepReview& s : steps)
        if (s.stepId == stepId)
            return &s;
    return nullptr;
}

bool ReviewState::complete() const
{
    return problems.isEmpty() &&
           std::all_of(steps.begin(), steps.end(), [](const StepReview& s) { return s.allowed(); });
}

ReviewState evaluateReview(const plan::Plan& plan, const ReviewRecord& record,
                           const EvaluateOptions& options)
{
    ReviewState state;
    state.hasPolicy = record.policy.has_value();
    state.policy = record.policy.value_or(Policy{});
    state.author = record.author;
    state.executor = options.executor;
    for (int i = 0; i < int(record.approvals.size()); ++i) {
        const Approval& a = record.approvals.at(size_t(i));
        SignatureCheck check;
        if (options.signatures && i < int(options.signatures->size()))
            check = options.signatures->at(size_t(i));
        else
            check = {a.id, signatureOf(record, options, i), {}};
        if (check.status == SignatureStatus::Invalid)
            state.problems << QStringLiteral("the signature of the approval by %1 (%2 %3, %4) does "
                                             "not verify: the approval or the SQL it names was "
                                             "altered, or another key signed it%5")
                                  .arg(a.approver.display(), toString(a.scope),
                                       a.target.isEmpty() ? QStringLiteral("all") : a.target, a.at,
                                       check.message.isEmpty()
                                           ? QString()
                                           : QStringLiteral(" (%1)").arg(check.message));
        state.signatures.push_back(check);
        // The kept text is only for showing diffs, but a text that does not hash to what was
        // approved means the file was edited by hand: say so rather than show a false diff.
        for (const ReviewedStep& r : a.steps)
            if (sqlHash(r.sql) != r.sqlSha256 || sqlHash(r.rollbackSql) != r.rollbackSha256)
                state.problems << QStringLiteral("the SQL kept with the approval by %1 for step "
                                                 "%2 is not the SQL it approved (its hash "
                                                 "differs): the plan file was edited by hand")
                                      .arg(a.approver.display(), r.stepId);
    }
    const plan::StepDigests digests(plan);
    for (size_t index = 0; index < plan.steps.size(); ++index) {
        const plan::Step& step = plan.steps[index];
        state.steps.push_back(reviewStep(plan, step, digests.digest(index), record, options));
        const StepReview& s = state.steps.back();
        auto phase = std::find_if(state.phases.begin(), state.phases.end(),
                                  [&](const PhaseReview& p) { return p.phase == step.phase; });
        if (phase == state.phases.end()) {
            PhaseReview p;
            p.phase = step.phase;
            p.required = s.required;
            state.phases.push_back(p);
            phase = state.phases.end() - 1;
        }
        ++phase->steps;
        if (s.allowed())
            ++phase->allowedSteps;
        else
            phase->missing << QStringLiteral("step %1: %2")
                                  .arg(s.stepId, s.missing.join(QStringLiteral("; ")));
    }
    std::sort(
        state.phases.begin(), state.phases.end(),
        [](const PhaseReview& a, const PhaseReview& b) { return int(a.phase) < int(b.phase); });
    return state;
}

QStringList refusalReasons(const ReviewState& state, const QStringList& stepIds)
{
    QStringList out;
    for (const QString& id : stepIds) {
        const StepReview* s = state.step(id);
        if (!s || s->allowed())
            continue;
        out << QStringLiteral("step %1 (%2): %3 — %4")
                   .arg(id, plan::toString(s->phase), toString(s->status),
                        s->missing.join(QStringLiteral("; ")));
    }
    return out;
}

} // namespace bellows::review
