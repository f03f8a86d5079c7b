#include "writer_tables.h"

#include "sql/quote.h"

namespace bellows::safety {

using sql::quoteIdent;

std::vector<WriterTable> writerTables()
{
    const QString raw = QStringLiteral("$3");
    return {
        {QStringLiteral("w_ts"), QStringLiteral("timestamp"), QStringLiteral("timestamptz"), false,
         false,
         QStringLiteral("to_char($3::timestamptz AT TIME ZONE 'UTC', "
                        "'YYYY-MM-DD HH24:MI:SS.US') || '+00'")},
        {QStringLiteral("w_int"), QStringLiteral("integer"), QStringLiteral("bigint"), false, true,
         raw},
        {QStringLiteral("w_str"), QStringLiteral("varchar(50)"), QStringLiteral("varchar(20)"),
         false, false, raw},
        {QStringLiteral("w_num"), QStringLiteral("numeric(10,3)"), QStringLiteral("numeric(10,2)"),
         true, true, raw},
    };
}

namespace {

const char kAudit[] = "CREATE TABLE audit (\n"
                      "    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
                      "    tbl text NOT NULL,\n"
                      "    row_id bigint NOT NULL,\n"
                      "    app text NOT NULL,\n"
                      "    op text NOT NULL,\n"
                      "    value text\n"
                      ");\n";

QString seedExpression(const WriterTable& t)
{
    const QString table = t.name;
    if (t.notNull)
        return table == QLatin1String("w_int")
                   ? QStringLiteral("(g * 7919) % 2000000000 - 1000000000")
                   : QStringLiteral("(g * 1.237)::numeric(10,3)");
    // Seed values all convert (the plan must accept them); a few are NULL.
    if (table == QLatin1String("w_ts")) // skips the DST gap of New York: those would change
        return QStringLiteral(
            "CASE WHEN g % 17 = 0 THEN NULL ELSE (SELECT CASE WHEN (t AT TIME ZONE "
            "'America/New_York') AT TIME ZONE 'America/New_York' = t THEN t END FROM (SELECT "
            "timestamp '2021-03-10' + g * interval '7 minutes 3 seconds' AS t) s) END");
    if (table == QLatin1String("w_int"))
        return QStringLiteral("CASE WHEN g % 17 = 0 THEN NULL ELSE (g * 7919) % 2000000000 - "
                              "1000000000 END");
    if (table == QLatin1String("w_str"))
        return QStringLiteral("CASE WHEN g % 17 = 0 THEN NULL ELSE 'seed ' || g END");
    return QStringLiteral("CASE WHEN g % 17 = 0 THEN NULL ELSE (g * 1.237)::numeric(10,3) END");
}

QString tablesSql(bool after)
{
    QString out;
    for (const WriterTable& t : writerTables())
        out += QStringLiteral("CREATE TABLE %1 (\n    id bigint PRIMARY KEY,\n    v %2%3\n);\n")
                   .arg(quoteIdent(t.name), after ? t.newType : t.oldType,
                        t.notNull ? QStringLiteral(" NOT NULL") : QString());
    return out + QString::fromLatin1(kAudit);
}

QString fitsFunction(const WriterTable& t, bool fromOld)
{
    const QString from = fromOld ? t.oldType : t.newType;
    const QString to = fromOld ? t.newType : t.oldType;
    const QString check = fromOld && t.lossy
                              ? QStringLiteral("true")
                              : QStringLiteral("NOT (r::%1 IS DISTINCT FROM v)").arg(from);
    return QStringLiteral("CREATE FUNCTION %1(v %2) RETURNS boolean LANGUAGE plpgsql\n"
                          "    SET TimeZone = 'America/New_York' SET DateStyle = 'ISO, MDY'\n"
                          "AS $f$\nDECLARE\n    r %3;\nBEGIN\n    r := v;\n    RETURN %4;\n"
                          "EXCEPTION WHEN others THEN\n    RETURN false;\nEND\n$f$;\n")
        .arg(quoteIdent(QStringLiteral("fits_%1_%2")
                            .arg(t.name, fromOld ? QStringLiteral("old") : QStringLiteral("new"))),
             from, to, check);
}

int uniform(std::mt19937_64& rng, int low, int high)
{
    return std::uniform_int_distribution<int>(low, high)(rng);
}

QString twoDigits(int n)
{
    return QStringLiteral("%1").arg(n, 2, 10, QLatin1Char('0'));
}

// Local times of New York: often within the hours around its DST changes (the gap of
// 2021-03-14 02:00-03:00 does not fit timestamptz unchanged).
QString localTime(std::mt19937_64& rng)
{
    if (uniform(rng, 0, 1) == 0)
        return QStringLiteral("2021-%1-%2 %3:%4:%5")
            .arg(twoDigits(uniform(rng, 1, 12)), twoDigits(uniform(rng, 1, 28)),
                 twoDigits(uniform(rng, 0, 23)), twoDigits(uniform(rng, 0, 59)),
                 twoDigits(uniform(rng, 0, 59)));
    return QStringLiteral("%1 0%2:%3:%4")
        .arg(uniform(rng, 0, 1) ? QStringLiteral("2021-03-14") : QStringLiteral("2021-11-07"))
        .arg(uniform(rng, 0, 3))
        .arg(twoDigits(uniform(rng, 0, 59)), twoDigits(uniform(rng, 0, 59)));
}

// Instants: around the changes (05:00-08:00 UTC), with an explicit offset or in the writer's
// own session zone.
QString instant(std::mt19937_64& rng)
{
    if (uniform(rng, 0, 2) == 0)
        return localTime(rng); // read in the writer's TimeZone
    return QStringLiteral("%1 0%2:%3:%4+00")
        .arg(uniform(rng, 0, 1) ? QStringLiteral("2021-03-14") : QStringLiteral("2021-11-07"))
        .arg(uniform(rng, 5, 7))
        .arg(twoDigits(uniform(rng, 0, 59)), twoDigits(uniform(rng, 0, 59)));
}

QString randomText(std::mt19937_64& rng, int maxLength)
{
    static const QString alphabet = QStringLiteral("abcxyz 019ä€-");
    QString s = QStringLiteral("");
    const int length = uniform(rng, 0, maxLength);
    for (int i = 0; i < length; ++i)
        s += alphabet.at(uniform(rng, 0, int(alphabet.size()) - 1));
    // Four trailing spaces: past 20 characters for the old app (varchar(20) would cut them, a
    // change), exactly 20 for the new one.
    if (uniform(rng, 0, 9) == 0)
        s = s.left(std::min(18, maxLength - 4)) + QStringLiteral("    ");
    return s;
}

QString randomDecimal(std::mt19937_64& rng, int wholeDigits, int scale)
{
    QString whole = QString::number(uniform(rng, 0, 9));
    for (int i = 1; i < wholeDigits; ++i)
        whole += QChar(u'0' + uniform(rng, 0, 9));
    QString fraction;
    for (int i = 0; i < scale; ++i)
        fraction += QChar(u'0' + uniform(rng, 0, 9));
    return (uniform(rng, 0, 3) == 0 ? QStringLiteral("-") : QString()) + whole + QLatin1Char('.') +
           fraction;
}

} // namespace

QString writersBeforeSql(int seedRows)
{
    QString out = tablesSql(false);
    for (const WriterTable& t : writerTables())
        out +=
            QStringLiteral("INSERT INTO %1 (id, v) SELECT g, %2 FROM generate_series(1, %3) g;\n")
                .arg(quoteIdent(t.name), seedExpression(t))
                .arg(seedRows);
    return out;
}

QString writersAfterSql()
{
    return tablesSql(true);
}

QString fitsFunctionsSql()
{
    QString out;
    for (const WriterTable& t : writerTables())
        out += fitsFunction(t, true) + fitsFunction(t, false);
    return out;
}

QString writerValue(const WriterTable& table, bool newApp, std::mt19937_64& rng)
{
    if (table.name == QLatin1String("w_ts"))
        return newApp ? instant(rng) : localTime(rng);
    if (table.name == QLatin1String("w_int")) {
        if (newApp && uniform(rng, 0, 3) == 0) // past integer: does not fit the old column
            return QString::number(qint64(uniform(rng, 1, 1000)) * 3000000000LL);
        return QString::number(
            uniform(rng, std::numeric_limits<int>::min(), std::numeric_limits<int>::max()));
    }
    if (table.name == QLatin1String("w_str"))
        return randomText(rng, newApp ? 20 : 26);
    // numeric(10,3) → (10,2) accepted lossy; numeric(10,2) from the new app may exceed (10,3).
    if (newApp)
        return randomDecimal(rng, uniform(rng, 1, 8), 2);
    return randomDecimal(rng, uniform(rng, 1, 7), 3);
}

} // namespace bellows::safety
