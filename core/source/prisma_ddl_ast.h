#pragma once

// Small lookups over the Prisma syntax tree that the DDL translation needs again and again:
// an attribute by name, an argument by name or position, the names in `[a, b(sort: Desc)]`.

#include "source/prisma_schema.h"

#include <QString>
#include <QStringList>

namespace bellows::source::prisma {

const Attribute* findAttribute(const std::vector<Attribute>& attributes, const QString& name);
std::vector<const Attribute*> findAttributes(const std::vector<Attribute>& attributes,
                                             const QString& name);

// The argument called `name`, or else the `position`-th positional one (-1: named only).
const Expression* argument(const Attribute& attribute, const QString& name, int position = -1);
const Expression* argument(const std::vector<Argument>& arguments, const QString& name,
                           int position = -1);

// The string value of an argument (`map: "x"`, `@map("x")`), empty when absent.
QString stringArgument(const Attribute& attribute, const QString& name, int position = -1);

// `@map("x")` / `@@map("x")`, or `fallback` when there is none.
QString mappedName(const std::vector<Attribute>& attributes, const QString& fallback);

// One entry of a field list: `a` or `a(sort: Desc, ops: raw("x"), length: 10)`.
struct FieldReference {
    QString name;
    const std::vector<Argument>* arguments = nullptr; // null for a bare identifier
};
std::vector<FieldReference> fieldList(const Expression* list);

bool isBuiltinScalar(const QString& typeName);

} // namespace bellows::source::prisma
