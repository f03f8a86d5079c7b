#include "plan/sync_trigger.h"

#include "plan/sql_builders.h"
#include "sql/quote.h"

namespace bellows::plan {

using sql::quoteIdent;
using sql::quoteLiteral;

SyncTrigger::SyncTrigger(SyncTriggerSpec spec, const Conversion& conversion)
    : m_spec(std::move(spec)), m_conversion(conversion),
      m_name(sqlb::compositeName(QStringLiteral("bellows_sync_"), {m_spec.table, m_spec.newColumn}))
{
}

QString SyncTrigger::qualifiedFunction() const
{
    return sql::qualified(m_spec.schema, m_name) + QStringLiteral("()");
}

// old := g(new), or a loud failure when the user's --using conversion has no way back.
QString SyncTrigger::copyBack(const QString& oldField, const QString& newField) const
{
    if (m_conversion.hasReverse())
        return QStringLiteral("%1 := %2;").arg(oldField, m_conversion.reverse(newField));
    return QStringLiteral("RAISE EXCEPTION USING ERRCODE = 'data_exception', MESSAGE = %1;")
        .arg(quoteLiteral(QStringLiteral("bellows: %1 is filled from %2 by the migration; write %2 "
                                         "instead until the contract phase")
                              .arg(quoteIdent(m_spec.newColumn), quoteIdent(m_spec.oldColumn))));
}

QString SyncTrigger::createFunctionSql() const
{
    const QString o = QStringLiteral("NEW.") + quoteIdent(m_spec.oldColumn);
    const QString n = QStringLiteral("NEW.") + quoteIdent(m_spec.newColumn);
    const QString po = QStringLiteral("OLD.") + quoteIdent(m_spec.oldColumn);
    const QString pn = QStringLiteral("OLD.") + quoteIdent(m_spec.newColumn);
    const QString f = m_conversion.forward(o);
    const QString oldChanged = distinctExact(o, po, m_spec.oldType);
    const QString newChanged = distinctExact(n, pn, m_spec.newType);
    const QString newDiffers = distinctExact(n, f, m_spec.newType);
    // The body only assigns NEW and runs no DML, so it cannot fire itself again (no recursion
    // guard needed). The new column is canonical: it is what the new app version writes. A
    // row that neither write touched is left alone: the backfill reaches it, and a row whose
    // old value does not convert must not make unrelated updates of it fail.
    QString body;
    body += QStringLiteral("BEGIN\n");
    body += QStringLiteral("    IF TG_OP = 'INSERT' THEN\n");
    body += QStringLiteral("        IF %1 IS NULL THEN\n").arg(n);
    body += QStringLiteral("            %1 := %2; -- an old writer\n").arg(n, f);
    body += QStringLiteral("        ELSIF %1 IS NULL THEN\n").arg(o);
    body += QStringLiteral("            %1 -- a new writer\n").arg(copyBack(o, n));
    body += QStringLiteral("        ELSIF %1 THEN\n").arg(newDiffers);
    body += QStringLiteral("            %1 -- both written and different: new wins\n")
                .arg(copyBack(o, n));
    body += QStringLiteral("        END IF;\n");
    body += QStringLiteral("    ELSIF %1 AND NOT (%2) THEN\n").arg(oldChanged, newChanged);
    body += QStringLiteral("        %1 := %2; -- only the old column changed\n").arg(n, f);
    body += QStringLiteral("    ELSIF %1 THEN\n").arg(newChanged);
    // Only when the new value does not already match: the backfill writes new = f(old), which
    // lands here and must not touch the old value.
    body += QStringLiteral("        IF %1 THEN\n").arg(newDiffers);
    body += QStringLiteral("            %1 -- the new column changed\n").arg(copyBack(o, n));
    body += QStringLiteral("        END IF;\n");
    body += QStringLiteral("    END IF;\n");
    body += QStringLiteral("    RETURN NEW;\n");
    body += QStringLiteral("END\n");
    return QStringLiteral("CREATE FUNCTION %1 RETURNS trigger LANGUAGE plpgsql AS %2;")
        .arg(qualifiedFunction(), sqlb::dollarQuoted(body));
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
