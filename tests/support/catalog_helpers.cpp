#include "catalog_helpers.h"

#include <QtGlobal>

namespace bellows::test {

catalog::Catalog introspectOrFail(const TestDatabase& db,
                                  const introspect::IntrospectOptions& options)
{
    auto conn = db.connect();
    auto catalog = introspect::introspect(*conn, options);
    if (!catalog)
        qFatal("introspection failed: %s", qPrintable(catalog.error().toString()));
    return std::move(catalog).value();
}

const catalog::Table& tableOf(const catalog::Catalog& c, const QString& schema, const QString& name)
{
    const catalog::Table* t = c.table(schema, name);
    if (!t)
        qFatal("table %s.%s missing", qPrintable(schema), qPrintable(name));
    return *t;
}

} // namespace bellows::test
