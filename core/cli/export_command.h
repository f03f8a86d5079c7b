#pragma once

#include "cli/cli_output.h"

#include <QString>

namespace bellows::cli {

struct ExportCommandOptions {
    QString planFile;     // PLAN.json
    QString format;       // prisma | flyway | sql | markdown | html
    QString outputPath;   // -o: a folder (prisma, flyway, sql) or a file (markdown, html)
    QString name;         // --name: slug in file names
    QString startTime;    // --timestamp: Prisma's first migration (ISO 8601 or yyyyMMddHHmmss)
    int firstVersion = 1; // --first-version: Flyway's first V<n>
    bool force = false;   // --force: write into a non-empty folder / over a file
};

// bellows-cli export PLAN.json --format F -o PATH [--name N] [--timestamp T]
//                   [--first-version N] [--force]
// Prints the files written. Exit 0; 1 on error; 2 when a migration format is refused because
// the plan has blocking findings.
int runExport(const ExportCommandOptions& options, const Output& output);

} // namespace bellows::cli
