#pragma once

// What an approval binds (docs/review.md, "What an approval covers"): one canonical
// serialisation of everything that decides what a step does to the database — the statement
// text exactly as the runner sends it (for a backfill: its batch statement, key, predicate and
// set clause), the rollback, the phase, the step's position and dependencies, its timeouts and
// transaction mode, the gates of the plan, the plan's findings and decisions, and the source
// and target fingerprints. Approvals, the ledger and the runner's "already done with other SQL"
// check all use its SHA-256; the per-field digests say which field changed since an approval.

#include "plan/plan.h"

#include <QJsonObject>
#include <QMap>
#include <QString>

namespace bellows::plan {

// The canonical fields of the step at `index` in `plan.steps`.
QJsonObject canonicalStep(const Plan& plan, size_t index);

// The same for many steps of one plan: the plan-wide parts (gates, findings, decisions,
// fingerprints) are serialised once.
class StepDigests {
public:
    explicit StepDigests(const Plan& plan);
    QJsonObject canonical(size_t index) const;
    QString digest(size_t index) const;

private:
    const Plan& m_plan;
    QJsonObject m_planWide;
};

// SHA-256 (hex) of the canonical form: keys sorted, no whitespace.
QString canonicalDigest(const QJsonObject& canonical);

// Field name → SHA-256 of that field's canonical value.
QMap<QString, QString> fieldDigests(const QJsonObject& canonical);

// The digest of the step with id `stepId`; empty when the plan has no such step.
QString stepDigest(const Plan& plan, const QString& stepId);

// One digest for the whole plan: every step's digest in order (fleets bind approvals to it).
QString planDigest(const Plan& plan);

// Names of the fields whose digests differ ("sql", "phase", "gates", …), in a stable order.
QStringList changedFields(const QMap<QString, QString>& approved,
                          const QMap<QString, QString>& now);

} // namespace bellows::plan
