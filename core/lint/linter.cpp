#include "lint/linter.h"

#include "lint/lint_context.h"
#include "lint/parse_tree.h"
#include "lint/rules_reading.h"
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

void reportParseError(LintContext& ctx, const SourceMap& map, const QString& message,
                      const QString& advice, int begin, int end, int errorOffset)
{
    Statement s;
    s.begin = begin;
    s.end = end;
    s.text = map.text(begin, end);
    ctx.beginStatement(std::move(s));
    Finding& f = ctx.report(Rule::ParseError, errorOffset, message, advice);
    f.statement = map.text(begin, end);
    ctx.endStatement();
}

QString ownGrammarAdvice()
{
    return QStringLiteral(
        "Bellows checks SQL with PostgreSQL 15's grammar: syntax added in later versions is not "
        "understood, so this statement was not checked. Pass --server-version (or --url) with "
        "server binaries of that major installed to check it with the server's own grammar.");
}

// A statement the server's grammar accepts and Bellows' parser does not: say which rules could
// not read it, instead of calling valid SQL a parse error.
void reportNewerSyntax(LintContext& ctx, const SourceMap& map, const QString& grammarName,
                       int begin, int end)
{
    Statement s;
    s.begin = begin;
    s.end = end;
    s.text = map.text(begin, end);
    const QStringList rules = rulesReading(s.text);
    ctx.beginStatement(std::move(s));
    const QString message =
        rules.isEmpty()
            ? QStringLiteral("%1 accepts this statement; Bellows' parser reads PostgreSQL 15's "
                             "grammar and does not, but no rule checks statements of this kind")
                  .arg(grammarName)
            : QStringLiteral("%1 accepts this statement, but Bellows' parser reads PostgreSQL "
                             "15's grammar: these rules did not run on it: %2")
                  .arg(grammarName, rules.join(QStringLiteral(", ")));
    Finding& f = ctx.report(
        Rule::NewerSyntax, begin, message,
        QStringLiteral("Check its locks and rewrites by hand (docs/lint.md says what each rule "
                       "looks for), or keep the newer syntax in a statement of its own."));
    if (rules.isEmpty())
        f.severity = Severity::Info;
    f.statement = map.text(begin, end);
    ctx.endStatement();
}

// The whole text did not parse, or a server grammar checks it: split it the way psql does and
// parse statement by statement, so one statement the grammar rejects (or a psql meta-command)
// does not hide the others.
// False when the text cannot be split and Bellows' parser read it whole: lint it that way.
bool lintStatementwise(LintContext& ctx, const SourceMap& map, const ParseFailure* wholeFailure,
                       const LintOptions& options, LintReport& report)
{
    const QString text = map.text(0, map.size());
    auto split = source::splitScript(text, map.fileName());
    if (!split && !wholeFailure)
        return false;
    if (!split) {
        // An unterminated quote or comment: only the parser's own message is worth giving.
        const int at = std::max(wholeFailure->byteOffset, 0);
        int lineEnd = at;
        while (lineEnd < map.size() && map.bytes().at(lineEnd) != '\n')
            ++lineEnd;
        reportParseError(ctx, map, wholeFailure->message, ownGrammarAdvice(), at, lineEnd, at);
        ++report.statements;
        return true;
    }
    std::optional<std::vector<SyntaxVerdict>> verdicts;
    if (options.serverGrammar) {
        QStringList texts;
        for (const source::ScriptStatement& statement : split->statements)
            if (statement.kind != source::StatementKind::MetaCommand)
                texts << statement.text;
        verdicts = options.serverGrammar(texts);
        if (verdicts && verdicts->size() != size_t(texts.size()))
            verdicts.reset();
    }
    int charPos = 0;
    int bytePos = 0;
    size_t sqlIndex = 0;
    for (const source::ScriptStatement& statement : split->statements) {
        bytePos += int(QStringView(text).mid(charPos, statement.offset - charPos).toUtf8().size());
        charPos = statement.offset;
        if (statement.kind == source::StatementKind::MetaCommand)
            continue; // psql's own commands (\connect, \restrict, ...)
        const QByteArray piece = statement.text.toUtf8();
        const int end = bytePos + int(piece.size());
        const SyntaxVerdict* verdict = verdicts ? &(*verdicts)[sqlIndex++] : nullptr;
        if (verdict && !verdict->accepted) {
            const int at = bytePos + int(statement.text.left(verdict->offset).toUtf8().size());
            reportParseError(
                ctx, map, QStringLiteral("%1: %2").arg(options.serverGrammarName, verdict->message),
                QStringLiteral("The server this SQL will run on rejects it."), bytePos, end, at);
            ++report.statements;
            continue;
        }
        const ParsedSql parsed = parseSql(piece);
        if (parsed.failure && verdict) {
            reportNewerSyntax(ctx, map, options.serverGrammarName, bytePos, end);
            ++report.statements;
        } else if (parsed.failure) {
            const int at =
                parsed.failure->byteOffset < 0 ? bytePos : bytePos + parsed.failure->byteOffset;
            reportParseError(ctx, map, parsed.failure->message, ownGrammarAdvice(), bytePos, end,
                             at);
            ++report.statements;
        } else {
            lintParsed(ctx, map, parsed.statements, bytePos, report);
        }
    }
    return true;
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
    const bool statementwise =
        (parsed.failure || options.serverGrammar) &&
        lintStatementwise(ctx, map, parsed.failure ? &*parsed.failure : nullptr, options, report);
    if (!statementwise)
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
