#include "random_values.h"

#include "matrix_types.h"

#include <QDate>

namespace bellows::safety {

namespace {

int uniform(std::mt19937_64& rng, int low, int high)
{
    return std::uniform_int_distribution<int>(low, high)(rng);
}

QString digits(std::mt19937_64& rng, int count, bool leadingNonZero)
{
    QString out;
    for (int i = 0; i < count; ++i)
        out += QChar(u'0' + uniform(rng, (i == 0 && leadingNonZero) ? 1 : 0, 9));
    return out;
}

QString randomInteger(const SqlType& t, std::mt19937_64& rng)
{
    const bool positiveOnly = t.key == QLatin1String("posint");
    const int maxDigits = t.key == QLatin1String("smallint") ? 5
                          : t.key == QLatin1String("bigint") ? 19
                                                             : 10;
    const QString text = digits(rng, uniform(rng, 1, maxDigits), true);
    // Clamp into the type's range through the largest value of that many digits.
    const qint64 limit = t.key == QLatin1String("smallint") ? 32767
                         : t.key == QLatin1String("bigint") ? std::numeric_limits<qint64>::max()
                                                            : 2147483647;
    bool ok = false;
    qint64 v = text.toLongLong(&ok);
    if (!ok || v > limit)
        v = limit - uniform(rng, 0, 1000);
    const bool negative = !positiveOnly && uniform(rng, 0, 2) == 0;
    return QString::number(negative ? -v : v);
}

QString randomNumeric(const SqlType& t, std::mt19937_64& rng)
{
    const int wholeMax = t.precision < 0 ? 25 : t.precision - t.scale;
    const int fractionMax = t.precision < 0 ? 20 : t.scale;
    QString v = digits(rng, uniform(rng, 0, wholeMax), true);
    if (v.isEmpty())
        v = QStringLiteral("0");
    const int fraction = uniform(rng, 0, fractionMax);
    if (fraction > 0)
        v += QLatin1Char('.') + digits(rng, fraction, false);
    return uniform(rng, 0, 2) == 0 ? QLatin1Char('-') + v : v;
}

QString randomFloat(const SqlType& t, std::mt19937_64& rng)
{
    const bool single = t.key == QLatin1String("real");
    if (uniform(rng, 0, 3) == 0)
        return QString::number(uniform(rng, -100000, 100000));
    const int significant = uniform(rng, 1, single ? 9 : 17);
    const int exponent = single ? uniform(rng, -30, 30) : uniform(rng, -300, 300);
    QString mantissa = digits(rng, significant, true);
    if (mantissa.size() > 1)
        mantissa.insert(1, QLatin1Char('.'));
    return (uniform(rng, 0, 2) == 0 ? QStringLiteral("-") : QString()) + mantissa +
           QStringLiteral("e") + QString::number(exponent);
}

QString randomString(const SqlType& t, std::mt19937_64& rng)
{
    static const QString alphabet = QStringLiteral("abcxyz019 ä€'-.:");
    const int maxLength = t.length > 0 ? std::min(t.length, 24) : 24;
    const int minLength = t.family == Family::Domain ? 1 : 0;
    QString s;
    const int length = uniform(rng, minLength, maxLength);
    for (int i = 0; i < length; ++i)
        s += alphabet.at(uniform(rng, 0, int(alphabet.size()) - 1));
    return s;
}

QString randomUuid(std::mt19937_64& rng)
{
    static const char hex[] = "0123456789abcdef";
    QString s;
    for (int i = 0; i < 32; ++i) {
        if (i == 8 || i == 12 || i == 16 || i == 20)
            s += QLatin1Char('-');
        s += QLatin1Char(hex[uniform(rng, 0, 15)]);
    }
    return s;
}

QString randomDate(std::mt19937_64& rng)
{
    if (uniform(rng, 0, 3) == 0)
        return uniform(rng, 0, 1) ? QStringLiteral("2021-03-14") : QStringLiteral("2021-11-07");
    const qint64 first = QDate(1900, 1, 1).toJulianDay();
    const qint64 last = QDate(2100, 12, 31).toJulianDay();
    const QDate d = QDate::fromJulianDay(std::uniform_int_distribution<qint64>(first, last)(rng));
    return d.toString(Qt::ISODate);
}

QString randomTime(std::mt19937_64& rng, bool nearDst)
{
    const int hour = nearDst ? uniform(rng, 0, 3) : uniform(rng, 0, 23);
    QString t = QStringLiteral("%1:%2:%3")
                    .arg(hour, 2, 10, QLatin1Char('0'))
                    .arg(uniform(rng, 0, 59), 2, 10, QLatin1Char('0'))
                    .arg(uniform(rng, 0, 59), 2, 10, QLatin1Char('0'));
    const int fraction = uniform(rng, 0, 5);
    if (fraction >= 4)
        t += QLatin1Char('.') + digits(rng, fraction == 4 ? 3 : 6, false);
    return t;
}

QString randomTimestamp(std::mt19937_64& rng, bool withZone)
{
    const bool nearDst = uniform(rng, 0, 2) == 0;
    QString date =
        nearDst ? (uniform(rng, 0, 1) ? QStringLiteral("2021-03-14") : QStringLiteral("2021-11-07"))
                : randomDate(rng);
    QString v = date + QLatin1Char(' ') + randomTime(rng, nearDst);
    if (withZone) // DST changes of New York happen at 06:00/07:00 UTC
        v = date + QLatin1Char(' ') + randomTime(rng, false) +
            QChar(uniform(rng, 0, 1) ? u'+' : u'-') +
            QStringLiteral("%1").arg(uniform(rng, 0, 12), 2, 10, QLatin1Char('0'));
    return v;
}

QString randomJson(std::mt19937_64& rng)
{
    switch (uniform(rng, 0, 3)) {
    case 0:
        return QStringLiteral("{\"k%1\": %2}").arg(uniform(rng, 0, 9)).arg(uniform(rng, -999, 999));
    case 1:
        return QStringLiteral("[%1, \"s%2\"]").arg(uniform(rng, 0, 99)).arg(uniform(rng, 0, 99));
    case 2:
        return QStringLiteral("%1.%2").arg(uniform(rng, -99, 99)).arg(digits(rng, 3, false));
    default:
        return QStringLiteral("\"%1\"").arg(digits(rng, uniform(rng, 1, 60), false));
    }
}

} // namespace

QString freshRandomValue(const SqlType& type, std::mt19937_64& rng)
{
    switch (type.family) {
    case Family::Integer:
        return randomInteger(type, rng);
    case Family::Numeric:
        return randomNumeric(type, rng);
    case Family::Float:
        return randomFloat(type, rng);
    case Family::String:
        return randomString(type, rng);
    case Family::Domain:
        return type.length > 0 ? randomString(type, rng) : randomInteger(type, rng);
    case Family::Uuid:
        return randomUuid(rng);
    case Family::Date:
        return randomDate(rng);
    case Family::Time:
        return randomTime(rng, false);
    case Family::Timestamp:
        return randomTimestamp(rng, false);
    case Family::TimestampTz:
        return randomTimestamp(rng, true);
    case Family::Interval:
        return QStringLiteral("%1 days %2")
            .arg(uniform(rng, -400, 400))
            .arg(randomTime(rng, false));
    case Family::Boolean:
        return uniform(rng, 0, 1) ? QStringLiteral("true") : QStringLiteral("false");
    case Family::Json:
    case Family::Jsonb:
        return randomJson(rng);
    case Family::Enum: {
        const QStringList labels = enumLabels(type.key);
        return labels.at(uniform(rng, 0, int(labels.size()) - 1));
    }
    }
    return {};
}

} // namespace bellows::safety
