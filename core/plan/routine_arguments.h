#pragma once

// Argument lists of routines as pg_get_function_identity_arguments prints them ("amount
// numeric, VARIADIC xs integer[]"): PostgreSQL identifies a routine by its argument types, not
// their names, so a routine whose arguments are only renamed is the same routine to DROP and
// CREATE OR REPLACE refuses to rename them.

#include "diff/change.h"

#include <QString>

namespace bellows::plan::routines {

// The argument types (with their modes), names left out: "numeric, VARIADIC integer[]".
QString argumentTypes(const QString& identityArguments);

// For an added routine, the removed one (for a removed routine, the added one) with the same
// schema, name, kind and argument types: the same routine with renamed arguments. Null when
// there is none.
const diff::Change* renamedArgumentsPartner(const diff::Change& change,
                                            const diff::ChangeSet& changes);

} // namespace bellows::plan::routines
