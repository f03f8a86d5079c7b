#include "source/prisma_parser.h"

#include "source/prisma_lexer.h"
#include "source/prisma_validator.h"

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
    if (auto s = validatePrisma(files, schema); !s)
        return s.error();
    return schema;
}

} // namespace bellows::source::prisma
