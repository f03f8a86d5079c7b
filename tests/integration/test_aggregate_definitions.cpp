// PostgreSQL prints no definition for an aggregate, so introspection writes its CREATE OR
// REPLACE AGGREGATE from pg_aggregate. The oracle is PostgreSQL: every aggregate is created in
// one database, its written definition is run in another that has only the support functions,
// and the two servers' pg_aggregate rows (every column but the aggregate's own oid) must agree.

#include "catalog/privilege_sql.h"
#include "catalog_helpers.h"
#include "test_database.h"

#include <QTest>

using namespace bellows;
using namespace bellows::test;

namespace {

// Support functions, an operator and a type the aggregates below use; loaded in both databases.
const char* const kSupport = R"SQL(
CREATE SCHEMA "Stats";
CREATE FUNCTION "Stats".sq_step(state numeric, v numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT state + v * v $$;
CREATE FUNCTION "Stats".sq_inverse(state numeric, v numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE AS $$ SELECT state - v * v $$;
CREATE FUNCTION "Stats".sq_root(state numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT sqrt(state) $$;
CREATE FUNCTION "Stats".sq_combine(a numeric, b numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT a + b $$;
CREATE FUNCTION "Stats".text_max(a text, b text) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN a > b THEN a ELSE b END $$;
)SQL";

// Each option CREATE AGGREGATE takes, in some aggregate: plain, final function with an initial
// condition, moving-aggregate mode, combine and parallel, a sort operator, the ordered-set and
// hypothetical-set forms, an extra final argument, a quoted name, a non-default modify and
// no argument at all (*).
const char* const kAggregates = R"SQL(
CREATE AGGREGATE "Stats".sum_sq(numeric) (SFUNC = "Stats".sq_step, STYPE = numeric,
    INITCOND = '0');
CREATE AGGREGATE "Stats"."Root Mean"(numeric) (SFUNC = "Stats".sq_step, STYPE = numeric,
    FINALFUNC = "Stats".sq_root, INITCOND = '0', COMBINEFUNC = "Stats".sq_combine,
    PARALLEL = SAFE, SSPACE = 64);
CREATE AGGREGATE "Stats".moving_sq(numeric) (SFUNC = "Stats".sq_step, STYPE = numeric,
    INITCOND = '0', MSFUNC = "Stats".sq_step, MINVFUNC = "Stats".sq_inverse, MSTYPE = numeric,
    MFINALFUNC = "Stats".sq_root, MINITCOND = '0', MSSPACE = 32, FINALFUNC_MODIFY = SHAREABLE);
CREATE AGGREGATE "Stats".longest(text) (SFUNC = "Stats".text_max, STYPE = text,
    SORTOP = >, PARALLEL = RESTRICTED);
CREATE AGGREGATE "Stats".pick(float8 ORDER BY float8) (SFUNC = ordered_set_transition,
    STYPE = internal, FINALFUNC = percentile_disc_final, FINALFUNC_EXTRA);
CREATE AGGREGATE "Stats".place(VARIADIC "any" ORDER BY VARIADIC "any") (
    SFUNC = ordered_set_transition_multi, STYPE = internal, FINALFUNC = rank_final,
    FINALFUNC_EXTRA, HYPOTHETICAL);
CREATE AGGREGATE "Stats".stats_array(numeric) (SFUNC = numeric_avg_accum, STYPE = internal,
    FINALFUNC = numeric_avg, COMBINEFUNC = numeric_avg_combine,
    SERIALFUNC = numeric_avg_serialize, DESERIALFUNC = numeric_avg_deserialize);
CREATE AGGREGATE "Stats".tally(*) (SFUNC = int8inc, STYPE = int8, INITCOND = '0');
CREATE AGGREGATE "Stats".most(ORDER BY anyelement) (SFUNC = ordered_set_transition,
    STYPE = internal, FINALFUNC = mode_final, FINALFUNC_EXTRA);
)SQL";

// Every pg_aggregate column but aggfnoid, per aggregate, as one text per row.
const char* const kAggregateRows =
    "SELECT a.aggfnoid::regprocedure::text || ': ' || "
    "(SELECT string_agg(format('%s=%s', key, value), ' ' ORDER BY key) "
    " FROM jsonb_each_text(to_jsonb(a) - 'aggfnoid') AS e(key, value)) || "
    "' parallel=' || p.proparallel::text "
    "FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid "
    "WHERE p.pronamespace = '\"Stats\"'::regnamespace ORDER BY 1";

QStringList aggregateRows(const TestDatabase& db)
{
    QStringList out;
    auto conn = db.connect();
    // The support functions' own names, not their oids: the two databases number them apart.
    auto r = conn->exec(QStringLiteral("SET search_path = pg_catalog"));
    if (!r)
        return {r.error().toString()};
    auto rows = conn->exec(QString::fromLatin1(kAggregateRows));
    if (!rows)
        return {rows.error().toString()};
    for (int i = 0; i < rows->rows(); ++i)
        out << rows->text(i, 0);
    return out;
}

} // namespace

class TestAggregateDefinitions : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void writtenDefinitionsRecreateTheSameAggregates()
    {
        TestDatabase original(QStringLiteral("agg_original"));
        QCOMPARE(original.exec(QString::fromLatin1(kSupport) + QString::fromLatin1(kAggregates)),
                 QString());
        const catalog::Catalog catalog = introspectOrFail(original);
        QStringList definitions;
        for (const catalog::Function& f : catalog.functions)
            if (f.kind == catalog::FunctionKind::Aggregate)
                definitions << f.definition;
        QCOMPARE(definitions.size(), 9);

        TestDatabase copy(QStringLiteral("agg_copy"));
        QCOMPARE(copy.exec(QString::fromLatin1(kSupport)), QString());
        for (const QString& definition : definitions)
            QVERIFY2(copy.exec(definition).isEmpty(), qPrintable(definition));
        const QStringList expected = aggregateRows(original);
        QVERIFY2(expected.size() == 9, qPrintable(expected.join(QLatin1Char('\n'))));
        QCOMPARE(aggregateRows(copy), expected);

        // Run again over the aggregates they describe, they change nothing (OR REPLACE).
        for (const QString& definition : definitions)
            QVERIFY2(copy.exec(definition).isEmpty(), qPrintable(definition));
        QCOMPARE(aggregateRows(copy), expected);
    }

    // Owner and grant statements name each aggregate as ROUTINE, by every argument type (an
    // ordered-set aggregate's ORDER BY has no place there): PostgreSQL must find each one.
    void privilegeStatementsNameEveryAggregate()
    {
        TestDatabase db(QStringLiteral("agg_grants"));
        QCOMPARE(db.exec(QString::fromLatin1(kSupport) + QString::fromLatin1(kAggregates)),
                 QString());
        int aggregates = 0;
        for (const catalog::Function& f : introspectOrFail(db).functions) {
            if (f.kind != catalog::FunctionKind::Aggregate)
                continue;
            ++aggregates;
            const catalog::privsql::Object o = catalog::privsql::functionObject(f);
            const QString grant =
                QStringLiteral("GRANT EXECUTE ON %1 TO PUBLIC; %2 OWNER TO CURRENT_USER;")
                    .arg(o.on, o.alter);
            QVERIFY2(db.exec(grant).isEmpty(), qPrintable(grant));
        }
        QCOMPARE(aggregates, 9);
    }
};

QTEST_GUILESS_MAIN(TestAggregateDefinitions)
#include "test_aggregate_definitions.moc"
