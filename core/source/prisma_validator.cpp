#include "source/prisma_validator.h"

#include "source/prisma_lexer.h"

#include <QSet>

#include <algorithm>

namespace bellows::source::prisma {

namespace {

QString quoted(const QString& s)
{
    return QLatin1Char('"') + s + QLatin1Char('"');
}

// What an attribute argument must be.
enum class Want { Value, String, Number, Boolean, Name, Array, Fields };

struct NamedArg {
    const char* name;
    Want want;
};

struct AttrSpec {
    const char* name;
    Want positional = Want::Value;
    int maxPositional = 0;
    // Whether a positional argument is required; `alias` names a named argument that may
    // stand for it (@@index(fields: [a]) for @@index([a])).
    bool required = false;
    const char* alias = nullptr;
    const char* example = nullptr;
    std::vector<NamedArg> named;
};

// clang-format off
const std::vector<AttrSpec>& fieldAttributes()
{
    static const std::vector<AttrSpec> specs{
        {"id", Want::Value, 0, false, nullptr, nullptr,
         {{"map", Want::String}, {"length", Want::Number}, {"sort", Want::Name},
          {"clustered", Want::Boolean}}},
        {"default", Want::Value, 1, true, nullptr, "@default(now())", {{"map", Want::String}}},
        {"unique", Want::Value, 0, false, nullptr, nullptr,
         {{"map", Want::String}, {"length", Want::Number}, {"sort", Want::Name},
          {"clustered", Want::Boolean}}},
        {"map", Want::String, 1, true, "name", "@map(\"column_name\")", {{"name", Want::String}}},
        {"updatedAt", Want::Value, 0, false, nullptr, nullptr, {}},
        {"ignore", Want::Value, 0, false, nullptr, nullptr, {}},
        {"shardKey", Want::Value, 0, false, nullptr, nullptr, {}},
        {"relation", Want::String, 1, false, nullptr, nullptr,
         {{"name", Want::String}, {"fields", Want::Fields}, {"references", Want::Fields},
          {"onDelete", Want::Name}, {"onUpdate", Want::Name}, {"map", Want::String}}},
    };
    return specs;
}

const std::vector<AttrSpec>& blockAttributes()
{
    static const std::vector<AttrSpec> specs{
        {"id", Want::Fields, 1, true, "fields", "@@id([a, b])",
         {{"fields", Want::Fields}, {"name", Want::String}, {"map", Want::String},
          {"clustered", Want::Boolean}}},
        {"unique", Want::Fields, 1, true, "fields", "@@unique([a, b])",
         {{"fields", Want::Fields}, {"name", Want::String}, {"map", Want::String},
          {"clustered", Want::Boolean}, {"where", Want::Value}}},
        {"index", Want::Fields, 1, true, "fields", "@@index([a, b])",
         {{"fields", Want::Fields}, {"name", Want::String}, {"map", Want::String},
          {"type", Want::Name}, {"clustered", Want::Boolean}, {"where", Want::Value}}},
        {"fulltext", Want::Fields, 1, true, "fields", "@@fulltext([a, b])",
         {{"fields", Want::Fields}, {"name", Want::String}, {"map", Want::String}}},
        {"map", Want::String, 1, true, "name", "@@map(\"table_name\")", {{"name", Want::String}}},
        {"ignore", Want::Value, 0, false, nullptr, nullptr, {}},
        {"schema", Want::String, 1, true, nullptr, "@@schema(\"auth\")", {}},
        {"shardKey", Want::Fields, 1, true, nullptr, "@@shardKey([region])", {}},
    };
    return specs;
}

// clang-format on

const std::vector<AttrSpec>& enumValueAttributes()
{
    static const std::vector<AttrSpec> specs{fieldAttributes()[3]}; // @map
    return specs;
}

const std::vector<AttrSpec>& enumAttributes()
{
    static const std::vector<AttrSpec> specs{blockAttributes()[4], blockAttributes()[6]};
    return specs;
}

QString describe(const Expression& e)
{
    // clang-format off
    switch (e.kind) {
    case Expression::Kind::String: return QStringLiteral("string ") + quoted(e.text.left(40));
    case Expression::Kind::Number: return e.text;
    case Expression::Kind::Boolean: return e.text;
    case Expression::Kind::Identifier: return quoted(e.text);
    case Expression::Kind::Function: return e.text + QStringLiteral("(...)");
    case Expression::Kind::Array: return QStringLiteral("an array");
    }
    // clang-format on
    return QString();
}

class Checker {
public:
    Checker(const std::vector<SourceFile>& files, Schema& schema) : m_files(files), m_schema(schema)
    {
    }

    Status run();

private:
    Error error(const SourceLocation& at, const QString& message) const
    {
        for (const SourceFile& f : m_files)
            if (f.path == at.file)
                return errorAt(f, at, message);
        return Error{message, at};
    }
    Status checkAttributes(const std::vector<Attribute>& attributes,
                           const std::vector<AttrSpec>& specs, bool allowNative) const;
    Status checkAttribute(const Attribute& a, const AttrSpec& spec) const;
    Status checkValue(const Expression& e, Want want, const QString& what) const;

    const std::vector<SourceFile>& m_files;
    Schema& m_schema;
    QString m_nativePrefix = QStringLiteral("db.");
};

Status Checker::run()
{
    // Native types are written @<datasource name>.Type: @db.VarChar with `datasource db`.
    if (!m_schema.datasources.empty())
        m_nativePrefix = m_schema.datasources.front().name + QLatin1Char('.');
    static const QSet<QString> scalars{QStringLiteral("String"),   QStringLiteral("Boolean"),
                                       QStringLiteral("Int"),      QStringLiteral("BigInt"),
                                       QStringLiteral("Float"),    QStringLiteral("Decimal"),
                                       QStringLiteral("DateTime"), QStringLiteral("Json"),
                                       QStringLiteral("Bytes"),    QStringLiteral("Unsupported")};
    QSet<QString> types;
    for (const Model& m : m_schema.models)
        types.insert(m.name);
    for (const Enum& e : m_schema.enums)
        types.insert(e.name);

    for (const Model& m : m_schema.models) {
        if (m.kind == Model::Kind::CompositeType)
            m_schema.warnings.push_back(
                Warning{m.location, QStringLiteral("composite types are ignored on PostgreSQL")});
        QSet<QString> names;
        for (const Field& f : m.fields) {
            if (names.contains(f.name))
                return error(f.location, QStringLiteral("Field ") + quoted(f.name) +
                                             QStringLiteral(" is already defined on ") +
                                             quoted(m.name));
            names.insert(f.name);
            if (!scalars.contains(f.type.name) && !types.contains(f.type.name))
                return error(f.type.location,
                             QStringLiteral("Type ") + quoted(f.type.name) +
                                 QStringLiteral(" is neither a built-in type, nor refers to "
                                                "another model, composite type, or enum."));
            if (auto s = checkAttributes(f.attributes, fieldAttributes(), true); !s)
                return s;
        }
        if (auto s = checkAttributes(m.attributes, blockAttributes(), false); !s)
            return s;
    }
    for (const Enum& e : m_schema.enums) {
        QSet<QString> names;
        for (const EnumValue& v : e.values) {
            if (names.contains(v.name))
                return error(v.location, QStringLiteral("Value ") + quoted(v.name) +
                                             QStringLiteral(" is already defined on enum ") +
                                             quoted(e.name));
            names.insert(v.name);
            if (auto s = checkAttributes(v.attributes, enumValueAttributes(), false); !s)
                return s;
        }
        if (auto s = checkAttributes(e.attributes, enumAttributes(), false); !s)
            return s;
    }
    return {};
}

Status Checker::checkAttributes(const std::vector<Attribute>& attributes,
                                const std::vector<AttrSpec>& specs, bool allowNative) const
{
    for (const Attribute& a : attributes) {
        const QString shown =
            (a.isBlockAttribute ? QStringLiteral("@@") : QStringLiteral("@")) + a.name;
        if (allowNative && a.name.startsWith(m_nativePrefix)) {
            // Native types take numbers only: @db.VarChar(255), @db.Decimal(19, 4).
            for (const Argument& arg : a.arguments) {
                if (!arg.name.isEmpty())
                    return error(arg.location, shown + QStringLiteral(" takes no named argument ") +
                                                   quoted(arg.name) +
                                                   QStringLiteral(" — expected numbers, e.g. ") +
                                                   shown + QStringLiteral("(255)"));
                if (arg.value.kind != Expression::Kind::Number)
                    return error(arg.value.location,
                                 QStringLiteral("expected a number as argument of ") + shown +
                                     QStringLiteral(", e.g. ") + shown +
                                     QStringLiteral("(255) — got ") + describe(arg.value));
            }
            continue;
        }
        const auto spec = std::find_if(specs.begin(), specs.end(), [&](const AttrSpec& s) {
            return a.name == QLatin1String(s.name);
        });
        if (spec == specs.end()) {
            QStringList known;
            for (const AttrSpec& s : specs)
                known << (a.isBlockAttribute ? QStringLiteral("@@") : QStringLiteral("@")) +
                             QLatin1String(s.name);
            if (allowNative)
                known << QLatin1Char('@') + m_nativePrefix + QStringLiteral("*");
            return error(a.location, QStringLiteral("Attribute not known: ") + quoted(shown) +
                                         QStringLiteral(" — expected one of ") +
                                         known.join(QStringLiteral(", ")));
        }
        if (auto s = checkAttribute(a, *spec); !s)
            return s;
    }
    return {};
}

Status Checker::checkAttribute(const Attribute& a, const AttrSpec& spec) const
{
    const QString shown =
        (a.isBlockAttribute ? QStringLiteral("@@") : QStringLiteral("@")) + a.name;
    int positional = 0;
    bool aliasGiven = false;
    QSet<QString> seen;
    for (const Argument& arg : a.arguments) {
        if (arg.name.isEmpty()) {
            ++positional;
            if (positional > spec.maxPositional)
                return error(arg.location,
                             spec.maxPositional == 0
                                 ? QString(shown + QStringLiteral(" takes no unnamed argument"))
                                 : QString(QStringLiteral("too many arguments for ") + shown +
                                           QStringLiteral(" — expected one unnamed argument")));
            if (auto s = checkValue(arg.value, spec.positional, shown); !s)
                return s;
            continue;
        }
        const auto named =
            std::find_if(spec.named.begin(), spec.named.end(),
                         [&](const NamedArg& n) { return arg.name == QLatin1String(n.name); });
        if (named == spec.named.end()) {
            QStringList known;
            for (const NamedArg& n : spec.named)
                known << QLatin1String(n.name);
            return error(arg.location,
                         shown + QStringLiteral(" has no argument ") + quoted(arg.name) +
                             (known.isEmpty() ? QStringLiteral(" — it takes no named arguments")
                                              : QString(QStringLiteral(" — expected one of: ") +
                                                        known.join(QStringLiteral(", ")))));
        }
        if (seen.contains(arg.name))
            return error(arg.location, QStringLiteral("argument ") + quoted(arg.name) +
                                           QStringLiteral(" given twice in ") + shown);
        seen.insert(arg.name);
        if (spec.alias && arg.name == QLatin1String(spec.alias))
            aliasGiven = true;
        if (auto s = checkValue(arg.value, named->want,
                                shown + QLatin1Char('(') + arg.name + QStringLiteral(": ...)"));
            !s)
            return s;
    }
    if (spec.required && positional == 0 && !aliasGiven)
        return error(a.location, shown + QStringLiteral(" needs an argument — expected e.g. ") +
                                     QLatin1String(spec.example));
    if (positional > 0 && aliasGiven)
        return error(a.location, shown + QStringLiteral(" has both an unnamed argument and ") +
                                     quoted(QLatin1String(spec.alias)) +
                                     QStringLiteral(" — expected only one of them"));
    return {};
}

Status Checker::checkValue(const Expression& e, Want want, const QString& what) const
{
    using K = Expression::Kind;
    auto expected = [&](const char* kind) {
        return error(e.location, QStringLiteral("expected ") + QLatin1String(kind) +
                                     QStringLiteral(" in ") + what + QStringLiteral(" — got ") +
                                     describe(e));
    };
    // clang-format off
    switch (want) {
    case Want::Value: return {};
    case Want::String: return e.kind == K::String ? Status() : expected("a string");
    case Want::Number: return e.kind == K::Number ? Status() : expected("a number");
    case Want::Boolean: return e.kind == K::Boolean ? Status() : expected("true or false");
    case Want::Name: return e.kind == K::Identifier ? Status() : expected("a name");
    case Want::Array: return e.kind == K::Array ? Status() : expected("an array");
    case Want::Fields: break;
    }
    // clang-format on
    if (e.kind != K::Array)
        return expected("an array of field names, e.g. [authorId]");
    // Items are field names, optionally with index options: [a, b(sort: Desc, ops: raw("x"))].
    for (const Expression& item : e.items) {
        if (item.kind != K::Identifier && item.kind != K::Function)
            return error(item.location, QStringLiteral("expected a field name in ") + what +
                                            QStringLiteral(" — got ") + describe(item));
        for (const Argument& arg : item.arguments) {
            static const QSet<QString> options{QStringLiteral("sort"), QStringLiteral("length"),
                                               QStringLiteral("ops")};
            if (!options.contains(arg.name))
                return error(arg.location,
                             QStringLiteral("unexpected ") +
                                 (arg.name.isEmpty() ? QStringLiteral("unnamed argument")
                                                     : quoted(arg.name)) +
                                 QStringLiteral(" on field ") + quoted(item.text) +
                                 QStringLiteral(" — expected sort:, length: or ops:"));
        }
    }
    return {};
}

} // namespace

Status validatePrisma(const std::vector<SourceFile>& files, Schema& schema)
{
    return Checker(files, schema).run();
}

} // namespace bellows::source::prisma
