#pragma once

// Compares the live database's catalog with the target's. Objects are matched by identity
// (schema-qualified name; routines by signature; sub-objects by name within their relation),
// never by similarity: renames are only proposed, and applied when the user confirms them.

#include "catalog/catalog.h"
#include "common/result.h"
#include "diff/change.h"
#include "diff/rename_hint.h"

#include <vector>

namespace bellows::diff {

struct DiffOptions {
    std::vector<RenameHint> renames; // confirmed renames (CLI --rename)
};

// Fails only when a rename hint does not fit the catalogs (names missing on a side, a name
// still present, two hints for one object). Both catalogs are read, never modified.
Result<ChangeSet> diff(const catalog::Catalog& database, const catalog::Catalog& target,
                       const DiffOptions& options = {});

} // namespace bellows::diff
