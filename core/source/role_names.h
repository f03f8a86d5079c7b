#pragma once

// Role names in a target's text: which roles a script may name, and the roles a DO block
// creates when that is all it does (source/placeholder_roles.h says why Bellows needs them).

#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace bellows::source {

// Every identifier-looking word of `script`, as PostgreSQL folds it (unquoted ones lower-case,
// quoted ones as written): a superset of the role names it mentions.
QSet<QString> identifierWords(const QString& script);

// The roles a DO block creates when its body does nothing else (the usual idempotent idiom:
// `BEGIN CREATE ROLE app; EXCEPTION WHEN duplicate_object THEN NULL; END` or an IF NOT EXISTS
// over pg_roles); nullopt when the body does anything more.
std::optional<QStringList> rolesOnlyCreatedBy(const QString& doBody);

// `name` as PostgreSQL stores it: cut to 63 bytes of UTF-8, never inside a character.
QString truncatedIdentifier(const QString& name);

// Whether PostgreSQL would accept `name` as a new role's name (not reserved, not a keyword
// role specification such as PUBLIC or CURRENT_USER).
bool mayBePlaceholder(const QString& name);

} // namespace bellows::source
