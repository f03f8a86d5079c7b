#pragma once

// Human-readable forms of a plan: the terminal (text), pull requests (markdown) and one SQL
// script per phase (sql). The JSON form is plan_file.h.

#include "plan/plan.h"

#include <QString>

#include <vector>

namespace bellows::plan {

QString renderText(const Plan& plan);
QString renderMarkdown(const Plan& plan);

struct SqlScript {
    QString fileName; // "01_expand.sql", ...
    Phase phase = Phase::Expand;
    QString text;
};

// One script per phase that has steps (or a gate), numbered in phase order.
std::vector<SqlScript> renderSql(const Plan& plan);
// All scripts in one text, each after a "-- ===== phase =====" separator.
QString renderSqlConcatenated(const Plan& plan);

// Shared by the renderers.
QString describeLock(const Lock& lock);    // "ACCESS EXCLUSIVE on public.users, brief"
QString formatDuration(double seconds);    // "< 1 s", "12 s", "3 min 20 s", "1 h 5 min"
QString stepSummaryLine(const Plan& plan); // "5 steps in 3 phases, 2 gates, about 12 s"
// "Decisions recorded in this plan:" — fills, --using, --time-zone, --accept-lossy; empty when
// none.
QString decisionsText(const Plan& plan);

} // namespace bellows::plan
