#include "review/review_report.h"

#include "review/line_diff.h"

#include <QJsonArray>

namespace bellows::review {

namespace {

QJsonObject identityJson(const Identity& id)
{
    QJsonObject o;
    o.insert(QStringLiteral("name"), id.name);
    o.insert(QStringLiteral("email"), id.email);
    return o;
}

QString indent(const QString& text, const QString& prefix)
{
    QStringList lines = text.split(QLatin1Char('\n'));
    for (QString& line : lines)
        line.prepend(prefix);
    return lines.join(QLatin1Char('\n'));
}

QString useLine(const ApprovalUse& use)
{
    QString line =
        QStringLiteral("%1 %2 (%3, %4, signature %5)")
            .arg(use.verdict == Verdict::Approve ? QStringLiteral("approved by")
                                                 : QStringLiteral("changes requested by"),
                 use.approver.display(), toString(use.role), use.at, toString(use.signature));
    if (!use.counts)
        line += QStringLiteral(": does not count, %1").arg(use.whyNot);
    return line;
}

} // namespace

QString describePolicy(const ReviewState& state)
{
    if (!state.hasPolicy)
        return QStringLiteral("none (approvals are recorded but not required)");
    const Policy& p = state.policy;
    QStringList required;
    for (const auto& [phase, count] : p.required)
        required << QStringLiteral("%1 %2").arg(plan::toString(phase)).arg(count);
    QString text = required.isEmpty()
                       ? QStringLiteral("%1 approval(s) per step").arg(p.defaultRequired)
                       : QStringLiteral("%1 (other phases %2)")
                             .arg(required.join(QStringLiteral(", ")))
                             .arg(p.defaultRequired);
    text += p.authorMayApprove ? QStringLiteral("; the author may approve")
                               : QStringLiteral("; the author may not approve");
    text += p.executorMaySoleApprove
                ? QStringLiteral("; whoever runs a step may be its only approver")
                : QStringLiteral("; whoever runs a step may not be its only approver");
    if (p.requireSignatures)
        text += QStringLiteral("; only signed approvals count");
    return text;
}

QString renderReviewText(const plan::Plan& plan, const ReviewState& state)
{
    QString out = QStringLiteral("Review of plan %1\n").arg(plan.id);
    out += QStringLiteral("Policy: %1\n").arg(describePolicy(state));
    if (!state.author.isEmpty())
        out += QStringLiteral("Author: %1\n").arg(state.author.display());
    if (!state.executor.isEmpty())
        out += QStringLiteral("Checked for: %1 running the steps\n").arg(state.executor.display());
    for (const PhaseReview& phase : state.phases) {
        out += QStringLiteral("\n%1: %2 of %3 step(s) may run")
                   .arg(plan::phaseTitle(phase.phase))
                   .arg(phase.allowedSteps)
                   .arg(phase.steps);
        if (state.hasPolicy)
            out += QStringLiteral(" (%1 approval(s) required per step)").arg(phase.required);
        out += QLatin1Char('\n');
        for (const StepReview& s : state.steps) {
            if (s.phase != phase.phase)
                continue;
            out += QStringLiteral("  [%1] %2\n").arg(toString(s.status), s.stepId);
            for (const ApprovalUse& use : s.uses)
                if (use.latest)
                    out += QStringLiteral("      %1\n").arg(useLine(use));
            for (const QString& m : s.missing)
                if (!m.startsWith(QLatin1String("the approval by"))) // shown on its own line
                    out += QStringLiteral("      missing: %1\n").arg(m);
            if (s.lastReviewed) {
                const plan::Step* step = plan.step(s.stepId);
                const QString sqlDiff = step ? lineDiff(s.lastReviewed->sql, step->sql) : QString();
                const QString rollbackDiff =
                    step ? lineDiff(s.lastReviewed->rollbackSql, step->rollbackSql) : QString();
                if (step && s.lastReviewed->sql.isEmpty() && !step->sql.isEmpty())
                    out += QStringLiteral("      (the SQL as reviewed is not available to "
                                          "compare)\n");
                else if (!sqlDiff.isEmpty())
                    out += QStringLiteral("      SQL since reviewed:\n%1\n")
                               .arg(indent(sqlDiff, QStringLiteral("        ")));
                if (!rollbackDiff.isEmpty())
                    out += QStringLiteral("      rollback SQL since reviewed:\n%1\n")
                               .arg(indent(rollbackDiff, QStringLiteral("        ")));
            }
        }
    }
    int counts[4] = {0, 0, 0, 0};
    for (const SignatureCheck& c : state.signatures)
        ++counts[int(c.status)];
    if (!state.signatures.empty())
        out += QStringLiteral("\nSignatures: %1 valid, %2 invalid, %3 not checked, %4 unsigned\n")
                   .arg(counts[int(SignatureStatus::Valid)])
                   .arg(counts[int(SignatureStatus::Invalid)])
                   .arg(counts[int(SignatureStatus::NotChecked)])
                   .arg(counts[int(SignatureStatus::Unsigned)]);
    if (!state.problems.isEmpty()) {
        out += QStringLiteral("\nProblems:\n");
        for (const QString& p : state.problems)
            out += QStringLiteral("  %1\n").arg(p);
    }
    out += state.complete() ? QStringLiteral("\nEvery step may run.\n")
                            : QStringLiteral("\nNot every step may run yet.\n");
    return out;
}

QJsonObject reviewStateJson(const plan::Plan& plan, const ReviewState& state)
{
    QJsonObject o;
    o.insert(QStringLiteral("planId"), plan.id);
    o.insert(QStringLiteral("complete"), state.complete());
    o.insert(QStringLiteral("hasPolicy"), state.hasPolicy);
    o.insert(QStringLiteral("policy"), describePolicy(state));
    o.insert(QStringLiteral("author"), identityJson(state.author));
    if (!state.executor.isEmpty())
        o.insert(QStringLiteral("executor"), identityJson(state.executor));
    QJsonArray phases;
    for (const PhaseReview& p : state.phases) {
        QJsonObject po;
        po.insert(QStringLiteral("phase"), plan::toString(p.phase));
        po.insert(QStringLiteral("required"), p.required);
        po.insert(QStringLiteral("steps"), p.steps);
        po.insert(QStringLiteral("allowedSteps"), p.allowedSteps);
        po.insert(QStringLiteral("missing"), QJsonArray::fromStringList(p.missing));
        phases.append(po);
    }
    o.insert(QStringLiteral("phases"), phases);
    QJsonArray steps;
    for (const StepReview& s : state.steps) {
        QJsonObject so;
        so.insert(QStringLiteral("id"), s.stepId);
        so.insert(QStringLiteral("phase"), plan::toString(s.phase));
        so.insert(QStringLiteral("status"), toString(s.status));
        so.insert(QStringLiteral("allowed"), s.allowed());
        so.insert(QStringLiteral("required"), s.required);
        so.insert(QStringLiteral("approvals"), s.approvals);
        so.insert(QStringLiteral("missing"), QJsonArray::fromStringList(s.missing));
        QJsonArray uses;
        for (const ApprovalUse& u : s.uses) {
            QJsonObject uo;
            uo.insert(QStringLiteral("approvalId"), u.approvalId);
            uo.insert(QStringLiteral("approver"), identityJson(u.approver));
            uo.insert(QStringLiteral("role"), toString(u.role));
            uo.insert(QStringLiteral("verdict"), toString(u.verdict));
            uo.insert(QStringLiteral("at"), u.at);
            uo.insert(QStringLiteral("current"), u.current);
            uo.insert(QStringLiteral("latest"), u.latest);
            uo.insert(QStringLiteral("counts"), u.counts);
            if (!u.whyNot.isEmpty())
                uo.insert(QStringLiteral("whyNot"), u.whyNot);
            uo.insert(QStringLiteral("signature"), toString(u.signature));
            uses.append(uo);
        }
        so.insert(QStringLiteral("approvalsGiven"), uses);
        if (s.lastReviewed) {
            const plan::Step* step = plan.step(s.stepId);
            so.insert(QStringLiteral("reviewedSql"), s.lastReviewed->sql);
            so.insert(QStringLiteral("reviewedRollbackSql"), s.lastReviewed->rollbackSql);
            if (step)
                so.insert(QStringLiteral("sqlDiff"), lineDiff(s.lastReviewed->sql, step->sql));
        }
        steps.append(so);
    }
    o.insert(QStringLiteral("steps"), steps);
    QJsonArray signatures;
    for (const SignatureCheck& c : state.signatures) {
        QJsonObject co;
        co.insert(QStringLiteral("approvalId"), c.approvalId);
        co.insert(QStringLiteral("status"), toString(c.status));
        if (!c.message.isEmpty())
            co.insert(QStringLiteral("message"), c.message);
        signatures.append(co);
    }
    o.insert(QStringLiteral("signatures"), signatures);
    o.insert(QStringLiteral("problems"), QJsonArray::fromStringList(state.problems));
    return o;
}

} // namespace bellows::review
