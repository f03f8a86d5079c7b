#include "exec/query_gist.h"

#include "lint/parse_tree.h"
#include "sql/quote.h"

#include <QHash>
#include <QRegularExpression>

namespace bellows::exec {

namespace {

constexpr int kMaxStatements = 3;
constexpr int kMaxRelations = 6;

// "AlterTableStmt" -> "ALTER TABLE"; the few whose node name is not their command by name.
QString commandOf(const QString& nodeType)
{
    static const QHash<QString, QString> named = {
        {QStringLiteral("IndexStmt"), QStringLiteral("CREATE INDEX")},
        {QStringLiteral("CreateStmt"), QStringLiteral("CREATE TABLE")},
        {QStringLiteral("VariableSetStmt"), QStringLiteral("SET")},
        {QStringLiteral("VariableShowStmt"), QStringLiteral("SHOW")},
        {QStringLiteral("TransactionStmt"), QStringLiteral("transaction control")},
        {QStringLiteral("CreateFunctionStmt"), QStringLiteral("CREATE FUNCTION")},
        {QStringLiteral("DoStmt"), QStringLiteral("DO")},
    };
    if (const auto it = named.find(nodeType); it != named.end())
        return *it;
    QString words = nodeType;
    words.remove(QRegularExpression(QStringLiteral("Stmt$")));
    words.replace(QRegularExpression(QStringLiteral("([a-z])([A-Z])")), QStringLiteral("\\1 \\2"));
    return words.toUpper();
}

void collectRelations(const QJsonValue& value, QStringList& out)
{
    if (value.isArray()) {
        for (const QJsonValue& v : value.toArray())
            collectRelations(v, out);
        return;
    }
    if (!value.isObject())
        return;
    const QJsonObject object = value.toObject();
    // A RangeVar appears wrapped ({"RangeVar": {...}}) in lists, bare where a field's type is
    // fixed (UPDATE's "relation"): its body is what names the relation either way.
    const bool wrapped = lint::tree::is(object, "RangeVar");
    if (wrapped || object.value(QLatin1String("relname")).isString()) {
        const QJsonObject body = wrapped ? lint::tree::body(object) : object;
        const QString name = sql::qualified(lint::tree::string(body, "schemaname"),
                                            lint::tree::string(body, "relname"));
        if (!out.contains(name))
            out << name;
        return;
    }
    for (auto it = object.begin(); it != object.end(); ++it)
        collectRelations(*it, out);
}

QString statementGist(const QJsonObject& node)
{
    QStringList relations;
    collectRelations(node, relations);
    const bool more = relations.size() > kMaxRelations;
    relations = relations.mid(0, kMaxRelations);
    QString gist = commandOf(lint::tree::type(node));
    if (!relations.isEmpty())
        gist += QLatin1Char(' ') + relations.join(QStringLiteral(", ")) +
                (more ? QStringLiteral(", …") : QString());
    return gist;
}

} // namespace

QString queryGist(const QString& query)
{
    QByteArray utf8 = query.toUtf8();
    utf8.replace('\0', ' ');
    if (utf8.trimmed().isEmpty())
        return {};
    const lint::ParsedSql parsed = lint::parseSql(utf8);
    // Not even its first word: unparsed text may be anything.
    if (parsed.failure || parsed.statements.empty())
        return QStringLiteral("(not parsed)");
    QStringList gists;
    for (const lint::RawStatement& s : parsed.statements) {
        if (gists.size() == kMaxStatements) {
            gists << QStringLiteral("…");
            break;
        }
        gists << statementGist(s.node);
    }
    return gists.join(QStringLiteral("; "));
}

} // namespace bellows::exec
