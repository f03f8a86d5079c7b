#pragma once

#include "cli/cli_output.h"
#include "common/result.h"
#include "plan/plan.h"

#include <QString>
#include <QStringList>

namespace bellows::cli {

struct PlanCommandOptions {
    QString conninfo;       // --db
    QString targetFile;     // --target
    QString targetConninfo; // --target-db
    QStringList renames;    // --rename S.T.OLD=NEW / S.OLD=NEW
    QStringList fills;      // --fill S.T.COL=EXPR
    QString shadowUrl;      // --shadow-url
    QString outputPath;     // -o: the plan file (json), a file (text, markdown) or a folder (sql)
    QString format;         // text | markdown | json | sql; empty: json with -o, else text
    bool keepShadow = false;
    bool verbose = false;
};

// bellows-cli plan --db CONN (--target FILE | --target-db CONN) [--rename ...] [--fill ...]
//                  [-o PATH] [--format text|markdown|json|sql]
// Never writes to the database. Exit 0, 1 on error, 2 when the plan has blocking findings (it
// is still printed or written, so people can read why).
int runPlan(const PlanCommandOptions& options, const Output& output);

// `schema.table.column=EXPR`: the names as in --rename (double quotes for odd names), EXPR is
// SQL the user writes on purpose and is kept as written (only surrounding spaces trimmed).
Result<plan::Fill> parseFill(const QString& text);

} // namespace bellows::cli
