#include "shadow/syntax_check.h"

#include "pq/connection.h"

#include <algorithm>

namespace bellows::shadow {

namespace {

// A dollar-quote tag the text does not contain, so the body cannot end early.
QString dollarTag(const QString& body)
{
    for (int n = 0;; ++n) {
        const QString tag = QStringLiteral("$bellows_syntax_%1$").arg(n);
        if (!body.contains(tag))
            return tag;
    }
}

// PostgreSQL counts error positions in characters of the server encoding: code points, or
// bytes on a SQL_ASCII database (the text arrives as UTF-8).
struct ServerUnits {
    bool bytes = false;

    int length(QStringView text) const
    {
        if (bytes)
            return int(text.toUtf8().size());
        return int(text.size() - std::count_if(text.begin(), text.end(),
                                               [](QChar c) { return c.isLowSurrogate(); }));
    }

    // The UTF-16 index of the character `units` server units into `text`.
    int index(QStringView text, int units) const
    {
        int i = 0;
        while (i < text.size() && units > 0) {
            const int width = text.at(i).isHighSurrogate() && i + 1 < text.size() ? 2 : 1;
            units -= length(text.mid(i, width));
            i += width;
        }
        return i;
    }
};

// The statements from `first` on, joined into one function body; `starts` gets the offset of
// each statement in it, in server units. A newline before each ';' ends a trailing line comment.
QString joinBody(const QStringList& statements, qsizetype first, const ServerUnits& units,
                 std::vector<int>& starts)
{
    QString body;
    starts.clear();
    int at = 0;
    for (qsizetype i = first; i < statements.size(); ++i) {
        starts.push_back(at);
        body += statements[i];
        body += QStringLiteral("\n;\n");
        at += units.length(statements[i]) + 3;
    }
    return body;
}

Result<ServerUnits> serverUnits(pq::Connection& conn)
{
    auto encoding = conn.exec(QStringLiteral("SHOW server_encoding"));
    if (!encoding)
        return encoding.error();
    return ServerUnits{encoding->text(0, 0) == QLatin1String("SQL_ASCII")};
}

// Creates the function in a transaction that is always rolled back; the result of the CREATE.
Result<pq::QueryResult> createRolledBack(pq::Connection& conn, const QString& create)
{
    auto begun = conn.exec(QStringLiteral("BEGIN"));
    if (!begun)
        return begun.error();
    auto created = conn.exec(QStringLiteral("SET LOCAL check_function_bodies = on"));
    if (created)
        created = conn.exec(create);
    if (auto rolledBack = conn.exec(QStringLiteral("ROLLBACK")); !rolledBack)
        return rolledBack.error();
    return created;
}

// The character offset of a syntax error in `body`: PostgreSQL 13 to 18 report it in the
// CREATE FUNCTION text (where the body starts after `prefixLength` characters), having found
// the dollar-quoted body there literally.
std::optional<int> errorOffset(const Error& error, int prefixLength)
{
    if (error.location.column > prefixLength)
        return error.location.column - 1 - prefixLength;
    return std::nullopt;
}

} // namespace

Result<std::vector<SyntaxVerdict>> checkSyntax(pq::Connection& conn, const QStringList& statements)
{
    std::vector<SyntaxVerdict> verdicts(statements.size());
    auto units = serverUnits(conn);
    if (!units)
        return units.error();
    qsizetype first = 0;
    std::vector<int> starts;
    while (first < statements.size()) {
        const QString body = joinBody(statements, first, *units, starts);
        const QString tag = dollarTag(body);
        const QString prefix = QStringLiteral("CREATE FUNCTION pg_temp.bellows_syntax_check("
                                              "pg_catalog.anyelement) RETURNS pg_catalog.void "
                                              "LANGUAGE sql AS ") +
                               tag;
        auto created = createRolledBack(conn, prefix + body + tag);
        if (created)
            break;
        // The parser's errors point into the text; one without a position (a lost connection,
        // no right to create temporary objects) is no verdict on the SQL.
        const std::optional<int> at = errorOffset(created.error(), int(prefix.size()));
        if (!at)
            return created.error();
        const auto next = std::upper_bound(starts.begin(), starts.end(), *at);
        const qsizetype index = first + (next - starts.begin()) - 1;
        SyntaxVerdict& verdict = verdicts[size_t(index)];
        verdict.accepted = false;
        verdict.message = created.error().message;
        verdict.offset = units->index(statements[index], *at - starts[size_t(index - first)]);
        first = index + 1;
    }
    return verdicts;
}

} // namespace bellows::shadow
