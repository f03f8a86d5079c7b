#pragma once

// Who approves, authors or runs a plan: a name and an e-mail address, as git knows people.

#include <QString>

namespace bellows::review {

struct Identity {
    QString name;
    QString email;

    bool isEmpty() const { return name.isEmpty() && email.isEmpty(); }
    // "Alice <alice@example.com>", or whichever part is known.
    QString display() const;
    // Same person: e-mail addresses compared when both sides have one (case-insensitive),
    // names otherwise. Two empty identities are not the same person.
    bool sameAs(const Identity& other) const;
    bool operator==(const Identity&) const = default;
};

// git config user.name / user.email (run in `directory`, so a repository's own setting wins),
// falling back to $USER for the name. Never fails: a missing git leaves the fallback.
Identity gitIdentity(const QString& directory = {});

// Who runs a plan when apply is not told (--as): $BELLOWS_AS (name) and $BELLOWS_AS_EMAIL when
// set, otherwise gitIdentity().
Identity defaultExecutor(const QString& directory = {});

} // namespace bellows::review
