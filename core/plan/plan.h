#pragma once

// An expand-contract plan: ordered phases of steps, with gates between them where a person
// must deploy or drain the application. DESIGN.md fixes the phases; the reference
// (../shared/reference/postgres-safe-ddl.md) the facts behind every step.

#include "diff/rename_hint.h"
#include "plan/hazard.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace bellows::plan {

enum class Phase { Expand, Backfill, Verify, Tighten, Contract };

QString toString(Phase phase); // "expand", ...
Phase phaseFromString(const QString& text, bool* ok = nullptr);
QString phaseTitle(Phase phase); // "Expand"
const std::vector<Phase>& allPhases();

// A batched data change the runner executes in keyset batches, one short transaction each.
struct Backfill {
    QString schema;
    QString table;
    QStringList keyColumns; // primary key columns (keyset order); empty: ctid page ranges
    QString setClause;      // e.g. display_name = full_name
    QString
        pendingPredicate; // rows still needing work, e.g. display_name IS DISTINCT FROM full_name
    int batchRows = 1000; // starting batch size; the runner adapts it

    bool operator==(const Backfill&) const = default;
};

struct Step {
    QString id; // stable across re-plans of the same change, e.g.
                // "expand-add-column-public.users.display_name"
    Phase phase = Phase::Expand;
    QString title;       // plain words: "Add nullable column users.display_name"
    QString sql;         // what runs (for a backfill: one batch, documented; see backfill)
    QString rollbackSql; // empty when irreversible
    QString irreversibleReason;
    std::vector<Lock> locks;
    Work work = Work::None;
    double estimatedSeconds = 0;
    bool outsideTransaction = false;
    std::vector<Hazard> hazards;
    int statementTimeoutMs = 0; // 0: none
    int lockTimeoutMs = 0;      // 0: wait without limit (CONCURRENTLY / VALIDATE wait phase)
    QStringList dependsOn;      // step ids
    QString referenceRow;       // "C10", "K2", ...
    QString rationale;          // why this step is here / in this phase, in plain words
    std::optional<Backfill> backfill;
    // Set when a person edited the SQL: the planner's original, kept to show and revert.
    QString originalSql;

    bool isEdited() const { return !originalSql.isEmpty() && originalSql != sql; }
    bool isReversible() const { return !rollbackSql.isEmpty(); }
    bool hasHazard(HazardKind kind) const;
};

// Between two phases: what a person must do outside the database before going on.
struct Gate {
    QString id;
    Phase before = Phase::Backfill; // the gate stands right before this phase
    QString title;                  // "Deploy the app version that tolerates both shapes"
    QString instructions;
    QStringList checklist;

    bool operator==(const Gate&) const = default;
};

// Something the planner cannot do safely (or at all) on its own: never skipped silently.
struct Finding {
    enum class Severity { Blocking, Warning, Info };
    Severity severity = Severity::Blocking;
    QString object; // the object concerned, quoted and qualified
    QString title;
    QString reason;
    QStringList options; // what the user can do about it
    QString referenceRow;

    bool operator==(const Finding&) const = default;
};

QString toString(Finding::Severity severity);

// A confirmed `--fill schema.table.column=EXPR`: how to fill NULLs before NOT NULL.
struct Fill {
    QString schema;
    QString table;
    QString column;
    QString expression;

    bool operator==(const Fill&) const = default;
};

// A user's decision about converting one column's values, recorded in the plan file and shown
// by the confirmation dialog (docs/safety.md). An entry with empty schema, table and column
// holds plan-wide defaults (`--time-zone ZONE`).
struct ConversionChoice {
    QString schema;
    QString table;
    QString column;
    QString usingExpression;  // --using S.T.C=EXPR: as ALTER … TYPE … USING, in the old column
    QString timeZone;         // --time-zone [S.T.C=]ZONE: the zone time conversions run in
    bool acceptLossy = false; // --accept-lossy S.T.C: values that would change are accepted
    // Derived by the planner, not given (plan/derived_conversions.h): `usingExpression` goes
    // through text, and the same way back is exact too, so the sync trigger runs both ways.
    bool throughText = false;

    bool isPlanWide() const { return schema.isEmpty() && table.isEmpty() && column.isEmpty(); }
    bool operator==(const ConversionChoice&) const = default;
};

// Everything the user decided for a plan, beyond the target itself.
struct PlanChoices {
    std::vector<Fill> fills;
    std::vector<ConversionChoice> conversions;
    // --accept-downtime OBJECT: a rewriting or long-locking step on OBJECT ("schema.table") is
    // planned even when its estimate exceeds the lock budget (docs/safety.md).
    QStringList acceptDowntime;

    PlanChoices() = default;
    PlanChoices(std::vector<Fill> f) : fills(std::move(f)) {} // NOLINT: a plan with fills only
    // The column's own choice merged with the plan-wide one; nullopt when there is neither.
    std::optional<ConversionChoice> conversionFor(const QString& schema, const QString& table,
                                                  const QString& column) const;
};

struct Plan {
    static constexpr int FormatVersion = 1;

    QString id;                // random per plan
    QString createdAt;         // ISO 8601 UTC
    QString sourceFingerprint; // SHA-256 of the live catalog as planned against
    QString targetFingerprint; // SHA-256 of the target catalog
    QString sourceDescription; // host:port/database (never a password)
    QString targetDescription; // file path or host:port/database
    int serverVersionNum = 0;
    std::vector<Step> steps; // in execution order
    std::vector<Gate> gates;
    std::vector<Finding> findings;
    std::vector<diff::RenameHint> renames;
    std::vector<Fill> fills;
    std::vector<ConversionChoice> conversions;
    QStringList acceptedDowntime; // --accept-downtime decisions ("schema.table")
    QJsonObject sourceObjects;    // "kind schema.name" -> SHA-256, to name what drifted
    QJsonObject changeSet;        // the ChangeSet as diff JSON (docs/diff-json.md)
    QJsonObject review;           // approvals and policy (a later feature); kept verbatim

    bool hasBlockingFindings() const;
    const Step* step(const QString& stepId) const;
    Step* step(const QString& stepId);
    std::vector<const Step*> stepsIn(Phase phase) const;
    // The gates standing right before `phase`, in the order a person passes them.
    std::vector<const Gate*> gatesBefore(Phase phase) const;
    double estimatedSeconds(Phase phase) const;
};

} // namespace bellows::plan
