#pragma once

// What a plan file keeps about its review, in the plan's "review" object (docs/review.md):
// the plan's author, the policy (approvals required per phase, separation of duties) and the
// approvals, each bound to the SHA-256 of the SQL and rollback SQL it reviewed. Parsed and
// written here so that plan.h stays unaware of the review model.

#include "common/result.h"
#include "plan/plan.h"
#include "review/identity.h"

#include <QJsonObject>
#include <QMap>
#include <QString>

#include <map>
#include <optional>
#include <vector>

namespace bellows::review {

enum class Role { Author, Reviewer, Dba, Releaser };
enum class Verdict { Approve, RequestChanges };
// What one approval covers: one step, every step of a phase, or every step of the plan.
enum class Scope { Step, Phase, Plan };

QString toString(Role role);       // "author", "reviewer", "dba", "releaser"
QString toString(Verdict verdict); // "approve", "request-changes"
QString toString(Scope scope);     // "step", "phase", "plan"
std::optional<Role> roleFromString(const QString& text);
std::optional<Verdict> verdictFromString(const QString& text);
std::optional<Scope> scopeFromString(const QString& text);

// SHA-256 (hex) of the text's UTF-8 bytes: how approvals name the SQL they reviewed.
QString sqlHash(const QString& text);

// One step as the approver saw it: the digest of everything that decides what it does
// (plan/step_digest.h) binds the approval, the per-field digests say what changed since, and
// the text itself shows how the SQL changed.
struct ReviewedStep {
    QString stepId;
    QString digest;                // plan::stepDigest when approved
    QMap<QString, QString> fields; // plan::fieldDigests when approved
    QString sqlSha256;
    QString rollbackSha256; // of the rollback SQL ("" hashes too: irreversible steps)
    QString sql;
    QString rollbackSql;

    // Whether the step is still exactly what was reviewed (an approval without a digest, from
    // an older Bellows, never matches).
    bool matches(const plan::Plan& plan, const plan::Step& step) const;
    bool matches(const QString& stepId, const QString& currentDigest) const
    {
        return stepId == this->stepId && !digest.isEmpty() && digest == currentDigest;
    }
    // The fields that changed since ("sql", "phase", "gates", …); empty when it matches.
    QStringList changedFields(const plan::Plan& plan, const plan::Step& step) const;
    static ReviewedStep of(const plan::Plan& plan, const plan::Step& step);
};

struct Approval {
    QString id; // random, to refer to one approval
    Scope scope = Scope::Step;
    QString target; // the step id, the phase name, or "" for the whole plan
    std::vector<ReviewedStep> steps;
    Identity approver;
    Role role = Role::Reviewer;
    Verdict verdict = Verdict::Approve;
    QString at; // ISO 8601 UTC
    QString comment;
    QString signature; // armored SSH signature of signingPayload(); empty: unsigned

    const ReviewedStep* reviewed(const QString& stepId) const;
};

struct Policy {
    std::map<plan::Phase, int> required; // distinct approvers per step, by phase
    int defaultRequired = 0;             // phases not listed
    bool authorMayApprove = false;       // the plan's author's approvals count
    bool executorMaySoleApprove = false; // the person who runs a step may be its only approver
    bool requireSignatures = false;      // only signed, verified approvals count

    int requiredFor(plan::Phase phase) const;
    bool operator==(const Policy&) const = default;
};

struct ReviewRecord {
    Identity author;
    std::optional<Policy> policy;    // none: the plan runs without approvals (as before)
    std::vector<Approval> approvals; // in the order they were given (oldest first)
};

// Reads plan.review; an empty object is an empty record. Errors name the field.
Result<ReviewRecord> readReview(const plan::Plan& plan);
QJsonObject toJson(const ReviewRecord& record);
// Replaces plan.review with the record.
void writeReview(plan::Plan& plan, const ReviewRecord& record);

} // namespace bellows::review
