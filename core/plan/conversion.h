#pragma once

// How a value of a column's old type becomes a value of its new type during a column swap
// (docs/safety.md). PostgreSQL's own rule is the contract: ALTER TABLE … ALTER COLUMN … TYPE
// without USING converts with *assignment* semantics, so a value that does not fit raises an
// error instead of being truncated. Bellows goes one step further: a conversion that would
// change a value (rounding, a lost time of day, trailing spaces) raises too, unless the user
// accepted that loss for the column (--accept-lossy), which the plan file records.
//
// One PL/pgSQL function per direction is created next to the sync trigger; the trigger, the
// backfill and the verify CHECK all call it, so the three can never disagree, and the settings
// a conversion depends on (TimeZone, DateStyle, …) are pinned on the function, not taken from
// whichever session happens to write.

#include "catalog/catalog.h"
#include "plan/plan.h"

#include <QString>
#include <QStringList>

namespace bellows::plan {

// What a type is, as far as conversions care. From format_type() text ("timestamp(3) with time
// zone", "character varying(20)", "integer[]").
struct TypeTraits {
    bool array = false;
    bool string = false;        // text, varchar, char, name: PostgreSQL's string category
    bool timeZoneAware = false; // timestamptz, timetz
    bool dateTime = false;      // date, time, timestamp (either kind)
    bool interval = false;
    bool floating = false; // real, double precision
    bool bytea = false;
    bool json = false; // json (not jsonb): no equality operator
    // Equality compares the value itself (no =, or an = that identifies distinct values, such
    // as numeric's 1.0 = 1.00 or a box's equal areas): compare the text instead.
    bool textIdentity = false;
};
TypeTraits typeTraits(const QString& formattedType);

// The type a domain stands for, followed through domains of domains ("public.tag" → "character
// varying(40)"), with an array suffix kept; any other type unchanged. Domains are looked up in
// the catalogs in order (the live one, then the target's).
QString baseTypeOf(const QString& typeSql, std::initializer_list<const catalog::Catalog*> catalogs);
// The domain `typeSql` names, or null.
const catalog::Domain* domainOf(const QString& typeSql,
                                std::initializer_list<const catalog::Catalog*> catalogs);
// A string or bit type with a length limit (varchar(n), char(n), bit(n)): an explicit cast to it
// cuts a value that an assignment would refuse.
bool hasLengthLimit(const QString& baseType);

// Y1: type changes that keep the stored bytes, so nothing can be lost (verified list in the
// reference): longer varchar, varchar → text, more numeric precision at the same scale, …
bool isBinaryCoercible(const QString& from, const QString& to);
// Every value of `from` becomes the same value of `to` (binary-coercible, or an integer or
// integer → unconstrained numeric widening): a conversion no probe needs to check.
bool convertsExactly(const QString& from, const QString& to);

// The session settings a conversion between the two types reads, as "name = 'value'" clauses
// for CREATE FUNCTION … SET and SET LOCAL; TimeZone only when `timeZone` is given.
QStringList conversionSettings(const QString& fromType, const QString& toType,
                               const QString& timeZone);
// True when the result depends on the session's TimeZone (timestamp ↔ timestamptz, date →
// timestamptz, timestamptz → text, …): such a conversion needs a zone the user states.
bool dependsOnTimeZone(const QString& fromType, const QString& toType);

// `a IS DISTINCT FROM b` for values of `type`, exact: two values that print differently are
// distinct (numeric 1.0 and 1.00, -0 and 0, differently spaced json).
QString distinctExact(const QString& a, const QString& b, const QString& type);
// `a IS DISTINCT FROM b` by meaning, for the lossless test: numeric 1.0 equals 1.00, json is
// compared as jsonb.
QString distinctByValue(const QString& a, const QString& b, const QString& type);

struct ConversionSpec {
    QString schema;
    QString table; // the table's name while both columns exist
    QString oldColumn;
    QString newColumn;
    QString fromType;                         // SQL type of the old column (sqlb::typeSql)
    QString toType;                           // SQL type of the new column
    const ConversionChoice* choice = nullptr; // the user's --using / --time-zone / --accept-lossy
    QString fromBase; // the built-in types behind domains (baseTypeOf); empty: the type
    QString toBase;
};

class Conversion {
public:
    explicit Conversion(ConversionSpec spec);

    // The same type: f and g are the identity and no function is created.
    bool isIdentity() const { return m_identity; }
    // f(value) and g(value) as SQL expressions (a call of the conversion function).
    QString forward(const QString& oldValue) const;
    QString reverse(const QString& newValue) const;
    // A reverse conversion exists (not for a --using expression: the user gave only one way).
    bool hasReverse() const
    {
        return m_identity || m_spec.choice == nullptr || m_spec.choice->usingExpression.isEmpty() ||
               m_spec.choice->throughText;
    }
    bool acceptsLoss() const { return m_spec.choice && m_spec.choice->acceptLossy; }
    QString timeZone() const { return m_spec.choice ? m_spec.choice->timeZone : QString(); }
    QString usingExpression() const
    {
        return m_spec.choice ? m_spec.choice->usingExpression : QString();
    }

    // CREATE FUNCTION statements (none for the identity) and their DROPs.
    QStringList createSql() const;
    QStringList dropSql() const;
    // What the step's hazards and the gate say about writes that do not fit.
    QString writeRule() const;

private:
    QString functionSql(bool forwardDirection) const;
    QString fromBase() const
    {
        return m_spec.fromBase.isEmpty() ? m_spec.fromType : m_spec.fromBase;
    }
    QString toBase() const { return m_spec.toBase.isEmpty() ? m_spec.toType : m_spec.toBase; }
    QString qualified(const QString& name) const;
    // "text::" between two casts when the types convert only through text (two enums).
    QString throughText() const
    {
        return m_spec.choice && m_spec.choice->throughText ? QStringLiteral("text::") : QString();
    }

    ConversionSpec m_spec;
    bool m_identity = false;
    bool m_inline = false; // a plain cast is exact (integers): no function
    QString m_forwardName;
    QString m_reverseName;
};

} // namespace bellows::plan
