#include "catalog/privilege_sql.h"

#include "sql/quote.h"

namespace bellows::catalog::privsql {

using sql::qualified;
using sql::quoteIdent;

namespace {

// "SELECT, UPDATE" or, for one column, "SELECT (c), UPDATE (c)".
QString privilegeList(const QString& letters, const QString& column)
{
    QStringList names = privilegeNames(letters);
    if (!column.isEmpty()) {
        for (QString& name : names)
            name += QStringLiteral(" (") + quoteIdent(column) + QLatin1Char(')');
    }
    return names.join(QStringLiteral(", "));
}

QString defaultsKeyword(char objectType)
{
    switch (objectType) {
    case 'S':
        return QStringLiteral("SEQUENCES");
    case 'f':
        return QStringLiteral("FUNCTIONS");
    case 'T':
        return QStringLiteral("TYPES");
    case 'n':
        return QStringLiteral("SCHEMAS");
    default:
        return QStringLiteral("TABLES");
    }
}

QString defaultsPrefix(const DefaultAcl& d)
{
    QString out = QStringLiteral("ALTER DEFAULT PRIVILEGES");
    if (!d.role.isEmpty())
        out += QStringLiteral(" FOR ROLE ") + quoteIdent(d.role);
    if (!d.schema.isEmpty())
        out += QStringLiteral(" IN SCHEMA ") + quoteIdent(d.schema);
    return out + QLatin1Char(' ');
}

// Statements of one kind per grantee that differs, `make` builds each.
template <typename Make>
QStringList perGrantee(const Acl& from, const Acl& to, bool widening, Make make)
{
    QStringList out;
    auto emit = [&](const QString& role, const AclItem* a, const AclItem* b) {
        const QString have = a ? a->privileges : QString();
        const QString haveOption = a ? a->grantable : QString();
        const QString want = b ? b->privileges : QString();
        const QString wantOption = b ? b->grantable : QString();
        if (widening) {
            const QString withOption = privilegesMinus(wantOption, haveOption);
            const QString plain = privilegesMinus(privilegesMinus(want, have), withOption);
            if (!plain.isEmpty())
                out << make(true, plain, role, false);
            if (!withOption.isEmpty())
                out << make(true, withOption, role, true);
        } else {
            const QString gone = privilegesMinus(have, want);
            QString optionGone;
            for (const QChar c : privilegesMinus(haveOption, wantOption))
                if (want.contains(c))
                    optionGone += c;
            if (!gone.isEmpty())
                out << make(false, gone, role, false);
            if (!optionGone.isEmpty())
                out << make(false, optionGone, role, true);
        }
    };
    for (const AclItem& a : from)
        emit(a.grantee, &a, findGrantee(to, a.grantee));
    for (const AclItem& b : to)
        if (!findGrantee(from, b.grantee))
            emit(b.grantee, nullptr, &b);
    return out;
}

} // namespace

Object tableObject(const Table& table)
{
    const QString name = qualified(table.schema, table.name);
    return {QStringLiteral("TABLE ") + name,
            (table.kind == TableKind::Foreign ? QStringLiteral("ALTER FOREIGN TABLE ")
                                              : QStringLiteral("ALTER TABLE ")) +
                name};
}

Object viewObject(const View& view)
{
    const QString name = qualified(view.schema, view.name);
    return {QStringLiteral("TABLE ") + name,
            (view.materialized ? QStringLiteral("ALTER MATERIALIZED VIEW ")
                               : QStringLiteral("ALTER VIEW ")) +
                name};
}

Object sequenceObject(const Sequence& sequence)
{
    const QString name = qualified(sequence.schema, sequence.name);
    return {QStringLiteral("SEQUENCE ") + name, QStringLiteral("ALTER SEQUENCE ") + name};
}

Object functionObject(const Function& function)
{
    // ROUTINE names functions, procedures and aggregates alike (PostgreSQL 11+), by every
    // argument type: an ordered-set aggregate's "ORDER BY" is no syntax there.
    QString arguments = function.identityArguments;
    const QString orderBy = QStringLiteral("ORDER BY ");
    if (arguments.startsWith(orderBy)) // no direct argument
        arguments.remove(0, orderBy.size());
    const qsizetype split = arguments.indexOf(QLatin1Char(' ') + orderBy);
    // VARIADIC "any" on both sides (a hypothetical-set aggregate) is one argument in pg_proc.
    if (split >= 0 && arguments.left(split) == arguments.mid(split + 1 + orderBy.size()) &&
        arguments.startsWith(QLatin1String("VARIADIC ")))
        arguments.truncate(split);
    else if (split >= 0)
        arguments.replace(split, 1 + orderBy.size(), QStringLiteral(", "));
    const QString name =
        qualified(function.schema, function.name) + QLatin1Char('(') + arguments + QLatin1Char(')');
    return {QStringLiteral("ROUTINE ") + name, QStringLiteral("ALTER ROUTINE ") + name};
}

Object schemaObject(const Schema& schema)
{
    const QString name = quoteIdent(schema.name);
    return {QStringLiteral("SCHEMA ") + name, QStringLiteral("ALTER SCHEMA ") + name};
}

Object typeObject(const QString& schema, const QString& name, bool domain)
{
    const QString kind = domain ? QStringLiteral("DOMAIN ") : QStringLiteral("TYPE ");
    return {kind + qualified(schema, name),
            QStringLiteral("ALTER ") + kind + qualified(schema, name)};
}

QString grantee(const QString& role)
{
    return role.isEmpty() ? QStringLiteral("PUBLIC") : quoteIdent(role);
}

QString grant(const QString& on, const QString& letters, const QString& role, bool withGrantOption,
              const QString& column)
{
    return QStringLiteral("GRANT %1 ON %2 TO %3%4;")
        .arg(privilegeList(letters, column), on, grantee(role),
             withGrantOption ? QStringLiteral(" WITH GRANT OPTION") : QString());
}

QString revoke(const QString& on, const QString& letters, const QString& role, bool grantOptionOnly,
               const QString& column)
{
    return QStringLiteral("REVOKE %1%2 ON %3 FROM %4;")
        .arg(grantOptionOnly ? QStringLiteral("GRANT OPTION FOR ") : QString(),
             privilegeList(letters, column), on, grantee(role));
}

QString ownerTo(const Object& object, const QString& role)
{
    return object.alter + QStringLiteral(" OWNER TO ") + quoteIdent(role) + QLatin1Char(';');
}

QStringList widen(const QString& on, const Acl& from, const Acl& to, const QString& column)
{
    return perGrantee(
        from, to, true,
        [&](bool, const QString& letters, const QString& role, bool option) -> QString {
            return grant(on, letters, role, option, column);
        });
}

QStringList narrow(const QString& on, const Acl& from, const Acl& to, const QString& column)
{
    return perGrantee(
        from, to, false,
        [&](bool, const QString& letters, const QString& role, bool option) -> QString {
            return revoke(on, letters, role, option, column);
        });
}

QStringList widenDefaults(const DefaultAcl& from, const DefaultAcl& to)
{
    const QString on = defaultsKeyword(to.objectType);
    return perGrantee(
        from.acl, to.acl, true,
        [&](bool, const QString& letters, const QString& role, bool option) -> QString {
            return defaultsPrefix(to) + grant(on, letters, role, option);
        });
}

QStringList narrowDefaults(const DefaultAcl& from, const DefaultAcl& to)
{
    const QString on = defaultsKeyword(to.objectType);
    return perGrantee(
        from.acl, to.acl, false,
        [&](bool, const QString& letters, const QString& role, bool option) -> QString {
            return defaultsPrefix(to) + revoke(on, letters, role, option);
        });
}

QStringList revokesNeedingCascade(const Acl& from, const Acl& to)
{
    QStringList out;
    for (const AclItem& a : from) {
        if (a.grantedOnward.isEmpty())
            continue;
        const AclItem* b = findGrantee(to, a.grantee);
        // Losing the privilege or only its grant option both break the dependent grants.
        const QString kept = b ? b->grantable : QString();
        const QString lost = privilegesMinus(a.grantedOnward, kept);
        if (!lost.isEmpty())
            out << grantee(a.grantee) + QStringLiteral(": ") +
                       privilegeNames(lost).join(QStringLiteral(", "));
    }
    return out;
}

QStringList grantsOf(const QString& on, const Acl& acl, const QString& column)
{
    return widen(on, {}, acl, column);
}

} // namespace bellows::catalog::privsql
