#include "pq/query_result.h"

#include <libpq-fe.h>

#include <cstdlib>
#include <cstring>

namespace bellows::pq {

QueryResult::QueryResult(pg_result* result) : m_result(result, PQclear) {}

int QueryResult::rows() const
{
    return m_result ? PQntuples(m_result.get()) : 0;
}

int QueryResult::columns() const
{
    return m_result ? PQnfields(m_result.get()) : 0;
}

int QueryResult::column(const char* name) const
{
    return m_result ? PQfnumber(m_result.get(), name) : -1;
}

bool QueryResult::isNull(int row, int col) const
{
    return PQgetisnull(m_result.get(), row, col) != 0;
}

QString QueryResult::text(int row, int col) const
{
    if (isNull(row, col))
        return {};
    return QString::fromUtf8(PQgetvalue(m_result.get(), row, col),
                             PQgetlength(m_result.get(), row, col));
}

QString QueryResult::text(int row, const char* name) const
{
    return text(row, column(name));
}

qint64 QueryResult::int64(int row, int col) const
{
    if (isNull(row, col))
        return 0;
    return std::strtoll(PQgetvalue(m_result.get(), row, col), nullptr, 10);
}

double QueryResult::real(int row, int col) const
{
    if (isNull(row, col))
        return 0;
    return std::strtod(PQgetvalue(m_result.get(), row, col), nullptr);
}

bool QueryResult::boolean(int row, int col) const
{
    return !isNull(row, col) && PQgetvalue(m_result.get(), row, col)[0] == 't';
}

QStringList QueryResult::textArray(int row, int col) const
{
    if (isNull(row, col))
        return {};
    return parseTextArray(PQgetvalue(m_result.get(), row, col),
                          PQgetlength(m_result.get(), row, col));
}

QString QueryResult::commandStatus() const
{
    return m_result ? QString::fromUtf8(PQcmdStatus(m_result.get())) : QString();
}

qint64 QueryResult::affectedRows() const
{
    return m_result ? std::strtoll(PQcmdTuples(m_result.get()), nullptr, 10) : 0;
}

QStringList parseTextArray(const char* text, int length)
{
    QStringList out;
    if (length < 2 || text[0] != '{')
        return out;
    int i = 1;
    const int end = length - 1; // the closing brace
    while (i < end) {
        QByteArray element;
        bool quoted = false;
        if (text[i] == '"') {
            quoted = true;
            ++i;
            while (i < end && text[i] != '"') {
                if (text[i] == '\\' && i + 1 < end)
                    ++i;
                element += text[i++];
            }
            ++i; // closing quote
        } else {
            while (i < end && text[i] != ',')
                element += text[i++];
        }
        if (!quoted && element == "NULL")
            out << QString();
        else
            out << QString::fromUtf8(element);
        if (i < end && text[i] == ',')
            ++i;
    }
    return out;
}

QString textArrayLiteral(const QStringList& elements)
{
    QStringList quoted;
    for (QString e : elements) {
        e.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
        e.replace(QLatin1Char('"'), QLatin1String("\\\""));
        quoted << QLatin1Char('"') + e + QLatin1Char('"');
    }
    return QLatin1Char('{') + quoted.join(QLatin1Char(',')) + QLatin1Char('}');
}

} // namespace bellows::pq
