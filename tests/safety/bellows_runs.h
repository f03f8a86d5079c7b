#pragma once

// bellows-cli as the suite runs it: plan (and the blocking findings of the plan file), apply with
// gates answered automatically, diff --exit-code; plus the mapping of findings and step ids back
// to the suite's cases.

#include "test_database.h"

#include <QString>
#include <QStringList>

namespace bellows::safety {

struct PlanRun {
    int exitCode = -1;
    QString output;              // stderr + stdout
    QStringList blockingObjects; // `object` of each blocking finding, as in the plan file
    QStringList blockingTitles;  // "object: title", same order
    QString readError;           // the plan file could not be read
};

PlanRun planTarget(const QString& conninfo, const QString& targetFile, const QString& planFile,
                   const QStringList& choiceArgs);
test::ProcessResult applyPlan(const QString& conninfo, const QString& planFile,
                              const QStringList& extraArgs = {});
test::ProcessResult diffTarget(const QString& conninfo, const QString& targetFile);

// The option value naming a column: schema.table.column, each part quoted when needed.
QString columnPath(const QString& table, const QString& column);
// "public.t_integer.c_bigint" (a finding's object) → "t_integer.c_bigint"; empty when the object
// is no column of schema public.
QString caseKeyOfObject(const QString& object);
// "backfill:copy-column:public.t_integer.c_bigint_bellows_new" → "t_integer.c_bigint".
QString caseKeyOfStep(const QString& stepId);

// The step a failed apply stopped at, and its error, from the ledger ("" when none).
QString failedStep(const test::TestDatabase& db, QString* error);

// Writes `text` to `path`; false on failure.
bool writeTextFile(const QString& path, const QString& text);

} // namespace bellows::safety
