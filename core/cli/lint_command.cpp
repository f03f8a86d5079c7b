#include "cli/lint_command.h"

#include "lint/linter.h"
#include "pq/connection.h"
#include "shadow/shadow_server.h"
#include "shadow/syntax_check.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>
#include <memory>

namespace bellows::cli {

namespace {

// Folders expand to their *.sql files, sorted so migrations come in order.
QStringList expandPaths(const QStringList& paths)
{
    QStringList files;
    for (const QString& path : paths) {
        if (!QFileInfo(path).isDir()) {
            files << path;
            continue;
        }
        QStringList found;
        QDirIterator it(path, {QStringLiteral("*.sql")}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            found << it.next();
        std::sort(found.begin(), found.end());
        files << found;
    }
    return files;
}

constexpr int kOwnGrammarMajor = 15; // libpg_query's grammar (Debian 12's libpg-query)

// A connection to a server of the major the SQL will run on, whose parser checks its syntax.
struct ServerGrammar {
    std::unique_ptr<shadow::ShadowServer> server;
    std::unique_ptr<pq::Connection> connection;
    QString name;
};

Result<ServerGrammar> openServerGrammar(int major, const QString& shadowUrl)
{
    ServerGrammar grammar;
    auto server = shadowUrl.isEmpty() ? shadow::ShadowServer::startPrivate(major)
                                      // nothing the files hold is run there: a superuser is fine
                                      : shadow::ShadowServer::useExisting(shadowUrl, true);
    if (!server)
        return server.error();
    grammar.server = std::move(server.value());
    if (grammar.server->major() != major && !shadowUrl.isEmpty())
        return Error{QStringLiteral("--shadow-url is a PostgreSQL %1 server, not %2")
                         .arg(grammar.server->major())
                         .arg(major)};
    if (grammar.server->major() != major)
        return Error{QStringLiteral("no PostgreSQL %1 server binaries are installed (the shadow "
                                    "server would be PostgreSQL %2)")
                         .arg(major)
                         .arg(grammar.server->major()),
                     {},
                     {},
                     {},
                     QStringLiteral("install PostgreSQL %1's server package, set BELLOWS_PG_BIN "
                                    "to its bin directory, or pass --shadow-url to a PostgreSQL "
                                    "%1 server")
                         .arg(major)};
    pq::ConnectOptions connect;
    connect.origin = pq::Origin::Shadow;
    auto connection = pq::Connection::open(grammar.server->adminConninfo(), connect);
    if (!connection)
        return connection.error();
    grammar.connection = std::move(connection.value());
    const int version = grammar.connection->serverVersion();
    grammar.name = QStringLiteral("PostgreSQL %1.%2").arg(version / 10000).arg(version % 100);
    return grammar;
}

// The server_version_num of the live server at `url`; nothing else is read or written there.
Result<int> liveServerVersion(const QString& url)
{
    pq::ConnectOptions connect;
    connect.readOnly = true;
    auto connection = pq::Connection::open(url, connect);
    if (!connection)
        return connection.error();
    return (*connection)->serverVersion();
}

std::vector<lint::LintReport> lintFiles(const QStringList& files, const lint::LintOptions& options,
                                        const Output& output, bool& incomplete)
{
    std::vector<lint::LintReport> reports;
    incomplete = false;
    for (const QString& file : files) {
        auto report = lint::lintFile(file, options);
        if (!report) {
            output.error(report.error().toString());
            incomplete = true;
            continue;
        }
        reports.push_back(std::move(report.value()));
    }
    return reports;
}

bool anyParseError(const std::vector<lint::LintReport>& reports)
{
    return std::any_of(reports.begin(), reports.end(), [](const auto& r) { return r.parseError; });
}

// Lints again with the grammar of the server the SQL runs on, when Bellows' parser could not
// read a statement or the SQL runs on another major. Says so when no such server is at hand.
void lintWithServerGrammar(const QStringList& files, const LintCommandOptions& command,
                           lint::LintOptions options, const Output& output,
                           std::vector<lint::LintReport>& reports, bool& incomplete)
{
    const int major = options.serverVersionNum / 10000;
    if (command.ownGrammarOnly || (major == kOwnGrammarMajor && !anyParseError(reports)))
        return;
    auto grammar = openServerGrammar(major, command.shadowUrl);
    if (!grammar) {
        output.warning(QStringLiteral("the syntax was checked with PostgreSQL %1's grammar "
                                      "only: %2")
                           .arg(kOwnGrammarMajor)
                           .arg(grammar.error().toString()));
        return;
    }
    bool serverFailed = false;
    options.serverGrammarName = grammar->name;
    options.serverGrammar =
        [&](const QStringList& statements) -> std::optional<std::vector<SyntaxVerdict>> {
        auto verdicts = shadow::checkSyntax(*grammar->connection, statements);
        if (!verdicts) {
            output.warning(QStringLiteral("%1 could not check the syntax: %2")
                               .arg(grammar->name, verdicts.error().toString()));
            serverFailed = true;
            return std::nullopt;
        }
        return std::move(verdicts.value());
    };
    bool rereadIncomplete = false;
    auto again = lintFiles(files, options, output, rereadIncomplete);
    if (!serverFailed) {
        reports = std::move(again);
        incomplete = rereadIncomplete;
    }
}

} // namespace

std::optional<int> parseServerVersion(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral(R"(^(\d+)(?:\.(\d+))?$)"));
    const QRegularExpressionMatch m = pattern.match(text.trimmed());
    if (!m.hasMatch())
        return std::nullopt;
    const int first = m.captured(1).toInt();
    const int second = m.captured(2).isEmpty() ? 0 : m.captured(2).toInt();
    if (first >= 10000 && m.captured(2).isEmpty())
        return first; // already a server_version_num
    if (first >= 100)
        return std::nullopt;
    if (first >= 10)
        return first * 10000 + second;
    // 9.x: the second number is part of the major version.
    return first * 10000 + second * 100;
}

int runLint(const LintCommandOptions& options, const Output& output)
{
    lint::LintOptions lintOptions;
    if (!options.serverVersion.isEmpty()) {
        const std::optional<int> version = parseServerVersion(options.serverVersion);
        if (!version) {
            output.error(QStringLiteral("--server-version: \"%1\" is not a PostgreSQL version "
                                        "(e.g. 15, 9.6 or 150004)")
                             .arg(options.serverVersion));
            return ExitError;
        }
        lintOptions.serverVersionNum = *version;
    }
    if (options.serverVersion.isEmpty() && !options.url.isEmpty()) {
        auto version = liveServerVersion(options.url);
        if (!version) {
            output.error(QStringLiteral("--url: %1").arg(version.error().toString()));
            return ExitError;
        }
        lintOptions.serverVersionNum = *version;
    }
    const QStringList files = expandPaths(options.paths);
    if (files.isEmpty()) {
        output.error(QStringLiteral("lint needs at least one FILE (or a folder of .sql files)"));
        return ExitError;
    }

    bool unreadable = false;
    std::vector<lint::LintReport> reports = lintFiles(files, lintOptions, output, unreadable);
    lintWithServerGrammar(files, options, lintOptions, output, reports, unreadable);
    const bool incomplete = unreadable || anyParseError(reports);
    if (options.json)
        output.out << QJsonDocument(lint::toJson(reports)).toJson(QJsonDocument::Indented);
    else
        output.out << lint::renderText(reports);
    output.out.flush();

    if (incomplete)
        return ExitError;
    const bool refused = std::any_of(reports.begin(), reports.end(), [](const auto& r) {
        return r.count(lint::Severity::Error) > 0;
    });
    return refused ? ExitDifferences : ExitOk;
}

} // namespace bellows::cli
