#pragma once

#include "catalog/catalog.h"
#include "cli/cli_output.h"
#include "common/result.h"
#include "diff/change.h"
#include "diff/rename_hint.h"
#include "pq/connection.h"
#include "source/target_source.h"

#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <vector>

namespace bellows::cli {

// What `diff` and `plan` both start from: the live database and the target, compared.
struct ComparisonRequest {
    QString conninfo;            // --db
    QString targetFile;          // --target
    QString targetConninfo;      // --target-db
    QStringList renames;         // --rename texts
    QString shadowUrl;           // --shadow-url
    bool keepShadow = false;
    std::function<void(const QString&)> progress;
};

struct Comparison {
    std::unique_ptr<pq::Connection> live;   // the read-only session, still open
    catalog::Catalog database;
    source::LoadedTarget target;
    std::vector<diff::RenameHint> renames;
    diff::ChangeSet changes;
};

// Parses the rename hints, opens a read-only session on the live database (planning never
// writes: DESIGN.md decision 3), introspects it while the target is loaded — on a shadow
// server of the live major — and diffs the two. The loader's warnings go to `output`.
Result<Comparison> compareSchemas(const ComparisonRequest& request, const Output& output);

} // namespace bellows::cli
