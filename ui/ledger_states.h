#pragma once

// The database's own record of a plan (the ledger), shown on the plan's steps: which are done,
// failed, cancelled or running in some session, when, for how long, in which run. Opening a
// plan, connecting and re-planning read it, so the window never claims a done step is to do.

#include "exec/ledger.h"

#include <map>

namespace bellows::ui {

class PlanModel;

// Sets every step's run state from `records` (the ledger's latest record per step id); steps
// without a record, or rolled back, are shown as not run.
void showLedgerRecords(PlanModel& model, const std::map<QString, exec::StepRecord>& records);

// "done 2026-12-07 05:10, 3.2 s, run 12" — what a step's record says, in a line.
QString ledgerDetail(const exec::StepRecord& record);

} // namespace bellows::ui
