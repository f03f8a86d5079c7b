#include "lint/linter.h"

#include "lint/lint_context.h"
#include "lint/parse_tree.h"
#include "lint/statement_rules.h"
#include "source/sql_script.h"

#include <QFile>

#include <algorithm>

namespace bellows::lint {

namespace {

using Handler = void (*)(LintContext&);

struct Dispatch {
    const char* type;
    Handler handler;
};

void markCreatedSequence(LintContext& ctx)
{
    ctx.markNew(RelationName::fromRangeVar(tree::object(ctx.statement().body, "sequence")));
}

constexpr Dispatch kHandlers[] = {
    {"IndexStmt", lintCreateIndex},
    {"ReindexStmt", lintReindex},
    {"AlterTableStmt", lintAlterTable},
    {"RenameStmt", lintRename},
    {"DropStmt", lintDrop},
    {"DropdbStmt", lintDropDatabase},
    {"TruncateStmt", lintTruncate},
    {"CreateStmt", lintCreateTable},
    {"CreateTableAsStmt", lintCreateTableAs},
    {"CreateSeqStmt", markCreatedSequence},
    {"ViewStmt", lintView},
    {"AlterEnumStmt", lintAlterEnum},
    {"CreateTrigStmt", lintCreateTrigger},
    {"AlterSeqStmt", lintAlterSequence},
    {"RefreshMatViewStmt", lintRefreshMaterializedView},
    {"VacuumStmt", lintVacuum},
    {"ClusterStmt", lintCluster},
    {"TransactionStmt", lintTransaction},
    {"VariableSetStmt", lintVariableSet},
    {"SelectStmt", lintSelect},
    {"LockStmt", lintLockTable},
    {"UpdateStmt", lintUpdate},
    {"DeleteStmt", lintDelete},
};

void lintStatement(LintContext& ctx)
{
    for (const Dispatch& d : kHandlers)
        if (ctx.statement().type == QLatin1String(d.type)) {
            d.handler(ctx);
            return;
        }
}

// Runs the rules over statements parsed from the bytes starting at `base`.
void lintParsed(LintContext& ctx, const SourceMap& map, const std::vector<RawStatement>& parsed,
                int base, LintReport& report)
{
    for (const RawStatement& raw : parsed) {
        Statement s;
        s.type = tree::type(raw.node);
        s.body = tree::body(raw.node);
        s.begin = map.skipSpaceAndComments(base + raw.begin, base + raw.end);
        s.end = map.trimEnd(s.begin, base + raw.end);
        s.locationBase = base;
        s.text = map.text(s.begin, s.end);
        ctx.beginStatement(std::move(s));
        lintStatement(ctx);
        ctx.endStatement();
        ++report.statements;
    }
}

void reportParseError(LintContext& ctx, const SourceMap& map, const ParseFailure& failure,
                      int begin, int end, int errorOffset)
{
    Statement s;
    s.begin = begin;
    s.end = end;
    s.text = map.text(begin, end);
    ctx.beginStatement(std::move(s));
    Finding& f = ctx.report(
        Rule::ParseError, errorOffset, failure.message,
        QStringLiteral("Bellows checks SQL with PostgreSQL 15's grammar: syntax added in later "
                       "versions is not understood, so this statement was not checked."));
    f.statement = map.text(begin, end);
    ctx.endStatement();
}

// The whole text did not parse: split it the way psql does and parse statement by statement,
// so one statement the grammar rejects (or a psql meta-command) does not hide the others.
void lintStatementwise(LintContext& ctx, const SourceMap& map, const ParseFailure& wholeFailure,
                       LintReport& report)
{
    const QString text = map.text(0, map.size());
    auto split = source::splitScript(text, map.fileName());
    if (!split) {
        // An unterminated quote or comment: only the parser's own message is worth giving.
        const int at = std::max(wholeFailure.byteOffset, 0);
        int lineEnd = at;
        while (lineEnd < map.size() && map.bytes().at(lineEnd) != '\n')
            ++lineEnd;
        reportParseError(ctx, map, wholeFailure, at, lineEnd, at);
        ++report.statements;
        return;
    }
    int charPos = 0;
    int bytePos = 0;
    for (const source::ScriptStatement& statement : split->statements) {
        bytePos += int(QStringView(text).mid(charPos, statement.offset - charPos).toUtf8().size());
        charPos = statement.offset;
        if (statement.kind == source::StatementKind::MetaCommand)
            continue; // psql's own commands (\connect, \restrict, ...)
        const QByteArray piece = statement.text.toUtf8();
        const ParsedSql parsed = parseSql(piece);
        if (parsed.failure) {
            const int at =
                parsed.failure->byteOffset < 0 ? bytePos : bytePos + parsed.failure->byteOffset;
            reportParseError(ctx, map, *parsed.failure, bytePos, bytePos + int(piece.size()), at);
            ++report.statements;
            continue;
        }
        lintParsed(ctx, map, parsed.statements, bytePos, report);
    }
}

} // namespace

int LintReport::count(Severity severity) const
{
    return int(std::count_if(findings.begin(), findings.end(),
                             [&](const Finding& f) { return f.severity == severity; }));
}

LintReport lintSql(const QString& sql, const QString& fileName, const LintOptions& options)
{
    QByteArray utf8 = sql.toUtf8();
    if (utf8.startsWith("\xEF\xBB\xBF"))
        utf8.remove(0, 3);   // a BOM: editors do not count it as a column
    utf8.replace('\0', ' '); // the parser reads a C string
    const SourceMap map(std::move(utf8), fileName);
    LintContext ctx(map, options);
    LintReport report;
    report.file = fileName;

    const ParsedSql parsed = parseSql(map.bytes());
    if (parsed.failure)
        lintStatementwise(ctx, map, *parsed.failure, report);
    else
        lintParsed(ctx, map, parsed.statements, 0, report);
    ctx.finish();
    report.findings = ctx.takeFindings();
    const QString parseErrorId = ruleId(Rule::ParseError);
    report.parseError = std::any_of(report.findings.begin(), report.findings.end(),
                                    [&](const Finding& f) { return f.rule == parseErrorId; });
    return report;
}

Result<LintReport> lintFile(const QString& path, const LintOptions& options)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        Error error;
        error.message = QStringLiteral("cannot read the file: %1").arg(file.errorString());
        error.location.file = path;
        return error;
    }
    return lintSql(QString::fromUtf8(file.readAll()), path, options);
}

} // namespace bellows::lint
