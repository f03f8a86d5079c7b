#include "plan/conversion.h"

#include "plan/sql_builders.h"
#include "sql/quote.h"

#include <QRegularExpression>

namespace bellows::plan {

using sql::quoteIdent;
using sql::quoteLiteral;

namespace {

// "timestamp(3) with time zone" -> "timestamp with time zone"; "numeric(10,2)" -> "numeric".
QString baseName(QString type)
{
    static const QRegularExpression modifier(QStringLiteral("\\([^)]*\\)"));
    type.remove(modifier);
    return type.simplified().toLower();
}

bool isGeometric(const QString& base)
{
    static const QStringList kinds{QStringLiteral("point"), QStringLiteral("line"),
                                   QStringLiteral("lseg"),  QStringLiteral("box"),
                                   QStringLiteral("path"),  QStringLiteral("polygon"),
                                   QStringLiteral("circle")};
    return kinds.contains(base);
}

QString parenthesised(const QString& expression)
{
    return QLatin1Char('(') + expression + QLatin1Char(')');
}

// The three "both values are there" cases of the comparisons below share this shape.
QString castCompare(const QString& a, const QString& b, const QString& type)
{
    return QStringLiteral("%1::%3 IS DISTINCT FROM %2::%3")
        .arg(parenthesised(a), parenthesised(b), type);
}

struct TypeParts {
    QString base; // e.g. "character varying", "timestamp with time zone"
    int precision = -1;
    int scale = -1;
};

TypeParts parseType(const QString& type)
{
    static const QRegularExpression re(
        QStringLiteral("^(.*?)(?:\\((\\d+)(?:,\\s*(\\d+))?\\))?(\\s+with(?:out)? time zone)?$"));
    TypeParts p;
    const auto m = re.match(type.trimmed());
    if (!m.hasMatch()) {
        p.base = type;
        return p;
    }
    p.base = m.captured(1).trimmed() + m.captured(4);
    if (!m.captured(2).isEmpty())
        p.precision = m.captured(2).toInt();
    if (!m.captured(3).isEmpty())
        p.scale = m.captured(3).toInt();
    return p;
}

} // namespace

const catalog::Domain* domainOf(const QString& typeSql,
                                std::initializer_list<const catalog::Catalog*> catalogs)
{
    QString name = typeSql.trimmed();
    if (name.endsWith(QLatin1String("[]")))
        return nullptr;
    const QStringList parts = sql::splitQualifiedName(name);
    for (const catalog::Catalog* c : catalogs) {
        if (!c)
            continue;
        for (const catalog::Domain& d : c->domains) {
            const bool same = parts.size() == 2 ? d.schema == parts.at(0) && d.name == parts.at(1)
                                                : parts.size() == 1 && d.name == parts.at(0);
            if (same)
                return &d;
        }
    }
    return nullptr;
}

QString baseTypeOf(const QString& typeSql, std::initializer_list<const catalog::Catalog*> catalogs)
{
    QString type = typeSql.trimmed();
    QString suffix;
    while (type.endsWith(QLatin1String("[]"))) {
        type.chop(2);
        suffix += QStringLiteral("[]");
    }
    for (int depth = 0; depth < 16; ++depth) {
        const catalog::Domain* d = domainOf(type, catalogs);
        if (!d)
            break;
        type = d->baseType;
    }
    return type + suffix;
}

bool hasLengthLimit(const QString& baseType)
{
    const QString base = baseName(baseType);
    if (base == QLatin1String("character") || base == QLatin1String("bpchar") ||
        base == QLatin1String("bit"))
        return true; // no modifier means (1)
    return (base == QLatin1String("character varying") || base == QLatin1String("varchar") ||
            base == QLatin1String("bit varying")) &&
           baseType.contains(QLatin1Char('('));
}

bool isBinaryCoercible(const QString& from, const QString& to)
{
    const TypeParts a = parseType(from);
    const TypeParts b = parseType(to);
    const QString varchar = QStringLiteral("character varying");
    if (a.base == b.base) {
        if (a.base == varchar || a.base == QLatin1String("bit varying") ||
            a.base.startsWith(QLatin1String("timestamp")) ||
            a.base.startsWith(QLatin1String("time ")) || a.base == QLatin1String("time") ||
            a.base == QLatin1String("interval"))
            return b.precision < 0 || (a.precision >= 0 && b.precision >= a.precision);
        if (a.base == QLatin1String("numeric"))
            return b.precision < 0 ||
                   (a.precision >= 0 && b.scale == a.scale && b.precision >= a.precision);
        return false;
    }
    if (a.base == varchar && b.base == QLatin1String("text"))
        return true;
    if (a.base == QLatin1String("text") && b.base == varchar && b.precision < 0)
        return true;
    return a.base == QLatin1String("cidr") && b.base == QLatin1String("inet");
}

bool convertsExactly(const QString& from, const QString& to)
{
    if (from == to || isBinaryCoercible(from, to))
        return true;
    static const QStringList integers{QStringLiteral("smallint"), QStringLiteral("integer"),
                                      QStringLiteral("bigint")};
    const qsizetype a = integers.indexOf(from);
    return a >= 0 && (integers.indexOf(to) >= a || to == QLatin1String("numeric"));
}

TypeTraits typeTraits(const QString& formattedType)
{
    TypeTraits t;
    QString base = baseName(formattedType);
    while (base.endsWith(QLatin1String("[]"))) {
        t.array = true;
        base.chop(2);
        base = base.trimmed();
    }
    t.string = base == QLatin1String("text") || base == QLatin1String("character varying") ||
               base == QLatin1String("character") || base == QLatin1String("varchar") ||
               base == QLatin1String("bpchar") || base == QLatin1String("name") ||
               base == QLatin1String("citext");
    t.timeZoneAware = base == QLatin1String("timestamp with time zone") ||
                      base == QLatin1String("time with time zone") ||
                      base == QLatin1String("timestamptz") || base == QLatin1String("timetz");
    t.dateTime = t.timeZoneAware || base == QLatin1String("date") ||
                 base == QLatin1String("timestamp without time zone") ||
                 base == QLatin1String("time without time zone") ||
                 base == QLatin1String("timestamp") || base == QLatin1String("time");
    t.interval = base.startsWith(QLatin1String("interval"));
    t.floating = base == QLatin1String("real") || base == QLatin1String("double precision");
    t.bytea = base == QLatin1String("bytea");
    t.json = base == QLatin1String("json");
    t.textIdentity = t.floating || t.json || base == QLatin1String("numeric") ||
                     base == QLatin1String("xml") || isGeometric(base);
    return t;
}

bool dependsOnTimeZone(const QString& fromType, const QString& toType)
{
    const TypeTraits from = typeTraits(fromType);
    const TypeTraits to = typeTraits(toType);
    return from.timeZoneAware != to.timeZoneAware && (from.dateTime || from.string) &&
           (to.dateTime || to.string);
}

QStringList conversionSettings(const QString& fromType, const QString& toType,
                               const QString& timeZone)
{
    const TypeTraits from = typeTraits(fromType);
    const TypeTraits to = typeTraits(toType);
    const bool viaText = from.string != to.string;
    QStringList out;
    if (!timeZone.isEmpty() && dependsOnTimeZone(fromType, toType))
        out << QStringLiteral("TimeZone = %1").arg(quoteLiteral(timeZone));
    if (viaText && (from.dateTime || to.dateTime))
        out << QStringLiteral("DateStyle = 'ISO, MDY'");
    if (viaText && (from.interval || to.interval))
        out << QStringLiteral("IntervalStyle = 'postgres'");
    if (viaText && (from.floating || to.floating))
        out << QStringLiteral("extra_float_digits = 1");
    if (viaText && (from.bytea || to.bytea))
        out << QStringLiteral("bytea_output = 'hex'");
    return out;
}

QString distinctExact(const QString& a, const QString& b, const QString& type)
{
    if (typeTraits(type).textIdentity)
        return castCompare(a, b, QStringLiteral("text"));
    return QStringLiteral("%1 IS DISTINCT FROM %2").arg(a, b);
}

QString distinctByValue(const QString& a, const QString& b, const QString& type)
{
    const TypeTraits t = typeTraits(type);
    if (t.json)
        return castCompare(a, b, t.array ? QStringLiteral("jsonb[]") : QStringLiteral("jsonb"));
    if (t.textIdentity && !t.floating && baseName(type) != QLatin1String("numeric"))
        return castCompare(a, b, QStringLiteral("text"));
    return QStringLiteral("%1 IS DISTINCT FROM %2").arg(a, b);
}

namespace {

bool isIntegerType(const QString& type)
{
    return type == QLatin1String("smallint") || type == QLatin1String("integer") ||
           type == QLatin1String("bigint");
}

} // namespace

Conversion::Conversion(ConversionSpec spec) : m_spec(std::move(spec))
{
    m_identity = m_spec.fromType == m_spec.toType && usingExpression().isEmpty();
    // Between integer types a cast either keeps the value or raises (out of range): nothing to
    // guard, and the hot path of int → bigint keys stays free of function calls.
    m_inline = !m_identity && usingExpression().isEmpty() && isIntegerType(m_spec.fromType) &&
               isIntegerType(m_spec.toType); // not domains: their checks need the function
    const QString prefix = QStringLiteral("bellows_conv_");
    const QStringList parts{m_spec.table, m_spec.newColumn};
    m_forwardName = sqlb::compositeName(prefix, parts, QStringLiteral("_fwd"));
    m_reverseName = sqlb::compositeName(prefix, parts, QStringLiteral("_rev"));
}

QString Conversion::qualified(const QString& name) const
{
    return sql::qualified(m_spec.schema, name);
}

QString Conversion::forward(const QString& oldValue) const
{
    if (m_identity)
        return oldValue;
    if (m_inline)
        return parenthesised(oldValue) + QStringLiteral("::") + m_spec.toType;
    return qualified(m_forwardName) + parenthesised(oldValue);
}

QString Conversion::reverse(const QString& newValue) const
{
    if (m_identity)
        return newValue;
    if (m_inline)
        return parenthesised(newValue) + QStringLiteral("::") + m_spec.fromType;
    return qualified(m_reverseName) + parenthesised(newValue);
}

QString Conversion::functionSql(bool forwardDirection) const
{
    const QString from = forwardDirection ? m_spec.fromType : m_spec.toType;
    const QString to = forwardDirection ? m_spec.toType : m_spec.fromType;
    const QString fromBaseType = forwardDirection ? fromBase() : toBase();
    const QString column = sqlb::rel(m_spec.schema, m_spec.table) + QLatin1Char('.') +
                           quoteIdent(forwardDirection ? m_spec.newColumn : m_spec.oldColumn);
    // A --using expression names the old column, as in ALTER … TYPE … USING: the parameter
    // carries that name.
    const QString parameter =
        forwardDirection ? quoteIdent(m_spec.oldColumn) : QStringLiteral("bellows_value");
    const QString expression = forwardDirection && !usingExpression().isEmpty()
                                   ? parenthesised(usingExpression())
                                   : parameter;
    // The lossless test: the value converted back must equal the original. Skipped when the
    // user accepted the loss or wrote the conversion (--using) on purpose.
    const bool guard = !(forwardDirection && (acceptsLoss() || !usingExpression().isEmpty()));
    QString body = QStringLiteral("DECLARE\n    bellows_result %1;\nBEGIN\n"
                                  "    bellows_result := %2;\n")
                       .arg(to, expression);
    if (guard) {
        body += QStringLiteral(
                    "    IF %1 THEN\n"
                    "        RAISE EXCEPTION USING ERRCODE = 'data_exception',\n"
                    "            MESSAGE = format('bellows: %2 cannot hold %s without changing "
                    "it (it would become %s)', left(%3::text, 200), left(bellows_result::text, "
                    "200)),\n"
                    "            HINT = %4;\n"
                    "    END IF;\n")
                    .arg(distinctByValue(QStringLiteral("bellows_result::") + throughText() + from,
                                         parameter, fromBaseType),
                         QString(column)
                             .replace(QLatin1Char('\''), QStringLiteral("''"))
                             .replace(QLatin1Char('%'), QStringLiteral("%%")),
                         parameter,
                         quoteLiteral(QStringLiteral("the value does not fit %1; fix the row, or "
                                                     "plan again with --accept-lossy or --using")
                                          .arg(to)));
    }
    body += QStringLiteral("    RETURN bellows_result;\nEND\n");

    QString settings;
    for (const QString& s : conversionSettings(fromBase(), toBase(), timeZone()))
        settings += QStringLiteral("\n    SET ") + s;
    // A --using expression may map NULL to a value (coalesce), as ALTER … USING would.
    const bool strict = !forwardDirection || usingExpression().isEmpty();
    return QStringLiteral("CREATE FUNCTION %1(%2 %3) RETURNS %4 LANGUAGE plpgsql IMMUTABLE%5%6\n"
                          "AS %7;")
        .arg(qualified(forwardDirection ? m_forwardName : m_reverseName), parameter, from, to,
             strict ? QStringLiteral(" STRICT") : QString(), settings, sqlb::dollarQuoted(body));
}

QStringList Conversion::createSql() const
{
    if (m_identity || m_inline)
        return {};
    QStringList out{functionSql(true)};
    if (hasReverse())
        out << functionSql(false);
    return out;
}

QStringList Conversion::dropSql() const
{
    if (m_identity || m_inline)
        return {};
    QStringList out;
    if (hasReverse())
        out << QStringLiteral("DROP FUNCTION IF EXISTS %1(%2);")
                   .arg(qualified(m_reverseName), m_spec.toType);
    out << QStringLiteral("DROP FUNCTION IF EXISTS %1(%2);")
               .arg(qualified(m_forwardName), m_spec.fromType);
    return out;
}

QString Conversion::writeRule() const
{
    if (m_identity)
        return {};
    QString rule = acceptsLoss()
                       ? QStringLiteral("values are converted to %1 as ALTER … TYPE would (the "
                                        "loss was accepted)")
                             .arg(m_spec.toType)
                       : QStringLiteral("a write whose value %1 cannot hold unchanged fails with "
                                        "an error (SQLSTATE 22000) instead of being altered")
                             .arg(m_spec.toType);
    if (!timeZone().isEmpty() && dependsOnTimeZone(fromBase(), toBase()))
        rule += QStringLiteral("; times are converted in the time zone %1, whatever the writing "
                               "session's TimeZone")
                    .arg(timeZone());
    return rule;
}

} // namespace bellows::plan
