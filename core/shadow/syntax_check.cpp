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

// The statements from `first` on, joined into one function body; `starts` gets the character
// offset of each statement in it. A newline before each ';' ends a trailing line comment.
QString joinBody(const QStringList& statements, qsizetype first, std::vector<int>& starts)
{
    QString body;
    starts.clear();
    for (qsizetype i = first; i < statements.size(); ++i) {
        starts.push_back(int(body.size()));
        body += statements[i];
        body += QStringLiteral("\n;\n");
    }
    return body;
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
    qsizetype first = 0;
    std::vector<int> starts;
    while (first < statements.size()) {
        const QString body = joinBody(statements, first, starts);
        const QString tag = dollarTag(body);
        const QString prefix = QStringLiteral("CREATE FUNCTION pg_temp.bellows_syntax_check("
                                              "pg_catalog.anyelement) RETURNS pg_catalog.void "
                                              "LANGUAGE sql AS ") +
                               tag;
        if (auto begun = conn.exec(QStringLiteral("BEGIN; SET LOCAL check_function_bodies = on"));
            !begun)
            return begun.error();
        auto created = conn.exec(prefix + body + tag);
        if (auto rolledBack = conn.exec(QStringLiteral("ROLLBACK")); !rolledBack)
            return rolledBack.error();
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
        verdict.offset =
            std::clamp(*at - starts[size_t(index - first)], 0, int(statements[index].size()));
        first = index + 1;
    }
    return verdicts;
}

} // namespace bellows::shadow
