#pragma once

// Conversions PostgreSQL has no cast for but whose meaning is plain: a column moving from one
// enum type to another (`mood` → `mood_v2`) converts each label to the label of the same name,
// through text. Without it ALTER … TYPE fails ("cannot be cast automatically") and the user
// would have to spell the obvious --using. The data check still refuses a row whose label the
// new type lacks (docs/safety.md).

#include "catalog/catalog.h"
#include "diff/change.h"
#include "plan/plan.h"

namespace bellows::plan {

// `choices` plus a through-text conversion for every enum → enum column type change the user
// gave no --using for; `notes` receives one Info finding per derived conversion.
PlanChoices withDerivedConversions(const catalog::Catalog& database, const catalog::Catalog& target,
                                   const diff::ChangeSet& changes, const PlanChoices& choices,
                                   std::vector<Finding>* notes);

} // namespace bellows::plan
