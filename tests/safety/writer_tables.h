#pragma once

// The conversions the concurrent-writers test runs (test_conversion_writers.cpp): one table each,
// written by old-app and new-app sessions in different TimeZones during every phase, plus the
// audit table every write inserts into in the same statement.

#include <QString>

#include <random>
#include <vector>

namespace bellows::safety {

struct WriterTable {
    QString name;         // w_ts
    QString oldType;      // timestamp
    QString newType;      // timestamptz
    bool lossy = false;   // planned with --accept-lossy
    bool notNull = false; // NOT NULL before and after (the plan then has a tighten phase)
    // The audit's value for a written parameter $3: the text itself, or a form that does not
    // depend on the writer's session (a timestamptz as UTC).
    QString newAuditExpression;
};

std::vector<WriterTable> writerTables();

// Live database before the plan: the tables with `seedRows` rows each, and the audit table.
QString writersBeforeSql(int seedRows);
// The target: the same with every column at its new type.
QString writersAfterSql();
// For the oracle database: fits_<table>_old(v old type) and fits_<table>_new(v new type), true
// when a write of v through the sync trigger succeeds, i.e. PostgreSQL converts it by
// assignment, with the pinned settings, to the other type and (unless the loss is accepted) back
// unchanged.
QString fitsFunctionsSql();

// A random value a writer sends (text in its session), biased towards the edges: the DST
// changes of New York, the widths of the types; some do not fit the other type.
QString writerValue(const WriterTable& table, bool newApp, std::mt19937_64& rng);

} // namespace bellows::safety
