#include "plan/conversion_probe.h"

#include "plan/conversion.h"
#include "plan/sql_builders.h"
#include "pq/connection.h"
#include "sql/quote.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>

namespace bellows::plan {

using sql::quoteIdent;
using sql::quoteLiteral;

namespace {

// pg_type facts of one type, after resolving domains to their base type.
struct TypeFacts {
    QString oid;        // empty: the type does not exist on the live server
    QString elementOid; // arrays
    QChar category;
};

Result<TypeFacts> typeFacts(pq::Connection& conn, const QString& oidOrName, bool byOid)
{
    // A domain converts like its base type (its own checks run afterwards).
    const QString sql =
        QStringLiteral("WITH RECURSIVE d(oid, depth) AS (SELECT %1, 0 UNION ALL SELECT "
                       "t.typbasetype, d.depth + 1 FROM d JOIN pg_type t ON t.oid = d.oid WHERE "
                       "t.typtype = 'd' AND d.depth < 16) SELECT t.oid, t.typelem, t.typcategory "
                       "FROM d JOIN pg_type t ON t.oid = d.oid ORDER BY d.depth DESC LIMIT 1")
            .arg(byOid ? QStringLiteral("$1::oid") : QStringLiteral("to_regtype($1)::oid"));
    auto r = conn.exec(sql, {oidOrName});
    if (!r)
        return r.error();
    TypeFacts facts;
    if (r->rows() == 0 || r->isNull(0, 0))
        return facts;
    facts.oid = r->text(0, 0);
    facts.elementOid = r->text(0, 1) == QLatin1String("0") ? QString() : r->text(0, 1);
    const QString category = r->text(0, 2);
    facts.category = category.isEmpty() ? QChar() : category.front();
    return facts;
}

// PostgreSQL's own rule for an assignment conversion (what ALTER … TYPE without USING, an
// INSERT or an UPDATE do): the same type, a pg_cast entry usable in assignment, an array of
// assignable elements, or any type into a string type by its text form.
Result<bool> assignable(pq::Connection& conn, const TypeFacts& from, const TypeFacts& to)
{
    if (from.oid == to.oid)
        return true;
    auto cast = conn.exec(QStringLiteral("SELECT castcontext FROM pg_cast WHERE castsource = "
                                         "$1::oid AND casttarget = $2::oid"),
                          {from.oid, to.oid});
    if (!cast)
        return cast.error();
    if (cast->rows() > 0)
        return cast->text(0, 0) != QLatin1String("e");
    if (to.category == QLatin1Char('S'))
        return true;
    if (from.category == QLatin1Char('A') && to.category == QLatin1Char('A') &&
        !from.elementOid.isEmpty() && !to.elementOid.isEmpty()) {
        auto fromElement = typeFacts(conn, from.elementOid, true);
        auto toElement = typeFacts(conn, to.elementOid, true);
        if (!fromElement)
            return fromElement.error();
        if (!toElement)
            return toElement.error();
        return assignable(conn, *fromElement, *toElement);
    }
    return false;
}

// What the new type is on the live server, where a type the plan creates does not exist yet:
// a domain is checked as its base type plus its checks and NOT NULL, an enum as text plus its
// labels. PostgreSQL's own rules again, applied by hand to a stand-in.
struct NewTypeStandIn {
    QString declared;   // the type the scan assigns to
    QStringList checks; // boolean expressions over bellows_result
    bool notNull = false;
    QStringList labels; // an enum's labels
    QString enumName;   // the enum, to read it as text in a --using expression
    bool exists = true; // the new type itself exists on the live server
    bool checkable = true;
};

NewTypeStandIn standIn(pq::Connection& conn, const ConversionProbeRequest& r)
{
    NewTypeStandIn out;
    out.declared = r.newType;
    auto facts = typeFacts(conn, r.newType, false);
    if (facts && !facts->oid.isEmpty())
        return out;
    out.exists = false;
    QString type = r.newType;
    static const QRegularExpression value(QStringLiteral("\\bVALUE\\b"));
    for (int depth = 0; depth < 16; ++depth) {
        if (const catalog::Domain* d = domainOf(type, {r.target})) {
            out.notNull = out.notNull || d->notNull;
            for (const catalog::DomainCheck& c : d->checks) {
                QString expression = c.definition;
                expression.remove(QStringLiteral(" NOT VALID"));
                if (expression.startsWith(QLatin1String("CHECK ")))
                    expression = expression.mid(6);
                out.checks << expression.replace(value, QStringLiteral("bellows_result"));
            }
            type = d->baseType;
            continue;
        }
        break;
    }
    const QStringList parts = sql::splitQualifiedName(type);
    if (r.target && parts.size() == 2)
        for (const catalog::EnumType& e : r.target->enums)
            if (e.schema == parts.at(0) && e.name == parts.at(1)) {
                out.labels = e.labels;
                out.enumName = e.name;
                out.declared = QStringLiteral("text");
                return out;
            }
    out.declared = type;
    auto base = typeFacts(conn, type, false);
    out.checkable = base && !base->oid.isEmpty();
    return out;
}

// A --using expression that names an enum the plan creates reads it as text on the live side.
QString withEnumAsText(QString expression, const QString& enumName)
{
    if (enumName.isEmpty())
        return expression;
    const QString name = QRegularExpression::escape(enumName);
    const QRegularExpression cast(
        QStringLiteral(
            "(::\\s*|\\bAS\\s+)(?:\"?[A-Za-z_][A-Za-z0-9_$]*\"?\\.)?\"?%1\"?(?![A-Za-z0-9_$])")
            .arg(name),
        QRegularExpression::CaseInsensitiveOption);
    return expression.replace(cast, QStringLiteral("\\1text"));
}

QString who(const ConversionProbeRequest& r)
{
    return sqlb::rel(r.schema, r.table) + QLatin1Char('.') + quoteIdent(r.column);
}

QString path(const ConversionProbeRequest& r)
{
    return QStringLiteral("%1.%2.%3").arg(r.schema, r.table, r.column);
}

QString keyExpression(const QStringList& keys)
{
    if (keys.isEmpty())
        return QStringLiteral("ctid::text");
    if (keys.size() == 1)
        return quoteIdent(keys.first()) + QStringLiteral("::text");
    QStringList quoted;
    for (const QString& k : keys)
        quoted << quoteIdent(k);
    return QStringLiteral("ROW(%1)::text").arg(quoted.join(QStringLiteral(", ")));
}

QString keyLabel(const QStringList& keys)
{
    if (keys.isEmpty())
        return QStringLiteral("ctid");
    return keys.size() == 1 ? keys.first()
                            : QLatin1Char('(') + keys.join(QStringLiteral(", ")) + QLatin1Char(')');
}

Finding blocking(const ConversionProbeRequest& r, const QString& title, const QString& reason,
                 const QStringList& options)
{
    return Finding{Finding::Severity::Blocking, who(r), title, reason, options,
                   QStringLiteral("Y2")};
}

// One read-only transaction with the conversion's settings pinned; always ends it.
Result<pq::QueryResult> inPinnedTransaction(pq::Connection& conn, const QStringList& settings,
                                            int timeoutMs, const QString& sql)
{
    if (auto begin = conn.exec(QStringLiteral("BEGIN READ ONLY")); !begin)
        return begin.error();
    QStringList statements{QStringLiteral("SET LOCAL statement_timeout = %1").arg(timeoutMs)};
    for (const QString& s : settings)
        statements << QStringLiteral("SET LOCAL ") + s;
    for (const QString& s : statements) {
        if (auto r = conn.exec(s); !r) {
            (void)conn.exec(QStringLiteral("ROLLBACK"));
            return r.error();
        }
    }
    auto result = conn.exec(sql);
    (void)conn.exec(result ? QStringLiteral("COMMIT") : QStringLiteral("ROLLBACK"));
    return result;
}

struct ScanResult {
    qint64 failed = 0;
    qint64 changed = 0; // or, for a fill, rows left NULL
    QStringList samples;
    QString firstError;
};

// The exact check: every row through PL/pgSQL assignment, as the conversion function will run
// it, each in its own subtransaction so one bad row does not end the scan. Its findings come
// back as the DETAIL of a marker exception (a DO block returns nothing).
Result<ScanResult> scanRows(pq::Connection& conn, const QStringList& settings, int timeoutMs,
                            const QString& body)
{
    auto r = inPinnedTransaction(conn, settings, timeoutMs,
                                 QStringLiteral("DO ") + sqlb::dollarQuoted(body));
    if (r)
        return ScanResult{};
    const Error& e = r.error();
    if (e.message != QLatin1String("bellows-probe"))
        return e;
    const QJsonObject o = QJsonDocument::fromJson(e.detail.toUtf8()).object();
    ScanResult out;
    out.failed = qint64(o.value(QLatin1String("failed")).toDouble());
    out.changed = qint64(o.value(QLatin1String("changed")).toDouble());
    for (const QJsonValue& v : o.value(QLatin1String("samples")).toArray())
        out.samples << v.toString();
    out.firstError = o.value(QLatin1String("error")).toString();
    return out;
}

QString reportTail(const ConversionProbeLimits& limits)
{
    return QStringLiteral(
               "        EXIT WHEN bellows_failed + bellows_changed >= %1;\n"
               "    END LOOP;\n"
               "    RAISE EXCEPTION USING MESSAGE = 'bellows-probe', DETAIL = json_build_object("
               "'failed', bellows_failed, 'changed', bellows_changed, 'samples', "
               "bellows_samples[1:%2], 'error', bellows_error)::text;\nEND\n")
        .arg(limits.maxBadRows)
        .arg(limits.samples);
}

QString sampleLine(const QString& what)
{
    return QStringLiteral("bellows_samples := bellows_samples || (bellows_row.bellows_key || ': ' "
                          "|| %1);")
        .arg(what);
}

// The checks a stand-in for a type the plan creates applies after the assignment.
QString standInChecks(const NewTypeStandIn& type)
{
    QString out;
    const auto fail = [](const QString& message) {
        return QStringLiteral("RAISE EXCEPTION USING ERRCODE = 'check_violation', MESSAGE = %1;")
            .arg(message);
    };
    for (const QString& check : type.checks)
        out +=
            QStringLiteral("            IF NOT (%1) THEN %2 END IF;\n")
                .arg(check,
                     fail(quoteLiteral(QStringLiteral("violates the domain check %1").arg(check))));
    if (type.notNull)
        out += QStringLiteral("            IF bellows_result IS NULL THEN %1 END IF;\n")
                   .arg(fail(quoteLiteral(QStringLiteral("the domain does not allow NULL"))));
    if (!type.labels.isEmpty()) {
        QStringList quoted;
        for (const QString& label : type.labels)
            quoted << quoteLiteral(label);
        out += QStringLiteral("            IF bellows_result IS NOT NULL AND NOT (bellows_result = "
                              "ANY (ARRAY[%1]::text[])) THEN RAISE EXCEPTION USING ERRCODE = "
                              "'invalid_text_representation', MESSAGE = format('invalid input "
                              "value for enum %2: \"%s\"', bellows_result); END IF;\n")
                   .arg(quoted.join(QStringLiteral(", ")), type.enumName);
    }
    return out;
}

QString conversionScan(const ConversionProbeRequest& r, const NewTypeStandIn& type,
                       const QString& oldBase, const ConversionProbeLimits& limits)
{
    const QString usingExpr =
        withEnumAsText(r.choice ? r.choice->usingExpression : QString(), type.enumName);
    const bool guard = usingExpr.isEmpty() && !(r.choice && r.choice->acceptLossy);
    const QString value = QStringLiteral("left(bellows_row.bellows_value::text, 60)");
    QString body =
        QStringLiteral("#variable_conflict use_column\nDECLARE\n"
                       "    bellows_row record;\n    bellows_result %1;\n"
                       "    bellows_failed bigint := 0;\n    bellows_changed bigint := 0;\n"
                       "    bellows_samples text[] := '{}';\n    bellows_error text;\n")
            .arg(type.declared);
    if (!usingExpr.isEmpty())
        body += QStringLiteral("    %1 %2;\n").arg(quoteIdent(r.column), r.oldType);
    body +=
        QStringLiteral("BEGIN\n    FOR bellows_row IN SELECT %1 AS bellows_key, %2 AS "
                       "bellows_value FROM %3%4 LOOP\n        BEGIN\n")
            .arg(keyExpression(r.keyColumns), quoteIdent(r.column), sqlb::rel(r.schema, r.table),
                 usingExpr.isEmpty()
                     ? QStringLiteral(" WHERE %1 IS NOT NULL").arg(quoteIdent(r.column))
                     : QString());
    if (usingExpr.isEmpty()) {
        body += QStringLiteral("            bellows_result := bellows_row.bellows_value;\n");
    } else {
        body += QStringLiteral("            %1 := bellows_row.bellows_value;\n"
                               "            bellows_result := (%2);\n")
                    .arg(quoteIdent(r.column), usingExpr);
    }
    body += standInChecks(type);
    if (guard) {
        body += QStringLiteral("            IF %1 THEN\n"
                               "                bellows_changed := bellows_changed + 1;\n"
                               "                %2\n"
                               "            END IF;\n")
                    .arg(distinctByValue(QStringLiteral("bellows_result::") + r.oldType,
                                         QStringLiteral("bellows_row.bellows_value"), oldBase),
                         sampleLine(value + QStringLiteral(" || ' would become ' || "
                                                           "left(bellows_result::text, 60)")));
    }
    body += QStringLiteral("        EXCEPTION WHEN OTHERS THEN\n"
                           "            bellows_failed := bellows_failed + 1;\n"
                           "            bellows_error := coalesce(bellows_error, SQLERRM);\n"
                           "            %1\n"
                           "        END;\n")
                .arg(sampleLine(value + QStringLiteral(" || ' (' || SQLERRM || ')'")));
    return body + reportTail(limits);
}

QString countText(qint64 n, const ConversionProbeLimits& limits)
{
    const QString number = QLocale::c().toString(n);
    return n >= limits.maxBadRows ? QStringLiteral("at least ") + number : number;
}

QString examples(const QStringList& samples, const QString& keys)
{
    if (samples.isEmpty())
        return {};
    return QStringLiteral(" For example (%1: value): %2.")
        .arg(keys, samples.join(QStringLiteral("; ")));
}

void scanFindings(const ConversionProbeRequest& r, const ScanResult& scan,
                  const ConversionProbeLimits& limits, std::vector<Finding>& out)
{
    const QString keys = keyLabel(r.keyColumns);
    if (scan.failed > 0) {
        out.push_back(blocking(
            r,
            QStringLiteral("%1 row(s) of %2 cannot be converted to %3")
                .arg(countText(scan.failed, limits), who(r), r.newType),
            QStringLiteral("PostgreSQL refuses these values (%1): ALTER TABLE … TYPE would fail, "
                           "and so would the backfill.%2")
                .arg(scan.firstError, examples(scan.samples, keys)),
            {QStringLiteral("Fix or delete those rows, then plan again"),
             QStringLiteral("Plan again with --using %1=EXPR, an expression that converts them")
                 .arg(path(r))}));
    }
    if (scan.changed > 0) {
        out.push_back(blocking(
            r,
            QStringLiteral("%1 value(s) of %2 would change when converted to %3")
                .arg(countText(scan.changed, limits), who(r), r.newType),
            QStringLiteral("The conversion would round, truncate or otherwise alter them "
                           "(converted back they differ from what is stored), and Bellows never "
                           "changes a value silently.%1")
                .arg(examples(scan.samples, keys)),
            {QStringLiteral("Clean the data first, then plan again"),
             QStringLiteral("Accept the change with --accept-lossy %1 (recorded in the plan and "
                            "shown before it runs)")
                 .arg(path(r)),
             QStringLiteral("Plan again with --using %1=EXPR").arg(path(r))}));
    }
}

// The quick check when nothing is wrong (the common case): one scan with explicit casts. An
// explicit cast can only truncate where assignment fails, and a truncated value differs when
// converted back, so zero here means zero for the exact check too.
Result<bool> quickCheckClean(pq::Connection& conn, const ConversionProbeRequest& r,
                             const QString& oldBase, const QStringList& settings,
                             const ConversionProbeLimits& limits)
{
    const QString c = quoteIdent(r.column);
    const QString sql =
        QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM %1 WHERE %2 IS NOT NULL AND %3 "
                       "LIMIT 1) AS probe")
            .arg(sqlb::rel(r.schema, r.table), c,
                 distinctByValue(QStringLiteral("(%1::%2)::%3").arg(c, r.newType, r.oldType), c,
                                 oldBase));
    auto result = inPinnedTransaction(conn, settings, limits.statementTimeoutMs, sql);
    if (!result)
        return false; // a value failed to convert: the exact scan says which
    return result->int64(0, 0) == 0;
}

Finding couldNotCheck(const ConversionProbeRequest& r, const Error& e)
{
    const bool timedOut = e.sqlState == QLatin1String("57014");
    return Finding{
        timedOut ? Finding::Severity::Warning : Finding::Severity::Blocking,
        who(r),
        timedOut ? QStringLiteral("Could not check every value of %1 in time").arg(who(r))
                 : QStringLiteral("The conversion of %1 cannot be checked").arg(who(r)),
        timedOut
            ? QStringLiteral("The check of the values against %1 did not finish "
                             "within its time limit. A value that does not convert "
                             "will stop the backfill (nothing is lost).")
                  .arg(r.newType)
            : QStringLiteral("Checking the values against %1 failed: %2").arg(r.newType, e.message),
        {QStringLiteral("Check the values by hand before running the plan")},
        QStringLiteral("Y2")};
}

// PostgreSQL's rule for ALTER … TYPE without USING: an assignment cast, else a refusal.
std::optional<Finding> castFinding(pq::Connection& conn, const ConversionProbeRequest& r,
                                   const NewTypeStandIn& type)
{
    auto from = typeFacts(conn, r.oldType, false);
    // An enum the plan creates converts from nothing but itself (no cast into it).
    auto to = type.labels.isEmpty() ? typeFacts(conn, type.declared, false)
                                    : Result<TypeFacts>(TypeFacts{});
    if (!from || !to)
        return couldNotCheck(r, from ? to.error() : from.error());
    auto ok = from->oid.isEmpty() || to->oid.isEmpty() ? Result<bool>(false)
                                                       : assignable(conn, *from, *to);
    if (!ok)
        return couldNotCheck(r, ok.error());
    if (*ok)
        return std::nullopt;
    return blocking(
        r,
        QStringLiteral("PostgreSQL has no automatic conversion from %1 to %2")
            .arg(r.oldType, r.newType),
        QStringLiteral("ALTER TABLE … ALTER COLUMN … TYPE %1 would fail on %2 (\"cannot be cast "
                       "automatically\"): there is no assignment cast. Say how the values convert.")
            .arg(r.newType, who(r)),
        {QStringLiteral("Plan again with --using %1=EXPR, e.g. --using '%1=%2::%3'")
             .arg(path(r), quoteIdent(r.column), r.newType),
         QStringLiteral("Keep the column's type in the target")});
}

} // namespace

std::vector<Finding> probeConversion(pq::Connection& conn, const ConversionProbeRequest& r,
                                     const ConversionProbeLimits& limits)
{
    std::vector<Finding> out;
    const QString usingExpr = r.choice ? r.choice->usingExpression : QString();
    const QString zone = r.choice ? r.choice->timeZone : QString();
    const QString oldBase = baseTypeOf(r.oldType, {r.live, r.target});
    const QString newBase = baseTypeOf(r.newType, {r.target, r.live});
    const NewTypeStandIn type = standIn(conn, r);
    if (!type.checkable) {
        out.push_back(couldNotCheck(r, Error{QStringLiteral("type %1 does not exist on the live "
                                                            "server yet")
                                                 .arg(r.newType)}));
        return out;
    }
    if (usingExpr.isEmpty())
        if (auto refused = castFinding(conn, r, type)) {
            out.push_back(*refused);
            return out;
        }
    if (dependsOnTimeZone(oldBase, newBase) && zone.isEmpty())
        return out; // the planner asks for a zone (or the table is empty: nothing converts)
    const QStringList settings = conversionSettings(oldBase, newBase, zone);
    // An explicit cast to a length-limited type cuts what assignment refuses, and a cut value
    // may read back equal ('40000.000' → '40000.00'): only the exact scan is sure there.
    if (usingExpr.isEmpty() && type.exists && !hasLengthLimit(newBase)) {
        auto clean = quickCheckClean(conn, r, oldBase, settings, limits);
        if (clean && *clean)
            return out;
    }
    auto scan = scanRows(conn, settings, limits.statementTimeoutMs,
                         conversionScan(r, type, oldBase, limits));
    if (!scan) {
        out.push_back(couldNotCheck(r, scan.error()));
        return out;
    }
    scanFindings(r, *scan, limits, out);
    return out;
}

std::vector<Finding> probeFill(pq::Connection& conn, const ConversionProbeRequest& r,
                               const QString& expression, const ConversionProbeLimits& limits)
{
    const QString value = QStringLiteral("coalesce(left(bellows_row.bellows_value::text, 60), "
                                         "'NULL')");
    QString body =
        QStringLiteral("DECLARE\n    bellows_row record;\n    bellows_result %1;\n"
                       "    bellows_failed bigint := 0;\n    bellows_changed bigint := 0;\n"
                       "    bellows_samples text[] := '{}';\n    bellows_error text;\n"
                       "BEGIN\n    FOR bellows_row IN SELECT %2 AS bellows_key, (%3) AS "
                       "bellows_value FROM %4 WHERE %5 IS NULL LOOP\n        BEGIN\n"
                       "            bellows_result := bellows_row.bellows_value;\n"
                       "            IF bellows_result IS NULL THEN\n"
                       "                bellows_changed := bellows_changed + 1;\n"
                       "                %6\n"
                       "            END IF;\n"
                       "        EXCEPTION WHEN OTHERS THEN\n"
                       "            bellows_failed := bellows_failed + 1;\n"
                       "            bellows_error := coalesce(bellows_error, SQLERRM);\n"
                       "            %7\n"
                       "        END;\n")
            .arg(r.newType, keyExpression(r.keyColumns), expression, sqlb::rel(r.schema, r.table),
                 quoteIdent(r.column), sampleLine(QStringLiteral("'NULL'")),
                 sampleLine(value + QStringLiteral(" || ' (' || SQLERRM || ')'")));
    body += reportTail(limits);
    std::vector<Finding> out;
    auto scan = scanRows(conn, {}, limits.statementTimeoutMs, body);
    if (!scan) {
        out.push_back(couldNotCheck(r, scan.error()));
        return out;
    }
    const QString keys = keyLabel(r.keyColumns);
    const QStringList options{QStringLiteral("Plan again with a --fill %1=EXPR that gives every "
                                             "such row a value of type %2")
                                  .arg(path(r), r.newType),
                              QStringLiteral("Fix those rows first, then plan again")};
    if (scan->failed > 0)
        out.push_back(blocking(
            r,
            QStringLiteral("The fill of %1 fails for %2 row(s)")
                .arg(who(r), countText(scan->failed, limits)),
            QStringLiteral("%1 does not give a value of type %2: %3.%4")
                .arg(expression, r.newType, scan->firstError, examples(scan->samples, keys)),
            options));
    if (scan->changed > 0)
        out.push_back(blocking(r,
                               QStringLiteral("The fill of %1 leaves %2 row(s) NULL")
                                   .arg(who(r), countText(scan->changed, limits)),
                               QStringLiteral("%1 is NULL for them, so NOT NULL would fail "
                                              "half-way.%2")
                                   .arg(expression, examples(scan->samples, keys)),
                               options));
    return out;
}

} // namespace bellows::plan
