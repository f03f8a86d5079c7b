#include "plan/identity_recipe.h"

#include "plan/column_alter.h"
#include "plan/sql_builders.h"
#include "sql/quote.h"

#include <QRegularExpression>

#include <optional>

namespace bellows::plan::recipes {

namespace {

using catalog::IdentityKind;

QString generatedClause(IdentityKind kind)
{
    return kind == IdentityKind::Always ? QStringLiteral("ALWAYS") : QStringLiteral("BY DEFAULT");
}

Step identityStep(const diff::Change& change, Phase phase, const QString& action,
                  const QString& column)
{
    return detail::columnAlterStep(change, phase, action, column, QStringLiteral("Q3"));
}

// The identity's sequence continues after the largest value already in the column, in the same
// transaction as the ADD (a key column is indexed: max() reads one index entry).
QString continueSequence(const diff::Change& change, const QString& column)
{
    const QString relation = sqlb::rel(change.schema, change.table);
    return QStringLiteral("SELECT setval(pg_get_serial_sequence(%1, %2), coalesce(max(%3), 0) + 1, "
                          "false) FROM %4;")
        .arg(sql::quoteLiteral(relation), sql::quoteLiteral(column), sql::quoteIdent(column),
             relation);
}

const catalog::Sequence* identitySequence(const catalog::Catalog& catalog, const QString& schema,
                                          const QString& table, const QString& column)
{
    for (const catalog::Sequence& s : catalog.sequences)
        if (s.identity && s.ownedBySchema == schema && s.ownedByTable == table &&
            s.ownedByColumn == column)
            return &s;
    return nullptr;
}

// INCREMENT BY 10 CACHE 20 ...: the options of `to` that differ from `from` (all of them when
// `from` is null), as ALTER SEQUENCE and the identity clause spell them.
QStringList sequenceClauses(const catalog::Sequence& to, const catalog::Sequence* from)
{
    QStringList out;
    auto differs = [&](auto member) { return !from || from->*member != to.*member; };
    if (differs(&catalog::Sequence::increment))
        out << QStringLiteral("INCREMENT BY %1").arg(to.increment);
    if (differs(&catalog::Sequence::minValue))
        out << QStringLiteral("MINVALUE %1").arg(to.minValue);
    if (differs(&catalog::Sequence::maxValue))
        out << QStringLiteral("MAXVALUE %1").arg(to.maxValue);
    if (differs(&catalog::Sequence::start))
        out << QStringLiteral("START WITH %1").arg(to.start);
    if (differs(&catalog::Sequence::cache))
        out << QStringLiteral("CACHE %1").arg(to.cache);
    if (differs(&catalog::Sequence::cycle))
        out << (to.cycle ? QStringLiteral("CYCLE") : QStringLiteral("NO CYCLE"));
    return out;
}

// The sequence a default draws from: nextval('name'::regclass) → schema and name.
std::optional<std::pair<QString, QString>> defaultSequence(const QString& schema,
                                                           const QString& defaultExpr)
{
    static const QRegularExpression re(QStringLiteral("^nextval\\('((?:[^']|'')+)'::regclass\\)$"));
    const QRegularExpressionMatch m = re.match(defaultExpr.trimmed());
    if (!m.hasMatch())
        return std::nullopt;
    const QStringList parts =
        sql::splitQualifiedName(m.captured(1).replace(QStringLiteral("''"), QStringLiteral("'")));
    if (parts.size() == 1)
        return std::make_pair(schema, parts.at(0));
    if (parts.size() == 2)
        return std::make_pair(parts.at(0), parts.at(1));
    return std::nullopt;
}

// serial → identity: in one transaction the default goes, the old sequence is let go (dropped
// in contract by the sequence recipe), the identity comes and continues where the old sequence
// or the rows' largest value left off, whichever is further. No moment without a generator.
bool serialToIdentity(const diff::Change& change, const catalog::Column& before,
                      const catalog::Column& after, RecipeContext& ctx)
{
    const auto old = defaultSequence(change.schema, before.defaultExpr);
    if (!old || !after.defaultExpr.isEmpty())
        return false;
    const QString who =
        sqlb::rel(change.schema, change.table) + QLatin1Char('.') + sql::quoteIdent(after.name);
    const QString oldSeq = sql::qualified(old->first, old->second);
    const catalog::Sequence* target =
        identitySequence(ctx.target(), change.schema, change.table, after.name);
    const QStringList options = target ? sequenceClauses(*target, nullptr) : QStringList();
    Step s = identityStep(change, Phase::Expand, QStringLiteral("serial-to-identity"), after.name);
    s.title = QStringLiteral("Make %1 an identity column instead of a serial").arg(who);
    const QString relation = sqlb::rel(change.schema, change.table);
    s.sql =
        QStringList{
            detail::alterColumn(change, after.name, QStringLiteral("DROP DEFAULT")),
            QStringLiteral("ALTER SEQUENCE %1 OWNED BY NONE;").arg(oldSeq),
            detail::alterColumn(change, after.name,
                                QStringLiteral("ADD GENERATED %1 AS IDENTITY%2")
                                    .arg(generatedClause(after.identity),
                                         options.isEmpty() ? QString()
                                                           : QStringLiteral(" (%1)").arg(
                                                                 options.join(QLatin1Char(' '))))),
            QStringLiteral(
                "SELECT setval(pg_get_serial_sequence(%1, %2), GREATEST(coalesce(max(%3), "
                "0), (SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END "
                "FROM %4)) + 1, false) FROM %5;")
                .arg(sql::quoteLiteral(relation), sql::quoteLiteral(after.name),
                     sql::quoteIdent(after.name), oldSeq, relation)}
            .join(QLatin1Char('\n'));
    s.rollbackSql =
        QStringList{detail::alterColumn(change, after.name, QStringLiteral("DROP IDENTITY")),
                    QStringLiteral("ALTER SEQUENCE %1 OWNED BY %2.%3;")
                        .arg(oldSeq, relation, sql::quoteIdent(after.name)),
                    detail::alterColumn(change, after.name,
                                        QStringLiteral("SET DEFAULT ") + before.defaultExpr)}
            .join(QLatin1Char('\n'));
    s.rationale = QStringLiteral("One short transaction: the serial's default is replaced by an "
                                 "identity whose sequence continues past both the old sequence "
                                 "and the rows' largest value. The old sequence is dropped in "
                                 "contract.");
    if (after.identity == IdentityKind::Always)
        s.hazards.push_back(sqlb::hazard(
            HazardKind::BreaksRunningApp,
            QStringLiteral("inserts that give %1 a value fail (GENERATED ALWAYS)").arg(who)));
    ctx.add(std::move(s));
    return true;
}

// identity → serial: the identity goes, its replacement sequence is created (the sequence
// recipe's CREATE … IF NOT EXISTS and OWNED BY follow this step), the default draws from it,
// continuing past the rows' largest value.
bool identityToSerial(const diff::Change& change, const catalog::Column& before,
                      const catalog::Column& after, RecipeContext& ctx)
{
    const auto next = defaultSequence(change.schema, after.defaultExpr);
    if (!next || !before.defaultExpr.isEmpty())
        return false;
    const QString who =
        sqlb::rel(change.schema, change.table) + QLatin1Char('.') + sql::quoteIdent(after.name);
    const QString seq = sql::qualified(next->first, next->second);
    const QString relation = sqlb::rel(change.schema, change.table);
    QString create = QStringLiteral("CREATE SEQUENCE ") + seq;
    for (const catalog::Sequence& t : ctx.target().sequences)
        if (t.schema == next->first && t.name == next->second)
            create += (t.dataType.isEmpty() ? QString() : QStringLiteral(" AS ") + t.dataType) +
                      QLatin1Char(' ') + sequenceClauses(t, nullptr).join(QLatin1Char(' '));
    Step s =
        identityStep(change, Phase::Expand, QStringLiteral("identity-to-sequence"), after.name);
    s.title = QStringLiteral("Make %1 draw from sequence %2 instead of an identity").arg(who, seq);
    s.sql =
        QStringList{detail::alterColumn(change, after.name, QStringLiteral("DROP IDENTITY")),
                    create.trimmed() + QLatin1Char(';'),
                    detail::alterColumn(change, after.name,
                                        QStringLiteral("SET DEFAULT ") + after.defaultExpr),
                    QStringLiteral("SELECT setval(%1, coalesce(max(%2), 0) + 1, false) FROM %3;")
                        .arg(sql::quoteLiteral(seq), sql::quoteIdent(after.name), relation)}
            .join(QLatin1Char('\n'));
    s.irreversibleReason = QStringLiteral("The identity's sequence is dropped with it.");
    s.rationale = QStringLiteral("One short transaction, so inserts that leave %1 out never "
                                 "find it without a generator.")
                      .arg(sql::quoteIdent(after.name));
    ctx.add(std::move(s));
    return true;
}

} // namespace

bool planIdentityOptions(const diff::Change& change, const catalog::Column& after,
                         RecipeContext& ctx)
{
    const QString liveTable =
        change.tableRenamedFrom.isEmpty() ? change.table : change.tableRenamedFrom;
    const QString liveColumn = change.renamedFrom.isEmpty() ? after.name : change.renamedFrom;
    const catalog::Sequence* live =
        identitySequence(ctx.database(), change.schema, liveTable, liveColumn);
    const catalog::Sequence* target =
        identitySequence(ctx.target(), change.schema, change.table, after.name);
    if (!live || !target)
        return false;
    const QStringList to = sequenceClauses(*target, live);
    if (to.isEmpty())
        return true;
    const QString seq = sql::qualified(live->schema, live->name);
    Step s;
    s.id = sqlb::stepId(QStringLiteral("expand"), QStringLiteral("identity-options"),
                        sqlb::idPath(change.schema, change.table, after.name));
    s.phase = Phase::Expand;
    s.title = QStringLiteral("Change the identity sequence options of %1")
                  .arg(sqlb::rel(change.schema, change.table) + QLatin1Char('.') +
                       sql::quoteIdent(after.name));
    s.sql = QStringLiteral("ALTER SEQUENCE %1 %2;").arg(seq, to.join(QLatin1Char(' ')));
    s.rollbackSql = QStringLiteral("ALTER SEQUENCE %1 %2;")
                        .arg(seq, sequenceClauses(*live, target).join(QLatin1Char(' ')));
    s.locks = {Lock{LockMode::ShareRowExclusive, seq, true}};
    s.hazards = {sqlb::hazard(HazardKind::BlocksWrites,
                              QStringLiteral("nextval() on the sequence waits for the catalog "
                                             "update: a brief insert stall"))};
    s.referenceRow = QStringLiteral("Q2");
    s.rationale = QStringLiteral("ALTER SEQUENCE on the identity's sequence locks the sequence "
                                 "only, not the table (ALTER TABLE … SET INCREMENT would take "
                                 "ACCESS EXCLUSIVE).");
    ctx.add(std::move(s));
    return true;
}

bool planIdentityChange(const diff::Change& change, const catalog::Column& before,
                        const catalog::Column& after, RecipeContext& ctx)
{
    // A sequence default (serial) on one side: swapped in one transaction.
    if (before.identity == IdentityKind::None && !before.defaultExpr.isEmpty())
        return serialToIdentity(change, before, after, ctx);
    if (after.identity == IdentityKind::None && !after.defaultExpr.isEmpty())
        return identityToSerial(change, before, after, ctx);
    if (!before.defaultExpr.isEmpty() || !after.defaultExpr.isEmpty())
        return false;
    const QString who =
        sqlb::rel(change.schema, change.table) + QLatin1Char('.') + sql::quoteIdent(after.name);
    if (before.identity == IdentityKind::None) {
        Step s = identityStep(change, Phase::Expand, QStringLiteral("add-identity"), after.name);
        s.title = QStringLiteral("Make %1 an identity column (GENERATED %2)")
                      .arg(who, generatedClause(after.identity));
        const catalog::Sequence* target =
            identitySequence(ctx.target(), change.schema, change.table, after.name);
        const QStringList options = target ? sequenceClauses(*target, nullptr) : QStringList();
        s.sql = detail::alterColumn(
                    change, after.name,
                    QStringLiteral("ADD GENERATED %1 AS IDENTITY%2")
                        .arg(generatedClause(after.identity),
                             options.isEmpty()
                                 ? QString()
                                 : QStringLiteral(" (%1)").arg(options.join(QLatin1Char(' '))))) +
                QLatin1Char('\n') + continueSequence(change, after.name);
        s.rollbackSql = detail::alterColumn(change, after.name, QStringLiteral("DROP IDENTITY"));
        s.rationale = QStringLiteral("A catalog update plus a new sequence, set past the largest "
                                     "value in the column so new rows cannot collide.");
        s.hazards.push_back(sqlb::hazard(
            HazardKind::FullScan,
            QStringLiteral("reads max(%1) while holding the lock: one index entry when the column "
                           "leads an index (a key), a scan of the table otherwise")
                .arg(sql::quoteIdent(after.name))));
        if (after.identity == IdentityKind::Always)
            s.hazards.push_back(sqlb::hazard(
                HazardKind::BreaksRunningApp,
                QStringLiteral("inserts that give %1 a value fail (GENERATED ALWAYS)").arg(who)));
        ctx.add(std::move(s));
        return true;
    }
    if (after.identity == IdentityKind::None) {
        // Inserts that leave the column out need the identity until no app version does.
        Step s = identityStep(change, Phase::Contract, QStringLiteral("drop-identity"), after.name);
        s.title = QStringLiteral("Drop the identity of %1").arg(who);
        s.sql = detail::alterColumn(change, after.name, QStringLiteral("DROP IDENTITY"));
        s.irreversibleReason = QStringLiteral("The identity's sequence is dropped with it.");
        s.hazards.push_back(
            sqlb::hazard(HazardKind::BreaksRunningApp,
                         QStringLiteral("inserts that leave %1 out fail from now on").arg(who)));
        s.rationale = QStringLiteral("Contract: every running app version gives the value itself.");
        ctx.add(std::move(s));
        return true;
    }
    Step s = identityStep(change, Phase::Expand, QStringLiteral("set-identity"), after.name);
    s.title = QStringLiteral("Make %1 GENERATED %2").arg(who, generatedClause(after.identity));
    s.sql = detail::alterColumn(
        change, after.name,
        QStringLiteral("SET GENERATED %1").arg(generatedClause(after.identity)));
    s.rollbackSql = detail::alterColumn(
        change, after.name,
        QStringLiteral("SET GENERATED %1").arg(generatedClause(before.identity)));
    s.rationale = QStringLiteral("A catalog update; the sequence and its position stay.");
    if (after.identity == IdentityKind::Always)
        s.hazards.push_back(sqlb::hazard(
            HazardKind::BreaksRunningApp,
            QStringLiteral("inserts that give %1 a value fail (GENERATED ALWAYS)").arg(who)));
    ctx.add(std::move(s));
    return true;
}

} // namespace bellows::plan::recipes
