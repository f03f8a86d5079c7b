#pragma once

// Shared by the suites that introspect a test database.

#include "catalog/catalog.h"
#include "introspect/introspector.h"
#include "test_database.h"

namespace bellows::test {

// Introspects `db` on a fresh connection; aborts the test run when that fails.
catalog::Catalog introspectOrFail(const TestDatabase& db,
                                  const introspect::IntrospectOptions& options = {});

// The table or an aborted run: tests go on to read its fields.
const catalog::Table& tableOf(const catalog::Catalog& c, const QString& schema,
                              const QString& name);

} // namespace bellows::test
