#pragma once

// The apply half of a conversion batch. Every accepted case of the batch is applied, but
// together: one table per source type holds the rows of every source table of that type, and
// one column per (new type, --using, --accept-lossy) holds, in each row, the row's value when
// the row's own case of that conversion was accepted, else NULL. A conversion is per row, so
// the merged column must end equal to the oracle's converted column row by row, while a plan
// and apply cover the conversions of all data shapes at once (the runner's cost is per step).

#include "batch_spec.h"

#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

#include <vector>

namespace bellows::safety {

struct ApplyColumn {
    QString name; // c1, c2, …
    QString toSql;
    QString usingExpression;
    bool lossy = false;              // planned with --accept-lossy
    QHash<QString, QString> sources; // source table → its case column merged here
};

struct ApplyRow {
    const SourceTable* source = nullptr;
    size_t index = 0; // into source->values
};

struct ApplyTable {
    QString name; // apply_1, …
    QString typeSql;
    std::vector<ApplyColumn> columns;
    std::vector<ApplyRow> rows; // id = position + 1

    // What row `row` holds in `column` before the conversion (NULL when the row's own case of
    // the conversion is not merged here).
    Value cell(size_t row, const ApplyColumn& column) const;
};

// The accepted cases (`clean`: no --accept-lossy, `lossy`: with it) merged by source type (the
// empty source tables apart, so that their merged tables stay empty).
std::vector<ApplyTable> mergeAccepted(const BatchSpec& spec, const QSet<QString>& clean,
                                      const QSet<QString>& lossy);

// The apply database: the batch's types and the tables with their rows.
QString applySchemaSql(const BatchSpec& spec, const std::vector<const ApplyTable*>& tables);
// The target: every column converted except those of `kept` ("table.column").
QString applyTargetSql(const BatchSpec& spec, const std::vector<const ApplyTable*>& tables,
                       const QSet<QString>& kept);
// --time-zone, --accept-lossy and --using for the converted columns.
QStringList applyChoiceArgs(const std::vector<const ApplyTable*>& tables,
                            const QSet<QString>& kept);

} // namespace bellows::safety
