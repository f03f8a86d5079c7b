#pragma once

#include "catalog/catalog.h"
#include "common/result.h"
#include "diff/change.h"
#include "diff/rename_hint.h"
#include "pq/connection.h"
#include "source/target_source.h"

#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

namespace bellows::workflow {

// What `diff` and `plan` both start from: the live database and the target, compared.
struct ComparisonRequest {
    QString conninfo;       // --db
    QString targetFile;     // --target
    QString targetConninfo; // --target-db
    QStringList renames;    // --rename texts
    QString shadowUrl;      // --shadow-url
    bool keepShadow = false;
    std::function<void(const QString&)> progress;
    const std::atomic_bool* cancel = nullptr; // stops loading and introspection
    bool shadowSuperuserOk = false;           // --shadow-superuser-ok
    QStringList extraExtensions;              // --allow-extension
};

struct Comparison {
    std::unique_ptr<pq::Connection> live; // the read-only session, still open
    catalog::Catalog database;
    source::LoadedTarget target;
    std::vector<diff::RenameHint> renames;
    diff::ChangeSet changes;
    QStringList warnings; // the target loader's, "file:line:column: message"
};

// Parses the rename hints, opens a read-only session on the live database (planning never
// writes: DESIGN.md decision 3), introspects it while the target is loaded — on a shadow
// server of the live major — and diffs the two. Used by the CLI and the GUI's workers.
Result<Comparison> compareSchemas(const ComparisonRequest& request);

} // namespace bellows::workflow
