#pragma once

#include "cli/cli_output.h"
#include "common/result.h"
#include "plan/plan.h"

#include <QString>
#include <QStringList>

namespace bellows::cli {

struct PlanCommandOptions {
    QString conninfo;               // --db
    QString targetFile;             // --target
    QString targetConninfo;         // --target-db
    QStringList renames;            // --rename S.T.OLD=NEW / S.OLD=NEW
    QStringList fills;              // --fill S.T.COL=EXPR
    QStringList usings;             // --using S.T.COL=EXPR
    QStringList timeZones;          // --time-zone ZONE | S.T.COL=ZONE
    QStringList lossy;              // --accept-lossy S.T.COL
    QStringList acceptDowntime;     // --accept-downtime S.NAME
    QString shadowUrl;              // --shadow-url
    bool shadowSuperuserOk = false; // --shadow-superuser-ok
    QStringList extraExtensions;    // --allow-extension      // --shadow-url
    QString outputPath; // -o: the plan file (json), a file (text, markdown) or a folder (sql)
    QString format;     // text | markdown | json | sql; empty: json with -o, else text
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

// --fill, --using, --time-zone and --accept-lossy together; the conversions of one column are
// merged into one entry.
Result<plan::PlanChoices> parseChoices(const PlanCommandOptions& options);

} // namespace bellows::cli
