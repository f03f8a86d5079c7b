#include "catalog/catalog.h"

#include <algorithm>
#include <tuple>

namespace bellows::catalog {

namespace {

template <typename Item> const Item* findByName(const std::vector<Item>& items, const QString& name)
{
    const auto it = std::find_if(items.begin(), items.end(),
                                 [&](const Item& item) { return item.name == name; });
    return it == items.end() ? nullptr : &*it;
}

template <typename Item> void sortByName(std::vector<Item>& items)
{
    std::sort(items.begin(), items.end(),
              [](const Item& a, const Item& b) { return a.name < b.name; });
}

template <typename Item> void sortBySchemaName(std::vector<Item>& items)
{
    std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
        return a.schema != b.schema ? a.schema < b.schema : a.name < b.name;
    });
}

} // namespace

QString key(const QString& schema, const QString& name)
{
    return schema + QLatin1Char('.') + name;
}

const Column* Table::column(const QString& columnName) const
{
    return findByName(columns, columnName);
}

const Constraint* Table::constraint(const QString& constraintName) const
{
    return findByName(constraints, constraintName);
}

const Index* Table::index(const QString& indexName) const
{
    return findByName(indexes, indexName);
}

QString Function::signature() const
{
    return key(schema, name) + QLatin1Char('(') + identityArguments + QLatin1Char(')');
}

const Table* Catalog::table(const QString& schema, const QString& name) const
{
    const auto it = std::find_if(tables.begin(), tables.end(), [&](const Table& t) {
        return t.name == name && t.schema == schema;
    });
    return it == tables.end() ? nullptr : &*it;
}

const View* Catalog::view(const QString& schema, const QString& name) const
{
    const auto it = std::find_if(views.begin(), views.end(), [&](const View& v) {
        return v.name == name && v.schema == schema;
    });
    return it == views.end() ? nullptr : &*it;
}

void Catalog::sort()
{
    sortByName(schemas);
    sortByName(extensions);
    sortBySchemaName(tables);
    for (Table& t : tables) {
        std::sort(t.columns.begin(), t.columns.end(),
                  [](const Column& a, const Column& b) { return a.position < b.position; });
        sortByName(t.constraints);
        sortByName(t.indexes);
        sortByName(t.triggers);
        sortByName(t.policies);
    }
    sortBySchemaName(views);
    for (View& v : views) {
        sortByName(v.indexes);
        sortByName(v.triggers);
    }
    sortBySchemaName(enums);
    sortBySchemaName(domains);
    sortBySchemaName(compositeTypes);
    sortBySchemaName(sequences);
    std::sort(functions.begin(), functions.end(),
              [](const Function& a, const Function& b) { return a.signature() < b.signature(); });
    std::sort(defaultAcls.begin(), defaultAcls.end(), [](const DefaultAcl& a, const DefaultAcl& b) {
        return std::tie(a.role, a.schema, a.objectType) < std::tie(b.role, b.schema, b.objectType);
    });
    std::sort(dependencies.begin(), dependencies.end(),
              [](const Dependency& a, const Dependency& b) {
                  return std::tie(a.dependent, a.referenced, a.type) <
                         std::tie(b.dependent, b.referenced, b.type);
              });
    dependencies.erase(std::unique(dependencies.begin(), dependencies.end()), dependencies.end());
}

QStringList Catalog::dependentsOf(const QString& objectKey) const
{
    // A table's columns are part of it: what depends on one of them depends on the table.
    QString columnPrefix;
    if (objectKey.startsWith(QLatin1String("table ")))
        columnPrefix = QStringLiteral("column ") + objectKey.mid(6) + QLatin1Char('.');
    QStringList out;
    for (const Dependency& d : dependencies) {
        const bool hit = d.referenced == objectKey ||
                         (!columnPrefix.isEmpty() && d.referenced.startsWith(columnPrefix));
        if (hit && !out.contains(d.dependent))
            out << d.dependent;
    }
    return out;
}

QStringList Catalog::referencedBy(const QString& objectKey) const
{
    QStringList out;
    for (const Dependency& d : dependencies)
        if (d.dependent == objectKey && !out.contains(d.referenced))
            out << d.referenced;
    return out;
}

bool Catalog::ownerIsExplicit(const QString& owner) const
{
    return !owner.isEmpty() && owner != implicitRole && owner != server.bootstrapRole &&
           owner != QLatin1String("pg_database_owner");
}

const AclDefault* ServerInfo::aclDefault(char kind) const
{
    const auto it = std::find_if(aclDefaults.begin(), aclDefaults.end(),
                                 [&](const AclDefault& d) { return d.kind == kind; });
    return it == aclDefaults.end() ? nullptr : &*it;
}

QString DefaultAcl::objectTypeName() const
{
    switch (objectType) {
    case 'r':
        return QStringLiteral("tables");
    case 'S':
        return QStringLiteral("sequences");
    case 'f':
        return QStringLiteral("functions");
    case 'T':
        return QStringLiteral("types");
    case 'n':
        return QStringLiteral("schemas");
    default:
        return QString(QLatin1Char(objectType));
    }
}

QString DefaultAcl::name() const
{
    QString out =
        QStringLiteral("for role %1").arg(role.isEmpty() ? QStringLiteral("(current)") : role);
    if (!schema.isEmpty())
        out += QStringLiteral(" in schema ") + schema;
    return out + QStringLiteral(" on ") + objectTypeName();
}

QString toString(ConstraintKind kind)
{
    switch (kind) {
    case ConstraintKind::PrimaryKey:
        return QStringLiteral("primary key");
    case ConstraintKind::Unique:
        return QStringLiteral("unique");
    case ConstraintKind::ForeignKey:
        return QStringLiteral("foreign key");
    case ConstraintKind::Check:
        return QStringLiteral("check");
    case ConstraintKind::Exclusion:
        return QStringLiteral("exclusion");
    }
    return {};
}

QString toString(IdentityKind kind)
{
    switch (kind) {
    case IdentityKind::None:
        return {};
    case IdentityKind::Always:
        return QStringLiteral("always");
    case IdentityKind::ByDefault:
        return QStringLiteral("by default");
    }
    return {};
}

QString toString(GeneratedKind kind)
{
    switch (kind) {
    case GeneratedKind::None:
        return {};
    case GeneratedKind::Stored:
        return QStringLiteral("stored");
    case GeneratedKind::Virtual:
        return QStringLiteral("virtual");
    }
    return {};
}

QString toString(FunctionKind kind)
{
    switch (kind) {
    case FunctionKind::Function:
        return QStringLiteral("function");
    case FunctionKind::Procedure:
        return QStringLiteral("procedure");
    case FunctionKind::Aggregate:
        return QStringLiteral("aggregate");
    case FunctionKind::Window:
        return QStringLiteral("window function");
    }
    return {};
}

QString toString(TableKind kind)
{
    switch (kind) {
    case TableKind::Ordinary:
        return QStringLiteral("table");
    case TableKind::Partitioned:
        return QStringLiteral("partitioned table");
    case TableKind::Foreign:
        return QStringLiteral("foreign table");
    }
    return {};
}

} // namespace bellows::catalog
