#include "conversion_oracle.h"

#include "batch_database.h"
#include "pq/connection.h"
#include "sql/quote.h"

namespace bellows::safety {

using sql::quoteIdent;

namespace {

QString alterSql(const ConversionCase& c)
{
    QString sql = QStringLiteral("ALTER TABLE %1 ALTER COLUMN %2 TYPE %3")
                      .arg(quoteIdent(c.table), quoteIdent(c.column), c.toSql);
    if (!c.usingExpression.isEmpty())
        sql += QStringLiteral(" USING (%1)").arg(c.usingExpression);
    else if (c.throughText)
        sql += QStringLiteral(" USING %1::text::%2").arg(quoteIdent(c.column), c.toSql);
    return sql;
}

QString changedRowsSql(const ConversionCase& c, const QString& idFilter)
{
    const QString back = QString::fromLatin1(c.throughText ? "%1::text::%2" : "%1::%2")
                             .arg(quoteIdent(c.column), c.fromSql);
    return QStringLiteral("SELECT id FROM %1 WHERE orig IS NOT NULL AND %2%3 ORDER BY id")
        .arg(quoteIdent(c.table), changedCondition(back, QStringLiteral("orig"), c.fromSql),
             idFilter);
}

// Rows one by one, when casting back fails for some: such a row counts as changed.
Result<QList<int>> changedRowByRow(pq::Connection& conn, const ConversionCase& c)
{
    auto ids = conn.exec(QStringLiteral("SELECT id FROM %1 WHERE orig IS NOT NULL ORDER BY id")
                             .arg(quoteIdent(c.table)));
    if (!ids)
        return ids.error();
    QList<int> changed;
    for (int r = 0; r < ids->rows(); ++r) {
        const int id = int(ids->int64(r, 0));
        (void)conn.exec(QStringLiteral("SAVEPOINT bellows_row"));
        auto one = conn.exec(changedRowsSql(c, QStringLiteral(" AND id = %1").arg(id)));
        if (!one || one->rows() > 0)
            changed << id;
        (void)conn.exec(one ? QStringLiteral("RELEASE SAVEPOINT bellows_row")
                            : QStringLiteral("ROLLBACK TO SAVEPOINT bellows_row"));
    }
    return changed;
}

Result<OracleOutcome> convertOne(pq::Connection& conn, const ConversionCase& c)
{
    if (auto begun = conn.exec(QStringLiteral("BEGIN; ") + pinnedSettingsSql(true)); !begun)
        return begun.error();
    OracleOutcome out;
    auto altered = conn.exec(alterSql(c));
    if (!altered) {
        out.failed = true;
        out.sqlState = altered.error().sqlState;
        out.error = altered.error().message;
        if (auto rolled = conn.exec(QStringLiteral("ROLLBACK")); !rolled)
            return rolled.error();
        return out;
    }
    (void)conn.exec(QStringLiteral("SAVEPOINT bellows_changed"));
    auto changed = conn.exec(changedRowsSql(c, QString()));
    if (changed) {
        for (int r = 0; r < changed->rows(); ++r)
            out.changedIds << int(changed->int64(r, 0));
    } else {
        (void)conn.exec(QStringLiteral("ROLLBACK TO SAVEPOINT bellows_changed"));
        auto rowByRow = changedRowByRow(conn, c);
        if (!rowByRow)
            return rowByRow.error();
        out.changedIds = *rowByRow;
    }
    if (auto committed = conn.exec(QStringLiteral("COMMIT")); !committed)
        return committed.error();
    return out;
}

} // namespace

QHash<QString, OracleOutcome> runOracle(pq::Connection& conn, const BatchSpec& spec, QString* error)
{
    QHash<QString, OracleOutcome> outcomes;
    for (const ConversionCase& c : spec.cases) {
        auto outcome = convertOne(conn, c);
        if (!outcome) {
            *error = QStringLiteral("oracle, %1: %2").arg(c.key(), outcome.error().toString());
            (void)conn.exec(QStringLiteral("ROLLBACK"));
            return outcomes;
        }
        outcomes.insert(c.key(), *outcome);
    }
    return outcomes;
}

} // namespace bellows::safety
