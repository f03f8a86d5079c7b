#include "source/prisma_types.h"

#include "source/prisma_ddl_ast.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QStringList>

namespace bellows::source::prisma {

namespace {

const Attribute* defaultAttribute(const Field& field)
{
    return findAttribute(field.attributes, QStringLiteral("default"));
}

bool isFunction(const Expression* e, const QString& name)
{
    return e && e->kind == Expression::Kind::Function && e->text == name;
}

// The @db.X attribute of a field, if any.
const Attribute* nativeTypeAttribute(const Field& field)
{
    for (const Attribute& attribute : field.attributes)
        if (attribute.name.startsWith(QLatin1String("db.")))
            return &attribute;
    return nullptr;
}

QString scalarType(const QString& prismaType)
{
    static const QHash<QString, QString> types = {
        {QStringLiteral("String"), QStringLiteral("TEXT")},
        {QStringLiteral("Int"), QStringLiteral("INTEGER")},
        {QStringLiteral("BigInt"), QStringLiteral("BIGINT")},
        {QStringLiteral("Float"), QStringLiteral("DOUBLE PRECISION")},
        {QStringLiteral("Decimal"), QStringLiteral("DECIMAL(65,30)")},
        {QStringLiteral("DateTime"), QStringLiteral("TIMESTAMP(3)")},
        {QStringLiteral("Json"), QStringLiteral("JSONB")},
        {QStringLiteral("Bytes"), QStringLiteral("BYTEA")},
        {QStringLiteral("Boolean"), QStringLiteral("BOOLEAN")}};
    return types.value(prismaType);
}

// @db.VarChar(200) -> VARCHAR(200), @db.Decimal(12, 2) -> DECIMAL(12,2).
QString nativeType(const Attribute& attribute, std::vector<Warning>& warnings)
{
    static const QHash<QString, QString> types = {
        {QStringLiteral("Text"), QStringLiteral("TEXT")},
        {QStringLiteral("Char"), QStringLiteral("CHAR")},
        {QStringLiteral("VarChar"), QStringLiteral("VARCHAR")},
        {QStringLiteral("Bit"), QStringLiteral("BIT")},
        {QStringLiteral("VarBit"), QStringLiteral("VARBIT")},
        {QStringLiteral("Uuid"), QStringLiteral("UUID")},
        {QStringLiteral("Xml"), QStringLiteral("XML")},
        {QStringLiteral("Inet"), QStringLiteral("INET")},
        {QStringLiteral("Citext"), QStringLiteral("CITEXT")},
        {QStringLiteral("Boolean"), QStringLiteral("BOOLEAN")},
        {QStringLiteral("Integer"), QStringLiteral("INTEGER")},
        {QStringLiteral("SmallInt"), QStringLiteral("SMALLINT")},
        {QStringLiteral("Oid"), QStringLiteral("OID")},
        {QStringLiteral("BigInt"), QStringLiteral("BIGINT")},
        {QStringLiteral("DoublePrecision"), QStringLiteral("DOUBLE PRECISION")},
        {QStringLiteral("Real"), QStringLiteral("REAL")},
        {QStringLiteral("Decimal"), QStringLiteral("DECIMAL")},
        {QStringLiteral("Money"), QStringLiteral("MONEY")},
        {QStringLiteral("Timestamp"), QStringLiteral("TIMESTAMP")},
        {QStringLiteral("Timestamptz"), QStringLiteral("TIMESTAMPTZ")},
        {QStringLiteral("Date"), QStringLiteral("DATE")},
        {QStringLiteral("Time"), QStringLiteral("TIME")},
        {QStringLiteral("Timetz"), QStringLiteral("TIMETZ")},
        {QStringLiteral("Json"), QStringLiteral("JSON")},
        {QStringLiteral("JsonB"), QStringLiteral("JSONB")},
        {QStringLiteral("ByteA"), QStringLiteral("BYTEA")}};
    const QString name = attribute.name.mid(3);
    QString sql = types.value(name);
    if (sql.isEmpty()) {
        warnings.push_back(
            {attribute.location, QStringLiteral("unknown native type @%1, written as %2")
                                     .arg(attribute.name, name.toUpper())});
        sql = name.toUpper();
    }
    QStringList args;
    for (const Argument& arg : attribute.arguments)
        args << arg.value.text;
    if (!args.isEmpty())
        sql += QLatin1Char('(') + args.join(QLatin1Char(',')) + QLatin1Char(')');
    return sql;
}

// "2020-01-02T03:04:05Z" -> '2020-01-02 03:04:05 +00:00', the form Prisma writes.
QString dateTimeLiteral(const QString& text)
{
    QDateTime when = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!when.isValid())
        return stringLiteral(text);
    when = when.toUTC();
    QString formatted = when.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    if (when.time().msec() != 0)
        formatted += when.toString(QStringLiteral(".zzz"));
    return stringLiteral(formatted + QStringLiteral(" +00:00"));
}

// One literal value of the field's type (also used for list items).
std::optional<QString> literal(const Expression& value, const Field& field, const Enum* enumType)
{
    const QString& type = field.type.name;
    switch (value.kind) {
    case Expression::Kind::Number:
    case Expression::Kind::Boolean:
        return value.text;
    case Expression::Kind::String:
        if (type == QLatin1String("Decimal"))
            return value.text; // @default("2.00"): Prisma writes the number, unquoted
        if (type == QLatin1String("DateTime"))
            return dateTimeLiteral(value.text);
        if (type == QLatin1String("Bytes"))
            return stringLiteral(
                QStringLiteral("\\x") +
                QString::fromLatin1(QByteArray::fromBase64(value.text.toUtf8()).toHex()));
        return stringLiteral(value.text);
    case Expression::Kind::Identifier:
        if (enumType) {
            for (const EnumValue& v : enumType->values)
                if (v.name == value.text)
                    return stringLiteral(mappedName(v.attributes, v.name));
            return stringLiteral(value.text);
        }
        return value.text; // true/false written as identifiers
    default:
        return std::nullopt;
    }
}

} // namespace

QString ColumnType::sql() const
{
    if (serial)
        return element;
    return list ? element + QStringLiteral("[]") : element;
}

QString stringLiteral(const QString& text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\''), QLatin1String("''"));
    return QLatin1Char('\'') + escaped + QLatin1Char('\'');
}

ColumnType columnType(const Field& field, const QString& enumSqlName,
                      std::vector<Warning>& warnings)
{
    ColumnType type;
    type.list = field.type.list;
    const Attribute* native = nativeTypeAttribute(field);
    if (field.type.name == QLatin1String("Unsupported"))
        type.element = field.type.unsupported;
    else if (!enumSqlName.isEmpty())
        type.element = enumSqlName;
    else if (native)
        type.element = nativeType(*native, warnings);
    else
        type.element = scalarType(field.type.name);

    const Attribute* def = defaultAttribute(field);
    if (def &&
        isFunction(argument(*def, QStringLiteral("value"), 0), QStringLiteral("autoincrement"))) {
        // Prisma spells the sequence-backed integer types as serial pseudo-types.
        type.serial = true;
        if (field.type.name == QLatin1String("BigInt"))
            type.element = QStringLiteral("BIGSERIAL");
        else if (type.element == QLatin1String("SMALLINT"))
            type.element = QStringLiteral("SMALLSERIAL");
        else
            type.element = QStringLiteral("SERIAL");
    }
    return type;
}

std::optional<QString> defaultExpression(const Field& field, const ColumnType& type,
                                         const Enum* enumType, std::vector<Warning>& warnings)
{
    const Attribute* def = defaultAttribute(field);
    if (!def || type.serial)
        return std::nullopt;
    const Expression* value = argument(*def, QStringLiteral("value"), 0);
    if (!value)
        return std::nullopt;

    if (value->kind == Expression::Kind::Function) {
        const QString& name = value->text;
        if (name == QLatin1String("now"))
            return QStringLiteral("CURRENT_TIMESTAMP");
        if (name == QLatin1String("dbgenerated")) {
            const Expression* sql = argument(value->arguments, QString(), 0);
            if (!sql || sql->text.isEmpty())
                return std::nullopt; // the database fills it some other way (a trigger)
            return sql->text;
        }
        static const QStringList clientSide = {QStringLiteral("uuid"), QStringLiteral("cuid"),
                                               QStringLiteral("nanoid"), QStringLiteral("ulid"),
                                               QStringLiteral("autoincrement")};
        if (!clientSide.contains(name))
            warnings.push_back(
                {value->location, QStringLiteral("@default(%1()) has no PostgreSQL equivalent; the "
                                                 "column gets no default")
                                      .arg(name)});
        return std::nullopt;
    }

    if (value->kind == Expression::Kind::Array) {
        QStringList items;
        for (const Expression& item : value->items) {
            auto text = literal(item, field, enumType);
            if (!text)
                return std::nullopt;
            items << *text;
        }
        return QStringLiteral("ARRAY[%1]::%2[]")
            .arg(items.join(QStringLiteral(", ")), type.element);
    }
    return literal(*value, field, enumType);
}

} // namespace bellows::source::prisma
