#pragma once

// The syntax tree of a Prisma schema (one file or a folder of .prisma files), as the parser
// (prisma_parser) produces it and the DDL translation (prisma_ddl) consumes it. Names and
// argument values are kept as written; meaning (types, relations, names in the database) is
// worked out by the translation.

#include "common/error.h"

#include <QString>

#include <vector>

namespace bellows::source::prisma {

struct Argument;

// A value in an attribute argument or a config property: "text", 42, -1.5, true, Cascade,
// now(), dbgenerated("gen_random_uuid()"), [a, b(sort: Desc)], env("DATABASE_URL").
struct Expression {
    enum class Kind { String, Number, Boolean, Identifier, Function, Array };
    Kind kind = Kind::Identifier;
    QString text;                    // unescaped string, number or boolean as written,
                                     // identifier, or function name (may be dotted: db.x)
    std::vector<Argument> arguments; // Function: its arguments, in order
    std::vector<Expression> items;   // Array: its items
    SourceLocation location;
};

// `name: value`, or a positional `value` (name empty).
struct Argument {
    QString name;
    Expression value;
    SourceLocation location;
};

// `@id`, `@db.VarChar(255)`, `@relation(fields: [a], references: [id])`; `@@index([a, b])`.
// `name` has no `@`/`@@` and keeps dots: "id", "db.VarChar", "relation", "index".
struct Attribute {
    QString name;
    std::vector<Argument> arguments;
    bool isBlockAttribute = false; // written with @@
    SourceLocation location;
};

struct FieldType {
    QString name;          // "String", "Int", a model, enum or composite type name;
                           // "Unsupported" with `unsupported` holding its argument
    QString unsupported;   // Unsupported("vector(1536)") -> "vector(1536)"
    bool optional = false; // ?
    bool list = false;     // []
    SourceLocation location;
};

struct Field {
    QString name;
    FieldType type;
    std::vector<Attribute> attributes;
    QString documentation; // /// lines before it, joined with newlines
    SourceLocation location;
};

// `model`, `view` (preview feature) and composite `type` blocks share one shape.
struct Model {
    enum class Kind { Model, View, CompositeType };
    Kind kind = Kind::Model;
    QString name;
    std::vector<Field> fields;
    std::vector<Attribute> attributes; // block attributes (@@...)
    QString documentation;
    SourceLocation location;
};

struct EnumValue {
    QString name;
    std::vector<Attribute> attributes; // @map("...")
    SourceLocation location;
};

struct Enum {
    QString name;
    std::vector<EnumValue> values;
    std::vector<Attribute> attributes; // @@map, @@schema
    QString documentation;
    SourceLocation location;
};

// `key = value` inside a datasource or generator block.
struct Property {
    QString name;
    Expression value;
    SourceLocation location;
};

// `datasource db { ... }` and `generator client { ... }`.
struct ConfigBlock {
    QString name;
    std::vector<Property> properties;
    SourceLocation location;

    const Property* property(const QString& key) const
    {
        for (const Property& p : properties)
            if (p.name == key)
                return &p;
        return nullptr;
    }
};

struct Warning {
    SourceLocation location;
    QString message;
};

struct Schema {
    std::vector<ConfigBlock> datasources;
    std::vector<ConfigBlock> generators;
    std::vector<Model> models; // all three kinds, in source order
    std::vector<Enum> enums;
    std::vector<Warning> warnings;

    const Model* findModel(const QString& name) const
    {
        for (const Model& m : models)
            if (m.name == name)
                return &m;
        return nullptr;
    }
    const Enum* findEnum(const QString& name) const
    {
        for (const Enum& e : enums)
            if (e.name == name)
                return &e;
        return nullptr;
    }
};

// One source file of a schema (a folder of .prisma files is several).
struct SourceFile {
    QString path;
    QString text;
};

} // namespace bellows::source::prisma
