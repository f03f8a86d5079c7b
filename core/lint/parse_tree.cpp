#include "lint/parse_tree.h"

#include <pg_query.h>

#include <QJsonDocument>
#include <QJsonParseError>

namespace bellows::lint {

namespace {

// Byte offset of the 1-based character position `cursorPos` in `utf8`.
int byteOffsetOfCursor(const QByteArray& utf8, int cursorPos)
{
    if (cursorPos <= 0)
        return -1;
    int remaining = cursorPos - 1;
    int i = 0;
    const int n = int(utf8.size());
    while (i < n && remaining > 0) {
        ++i;
        while (i < n && (static_cast<unsigned char>(utf8.at(i)) & 0xC0) == 0x80)
            ++i;
        --remaining;
    }
    return i;
}

} // namespace

ParsedSql parseSql(const QByteArray& utf8)
{
    ParsedSql out;
    PgQueryParseResult result = pg_query_parse(utf8.constData());
    if (result.error) {
        out.failure = ParseFailure{QString::fromUtf8(result.error->message),
                                   byteOffsetOfCursor(utf8, result.error->cursorpos)};
        pg_query_free_parse_result(result);
        return out;
    }
    QJsonParseError jsonError;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(result.parse_tree), &jsonError);
    pg_query_free_parse_result(result);
    if (doc.isNull()) {
        // Only a tree nested deeper than QJsonDocument accepts gets here.
        out.failure = ParseFailure{
            QStringLiteral("cannot read the parse tree: %1").arg(jsonError.errorString()), -1};
        return out;
    }
    const int n = int(utf8.size());
    for (const QJsonValue& raw : doc.object().value(QLatin1String("stmts")).toArray()) {
        const QJsonObject rawStmt = raw.toObject();
        RawStatement statement;
        statement.node = rawStmt.value(QLatin1String("stmt")).toObject();
        statement.begin = qBound(0, rawStmt.value(QLatin1String("stmt_location")).toInt(), n);
        const int length = rawStmt.value(QLatin1String("stmt_len")).toInt();
        // A length of 0 means "to the end of the text" (the last statement without ';').
        statement.end = length > 0 ? qBound(statement.begin, statement.begin + length, n) : n;
        out.statements.push_back(std::move(statement));
    }
    return out;
}

namespace tree {

QString type(const QJsonObject& node)
{
    return node.isEmpty() ? QString() : node.constBegin().key();
}

QJsonObject body(const QJsonObject& node)
{
    return node.isEmpty() ? QJsonObject() : node.constBegin().value().toObject();
}

bool is(const QJsonObject& node, const char* typeName)
{
    return !node.isEmpty() && node.constBegin().key() == QLatin1String(typeName);
}

QJsonObject object(const QJsonObject& body, const char* key)
{
    return body.value(QLatin1String(key)).toObject();
}

QJsonArray array(const QJsonObject& body, const char* key)
{
    return body.value(QLatin1String(key)).toArray();
}

QString string(const QJsonObject& body, const char* key)
{
    return body.value(QLatin1String(key)).toString();
}

bool flag(const QJsonObject& body, const char* key)
{
    return body.value(QLatin1String(key)).toBool();
}

int integer(const QJsonObject& body, const char* key, int fallback)
{
    const QJsonValue v = body.value(QLatin1String(key));
    return v.isDouble() ? v.toInt() : fallback;
}

int location(const QJsonObject& body)
{
    return integer(body, "location", -1);
}

QString scalar(const QJsonValue& value)
{
    const QJsonObject node = value.toObject();
    const QJsonObject b = body(node);
    const QString t = type(node);
    if (t == QLatin1String("String"))
        return string(b, "sval");
    if (t == QLatin1String("Integer"))
        return QString::number(integer(b, "ival"));
    if (t == QLatin1String("Float"))
        return string(b, "fval");
    if (t == QLatin1String("A_Const")) {
        if (b.contains(QLatin1String("sval")))
            return string(object(b, "sval"), "sval");
        if (b.contains(QLatin1String("ival")))
            return QString::number(integer(object(b, "ival"), "ival"));
        if (b.contains(QLatin1String("fval")))
            return string(object(b, "fval"), "fval");
    }
    return {};
}

QStringList strings(const QJsonArray& list)
{
    QStringList out;
    for (const QJsonValue& v : list)
        out << scalar(v);
    return out;
}

QString baseTypeName(const QJsonObject& typeNameBody)
{
    const QStringList names = strings(array(typeNameBody, "names"));
    return names.isEmpty() ? QString() : names.last();
}

int typeModifierCount(const QJsonObject& typeNameBody)
{
    return int(array(typeNameBody, "typmods").size());
}

QString typeName(const QJsonObject& typeNameBody)
{
    QStringList names = strings(array(typeNameBody, "names"));
    if (names.size() > 1 && names.first() == QLatin1String("pg_catalog"))
        names.removeFirst();
    QString out = names.join(QLatin1Char('.'));
    QStringList mods;
    for (const QJsonValue& mod : array(typeNameBody, "typmods"))
        mods << scalar(mod);
    if (!mods.isEmpty())
        out += QLatin1Char('(') + mods.join(QLatin1Char(',')) + QLatin1Char(')');
    for (qsizetype i = 0; i < array(typeNameBody, "arrayBounds").size(); ++i)
        out += QStringLiteral("[]");
    return out;
}

namespace {

// Visits every node object below `value`, depth first.
template <typename Visitor> void walk(const QJsonValue& value, const Visitor& visit)
{
    if (value.isArray()) {
        for (const QJsonValue& v : value.toArray())
            walk(v, visit);
    } else if (value.isObject()) {
        const QJsonObject o = value.toObject();
        visit(o);
        for (auto it = o.constBegin(); it != o.constEnd(); ++it)
            walk(it.value(), visit);
    }
}

} // namespace

void collectFunctionNames(const QJsonValue& value, QStringList& names)
{
    walk(value, [&](const QJsonObject& o) {
        const QJsonValue call = o.value(QLatin1String("FuncCall"));
        if (call.isObject()) {
            const QStringList parts = strings(array(call.toObject(), "funcname"));
            if (!parts.isEmpty())
                names << parts.last().toLower();
        }
    });
}

void collectColumnRefs(const QJsonValue& value, QStringList& columns)
{
    walk(value, [&](const QJsonObject& o) {
        const QJsonValue ref = o.value(QLatin1String("ColumnRef"));
        if (ref.isObject()) {
            const QStringList parts = strings(array(ref.toObject(), "fields"));
            if (!parts.isEmpty() && !parts.last().isEmpty())
                columns << parts.last();
        }
    });
}

} // namespace tree

} // namespace bellows::lint
