#include "source/placeholder_roles.h"

#include "pq/connection.h"
#include "pq/query_result.h"
#include "source/role_names.h"
#include "sql/quote.h"

namespace bellows::source {

namespace {

// Marks a role as Bellows' placeholder (a shared comment): only such roles are ever granted to
// the loading role, so a name the target mentions can never hand it a real role's rights.
const QString kMarker = QStringLiteral("Bellows shadow placeholder for a role a target names");

} // namespace

Result<QSet<QString>> ensurePlaceholderRoles(pq::Connection& admin, const QStringList& names,
                                             const QString& loadingRole)
{
    QStringList wanted;
    for (const QString& name : names)
        if (mayBePlaceholder(name) && name != loadingRole && !wanted.contains(name))
            wanted << name;
    QSet<QString> placeholders;
    if (wanted.isEmpty())
        return placeholders;
    auto existing = admin.exec(
        QStringLiteral("SELECT r.rolname, pg_catalog.shobj_description(r.oid, 'pg_authid') = $2 "
                       "FROM pg_catalog.pg_roles r WHERE r.rolname = ANY ($1::text[])"),
        {pq::textArrayLiteral(wanted), kMarker});
    if (!existing)
        return existing.error();
    QSet<QString> present;
    for (int row = 0; row < existing->rows(); ++row) {
        present.insert(existing->text(row, 0));
        if (existing->text(row, 1) == QLatin1String("t"))
            placeholders.insert(existing->text(row, 0));
    }
    for (const QString& name : wanted) {
        if (present.contains(name))
            continue;
        const QString role = sql::quoteIdent(name);
        auto created = admin.exec(QStringLiteral("CREATE ROLE %1 NOLOGIN").arg(role));
        if (!created && created.error().sqlState != QLatin1String("42710")) // a concurrent load
            return created.error();
        if (created) {
            auto marked = admin.exec(
                QStringLiteral("COMMENT ON ROLE %1 IS %2").arg(role, sql::quoteLiteral(kMarker)));
            if (!marked)
                return marked.error();
            placeholders.insert(name);
        }
    }
    for (const QString& name : placeholders) {
        auto granted = admin.exec(QStringLiteral("GRANT %1 TO %2")
                                      .arg(sql::quoteIdent(name), sql::quoteIdent(loadingRole)));
        if (!granted)
            return granted.error();
    }
    return placeholders;
}

} // namespace bellows::source
