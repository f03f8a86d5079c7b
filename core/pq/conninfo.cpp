#include "pq/conninfo.h"

#include <libpq-fe.h>

namespace bellows::pq {

QString quoteConninfoValue(const QString& value)
{
    QString escaped = value;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    escaped.replace(QLatin1Char('\''), QStringLiteral("\\'"));
    return QLatin1Char('\'') + escaped + QLatin1Char('\'');
}

namespace {

// Rewrites `conninfo` as key=value with `keyword` set to `value` (dropped when value is empty).
Result<QString> withKeyword(const QString& conninfo, const char* keyword, const QString& value)
{
    char* errorMessage = nullptr;
    PQconninfoOption* options = PQconninfoParse(conninfo.toUtf8().constData(), &errorMessage);
    if (!options) {
        const QString message = errorMessage ? QString::fromUtf8(errorMessage).trimmed()
                                             : QStringLiteral("out of memory");
        PQfreemem(errorMessage);
        return Error{QStringLiteral("invalid connection string: %1").arg(message)};
    }
    const QString replaced = QString::fromLatin1(keyword);
    QStringList parts;
    for (PQconninfoOption* option = options; option->keyword; ++option) {
        const QString key = QString::fromUtf8(option->keyword);
        if (key == replaced || !option->val)
            continue;
        parts << key + QLatin1Char('=') + quoteConninfoValue(QString::fromUtf8(option->val));
    }
    PQconninfoFree(options);
    if (!value.isEmpty())
        parts << replaced + QLatin1Char('=') + quoteConninfoValue(value);
    return parts.join(QLatin1Char(' '));
}

} // namespace

Result<QString> withDatabase(const QString& conninfo, const QString& database)
{
    return withKeyword(conninfo, "dbname", database);
}

Result<QString> withPassword(const QString& conninfo, const QString& password)
{
    return withKeyword(conninfo, "password", password);
}

ServerAndDatabase serverAndDatabase(const QString& conninfo)
{
    PQconninfoOption* options = PQconninfoParse(conninfo.toUtf8().constData(), nullptr);
    if (!options)
        return {QStringLiteral("(invalid connection string)"), QString()};
    QString host, port, db;
    for (PQconninfoOption* option = options; option->keyword; ++option) {
        if (!option->val)
            continue;
        const QString key = QString::fromUtf8(option->keyword);
        const QString value = QString::fromUtf8(option->val);
        if (key == QLatin1String("host") || key == QLatin1String("hostaddr"))
            host = value;
        else if (key == QLatin1String("port"))
            port = value;
        else if (key == QLatin1String("dbname"))
            db = value;
    }
    PQconninfoFree(options);
    if (host.isEmpty())
        host = qEnvironmentVariable("PGHOST", QStringLiteral("localhost"));
    if (port.isEmpty())
        port = qEnvironmentVariable("PGPORT", QStringLiteral("5432"));
    return {host + QLatin1Char(':') + port, db};
}

QString describeConninfo(const QString& conninfo)
{
    const ServerAndDatabase where = serverAndDatabase(conninfo);
    if (where.database.isNull() && where.server.startsWith(QLatin1Char('(')))
        return where.server;
    return where.server + QLatin1Char('/') + where.database;
}

} // namespace bellows::pq
