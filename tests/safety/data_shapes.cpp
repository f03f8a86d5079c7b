#include "data_shapes.h"

#include "random_values.h"

#include <QCryptographicHash>

#include <algorithm>
#include <random>

namespace bellows::safety {

namespace {

int serverMajor = 15;

// The values of one type, by shape (Random draws from all of them and from fresh values).
struct Pools {
    QStringList typical, boundary, unfit, lossy, unparsable, special, dst;
};

QStringList filtered(const QStringList& candidates, const std::function<bool(const QString&)>& keep)
{
    QStringList out;
    for (const QString& c : candidates)
        if (keep(c) && !out.contains(c))
            out << c;
    return out;
}

// ---- integers ----------------------------------------------------------------------------

struct IntRange {
    qint64 min;
    qint64 max;
};

IntRange intRange(const SqlType& t)
{
    if (t.key == QLatin1String("smallint"))
        return {-32768, 32767};
    if (t.key == QLatin1String("bigint"))
        return {std::numeric_limits<qint64>::min(), std::numeric_limits<qint64>::max()};
    if (t.key == QLatin1String("posint"))
        return {1, 2147483647};
    return {-2147483648LL, 2147483647};
}

Pools integerPools(const SqlType& t)
{
    const IntRange r = intRange(t);
    const auto inRange = [r](const QString& v) {
        bool ok = false;
        const qint64 n = v.toLongLong(&ok);
        return ok && n >= r.min && n <= r.max;
    };
    Pools p;
    p.typical = filtered({QStringLiteral("0"), QStringLiteral("1"), QStringLiteral("-1"),
                          QStringLiteral("42"), QStringLiteral("1000")},
                         inRange);
    p.boundary = filtered({QString::number(r.min), QString::number(r.max),
                           QString::number(r.min + 1), QString::number(r.max - 1)},
                          inRange);
    p.unfit =
        filtered({QStringLiteral("12345"), QStringLiteral("-12345"), QStringLiteral("40000"),
                  QStringLiteral("100000"), QStringLiteral("10000000"), QStringLiteral("123456789"),
                  QStringLiteral("2147483648"), QStringLiteral("3000000000"),
                  QStringLiteral("-3000000000"), QStringLiteral("12345678901")},
                 inRange);
    p.lossy = filtered({QStringLiteral("16777217"), QStringLiteral("-16777217"),
                        QStringLiteral("9007199254740993"), QStringLiteral("123456789012345678")},
                       inRange);
    return p;
}

// ---- numeric -----------------------------------------------------------------------------

// Whether `v` (plain decimal notation) is stored unchanged by numeric(p,s).
bool fitsNumeric(const QString& v, const SqlType& t)
{
    if (t.precision < 0)
        return true;
    QString digits = v;
    digits.remove(QLatin1Char('-'));
    const qsizetype dot = digits.indexOf(QLatin1Char('.'));
    QString whole = dot < 0 ? digits : digits.left(dot);
    QString fraction = dot < 0 ? QString() : digits.mid(dot + 1);
    while (whole.startsWith(QLatin1Char('0')))
        whole.remove(0, 1);
    while (fraction.endsWith(QLatin1Char('0')))
        fraction.chop(1);
    return whole.size() <= t.precision - t.scale && fraction.size() <= t.scale;
}

QString nines(int whole, int fraction)
{
    QString v = whole > 0 ? QString(whole, QLatin1Char('9')) : QStringLiteral("0");
    if (fraction > 0)
        v += QLatin1Char('.') + QString(fraction, QLatin1Char('9'));
    return v;
}

Pools numericPools(const SqlType& t)
{
    const auto fits = [&t](const QString& v) { return fitsNumeric(v, t); };
    Pools p;
    p.typical = filtered({QStringLiteral("0"), QStringLiteral("1"), QStringLiteral("-1"),
                          QStringLiteral("42"), QStringLiteral("3.5"), QStringLiteral("0.125")},
                         fits);
    if (t.precision > 0) {
        const QString max = nines(t.precision - t.scale, t.scale);
        p.boundary << max << QLatin1Char('-') + max;
        if (t.scale > 0)
            p.boundary << QStringLiteral("0.") + QString(t.scale - 1, QLatin1Char('0')) +
                              QLatin1Char('1');
    } else {
        p.boundary << QStringLiteral("123456789012345678901234567890.1234567890")
                   << QStringLiteral("-99999999999999999999999999999999999999")
                   << QStringLiteral("0.000000000000000000000000000001");
    }
    p.unfit = filtered({QStringLiteral("40000"), QStringLiteral("-40000"), QStringLiteral("100000"),
                        QStringLiteral("10000000"), QStringLiteral("2147483648"),
                        QStringLiteral("3000000000"), QStringLiteral("12345678901"),
                        QStringLiteral("9999999999.99"), QStringLiteral("99999.5"),
                        QStringLiteral("1e20")},
                       [&](const QString& v) {
                           return !v.contains(QLatin1Char('e')) ? fits(v) : t.precision < 0;
                       });
    p.lossy = filtered({QStringLiteral("1.5"), QStringLiteral("2.5"), QStringLiteral("-2.5"),
                        QStringLiteral("1.005"), QStringLiteral("1.2345"), QStringLiteral("0.1"),
                        QStringLiteral("1.0000001"), QStringLiteral("123456.789"),
                        QStringLiteral("0.12345678901234567890"),
                        QStringLiteral("3.14159265358979323846")},
                       fits);
    p.special << QStringLiteral("NaN");
    if (t.precision < 0 && serverMajor >= 14) // numeric holds no infinity before 14
        p.special << QStringLiteral("Infinity") << QStringLiteral("-Infinity");
    return p;
}

// ---- floating point ----------------------------------------------------------------------

Pools floatPools(const SqlType& t)
{
    const bool single = t.key == QLatin1String("real");
    Pools p;
    p.typical = {QStringLiteral("0"), QStringLiteral("1"), QStringLiteral("-1"),
                 QStringLiteral("42"), QStringLiteral("1000")};
    p.boundary =
        single ? QStringList{QStringLiteral("3.4028235e+38"), QStringLiteral("-3.4028235e+38"),
                             QStringLiteral("1.1754944e-38"), QStringLiteral("1e-45")}
               : QStringList{QStringLiteral("1.7976931348623157e+308"),
                             QStringLiteral("-1.7976931348623157e+308"),
                             QStringLiteral("2.2250738585072014e-308"), QStringLiteral("5e-324")};
    p.unfit = {QStringLiteral("40000"), QStringLiteral("3000000000"), QStringLiteral("1e10"),
               QStringLiteral("1e20"),  QStringLiteral("-1e20"),      QStringLiteral("123456789")};
    p.lossy = {QStringLiteral("0.1"),
               QStringLiteral("1.5"),
               QStringLiteral("2.5"),
               QStringLiteral("-2.5"),
               QStringLiteral("-0"),
               QStringLiteral("16777217"),
               QStringLiteral("0.30000000000000004"),
               QStringLiteral("1.0000001")};
    p.special = {QStringLiteral("NaN"), QStringLiteral("Infinity"), QStringLiteral("-Infinity")};
    return p;
}

// ---- strings -----------------------------------------------------------------------------

Pools stringPools(const SqlType& t)
{
    const int n = t.length;
    const bool domain = t.family == Family::Domain; // tag: not empty
    const auto fits = [n, domain](const QString& v) {
        return (n < 0 || v.size() <= n) && !(domain && v.isEmpty());
    };
    const QString alphabet = QStringLiteral("abcdefghijklmnopqrstuvwxyz");
    const auto run = [&](int length) {
        QString s;
        for (int i = 0; i < length; ++i)
            s += alphabet.at(i % alphabet.size());
        return s;
    };
    Pools p;
    p.typical = filtered({QStringLiteral("hello"), QStringLiteral("42"), QStringLiteral("true"),
                          QStringLiteral("a b"), QString(), QStringLiteral("x")},
                         fits);
    p.boundary = filtered({run(n > 0 ? n : 2000), QStringLiteral("äöü€𝄞"),
                           QStringLiteral("O'Br\\n \"q\""), QStringLiteral("  ")},
                          fits);
    p.unfit = filtered({run(9), run(11), run(30), run(45), run(60)}, fits);
    p.lossy = filtered({QStringLiteral("abc  "), run(8) + QStringLiteral("  "),
                        run(10) + QStringLiteral("   "), QStringLiteral(" lead"),
                        QStringLiteral("tab\t"), run(40) + QStringLiteral("  ")},
                       fits);
    p.unparsable = filtered(
        {QStringLiteral("abc"), QStringLiteral("12abc"), QStringLiteral("1e400"),
         QStringLiteral("2021-02-30"), QStringLiteral("maybe"), QStringLiteral("{bad"),
         QStringLiteral("0x1F"), QStringLiteral(" "), QStringLiteral("1,5"), QStringLiteral("N/A")},
        fits);
    p.special = filtered({QStringLiteral("NaN"), QStringLiteral("Infinity"),
                          QStringLiteral("-infinity"), QStringLiteral("null")},
                         fits);
    p.dst = filtered({QStringLiteral("2021-03-14 02:30:00"), QStringLiteral("2021-11-07 01:30:00"),
                      QStringLiteral("2021-11-07 01:30:00-04"), QStringLiteral("2021-03-14"),
                      QStringLiteral("01:30")},
                     fits);
    return p;
}

// ---- the rest ----------------------------------------------------------------------------

Pools timePools(const SqlType& t)
{
    Pools p;
    switch (t.family) {
    case Family::Date:
        p.typical = {QStringLiteral("2024-02-29"), QStringLiteral("2000-01-01"),
                     QStringLiteral("1999-12-31")};
        p.boundary = {QStringLiteral("4713-01-01 BC"), QStringLiteral("0001-01-01"),
                      QStringLiteral("294276-12-30")};
        p.unfit = {QStringLiteral("5874897-12-31"), QStringLiteral("300000-01-01")};
        p.special = {QStringLiteral("infinity"), QStringLiteral("-infinity")};
        p.dst = {QStringLiteral("2021-03-14"), QStringLiteral("2021-11-07")};
        break;
    case Family::Timestamp:
        p.typical = {QStringLiteral("2024-02-29 12:34:56"), QStringLiteral("2000-01-01 00:00:00")};
        p.boundary = {QStringLiteral("4713-01-01 00:00:00 BC"),
                      QStringLiteral("294276-12-31 23:59:59.999999")};
        p.unfit = {QStringLiteral("294276-12-31 20:00:00"),
                   QStringLiteral("4714-11-24 00:00:00 BC")};
        p.lossy = {QStringLiteral("2024-01-01 12:00:00.123456"),
                   QStringLiteral("2024-06-30 23:59:59.5")};
        p.special = {QStringLiteral("infinity"), QStringLiteral("-infinity")};
        p.dst = {QStringLiteral("2021-03-14 01:59:59"), QStringLiteral("2021-03-14 02:00:00"),
                 QStringLiteral("2021-03-14 02:30:00"), QStringLiteral("2021-03-14 03:00:00"),
                 QStringLiteral("2021-11-07 00:59:59"), QStringLiteral("2021-11-07 01:00:00"),
                 QStringLiteral("2021-11-07 01:30:00"), QStringLiteral("2021-11-07 02:00:00")};
        break;
    case Family::TimestampTz:
        p.typical = {QStringLiteral("2024-02-29 12:34:56+00"),
                     QStringLiteral("2000-01-01 05:00:00+00")};
        p.boundary = {QStringLiteral("4714-11-24 00:00:00+00 BC"),
                      QStringLiteral("294276-12-31 23:59:59+00")};
        p.unfit = {QStringLiteral("294276-12-31 23:00:00+00"),
                   QStringLiteral("4714-11-24 03:00:00+00 BC")};
        p.lossy = {QStringLiteral("2024-01-01 12:00:00.123456+00"),
                   QStringLiteral("2024-06-30 23:59:59.5+02")};
        p.special = {QStringLiteral("infinity"), QStringLiteral("-infinity")};
        p.dst = {QStringLiteral("2021-03-14 06:59:59+00"), QStringLiteral("2021-03-14 07:00:00+00"),
                 QStringLiteral("2021-03-14 07:30:00+00"), QStringLiteral("2021-11-07 05:00:00+00"),
                 QStringLiteral("2021-11-07 05:30:00+00"), QStringLiteral("2021-11-07 06:30:00+00"),
                 QStringLiteral("2021-11-07 07:00:00+00")};
        break;
    case Family::Time:
        p.typical = {QStringLiteral("12:34:56"), QStringLiteral("00:00:00")};
        p.boundary = {QStringLiteral("24:00:00"), QStringLiteral("23:59:59.999999")};
        p.lossy = {QStringLiteral("12:34:56.789")};
        p.dst = {QStringLiteral("02:30:00"), QStringLiteral("01:30:00")};
        break;
    case Family::Interval:
        p.typical = {QStringLiteral("1 day"), QStringLiteral("02:00:00"), QStringLiteral("1 mon")};
        p.boundary = {QStringLiteral("178000000 years"), QStringLiteral("-178000000 years")};
        p.unfit = {QStringLiteral("1 year"), QStringLiteral("25:00:00")};
        p.lossy = {QStringLiteral("1 day 02:03:04.5"), QStringLiteral("00:00:00.000001")};
        break;
    default:
        break;
    }
    return p;
}

Pools otherPools(const SqlType& t)
{
    Pools p;
    switch (t.family) {
    case Family::Uuid:
        p.typical = {QStringLiteral("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
                     QStringLiteral("123e4567-e89b-12d3-a456-426614174000")};
        p.boundary = {QStringLiteral("00000000-0000-0000-0000-000000000000"),
                      QStringLiteral("ffffffff-ffff-ffff-ffff-ffffffffffff")};
        break;
    case Family::Boolean:
        p.typical = {QStringLiteral("true"), QStringLiteral("false")};
        break;
    case Family::Json:
    case Family::Jsonb:
        p.typical = {QStringLiteral("{\"a\": 1}"), QStringLiteral("[1, 2]"),
                     QStringLiteral("\"x\""),      QStringLiteral("1"),
                     QStringLiteral("true"),       QStringLiteral("null")};
        p.boundary = {QStringLiteral("{\"k\": \"") + QString(38, QLatin1Char('y')) +
                          QStringLiteral("\"}"),
                      QStringLiteral("[[[[[[[[[[1]]]]]]]]]]")};
        p.unfit = {QStringLiteral("{\"long\": \"") + QString(60, QLatin1Char('z')) +
                   QStringLiteral("\"}")};
        p.lossy = {QStringLiteral("{\"b\":1,   \"a\":2}"), QStringLiteral("{\"a\":1,\"a\":2}"),
                   QStringLiteral("1.50")};
        p.special = {QStringLiteral("1e400"), QStringLiteral("\"NaN\"")};
        break;
    case Family::Enum:
        p.typical = enumLabels(t.key).mid(0, 3);
        p.unfit = enumLabels(t.key).mid(3);
        break;
    default:
        break;
    }
    return p;
}

Pools poolsFor(const SqlType& t)
{
    switch (t.family) {
    case Family::Integer:
        return integerPools(t);
    case Family::Numeric:
        return numericPools(t);
    case Family::Float:
        return floatPools(t);
    case Family::String:
        return stringPools(t);
    case Family::Domain:
        return t.length > 0 ? stringPools(t) : integerPools(t);
    case Family::Date:
    case Family::Time:
    case Family::Timestamp:
    case Family::TimestampTz:
    case Family::Interval:
        return timePools(t);
    default:
        return otherPools(t);
    }
}

const QStringList& pool(const Pools& p, Shape shape)
{
    switch (shape) {
    case Shape::Boundary:
        return p.boundary;
    case Shape::Unfit:
        return p.unfit;
    case Shape::Lossy:
        return p.lossy;
    case Shape::Unparsable:
        return p.unparsable;
    case Shape::Special:
        return p.special;
    case Shape::Dst:
        return p.dst;
    default:
        return p.typical;
    }
}

} // namespace

std::vector<ShapeSpec> matrixShapes(bool full)
{
    std::vector<ShapeSpec> out{
        {QStringLiteral("empty"), Shape::Empty},
        {QStringLiteral("nulls"), Shape::Nulls},
        {QStringLiteral("typical"), Shape::Typical},
        {QStringLiteral("boundary"), Shape::Boundary},
        {QStringLiteral("unfit"), Shape::Unfit},
        {QStringLiteral("lossy"), Shape::Lossy},
        {QStringLiteral("unparsable"), Shape::Unparsable},
        {QStringLiteral("special"), Shape::Special},
        {QStringLiteral("dst"), Shape::Dst},
    };
    const int rounds = full ? 6 : 1;
    for (int i = 1; i <= rounds; ++i)
        out.push_back({QStringLiteral("random_%1").arg(i), Shape::Random, i, full ? 24 : 8});
    return out;
}

void setServerMajor(int major)
{
    serverMajor = major;
}

std::optional<std::vector<Value>> shapeValues(const SqlType& type, const ShapeSpec& shape,
                                              quint64 seed)
{
    if (shape.shape == Shape::Empty)
        return std::vector<Value>{};
    if (shape.shape == Shape::Nulls)
        return std::vector<Value>(3, std::nullopt);
    const Pools pools = poolsFor(type);
    std::vector<Value> out;
    if (shape.shape != Shape::Random) {
        const QStringList& values = pool(pools, shape.shape);
        if (values.isEmpty())
            return std::nullopt;
        out.assign(values.begin(), values.end());
        out.push_back(std::nullopt);
        return out;
    }
    // Every round and type has its own stream, so adding a type changes no other's values.
    const QByteArray salt =
        QStringLiteral("%1/%2/%3").arg(seed).arg(shape.round).arg(type.key).toUtf8();
    const QByteArray digest = QCryptographicHash::hash(salt, QCryptographicHash::Sha256);
    quint64 streamSeed = 0;
    for (int i = 0; i < 8; ++i)
        streamSeed = (streamSeed << 8) | quint8(digest.at(i));
    std::mt19937_64 rng(streamSeed);
    QStringList known;
    for (Shape s : {Shape::Typical, Shape::Boundary, Shape::Unfit, Shape::Lossy, Shape::Unparsable,
                    Shape::Special, Shape::Dst})
        known << pool(pools, s);
    std::uniform_int_distribution<int> dice(0, 99);
    for (int i = 0; i < shape.randomValues; ++i) {
        const int roll = dice(rng);
        if (roll < 10) {
            out.push_back(std::nullopt);
        } else if (roll < 45 && !known.isEmpty()) {
            std::uniform_int_distribution<qsizetype> pick(0, known.size() - 1);
            out.push_back(known.at(pick(rng)));
        } else {
            out.push_back(freshRandomValue(type, rng));
        }
    }
    return out;
}

} // namespace bellows::safety
