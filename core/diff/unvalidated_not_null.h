#pragma once

#include "catalog/catalog.h"
#include "diff/rename_hint.h"

#include <vector>

namespace bellows::diff {

// PostgreSQL 18 marks a column NOT NULL as soon as a NOT NULL constraint is added NOT VALID,
// though existing rows may still hold NULLs (a plan stopped before its VALIDATE step). Against a
// target that wants the column NOT NULL it is not there yet: the live column counts as nullable,
// so the plan adds the constraint again (a no-op under the same name) and validates it. Against
// a target that wants it nullable, it stays NOT NULL, so the plan drops the constraint that
// still refuses NULL writes.
// `renames` are the confirmed renames: the target column is found under its new name.
void settleUnvalidatedNotNull(catalog::Catalog& live, const catalog::Catalog& target,
                              const std::vector<RenameHint>& renames);

} // namespace bellows::diff
