#pragma once

// What the ledger says about a database: the `prisma migrate status` of expand-contract.

#include "common/result.h"
#include "exec/ledger.h"
#include "plan/plan.h"

#include <QJsonObject>
#include <QString>

#include <optional>
#include <vector>

namespace bellows::exec {

struct PlanStatus {
    QString planId;
    int stepsDone = 0;
    QString phaseReached; // the latest phase with a done step; empty: none
    qint64 lastRunId = 0;
    QString lastOutcome;
    std::vector<StepRecord> failedSteps;   // latest attempt failed or cancelled
    std::optional<StepRecord> runningStep; // a runner is on it now
    std::optional<Checkpoint> backfill;    // the running (or interrupted) backfill's progress
    QString backfillStepId;
    // With the plan file at hand:
    int stepsTotal = -1;
    QString nextStepId;
    QString nextStepTitle;
};

struct DatabaseStatus {
    bool hasLedger = false;
    int ledgerVersion = 0;
    std::vector<RunRecord> runs;   // newest first
    std::vector<PlanStatus> plans; // plans of those runs, newest first
};

// Reads the ledger without writing anything. `plan`, when given, adds the next step and
// totals for that plan (and lists it even when it never ran).
Result<DatabaseStatus> readStatus(const QString& conninfo, const plan::Plan* plan = nullptr,
                                  int maxRuns = 20);

QJsonObject toJson(const DatabaseStatus& status);
QString renderText(const DatabaseStatus& status);

} // namespace bellows::exec
