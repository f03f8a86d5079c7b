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

Result<QSet<QString>> createMissing(pq::Connection& admin, const QStringList& wanted,
                                    const QString& loadingRole)
{
    if (auto locked = admin.exec(
            QStringLiteral("SELECT pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext($1))"),
            {kMarker});
        !locked)
        return locked.error();
    auto existing = admin.exec(
        QStringLiteral("SELECT r.rolname, pg_catalog.shobj_description(r.oid, 'pg_authid') = $2 "
                       "FROM pg_catalog.pg_roles r WHERE r.rolname = ANY ($1::text[])"),
        {pq::textArrayLiteral(wanted), kMarker});
    if (!existing)
        return existing.error();
    QSet<QString> present;
    QSet<QString> placeholders;
    for (int row = 0; row < existing->rows(); ++row) {
        present.insert(existing->text(row, 0));
        if (existing->text(row, 1) == QLatin1String("t"))
            placeholders.insert(existing->text(row, 0));
    }
    for (const QString& name : wanted) {
        if (present.contains(name))
            continue;
        const QString role = sql::quoteIdent(name);
        for (const QString& statement :
             {QStringLiteral("CREATE ROLE %1 NOLOGIN").arg(role),
              QStringLiteral("COMMENT ON ROLE %1 IS %2").arg(role, sql::quoteLiteral(kMarker))})
            if (auto done = admin.exec(statement); !done)
                return done.error();
        placeholders.insert(name);
    }
    for (const QString& name : placeholders)
        if (auto granted =
                admin.exec(QStringLiteral("GRANT %1 TO %2")
                               .arg(sql::quoteIdent(name), sql::quoteIdent(loadingRole)));
            !granted)
            return granted.error();
    return placeholders;
}

} // namespace

Result<QSet<QString>> ensurePlaceholderRoles(pq::Connection& admin, const QStringList& names,
                                             const QString& loadingRole)
{
    QStringList wanted;
    for (const QString& given : names) {
        const QString name = truncatedIdentifier(given);
        if (mayBePlaceholder(name) && name != loadingRole && !wanted.contains(name))
            wanted << name;
    }
    if (wanted.isEmpty())
        return QSet<QString>{};
    // One transaction under a lock: two loads at once see a role either absent or created and
    // marked, never half-made.
    if (auto begun = admin.exec(QStringLiteral("BEGIN")); !begun)
        return begun.error();
    auto made = createMissing(admin, wanted, loadingRole);
    auto ended = admin.exec(made ? QStringLiteral("COMMIT") : QStringLiteral("ROLLBACK"));
    if (!made)
        return made.error();
    if (!ended)
        return ended.error();
    return made;
}

} // namespace bellows::source
