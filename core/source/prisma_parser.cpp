#include "source/prisma_parser.h"

#include "source/prisma_lexer.h"

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSet>

#include <algorithm>

namespace bellows::source::prisma {

namespace {

// Deeper nesting than any real schema uses; the cap keeps the recursion bounded.
constexpr int kMaxDepth = 32;

const QString kTopLevel = QStringLiteral("model, enum, view, type, datasource or generator");

bool isBlockKeyword(const QString& word)
{
    static const QSet<QString> keywords{QStringLiteral("model"),      QStringLiteral("enum"),
                                        QStringLiteral("view"),       QStringLiteral("type"),
                                        QStringLiteral("datasource"), QStringLiteral("generator")};
    return keywords.contains(word);
}

QString quoted(const QString& s)
{
    return QLatin1Char('"') + s + QLatin1Char('"');
}

QString position(const Token& t)
{
    return QString::number(t.line) + QLatin1Char(':') + QString::number(t.column);
}

// A declared model/enum/view/type name, to report a second declaration.
struct Declared {
    QString what;
    SourceLocation location;
};

// Recursive descent over one file's tokens, appending to a Schema shared by all files.
class Parser {
public:
    Parser(const SourceFile& file, std::vector<Token> tokens, Schema& schema,
           QHash<QString, Declared>& declared)
        : m_file(file), m_tokens(std::move(tokens)), m_schema(schema), m_declared(declared)
    {
    }

    Status run();

private:
    const Token& peek(int k = 0) const
    {
        return m_tokens[std::min(m_pos + size_t(k), m_tokens.size() - 1)];
    }
    const Token& take()
    {
        const Token& t = m_tokens[m_pos];
        if (m_pos + 1 < m_tokens.size())
            ++m_pos;
        return t;
    }
    SourceLocation loc(const Token& t) const { return {m_file.path, t.line, t.column}; }
    Error error(const Token& at, const QString& message) const
    {
        return errorAt(m_file, loc(at), message);
    }
    Error unexpected(const Token& at, const QString& expected) const
    {
        return error(at, QStringLiteral("unexpected ") + describe(at) +
                             QStringLiteral(" — expected ") + expected);
    }
    // Newlines and doc comments mean nothing inside brackets.
    void skipLayout()
    {
        while (peek().kind == Token::Kind::Newline || peek().kind == Token::Kind::DocComment)
            take();
    }
    // A block keyword followed by a name and "{" inside a block: the block was not closed.
    bool startsBlock() const
    {
        return isBlockKeyword(peek().text) && peek(1).kind == Token::Kind::Identifier &&
               peek(2).isPunct(u"{");
    }
    Error missingBrace(const Token& at, const QString& what, const QString& name,
                       const Token& keyword) const
    {
        return error(at, QStringLiteral("expected \"}\" to close ") + what + QLatin1Char(' ') +
                             quoted(name) + QStringLiteral(" opened at ") + position(keyword));
    }

    Status declaration(const QString& doc);
    Status modelBody(Model& model, const Token& keyword);
    Status field(Model& model, const QString& doc);
    Status enumBody(Enum& e, const Token& keyword);
    Status configBody(ConfigBlock& block, const Token& keyword, const QString& what);
    Status endOfLine(const QString& expected, QString* doc = nullptr);
    Status attribute(std::vector<Attribute>& into, bool block);
    Status arguments(std::vector<Argument>& into, int depth);
    Status expression(Expression& into, int depth);

    const SourceFile& m_file;
    std::vector<Token> m_tokens;
    size_t m_pos = 0;
    Schema& m_schema;
    QHash<QString, Declared>& m_declared;
};

Status Parser::run()
{
    QString doc;
    for (;;) {
        const Token& t = peek();
        if (t.kind == Token::Kind::End)
            return {};
        if (t.kind == Token::Kind::Newline) {
            take();
        } else if (t.kind == Token::Kind::DocComment) {
            doc += (doc.isEmpty() ? QString() : QStringLiteral("\n")) + take().text;
        } else if (t.kind == Token::Kind::Identifier && isBlockKeyword(t.text)) {
            if (auto s = declaration(doc); !s)
                return s;
            doc.clear();
        } else {
            return unexpected(t, kTopLevel);
        }
    }
}

Status Parser::declaration(const QString& doc)
{
    const Token keyword = take();
    const QString& word = keyword.text;
    const QString what = word == QLatin1String("type") ? QStringLiteral("composite type") : word;
    const Token name = peek();
    if (name.kind != Token::Kind::Identifier)
        return unexpected(name, QStringLiteral("a name for the ") + what);
    take();
    if (!peek().isPunct(u"{"))
        return unexpected(peek(), QStringLiteral("\"{\" to open ") + what + QLatin1Char(' ') +
                                      quoted(name.text));
    take();
    if (auto s = endOfLine(QStringLiteral("a new line after \"{\"")); !s)
        return s;

    if (word == QLatin1String("datasource") || word == QLatin1String("generator")) {
        ConfigBlock block;
        block.name = name.text;
        block.location = loc(name);
        if (word == QLatin1String("datasource") && !m_schema.datasources.empty())
            return error(name, QStringLiteral("a second datasource ") + quoted(name.text) +
                                   QStringLiteral(" — expected only one datasource per schema"));
        if (auto s = configBody(block, keyword, what); !s)
            return s;
        auto& into =
            word == QLatin1String("datasource") ? m_schema.datasources : m_schema.generators;
        into.push_back(std::move(block));
        return {};
    }

    // Models, views, composite types and enums share one namespace, across files.
    if (auto it = m_declared.constFind(name.text); it != m_declared.constEnd()) {
        return error(name, QStringLiteral("The ") + what + QLatin1Char(' ') + quoted(name.text) +
                               QStringLiteral(" cannot be defined because a ") + it->what +
                               QStringLiteral(" with that name already exists at ") +
                               it->location.toString());
    }
    m_declared.insert(name.text, Declared{what, loc(name)});

    if (word == QLatin1String("enum")) {
        Enum e;
        e.name = name.text;
        e.documentation = doc;
        e.location = loc(name);
        if (auto s = enumBody(e, keyword); !s)
            return s;
        m_schema.enums.push_back(std::move(e));
        return {};
    }
    Model model;
    model.kind = word == QLatin1String("model")  ? Model::Kind::Model
                 : word == QLatin1String("view") ? Model::Kind::View
                                                 : Model::Kind::CompositeType;
    model.name = name.text;
    model.documentation = doc;
    model.location = loc(name);
    if (auto s = modelBody(model, keyword); !s)
        return s;
    m_schema.models.push_back(std::move(model));
    return {};
}

Status Parser::modelBody(Model& model, const Token& keyword)
{
    const QString what =
        model.kind == Model::Kind::CompositeType ? QStringLiteral("composite type") : keyword.text;
    QString doc;
    for (;;) {
        const Token& t = peek();
        if (t.kind == Token::Kind::Newline) {
            take();
        } else if (t.kind == Token::Kind::DocComment) {
            doc += (doc.isEmpty() ? QString() : QStringLiteral("\n")) + take().text;
        } else if (t.kind == Token::Kind::End || startsBlock()) {
            return missingBrace(t, what, model.name, keyword);
        } else if (t.isPunct(u"}")) {
            take();
            return {};
        } else if (t.isPunct(u"@@")) {
            if (auto s = attribute(model.attributes, true); !s)
                return s;
            if (auto s = endOfLine(QStringLiteral("a new line after the block attribute")); !s)
                return s;
            doc.clear();
        } else if (t.kind == Token::Kind::Identifier) {
            if (auto s = field(model, doc); !s)
                return s;
            doc.clear();
        } else {
            return unexpected(t, QStringLiteral("a field name, a \"@@\" block attribute or \"}\" "
                                                "to close ") +
                                     what + QLatin1Char(' ') + quoted(model.name));
        }
    }
}

Status Parser::field(Model& model, const QString& doc)
{
    Field f;
    const Token& name = take();
    f.name = name.text;
    f.location = loc(name);
    f.documentation = doc;
    const Token& type = peek();
    if (type.kind != Token::Kind::Identifier)
        return unexpected(type, QStringLiteral("a field type"));
    take();
    f.type.name = type.text;
    f.type.location = loc(type);
    if (type.text == QLatin1String("Unsupported")) {
        if (!peek().isPunct(u"("))
            return unexpected(peek(), QStringLiteral("\"(\" after Unsupported, e.g. "
                                                     "Unsupported(\"vector(1536)\")"));
        take();
        if (peek().kind != Token::Kind::String)
            return unexpected(peek(), QStringLiteral("a string naming the database type, e.g. "
                                                     "Unsupported(\"vector(1536)\")"));
        f.type.unsupported = take().text;
        if (!peek().isPunct(u")"))
            return unexpected(peek(), QStringLiteral("\")\" to close Unsupported("));
        take();
    }
    if (peek().isPunct(u"[")) {
        take();
        if (!peek().isPunct(u"]"))
            return unexpected(peek(), QStringLiteral("\"]\" to make a list type"));
        take();
        f.type.list = true;
    }
    if (peek().isPunct(u"?")) {
        if (f.type.list)
            return error(peek(), QStringLiteral("a list field cannot be optional — expected "
                                                "either \"[]\" or \"?\""));
        take();
        f.type.optional = true;
    }
    while (peek().isPunct(u"@")) {
        if (auto s = attribute(f.attributes, false); !s)
            return s;
    }
    QString trailing;
    if (auto s = endOfLine(QStringLiteral("an attribute (\"@...\") or a new line after field ") +
                               quoted(f.name),
                           &trailing);
        !s)
        return s;
    if (!trailing.isEmpty())
        f.documentation +=
            (f.documentation.isEmpty() ? QString() : QStringLiteral("\n")) + trailing;
    model.fields.push_back(std::move(f));
    return {};
}

Status Parser::enumBody(Enum& e, const Token& keyword)
{
    for (;;) {
        const Token& t = peek();
        if (t.kind == Token::Kind::Newline || t.kind == Token::Kind::DocComment) {
            take();
        } else if (t.kind == Token::Kind::End || startsBlock()) {
            return missingBrace(t, keyword.text, e.name, keyword);
        } else if (t.isPunct(u"}")) {
            take();
            return {};
        } else if (t.isPunct(u"@@")) {
            if (auto s = attribute(e.attributes, true); !s)
                return s;
            if (auto s = endOfLine(QStringLiteral("a new line after the block attribute")); !s)
                return s;
        } else if (t.kind == Token::Kind::Identifier) {
            EnumValue value;
            value.name = t.text;
            value.location = loc(t);
            take();
            while (peek().isPunct(u"@")) {
                if (auto s = attribute(value.attributes, false); !s)
                    return s;
            }
            if (auto s = endOfLine(QStringLiteral("an attribute (\"@...\") or a new line after "
                                                  "enum value ") +
                                   quoted(value.name));
                !s)
                return s;
            e.values.push_back(std::move(value));
        } else {
            return unexpected(t, QStringLiteral("an enum value, a \"@@\" block attribute or \"}\" "
                                                "to close enum ") +
                                     quoted(e.name));
        }
    }
}

Status Parser::configBody(ConfigBlock& block, const Token& keyword, const QString& what)
{
    for (;;) {
        const Token& t = peek();
        if (t.kind == Token::Kind::Newline || t.kind == Token::Kind::DocComment) {
            take();
        } else if (t.kind == Token::Kind::End || startsBlock()) {
            return missingBrace(t, what, block.name, keyword);
        } else if (t.isPunct(u"}")) {
            take();
            return {};
        } else if (t.kind == Token::Kind::Identifier) {
            Property p;
            p.name = t.text;
            p.location = loc(t);
            take();
            if (!peek().isPunct(u"="))
                return unexpected(peek(), QStringLiteral("\"=\" after ") + quoted(p.name));
            take();
            if (auto s = expression(p.value, 0); !s)
                return s;
            if (auto s = endOfLine(QStringLiteral("a new line after property ") + quoted(p.name));
                !s)
                return s;
            block.properties.push_back(std::move(p));
        } else {
            return unexpected(t,
                              QStringLiteral("a property (\"name = value\") or \"}\" to close ") +
                                  what + QLatin1Char(' ') + quoted(block.name));
        }
    }
}

// The end of a declaration's line: a newline, the end of the file, or a trailing "///"
// comment (kept in `doc` when given) before them.
Status Parser::endOfLine(const QString& expected, QString* doc)
{
    if (peek().kind == Token::Kind::DocComment) {
        const Token& comment = take();
        if (doc)
            *doc = comment.text;
    }
    if (peek().kind == Token::Kind::Newline) {
        take();
        return {};
    }
    if (peek().kind == Token::Kind::End)
        return {};
    return unexpected(peek(), expected);
}

Status Parser::attribute(std::vector<Attribute>& into, bool block)
{
    const Token& at = take();
    Attribute a;
    a.isBlockAttribute = block;
    a.location = loc(at);
    if (peek().kind != Token::Kind::Identifier)
        return unexpected(peek(), QStringLiteral("an attribute name after \"") + at.text +
                                      QLatin1Char('"'));
    a.name = take().text;
    while (peek().isPunct(u".")) {
        take();
        if (peek().kind != Token::Kind::Identifier)
            return unexpected(peek(), QStringLiteral("a name after \".\" in \"") + at.text +
                                          a.name + QStringLiteral(".\""));
        a.name += QLatin1Char('.') + take().text;
    }
    if (peek().isPunct(u"(")) {
        if (auto s = arguments(a.arguments, 0); !s)
            return s;
    }
    into.push_back(std::move(a));
    return {};
}

Status Parser::arguments(std::vector<Argument>& into, int depth)
{
    if (depth > kMaxDepth)
        return error(peek(), QStringLiteral("nested more than %1 levels deep — expected fewer "
                                            "nested brackets")
                                 .arg(kMaxDepth));
    const Token open = take();
    const QString close = QStringLiteral("\")\" to close the \"(\" opened at ") + position(open);
    for (;;) {
        skipLayout();
        if (peek().isPunct(u")")) {
            take();
            return {};
        }
        if (peek().kind == Token::Kind::End)
            return unexpected(peek(), close);
        Argument arg;
        arg.location = loc(peek());
        if (peek().kind == Token::Kind::Identifier && peek(1).isPunct(u":")) {
            arg.name = take().text;
            take();
            skipLayout();
        }
        if (auto s = expression(arg.value, depth + 1); !s)
            return s;
        into.push_back(std::move(arg));
        skipLayout();
        if (peek().isPunct(u",")) {
            take();
        } else if (!peek().isPunct(u")")) {
            return unexpected(peek(), QStringLiteral("\",\" or ") + close);
        }
    }
}

Status Parser::expression(Expression& into, int depth)
{
    if (depth > kMaxDepth)
        return error(peek(), QStringLiteral("nested more than %1 levels deep — expected fewer "
                                            "nested brackets")
                                 .arg(kMaxDepth));
    const Token& t = peek();
    into.location = loc(t);
    if (t.kind == Token::Kind::String || t.kind == Token::Kind::Number) {
        into.kind =
            t.kind == Token::Kind::String ? Expression::Kind::String : Expression::Kind::Number;
        into.text = take().text;
        return {};
    }
    if (t.kind == Token::Kind::Identifier) {
        into.text = take().text;
        while (peek().isPunct(u".") && peek(1).kind == Token::Kind::Identifier) {
            take();
            into.text += QLatin1Char('.') + take().text;
        }
        if (peek().isPunct(u"(")) {
            into.kind = Expression::Kind::Function;
            return arguments(into.arguments, depth + 1);
        }
        const bool boolean =
            into.text == QLatin1String("true") || into.text == QLatin1String("false");
        into.kind = boolean ? Expression::Kind::Boolean : Expression::Kind::Identifier;
        return {};
    }
    if (t.isPunct(u"[")) {
        into.kind = Expression::Kind::Array;
        const Token open = take();
        const QString close =
            QStringLiteral("\"]\" to close the \"[\" opened at ") + position(open);
        for (;;) {
            skipLayout();
            if (peek().isPunct(u"]")) {
                take();
                return {};
            }
            if (peek().kind == Token::Kind::End)
                return unexpected(peek(), close);
            Expression item;
            if (auto s = expression(item, depth + 1); !s)
                return s;
            into.items.push_back(std::move(item));
            skipLayout();
            if (peek().isPunct(u",")) {
                take();
            } else if (!peek().isPunct(u"]")) {
                return unexpected(peek(), QStringLiteral("\",\" or ") + close);
            }
        }
    }
    return unexpected(t, QStringLiteral("a value (a string, number, true/false, name, function "
                                        "call or [array])"));
}

// ---- validation ----------------------------------------------------------------------------

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
          {"clustered", Want::Boolean}}},
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

Result<std::vector<SourceFile>> readPrismaSources(const QString& location)
{
    const QFileInfo info(location);
    if (!info.exists())
        return Error{quoted(location) +
                     QStringLiteral(" does not exist — expected a .prisma file or a folder of "
                                    "them")};
    QStringList paths;
    if (info.isDir()) {
        QDirIterator it(location, {QStringLiteral("*.prisma")}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext())
            paths << QDir::cleanPath(it.next());
        if (paths.isEmpty())
            return Error{QStringLiteral("no .prisma files under ") + quoted(location)};
        std::sort(paths.begin(), paths.end());
    } else {
        paths << location;
    }
    std::vector<SourceFile> files;
    for (const QString& path : paths) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return Error{QStringLiteral("cannot read ") + quoted(path) + QStringLiteral(": ") +
                         file.errorString()};
        QString text = QString::fromUtf8(file.readAll());
        if (text.startsWith(QChar(u'\xFEFF'))) // columns count from after a byte-order mark
            text.remove(0, 1);
        files.push_back(SourceFile{path, std::move(text)});
    }
    return files;
}

Result<Schema> parsePrisma(const std::vector<SourceFile>& files)
{
    Schema schema;
    QHash<QString, Declared> declared;
    for (const SourceFile& file : files) {
        auto tokens = Lexer(file).run();
        if (!tokens)
            return tokens.error();
        if (auto s = Parser(file, std::move(*tokens), schema, declared).run(); !s)
            return s.error();
    }
    if (auto s = Checker(files, schema).run(); !s)
        return s.error();
    return schema;
}

} // namespace bellows::source::prisma
