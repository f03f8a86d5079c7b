#include "source/sql_loader.h"

#include "pq/connection.h"
#include "source/placeholder_roles.h"
#include "source/role_names.h"
#include "source/sql_script.h"
#include "source/target_guard.h"
#include "sql/quote.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QSet>

#include <libpq-fe.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <deque>
#include <optional>
#include <poll.h>

namespace bellows::source {

namespace {

// Statements sent but not yet answered. Enough to hide the round trip; small enough that
// little runs after a failure or a cancel.
constexpr int kMaxInFlight = 128;
constexpr qsizetype kCopyChunk = 1 << 20;

// Privilege: GRANT, REVOKE, ALTER DEFAULT PRIVILEGES, OWNER TO, run alone so that one the
// shadow server refuses (a role it lacks) is reported and skipped instead of failing the load.
enum class Route { Pipeline, Exclusive, Admin, Privilege, Skip };

// A SET/RESET/set_config() naming a setting: the verb as the warning shows it, and the name.
struct SettingReference {
    QString verb;
    QString name;
};

// SET ROLE / SET SESSION AUTHORIZATION would change who owns what the rest of the file creates
// (and the roles a dump names rarely exist on the shadow server): skipped.
bool isRoleSwitch(const QString& text)
{
    const QStringList t = leadingTokens(text, 3);
    auto at = [&](int k) { return k < t.size() ? t[k] : QString(); };
    return at(0) == QLatin1String("set") &&
           (at(1) == QLatin1String("role") ||
            (at(1) == QLatin1String("session") && at(2) == QLatin1String("authorization")));
}

// Ownership and privileges: compared (docs/diff-json.md), but the roles a dump names
// (OWNER TO postgres, GRANT ... TO app) may not exist on the shadow server.
// The role an `ALTER … OWNER TO role` statement names, as PostgreSQL folds it; empty otherwise.
QString newOwnerOf(const QString& text)
{
    static const QRegularExpression ownerTo(
        QStringLiteral(R"(\s+owner\s+to\s+("[^"]*(""[^"]*)*"|[^\s";]+)\s*;?\s*$)"),
        QRegularExpression::CaseInsensitiveOption);
    const auto match = ownerTo.match(text);
    if (!match.hasMatch())
        return {};
    const QString word = match.captured(1);
    return word.startsWith(QLatin1Char('"'))
               ? word.mid(1, word.size() - 2).replace(QStringLiteral("\"\""), QStringLiteral("\""))
               : word.toLower();
}

bool isOwnershipOrPrivilege(const QString& text)
{
    const QStringList t = leadingTokens(text, 3);
    auto at = [&](int k) { return k < t.size() ? t[k] : QString(); };
    if (at(0) == QLatin1String("grant") || at(0) == QLatin1String("revoke"))
        return true;
    if (at(0) == QLatin1String("alter") && at(1) == QLatin1String("default") &&
        at(2) == QLatin1String("privileges"))
        return true;
    if (at(0) != QLatin1String("alter"))
        return false;
    static const QRegularExpression ownerTo(
        QStringLiteral(R"(\s+owner\s+to\s+("[^"]*(""[^"]*)*"|[^\s"]+)\s*$)"),
        QRegularExpression::CaseInsensitiveOption);
    const auto match = ownerTo.match(text);
    if (!match.hasMatch())
        return false;
    // ALTER TABLE may carry other sub-commands before OWNER TO; never drop those.
    static const QStringList relationKinds{
        QStringLiteral("table"), QStringLiteral("index"),        QStringLiteral("sequence"),
        QStringLiteral("view"),  QStringLiteral("materialized"), QStringLiteral("foreign")};
    if (relationKinds.contains(at(1)) &&
        text.left(match.capturedStart()).contains(QLatin1Char(',')))
        return false;
    return true;
}

std::optional<SettingReference> settingReference(const QString& text)
{
    const QStringList t = leadingTokens(text, 8);
    auto at = [&](int k) { return k < t.size() ? t[k] : QString(); };
    if (at(0) == QLatin1String("set")) {
        int k = 1;
        if (at(k) == QLatin1String("session") || at(k) == QLatin1String("local"))
            ++k;
        const QString op = at(k + 1);
        if (op == QLatin1String("=") || op == QLatin1String("to") || op == QLatin1String("from"))
            return SettingReference{QStringLiteral("SET"), at(k)};
    } else if (at(0) == QLatin1String("reset") && t.size() == 2) {
        return SettingReference{QStringLiteral("RESET"), at(1)};
    } else if (at(0) == QLatin1String("select")) {
        int k = 1;
        if (at(1) == QLatin1String("pg_catalog") && at(2) == QLatin1String("."))
            k = 3;
        const QString literal = at(k + 2);
        if (at(k) == QLatin1String("set_config") && at(k + 1) == QLatin1String("(") &&
            literal.size() >= 2 && literal.startsWith(QLatin1Char('\''))) {
            QString name = literal.mid(1, literal.size() - 2);
            name.replace(QStringLiteral("''"), QStringLiteral("'"));
            return SettingReference{QStringLiteral("set_config"), name};
        }
    }
    return std::nullopt;
}

// The character index in `text` of the server's 1-based error position, which counts
// characters (code points), not UTF-16 units.
int indexOfPosition(const QString& text, int position)
{
    int index = 0;
    for (int k = 1; k < position && index < text.size(); ++k)
        index += (text.at(index).isHighSurrogate() && index + 1 < text.size()) ? 2 : 1;
    return std::min<int>(index, int(text.size()));
}

// What the server runs for a statement: psql's "\copy ... from stdin" is COPY ... FROM STDIN.
QString sqlOf(const ScriptStatement& s)
{
    return s.kind == StatementKind::MetaCommand ? QStringLiteral("COPY") + s.text.mid(5) : s.text;
}

class ScriptLoader {
public:
    ScriptLoader(pq::Connection& conn, const QString& script, const QString& fileName,
                 const std::vector<ScriptStatement>& statements, const LoadOptions& options)
        : m_conn(conn), m_pg(conn.raw()), m_script(script), m_file(fileName),
          m_statements(statements), m_cancel(options.cancel), m_options(options)
    {
    }

    Result<LoadReport> run();

private:
    struct InFlight {
        int index = 0;
        qint64 sentAt = 0;
        int nulls = 0;
        std::optional<Error> error;
    };

    Result<std::vector<Route>> plan();
    Status enterPipeline();
    Status leavePipeline();
    Status send(int index);
    Status pump();
    Result<bool> takeResults();
    void finish(const InFlight& done);
    Status runExclusive(int index);
    Status runAsAdmin(int index);
    Status runPrivilege(int index);
    Status createPlaceholderRoles();
    Result<bool> ownerChangeToPlaceholder(int index, const Error& refusal);
    Result<bool> execQuietly(const QString& sql, const pg_result** failed = nullptr);
    std::optional<Error> guard(std::vector<Route>& routes);
    Error statementError(int index, const pg_result* res) const;
    Error connectionError(const QString& what) const;
    void warn(int index, const QString& message);
    bool cancelRequested() const { return m_cancel && m_cancel->load(); }

    pq::Connection& m_conn;
    pg_conn* m_pg;
    const QString& m_script;
    QString m_file;
    const std::vector<ScriptStatement>& m_statements;
    const std::atomic_bool* m_cancel;
    const LoadOptions& m_options;

    std::deque<InFlight> m_inFlight;
    std::optional<Error> m_failure;
    bool m_inPipeline = false;
    QElapsedTimer m_clock;
    qint64 m_lastDone = 0;
    LoadReport m_report;
    QStringList m_createdRoles; // by CREATE ROLE statements (or DO blocks) the guard skipped
    QSet<QString> m_placeholders;
};

void ScriptLoader::warn(int index, const QString& message)
{
    const ScriptStatement& s = m_statements[size_t(index)];
    m_report.warnings.push_back(LoadWarning{SourceLocation{m_file, s.line, 0}, message});
}

Error ScriptLoader::connectionError(const QString& what) const
{
    return Error{
        QStringLiteral("%1 (%2): %3")
            .arg(what, m_conn.describe(), QString::fromUtf8(PQerrorMessage(m_pg)).trimmed())};
}

Error ScriptLoader::statementError(int index, const pg_result* res) const
{
    const ScriptStatement& s = m_statements[size_t(index)];
    Error error = pq::Connection::errorFrom(res, QString::fromUtf8(PQerrorMessage(m_pg)));
    int offset = s.offset;
    if (error.location.column > 0)
        offset += indexOfPosition(sqlOf(s), error.location.column) +
                  (s.kind == StatementKind::MetaCommand ? 1 : 0); // "\copy" vs "COPY"

    // A bad COPY row: the server names the data line ("COPY t, line 3, column a: ...").
    const char* context = PQresultErrorField(res, PG_DIAG_CONTEXT);
    if (s.kind != StatementKind::Sql && context && !s.copyData.isEmpty()) {
        static const QRegularExpression copyLine(QStringLiteral("^COPY [^,]+, line (\\d+)"));
        const auto match = copyLine.match(QString::fromUtf8(context));
        const qsizetype dataStart = m_script.indexOf(s.copyData, s.offset + s.text.size());
        if (match.hasMatch() && dataStart >= 0) {
            qsizetype lineStart = 0;
            for (int line = match.captured(1).toInt(); line > 1 && lineStart >= 0; --line) {
                lineStart = s.copyData.indexOf(QLatin1Char('\n'), lineStart);
                lineStart = lineStart < 0 ? -1 : lineStart + 1;
            }
            if (lineStart >= 0)
                offset = int(dataStart + lineStart);
        }
    }
    error.location = locate(m_script, m_file, offset);
    error.context = sourceExcerpt(m_script, offset);
    if (error.sqlState == QLatin1String("57014"))
        error.cancelled = true;
    return error;
}

// Decides per statement: skip it (meta-commands, unknown settings), run it in the pipeline, or
// run it alone (COPY cannot be pipelined). Reads the server's setting names only if needed.
Result<std::vector<Route>> ScriptLoader::plan()
{
    std::vector<Route> routes(m_statements.size(), Route::Pipeline);
    std::vector<std::optional<SettingReference>> settings(m_statements.size());
    bool needSettings = false;
    int ownershipSkipped = 0;
    int firstOwnership = -1;
    for (size_t k = 0; k < m_statements.size(); ++k) {
        const ScriptStatement& s = m_statements[k];
        if (s.kind == StatementKind::Sql && isRoleSwitch(s.text)) {
            routes[k] = Route::Skip;
            if (ownershipSkipped++ == 0)
                firstOwnership = int(k);
        } else if (s.kind == StatementKind::Sql && isOwnershipOrPrivilege(s.text)) {
            routes[k] = Route::Privilege;
        } else if (s.kind == StatementKind::MetaCommand) {
            routes[k] = isCopyFromStdinMeta(s.text) ? Route::Exclusive : Route::Skip;
        } else if (s.kind == StatementKind::CopyFromStdin ||
                   leadingTokens(s.text, 1).value(0) == QLatin1String("copy")) {
            routes[k] = Route::Exclusive;
        } else if ((settings[k] = settingReference(s.text))) {
            needSettings = needSettings || !settings[k]->name.contains(QLatin1Char('.'));
        }
    }

    QSet<QString> known;
    if (needSettings) {
        auto names = m_conn.exec(QStringLiteral("SELECT name FROM pg_catalog.pg_settings"));
        if (!names)
            return names.error();
        for (int row = 0; row < names->rows(); ++row)
            known.insert(names->text(row, 0).toLower());
        // Settings pg_settings hides, and the words RESET takes instead of a name.
        for (const char* hidden : {"role", "session_authorization", "is_superuser", "seed", "all"})
            known.insert(QString::fromLatin1(hidden));
    }
    const int version = m_conn.serverVersion();
    const QString major =
        version >= 100000 ? QString::number(version / 10000)
                          : QStringLiteral("%1.%2").arg(version / 10000).arg(version / 100 % 100);

    for (size_t k = 0; k < m_statements.size(); ++k) {
        const ScriptStatement& s = m_statements[k];
        const int index = int(k);
        if (s.kind == StatementKind::MetaCommand) {
            if (routes[k] != Route::Skip)
                continue;
            const QString name =
                s.text.section(QLatin1Char(' '), 0, 0).section(QLatin1Char('\t'), 0, 0);
            if (name == QLatin1String("\\connect") || name == QLatin1String("\\c"))
                warn(index, QStringLiteral("skipped psql meta-command %1: the rest of the file is "
                                           "loaded into the same shadow database")
                                .arg(name));
            else
                warn(index, QStringLiteral("skipped psql meta-command %1").arg(name));
            continue;
        }
        const auto& setting = settings[k];
        if (routes[k] == Route::Skip)
            continue;
        if (!setting || setting->name.isEmpty() || setting->name.contains(QLatin1Char('.')) ||
            known.contains(setting->name.toLower()))
            continue;
        routes[k] = Route::Skip;
        const QString what = setting->verb == QLatin1String("set_config")
                                 ? QStringLiteral("set_config('%1')").arg(setting->name)
                                 : setting->verb + QLatin1Char(' ') + setting->name;
        warn(index, QStringLiteral("skipped %1: not a setting of PostgreSQL %2").arg(what, major));
    }
    if (auto refused = guard(routes))
        return *refused;
    if (ownershipSkipped > 0)
        warn(firstOwnership,
             QStringLiteral("skipped %1 SET ROLE / SET SESSION AUTHORIZATION statement(s) from "
                            "here on: the loading role creates everything")
                 .arg(ownershipSkipped));
    return routes;
}

Status ScriptLoader::enterPipeline()
{
    if (PQsetnonblocking(m_pg, 1) != 0 || PQenterPipelineMode(m_pg) != 1)
        return connectionError(QStringLiteral("cannot enter pipeline mode"));
    m_inPipeline = true;
    return {};
}

Status ScriptLoader::leavePipeline()
{
    if (!m_inPipeline)
        return {};
    m_inPipeline = false;
    if (PQexitPipelineMode(m_pg) != 1 || PQsetnonblocking(m_pg, 0) != 0)
        return connectionError(QStringLiteral("cannot leave pipeline mode"));
    return {};
}

Status ScriptLoader::send(int index)
{
    const QByteArray sql = m_statements[size_t(index)].text.toUtf8();
    // Parameterless extended protocol: one statement per message, and a sync after each
    // so that it is its own implicit transaction unless the script opened one.
    if (PQsendQueryParams(m_pg, sql.constData(), 0, nullptr, nullptr, nullptr, nullptr, 0) != 1 ||
        PQpipelineSync(m_pg) != 1)
        return connectionError(QStringLiteral("cannot send a statement"));
    m_inFlight.push_back(InFlight{index, m_clock.nsecsElapsed() / 1000, 0, std::nullopt});
    return {};
}

// Reads every result that has arrived. Each statement yields its result(s), a NULL, then the
// PGRES_PIPELINE_SYNC of its own sync.
Result<bool> ScriptLoader::takeResults()
{
    bool any = false;
    while (!m_inFlight.empty() && !PQisBusy(m_pg)) {
        pg_result* res = PQgetResult(m_pg);
        any = true;
        InFlight& front = m_inFlight.front();
        if (!res) {
            if (PQstatus(m_pg) == CONNECTION_BAD || ++front.nulls > 1)
                return connectionError(QStringLiteral("lost the connection"));
            continue;
        }
        const ExecStatusType status = PQresultStatus(res);
        if (status == PGRES_PIPELINE_SYNC) {
            PQclear(res);
            finish(front);
            m_inFlight.pop_front();
            continue;
        }
        if (!front.error) {
            if (status == PGRES_FATAL_ERROR || status == PGRES_NONFATAL_ERROR ||
                status == PGRES_BAD_RESPONSE)
                front.error = statementError(front.index, res);
            else if (status == PGRES_PIPELINE_ABORTED)
                front.error = Error{QStringLiteral("not run: an earlier statement failed")};
        }
        PQclear(res);
    }
    if (PQstatus(m_pg) == CONNECTION_BAD)
        return connectionError(QStringLiteral("lost the connection"));
    return any;
}

void ScriptLoader::finish(const InFlight& done)
{
    const qint64 now = m_clock.nsecsElapsed() / 1000;
    const qint64 micros = now - std::max(done.sentAt, m_lastDone);
    m_lastDone = now;
    m_conn.logStatement(m_statements[size_t(done.index)].text, micros,
                        done.error ? done.error->message : QString());
    if (done.error) {
        if (!m_failure)
            m_failure = done.error;
    } else {
        ++m_report.statementsExecuted;
    }
}

// Sends what is buffered, takes what has arrived, and otherwise waits for the socket.
Status ScriptLoader::pump()
{
    const int flush = PQflush(m_pg);
    if (flush < 0 || PQconsumeInput(m_pg) != 1)
        return connectionError(QStringLiteral("lost the connection"));
    auto took = takeResults();
    if (!took)
        return took.error();
    if (*took)
        return {};
    pollfd fd{PQsocket(m_pg), short(POLLIN | (flush == 1 ? POLLOUT : 0)), 0};
    // A timeout so that a cancel request is noticed during a long statement.
    if (poll(&fd, 1, 200) < 0 && errno != EINTR)
        return Error{QStringLiteral("cannot wait for %1: %2")
                         .arg(m_conn.describe(), QString::fromLocal8Bit(strerror(errno)))};
    return {};
}

// COPY cannot run in pipeline mode: run it alone, feeding FROM stdin data from the script.
// Also runs psql's "\copy ... from stdin", whose data follows it in the script too.
// Statements that reach outside the shadow database are refused before anything runs;
// allowed extensions go to the administrator; cluster-wide roles are skipped.
std::optional<Error> ScriptLoader::guard(std::vector<Route>& routes)
{
    QStringList allowed = m_options.allowedExtensions;
    if (allowed.isEmpty())
        allowed = defaultAllowedExtensions();
    QSet<QString> skipReasons;
    for (size_t k = 0; k < m_statements.size(); ++k) {
        const ScriptStatement& s = m_statements[k];
        if (routes[k] == Route::Skip || s.kind == StatementKind::MetaCommand)
            continue;
        const GuardDecision decision = guardStatement(s.text, allowed);
        if (decision.verdict == GuardVerdict::RunAsAdmin) {
            routes[k] = m_options.admin ? Route::Admin : Route::Exclusive;
        } else if (decision.verdict == GuardVerdict::Skip) {
            routes[k] = Route::Skip;
            m_createdRoles << decision.roles;
            if (!skipReasons.contains(decision.reason)) {
                skipReasons.insert(decision.reason);
                warn(int(k),
                     QStringLiteral("skipped statements from here on: %1").arg(decision.reason));
            }
        } else if (decision.verdict == GuardVerdict::Refuse) {
            const int offset =
                s.offset + int(QString::fromUtf8(s.text.toUtf8().left(decision.byteOffset)).size());
            Error error;
            error.message =
                QStringLiteral("refused before loading anything: %1").arg(decision.reason);
            error.hint =
                QStringLiteral("a target file may define the schema, not reach outside the "
                               "shadow database (docs/security.md)");
            error.location = locate(m_script, m_file, offset);
            error.context = sourceExcerpt(m_script, offset);
            return error;
        }
    }
    return std::nullopt;
}

Status ScriptLoader::runAsAdmin(int index)
{
    if (auto left = leavePipeline(); !left)
        return left;
    const ScriptStatement& s = m_statements[size_t(index)];
    auto done = m_options.admin->execOne(sqlOf(s)); // one statement, never a smuggled second
    if (!done) {
        Error error = done.error();
        error.location = locate(m_script, m_file, s.offset);
        error.context = sourceExcerpt(m_script, s.offset);
        m_failure = error;
    } else {
        ++m_report.statementsExecuted;
    }
    return enterPipeline();
}

// One statement outside the pipeline; false with the server's error in `failed` (cleared by
// the caller) when it fails.
Result<bool> ScriptLoader::execQuietly(const QString& sql, const pg_result** failed)
{
    const qint64 started = m_clock.nsecsElapsed() / 1000;
    pg_result* res = PQexec(m_pg, sql.toUtf8().constData());
    const ExecStatusType status = PQresultStatus(res);
    const bool ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
    m_conn.logStatement(sql, m_clock.nsecsElapsed() / 1000 - started,
                        ok ? QString() : QString::fromUtf8(PQresultErrorMessage(res)).trimmed());
    if (PQstatus(m_pg) == CONNECTION_BAD) {
        PQclear(res);
        return connectionError(QStringLiteral("lost the connection"));
    }
    if (!ok && failed)
        *failed = res;
    else
        PQclear(res);
    return ok;
}

// A refused ownership or privilege statement (a role the shadow server lacks, a role the
// loading role may not act as) is counted and skipped; inside the file's own transaction a
// savepoint keeps the rest of it alive.
Status ScriptLoader::runPrivilege(int index)
{
    if (auto left = leavePipeline(); !left)
        return left;
    const bool inTransaction = PQtransactionStatus(m_pg) == PQTRANS_INTRANS;
    const QString savepoint = QStringLiteral("SAVEPOINT bellows_privilege");
    if (inTransaction) {
        if (auto saved = execQuietly(savepoint); !saved)
            return saved.error();
    }
    const QStringList words = leadingTokens(sqlOf(m_statements[size_t(index)]), 3);
    if (words.value(0) == QLatin1String("grant") || words.value(0) == QLatin1String("revoke") ||
        words.value(2) == QLatin1String("privileges"))
        ++m_report.grantStatements;
    const pg_result* failed = nullptr;
    auto ran = execQuietly(sqlOf(m_statements[size_t(index)]), &failed);
    if (!ran)
        return ran.error();
    if (*ran) {
        ++m_report.statementsExecuted;
    } else {
        const Error error = statementError(index, failed);
        PQclear(const_cast<pg_result*>(failed));
        auto retried = inTransaction ? Result<bool>(false) : ownerChangeToPlaceholder(index, error);
        if (!retried)
            return retried.error();
        if (*retried)
            ++m_report.statementsExecuted;
        else if (m_report.privilegeStatementsRefused++ == 0)
            m_report.firstPrivilegeRefusal = {index, error.message};
        static const QRegularExpression missing(QStringLiteral("^role \"(.*)\" does not exist$"));
        const auto match = missing.match(error.message);
        if (!*retried && error.sqlState == QLatin1String("42704") && match.hasMatch() &&
            !m_report.missingRoles.contains(match.captured(1)))
            m_report.missingRoles << match.captured(1);
    }
    if (inTransaction) {
        auto restored =
            execQuietly(*ran ? QStringLiteral("RELEASE SAVEPOINT bellows_privilege")
                             : QStringLiteral("ROLLBACK TO SAVEPOINT bellows_privilege"));
        if (!restored)
            return restored.error();
    }
    return enterPipeline();
}

// The placeholders exist before the first statement runs: the roles of the live server the
// text mentions, and those its skipped CREATE ROLE statements would have created.
Status ScriptLoader::createPlaceholderRoles()
{
    if (!m_options.placeholderRoles || !m_options.admin)
        return {};
    const QSet<QString> words = identifierWords(m_script);
    QStringList names = m_createdRoles;
    for (const QString& role : m_options.knownRoles)
        if (words.contains(role))
            names << role;
    auto placeholders = ensurePlaceholderRoles(*m_options.admin, names, m_conn.user());
    if (!placeholders)
        return placeholders.error();
    m_placeholders = *placeholders;
    m_report.placeholderRoles = QStringList(m_placeholders.begin(), m_placeholders.end());
    m_report.placeholderRoles.sort();
    return {};
}

// ALTER … OWNER TO a placeholder: PostgreSQL requires the new owner to hold CREATE on the
// object's schema, which a placeholder (holding no right) lacks. The loading role lends it
// that right on the schema the refusal names, repeats the statement and takes the right back —
// all in its own session, so PostgreSQL makes every other check as for any statement of the
// target. Never the administrator: the same text can name other objects in its session.
Result<bool> ScriptLoader::ownerChangeToPlaceholder(int index, const Error& refusal)
{
    static const QRegularExpression denied(QStringLiteral("^permission denied for schema (.+)$"));
    const auto match = denied.match(refusal.message);
    const QString sql = sqlOf(m_statements[size_t(index)]);
    const QString owner = truncatedIdentifier(newOwnerOf(sql));
    if (refusal.sqlState != QLatin1String("42501") || !match.hasMatch() ||
        !m_placeholders.contains(owner))
        return false;
    const QString schema = match.captured(1);
    if (schema.startsWith(QLatin1String("pg_")) || schema == QLatin1String("information_schema"))
        return false; // pg_catalog, pg_toast, temporary schemas: never lent
    // Already holding it (the target granted it): the refusal is about something else.
    auto holds = m_conn.exec(QStringLiteral("SELECT pg_catalog.has_schema_privilege($1, $2, "
                                            "'CREATE')"),
                             {owner, schema});
    if (!holds || holds->text(0, 0) != QLatin1String("f"))
        return false;
    const QString grantee = sql::quoteIdent(owner);
    const QString target = sql::quoteIdent(schema);
    auto lent = execQuietly(QStringLiteral("GRANT CREATE ON SCHEMA %1 TO %2").arg(target, grantee));
    if (!lent || !*lent)
        return lent ? Result<bool>(false) : lent;
    auto ran = execQuietly(sql);
    auto taken =
        execQuietly(QStringLiteral("REVOKE CREATE ON SCHEMA %1 FROM %2").arg(target, grantee));
    if (!ran)
        return ran;
    if (!taken)
        return taken;
    if (!*taken)
        return Error{QStringLiteral("could not take back CREATE on schema %1 from the placeholder "
                                    "role %2")
                         .arg(schema, owner)};
    return *ran;
}

Status ScriptLoader::runExclusive(int index)
{
    if (auto left = leavePipeline(); !left)
        return left;
    const ScriptStatement& s = m_statements[size_t(index)];
    const qint64 started = m_clock.nsecsElapsed() / 1000;
    const QByteArray sql = sqlOf(s).toUtf8();
    pg_result* res = PQexec(m_pg, sql.constData());
    ExecStatusType status = PQresultStatus(res);
    if (status == PGRES_COPY_IN) {
        PQclear(res);
        const QByteArray data = s.copyData.toUtf8();
        bool sent = true;
        for (qsizetype pos = 0; sent && pos < data.size(); pos += kCopyChunk) {
            const int length = int(std::min(kCopyChunk, data.size() - pos));
            sent = PQputCopyData(m_pg, data.constData() + pos, length) == 1;
        }
        if (!sent || PQputCopyEnd(m_pg, nullptr) != 1)
            return connectionError(QStringLiteral("cannot send COPY data"));
        res = PQgetResult(m_pg);
    } else if (status == PGRES_COPY_OUT) {
        PQclear(res);
        char* buffer = nullptr;
        while (PQgetCopyData(m_pg, &buffer, 0) > 0)
            PQfreemem(buffer);
        res = PQgetResult(m_pg);
    }
    status = PQresultStatus(res);
    std::optional<Error> error;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        error = statementError(index, res);
    PQclear(res);
    while ((res = PQgetResult(m_pg)))
        PQclear(res);
    if (PQstatus(m_pg) == CONNECTION_BAD)
        return connectionError(QStringLiteral("lost the connection"));

    const qint64 now = m_clock.nsecsElapsed() / 1000;
    m_lastDone = now;
    m_conn.logStatement(sqlOf(s), now - started, error ? error->message : QString());
    if (error)
        m_failure = error;
    else
        ++m_report.statementsExecuted;
    return enterPipeline();
}

Result<LoadReport> ScriptLoader::run()
{
    auto planned = plan();
    if (!planned)
        return planned.error();
    if (auto placed = createPlaceholderRoles(); !placed)
        return placed.error();
    const std::vector<Route>& routes = *planned;
    const int count = int(m_statements.size());
    if (std::none_of(routes.begin(), routes.end(), [](Route r) { return r != Route::Skip; }))
        return std::move(m_report);

    // Every statement commits on its own; waiting for each commit's WAL flush would be most
    // of the load time, and a shadow database is throwaway. Restored at the end.
    auto durability =
        m_conn.exec(QStringLiteral("SELECT pg_catalog.current_setting('synchronous_commit'), "
                                   "pg_catalog.set_config('synchronous_commit', 'off', false)"));
    if (!durability)
        return durability.error();
    const QString synchronousCommit = durability->text(0, 0);

    m_clock.start();
    if (auto entered = enterPipeline(); !entered)
        return entered.error();
    int next = 0;
    bool cancelled = false;
    bool cancelSent = false;
    for (;;) {
        if (!cancelled && cancelRequested()) {
            cancelled = true;
            if (!m_inFlight.empty() && !cancelSent) {
                m_conn.cancel(); // interrupt the statement running now
                cancelSent = true;
            }
        }
        while (!m_failure && !cancelled && next < count && int(m_inFlight.size()) < kMaxInFlight) {
            const Route route = routes[size_t(next)];
            if (route == Route::Skip) {
                ++next;
            } else if (route != Route::Pipeline) {
                if (!m_inFlight.empty())
                    break; // let the pipeline drain first
                const int index = next++;
                auto ran = route == Route::Admin       ? runAsAdmin(index)
                           : route == Route::Privilege ? runPrivilege(index)
                                                       : runExclusive(index);
                if (!ran)
                    return ran.error();
            } else {
                if (auto sent = send(next++); !sent)
                    return sent.error();
            }
            if (cancelRequested())
                cancelled = true;
        }
        if (m_inFlight.empty() && (m_failure || cancelled || next >= count))
            break;
        if (!m_inFlight.empty()) {
            if (auto pumped = pump(); !pumped)
                return pumped.error();
        }
    }
    if (auto left = leavePipeline(); !left)
        return left.error();

    // psql ends its session at the end of the file, which rolls back an open transaction.
    const PGTransactionStatusType tx = PQtransactionStatus(m_pg);
    if (tx == PQTRANS_INTRANS || tx == PQTRANS_INERROR) {
        if (!m_failure && !cancelled)
            m_report.warnings.push_back(LoadWarning{
                SourceLocation{m_file, 0, 0},
                QStringLiteral("the script leaves a transaction open; rolled back as psql "
                               "does at the end of a file")});
        auto rolledBack = m_conn.exec(QStringLiteral("ROLLBACK"));
        if (!rolledBack && !m_failure)
            return rolledBack.error();
    }
    auto restored =
        m_conn.exec(QStringLiteral("SELECT pg_catalog.set_config('synchronous_commit', $1, false)"),
                    {synchronousCommit});
    if (!restored && !m_failure)
        return restored.error();
    if (m_report.privilegeStatementsRefused > 0)
        warn(m_report.firstPrivilegeRefusal.first,
             QStringLiteral("skipped %1 ownership and privilege statement(s) the shadow server "
                            "refused (first: %2): owners and privileges are not compared")
                 .arg(m_report.privilegeStatementsRefused)
                 .arg(m_report.firstPrivilegeRefusal.second));
    if (cancelled && (!m_failure || m_failure->cancelled))
        return Error::cancel();
    if (m_failure)
        return *m_failure;
    return std::move(m_report);
}

} // namespace

Result<LoadReport> loadScript(pq::Connection& conn, const QString& script, const QString& fileName,
                              const LoadOptions& options)
{
    auto split = splitScript(script, fileName);
    if (!split)
        return split.error();
    return ScriptLoader(conn, script, fileName, split->statements, options).run();
}

} // namespace bellows::source
