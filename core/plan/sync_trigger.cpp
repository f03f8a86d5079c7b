#include "plan/sync_trigger.h"

#include "plan/sql_builders.h"
#include "sql/quote.h"

namespace bellows::plan {

using sql::quoteIdent;

SyncTrigger::SyncTrigger(SyncTriggerSpec spec)
    : m_spec(std::move(spec)),
      m_name(sqlb::boundedName(QStringLiteral("bellows_sync_") + m_spec.table + QLatin1Char('_') +
                               m_spec.newColumn))
{
}

QString SyncTrigger::qualifiedFunction() const
{
    return sql::qualified(m_spec.schema, m_name) + QStringLiteral("()");
}

QString SyncTrigger::forward(const QString& oldValue) const
{
    if (m_spec.sameType)
        return oldValue;
    return QStringLiteral("(%1)::%2").arg(oldValue, m_spec.newType);
}

QString SyncTrigger::reverse(const QString& newValue) const
{
    // A reverse cast that cannot hold the value (bigint -> integer overflow) raises: the write
    // fails visibly instead of storing something else (§4.3).
    if (m_spec.sameType)
        return newValue;
    return QStringLiteral("(%1)::%2").arg(newValue, m_spec.oldType);
}

QString SyncTrigger::createFunctionSql() const
{
    const QString o = QStringLiteral("NEW.") + quoteIdent(m_spec.oldColumn);
    const QString n = QStringLiteral("NEW.") + quoteIdent(m_spec.newColumn);
    const QString po = QStringLiteral("OLD.") + quoteIdent(m_spec.oldColumn);
    const QString pn = QStringLiteral("OLD.") + quoteIdent(m_spec.newColumn);
    const QString f = forward(o);
    const QString g = reverse(n);
    // The body only assigns NEW and runs no DML, so it cannot fire itself again (no recursion
    // guard needed). The new column is canonical: it is what the new app version writes.
    QString body;
    body += QStringLiteral("BEGIN\n");
    body += QStringLiteral("    IF TG_OP = 'INSERT' THEN\n");
    body += QStringLiteral("        IF %1 IS NULL AND %2 IS NOT NULL THEN\n").arg(n, o);
    body += QStringLiteral("            %1 := %2;\n").arg(n, f);
    body += QStringLiteral("        ELSIF %1 IS NULL AND %2 IS NOT NULL THEN\n").arg(o, n);
    body += QStringLiteral("            %1 := %2;\n").arg(o, g);
    body += QStringLiteral("        ELSIF %1 IS DISTINCT FROM %2 THEN\n").arg(n, f);
    body += QStringLiteral("            %1 := %2; -- both written and different: new wins\n")
                .arg(o, g);
    body += QStringLiteral("        END IF;\n");
    body += QStringLiteral("    ELSIF %1 IS DISTINCT FROM %2 AND %3 IS NOT DISTINCT FROM %4 THEN\n")
                .arg(o, po, n, pn);
    body += QStringLiteral("        %1 := %2; -- only the old column changed\n").arg(n, f);
    body += QStringLiteral("    ELSIF %1 IS DISTINCT FROM %2 AND %3 IS NOT DISTINCT FROM %4 THEN\n")
                .arg(n, pn, o, po);
    // Only when the new value does not already match: a lossy g must not touch old values
    // (the backfill writes new = f(old), which lands here).
    body += QStringLiteral("        IF %1 IS DISTINCT FROM %2 THEN\n").arg(n, f);
    body += QStringLiteral("            %1 := %2; -- only the new column changed\n").arg(o, g);
    body += QStringLiteral("        END IF;\n");
    body += QStringLiteral("    ELSIF %1 IS DISTINCT FROM %2 AND %3 IS DISTINCT FROM %4 THEN\n")
                .arg(o, po, n, pn);
    body += QStringLiteral("        IF %1 IS DISTINCT FROM %2 THEN\n").arg(n, f);
    body += QStringLiteral("            %1 := %2; -- both changed and different: new wins\n")
                .arg(o, g);
    body += QStringLiteral("        END IF;\n");
    body += QStringLiteral("    ELSIF %1 IS DISTINCT FROM %2 THEN\n").arg(n, f);
    // Neither changed but they differ: a row the backfill has not reached yet; old is the truth.
    body += QStringLiteral("        %1 := %2; -- row not backfilled yet\n").arg(n, f);
    body += QStringLiteral("    END IF;\n");
    body += QStringLiteral("    RETURN NEW;\n");
    body += QStringLiteral("END\n");
    return QStringLiteral("CREATE FUNCTION %1 RETURNS trigger LANGUAGE plpgsql AS $bellows$\n%2"
                          "$bellows$;")
        .arg(qualifiedFunction(), body);
}

QString SyncTrigger::createTriggerSql() const
{
    return QStringLiteral("CREATE TRIGGER %1 BEFORE INSERT OR UPDATE ON %2 FOR EACH ROW "
                          "EXECUTE FUNCTION %3;")
        .arg(quoteIdent(m_name), sql::qualified(m_spec.schema, m_spec.table), qualifiedFunction());
}

QString SyncTrigger::dropTriggerSql() const
{
    return QStringLiteral("DROP TRIGGER IF EXISTS %1 ON %2;")
        .arg(quoteIdent(m_name), sql::qualified(m_spec.schema, m_spec.table));
}

QString SyncTrigger::dropFunctionSql() const
{
    return QStringLiteral("DROP FUNCTION IF EXISTS %1;").arg(qualifiedFunction());
}

} // namespace bellows::plan
