#pragma once

// The built-in demo: a private PostgreSQL (its own cluster next to the shadow server's, under
// the cache directory) holding a realistic small app database, and a target schema file that
// asks for the changes the seed article is about. `bellows --demo` and `bellows-cli demo` open
// it; everything can be run against it safely.

#include "common/result.h"

#include <QString>

#include <atomic>
#include <functional>

namespace bellows::demo {

struct DemoOptions {
    bool reset = false; // drop and re-create the demo database
    int users = 100000; // rows in users (orders: half as many, products: 500)
    std::function<void(const QString&)> progress;
    const std::atomic_bool* cancel = nullptr;
};

struct DemoEnvironment {
    QString conninfo;     // the demo database
    QString targetPath;   // the target schema file
    QString directory;    // the demo cluster's directory
    bool created = false; // false: an existing demo database was reused
    // The rename the target implies; the planner proposes it, a person confirms it.
    QString renameHint = QStringLiteral("public.users.full_name=display_name");
};

// Starts (creating on first use) the demo cluster and database and writes the target file.
// Reuses a demo database still in its initial shape unless `reset`.
Result<DemoEnvironment> prepareDemo(const DemoOptions& options = {});

// Stops the demo cluster (its data stays for next time).
Status stopDemo();

// The demo's schemas, for tests and docs.
QString demoBeforeSql();
QString demoTargetSql();
QString demoDataSql(int users);

} // namespace bellows::demo
