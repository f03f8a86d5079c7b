#pragma once

#include "cli/cli_output.h"

#include <QString>
#include <QStringList>

namespace bellows::cli {

struct DiffCommandOptions {
    QString conninfo;               // --db
    QString targetFile;             // --target
    QString targetConninfo;         // --target-db
    QStringList renames;            // --rename S.T.OLD=NEW / S.OLD=NEW
    QString shadowUrl;              // --shadow-url
    bool shadowSuperuserOk = false; // --shadow-superuser-ok
    QStringList extraExtensions;    // --allow-extension          // --shadow-url
    bool json = false;
    bool exitCode = false;
    bool keepShadow = false; // --keep-shadow-db (debugging a target file)
    bool verbose = false;
};

// bellows-cli diff --db CONN (--target FILE | --target-db CONN) [--rename ...] [--json]
// [--exit-code]
int runDiff(const DiffCommandOptions& options, const Output& output);

} // namespace bellows::cli
