#pragma once

#include <QString>
#include <QStringList>

namespace bellows::sql {

// The one function through which every identifier reaches generated SQL.
// Quotes only when PostgreSQL would otherwise fold case or misparse (keywords, odd characters).
QString quoteIdent(const QString& identifier);

// Always quotes: for contexts where the caller wants a stable form.
QString quoteIdentAlways(const QString& identifier);

// schema.name, each part through quoteIdent.
QString qualified(const QString& schema, const QString& name);

// The one function through which a literal value reaches SQL text that cannot use parameters.
// Produces a standard-conforming literal: 'it''s', or E'...' when backslashes are present.
QString quoteLiteral(const QString& value);

// True when `word` is a PostgreSQL keyword that cannot be used bare as a column name.
bool isReservedKeyword(const QString& word);

// Splits "a.b.c" into parts, honouring double quotes ("my.schema".t). Returns an empty list
// when the text is malformed (unterminated quote, empty part).
QStringList splitQualifiedName(const QString& text);

} // namespace bellows::sql
