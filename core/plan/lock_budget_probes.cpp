// Data probes for the steps the lock budget now plans directly (plan/lock_budget.h): an
// exclusion constraint over rows that conflict, a domain CHECK or NOT NULL over values that
// violate it. Without them such a step would fail at run time; with them the plan is refused
// up front, naming the constraint. Read-only, capped counts like the other probes.

#include "plan/data_checks.h"

#include "sql/quote.h"

namespace bellows::plan {

namespace {

using catalog::Constraint;
using catalog::ConstraintKind;
using diff::Change;

QString capped(const QString& from, int limit)
{
    return QStringLiteral("SELECT count(*) FROM (SELECT 1 %1 LIMIT %2) AS probe")
        .arg(from)
        .arg(limit);
}

// The text inside the parenthesis group opening at `open`; -1 past the end when unbalanced.
QString group(const QString& text, qsizetype open, qsizetype* end)
{
    int depth = 0;
    bool quoted = false;
    for (qsizetype i = open; i < text.size(); ++i) {
        const QChar ch = text.at(i);
        if (ch == QLatin1Char('\''))
            quoted = !quoted;
        if (quoted)
            continue;
        if (ch == QLatin1Char('('))
            ++depth;
        else if (ch == QLatin1Char(')') && --depth == 0) {
            *end = i;
            return text.mid(open + 1, i - open - 1);
        }
    }
    *end = -1;
    return {};
}

QStringList splitTopLevel(const QString& text)
{
    QStringList out;
    int depth = 0;
    bool quoted = false;
    qsizetype start = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar ch = text.at(i);
        if (ch == QLatin1Char('\''))
            quoted = !quoted;
        if (quoted)
            continue;
        if (ch == QLatin1Char('('))
            ++depth;
        else if (ch == QLatin1Char(')'))
            --depth;
        else if (ch == QLatin1Char(',') && depth == 0) {
            out << text.mid(start, i - start).trimmed();
            start = i + 1;
        }
    }
    out << text.mid(start).trimmed();
    return out;
}

// "room gist_int4_ops" → "room"; "(lower(name))" stays: the element's expression without its
// operator class, collation or ordering.
QString elementExpression(const QString& element)
{
    if (element.startsWith(QLatin1Char('('))) {
        qsizetype end = -1;
        const QString inner = group(element, 0, &end);
        return end < 0 ? QString() : QLatin1Char('(') + inner + QLatin1Char(')');
    }
    if (element.startsWith(QLatin1Char('"'))) {
        const qsizetype close = element.indexOf(QLatin1Char('"'), 1);
        return close < 0 ? QString() : element.left(close + 1);
    }
    return element.section(QLatin1Char(' '), 0, 0);
}

// EXCLUDE USING m (e1 WITH op1, ...) [INCLUDE (...)] [WHERE (pred)]: rows of the live table
// that conflict pairwise, as the build would find them.
void probeExclusion(const catalog::Catalog& database, const Change& change,
                    const DataCheckOptions& options, std::vector<DataProbe>& out)
{
    const Constraint* c = change.afterAs<Constraint>();
    if (!c || c->kind != ConstraintKind::Exclusion || !change.tableRenamedFrom.isEmpty())
        return;
    const catalog::Table* table = database.table(change.schema, change.table);
    if (!table)
        return;
    const qsizetype open = c->definition.indexOf(QLatin1Char('('));
    qsizetype end = -1;
    const QString elements = open < 0 ? QString() : group(c->definition, open, &end);
    if (end < 0)
        return;
    const qsizetype where = c->definition.indexOf(QLatin1String(" WHERE "), end);
    const QString predicate = where < 0 ? QString() : c->definition.mid(where + 7);
    QStringList select{QStringLiteral("ctid AS bellows_ctid")};
    QStringList match{QStringLiteral("a.bellows_ctid <> b.bellows_ctid")};
    int n = 0;
    for (const QString& element : splitTopLevel(elements)) {
        const qsizetype with = element.lastIndexOf(QLatin1String(" WITH "));
        const QString expression = with < 0 ? QString() : elementExpression(element.left(with));
        if (expression.isEmpty())
            return; // a shape this probe does not read: the build itself decides
        const QString op = element.mid(with + 6).trimmed();
        select << QStringLiteral("%1 AS e%2").arg(expression).arg(n);
        match << QStringLiteral("a.e%1 %2 b.e%1").arg(n).arg(op);
        ++n;
    }
    const QString relation = sql::qualified(table->schema, table->name);
    const QString rows =
        QStringLiteral("(SELECT %1 FROM %2%3)")
            .arg(select.join(QStringLiteral(", ")), relation,
                 predicate.isEmpty() ? QString() : QStringLiteral(" WHERE ") + predicate);
    const QString from = QStringLiteral("FROM %1 AS a JOIN %1 AS b ON %2")
                             .arg(rows, match.join(QStringLiteral(" AND ")));
    const QString object = relation + QLatin1Char('.') + sql::quoteIdent(c->name);
    out.push_back({object, capped(from, options.sampleLimit),
                   Finding{Finding::Severity::Blocking,
                           object,
                           QStringLiteral("Conflicting rows block exclusion constraint %1")
                               .arg(sql::quoteIdent(c->name)),
                           QStringLiteral("rows of %1 conflict under %2: the build would fail")
                               .arg(relation, c->definition),
                           {QStringLiteral("fix or delete the conflicting rows, then plan again")},
                           QStringLiteral("K5")}});
}

// `check` with each VALUE keyword (outside string literals) replaced by `column`.
QString withValue(const QString& check, const QString& column)
{
    QString out;
    bool quoted = false;
    for (qsizetype i = 0; i < check.size(); ++i) {
        const QChar ch = check.at(i);
        if (ch == QLatin1Char('\''))
            quoted = !quoted;
        const bool boundaryBefore =
            i == 0 || !(check.at(i - 1).isLetterOrNumber() || check.at(i - 1) == QLatin1Char('_'));
        const qsizetype after = i + 5;
        const bool boundaryAfter = after >= check.size() || !(check.at(after).isLetterOrNumber() ||
                                                              check.at(after) == QLatin1Char('_'));
        if (!quoted && boundaryBefore && boundaryAfter &&
            check.mid(i, 5).compare(QLatin1String("VALUE"), Qt::CaseInsensitive) == 0) {
            out += QLatin1Char('(') + column + QLatin1Char(')');
            i += 4;
            continue;
        }
        out += ch;
    }
    return out;
}

// Live columns of the domain `change` is about: "schema.table" and the column, raw names.
std::vector<std::pair<const catalog::Table*, QString>> domainUsers(const catalog::Catalog& database,
                                                                   const Change& change)
{
    std::vector<std::pair<const catalog::Table*, QString>> out;
    for (const catalog::Table& t : database.tables)
        for (const catalog::Column& col : t.columns)
            if (col.typeSchema == change.schema &&
                (col.type == change.name || col.type == sql::quoteIdent(change.name) ||
                 col.type == sql::qualified(change.schema, change.name)))
                out.emplace_back(&t, col.name);
    return out;
}

void probeDomain(const catalog::Catalog& database, const Change& change,
                 const DataCheckOptions& options, std::vector<DataProbe>& out)
{
    const auto* after = change.afterAs<catalog::Domain>();
    if (!after || change.action != diff::Action::Changed)
        return;
    const auto users = domainUsers(database, change);
    const QString object = sql::qualified(change.schema, change.name);
    const auto* nullability = change.attribute(QStringLiteral("nullability"));
    for (const auto& [table, column] : users) {
        const QString relation = sql::qualified(table->schema, table->name);
        const QString col = sql::quoteIdent(column);
        if (nullability && after->notNull)
            out.push_back({object,
                           capped(QStringLiteral("FROM %1 WHERE %2 IS NULL").arg(relation, col),
                                  options.sampleLimit),
                           Finding{Finding::Severity::Blocking,
                                   object,
                                   QStringLiteral("NULLs block NOT NULL on domain %1").arg(object),
                                   QStringLiteral("rows of %1 have %2 NULL").arg(relation, col),
                                   {QStringLiteral("fix the rows first, then plan again")},
                                   QStringLiteral("C7")}});
        for (const catalog::DomainCheck& check : after->checks) {
            const QString attribute = QStringLiteral("check ") + diff::displayIdent(check.name);
            if (!check.validated || (!change.attribute(attribute) &&
                                     !change.attribute(attribute + QStringLiteral(" validity"))))
                continue;
            QString expression = check.definition;
            if (!expression.startsWith(QLatin1String("CHECK ")))
                continue;
            expression = withValue(expression.mid(6), QStringLiteral("c.") + col);
            out.push_back({object,
                           capped(QStringLiteral("FROM %1 AS c WHERE %2 IS NOT NULL AND NOT %3")
                                      .arg(relation, QStringLiteral("c.") + col, expression),
                                  options.sampleLimit),
                           Finding{Finding::Severity::Blocking,
                                   object,
                                   QStringLiteral("Existing values violate check %1 of domain %2")
                                       .arg(sql::quoteIdent(check.name), object),
                                   QStringLiteral("values of %1.%2 fail %3: VALIDATE would fail")
                                       .arg(relation, col, check.definition),
                                   {QStringLiteral("fix those rows first, then plan again"),
                                    QStringLiteral("or keep the domain check NOT VALID in the "
                                                   "target")},
                                   QStringLiteral("K1")}});
        }
    }
}

} // namespace

void lockBudgetProbes(const catalog::Catalog& database, const Change& change,
                      const DataCheckOptions& options, std::vector<DataProbe>& out)
{
    if (change.kind == diff::ObjectKind::Constraint && change.action != diff::Action::Removed)
        probeExclusion(database, change, options, out);
    else if (change.kind == diff::ObjectKind::Domain)
        probeDomain(database, change, options, out);
}

} // namespace bellows::plan
