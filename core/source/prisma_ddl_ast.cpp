#include "source/prisma_ddl_ast.h"

#include <QSet>

namespace bellows::source::prisma {

const Attribute* findAttribute(const std::vector<Attribute>& attributes, const QString& name)
{
    for (const Attribute& attribute : attributes)
        if (attribute.name == name)
            return &attribute;
    return nullptr;
}

std::vector<const Attribute*> findAttributes(const std::vector<Attribute>& attributes,
                                             const QString& name)
{
    std::vector<const Attribute*> found;
    for (const Attribute& attribute : attributes)
        if (attribute.name == name)
            found.push_back(&attribute);
    return found;
}

const Expression* argument(const std::vector<Argument>& arguments, const QString& name,
                           int position)
{
    for (const Argument& arg : arguments)
        if (!name.isEmpty() && arg.name == name)
            return &arg.value;
    if (position < 0)
        return nullptr;
    int index = 0;
    for (const Argument& arg : arguments) {
        if (!arg.name.isEmpty())
            continue;
        if (index == position)
            return &arg.value;
        ++index;
    }
    return nullptr;
}

const Expression* argument(const Attribute& attribute, const QString& name, int position)
{
    return argument(attribute.arguments, name, position);
}

QString stringArgument(const Attribute& attribute, const QString& name, int position)
{
    const Expression* value = argument(attribute, name, position);
    return value && value->kind == Expression::Kind::String ? value->text : QString();
}

QString mappedName(const std::vector<Attribute>& attributes, const QString& fallback)
{
    if (const Attribute* map = findAttribute(attributes, QStringLiteral("map"))) {
        const QString name = stringArgument(*map, QStringLiteral("name"), 0);
        if (!name.isEmpty())
            return name;
    }
    return fallback;
}

std::vector<FieldReference> fieldList(const Expression* list)
{
    std::vector<FieldReference> fields;
    if (!list)
        return fields;
    auto add = [&fields](const Expression& item) {
        if (item.kind == Expression::Kind::Function)
            fields.push_back({item.text, &item.arguments});
        else
            fields.push_back({item.text, nullptr});
    };
    if (list->kind == Expression::Kind::Array) {
        for (const Expression& item : list->items)
            add(item);
    } else {
        add(*list); // Prisma accepts `fields: a` for a single field
    }
    return fields;
}

bool isBuiltinScalar(const QString& typeName)
{
    static const QSet<QString> names = {
        QStringLiteral("String"), QStringLiteral("Int"),     QStringLiteral("BigInt"),
        QStringLiteral("Float"),  QStringLiteral("Decimal"), QStringLiteral("DateTime"),
        QStringLiteral("Json"),   QStringLiteral("Bytes"),   QStringLiteral("Boolean")};
    return names.contains(typeName);
}

} // namespace bellows::source::prisma
