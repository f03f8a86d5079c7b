#pragma once

// The first wall around a target file (docs/security.md): a target schema often comes from a
// pull request someone else wrote, and Bellows executes it on its shadow server. Before anything
// runs, every statement is parsed and those that reach outside the throwaway database are
// refused with file:line:column — COPY to or from a program or a server file, server-side file
// and large-object functions, ALTER SYSTEM, untrusted languages and LOAD, connections out
// (dblink, foreign servers, subscriptions), tablespaces, databases — and CREATE EXTENSION is
// limited to an allow-list the user can extend. The second wall is PostgreSQL's own privilege
// checks: the target is loaded as a role without superuser, CREATEROLE or CREATEDB.

#include "common/result.h"

#include <QString>
#include <QStringList>

namespace bellows::source {

// Extensions a target may create by default: contrib modules that add types, functions and
// index methods but no access to files, programs or other servers.
const QStringList& defaultAllowedExtensions();

enum class GuardVerdict {
    Run,        // load it as the loading role
    RunAsAdmin, // an allowed extension's statement: run by the shadow server's administrator
    Skip,       // cluster-wide roles: not part of one database's schema (a warning says so)
    Refuse,     // reaches outside the shadow database
};

struct GuardDecision {
    GuardVerdict verdict = GuardVerdict::Run;
    QString reason;     // for Refuse and Skip
    int byteOffset = 0; // in the statement's UTF-8 text: where the offending part starts
    QStringList roles;  // for Skip: the roles a skipped CREATE ROLE (or DO block) creates
};

// Decides one statement (text as split from the file). A statement libpg_query cannot parse
// (newer syntax) runs: the server parses it, and the second wall still holds.
GuardDecision guardStatement(const QString& statement, const QStringList& allowedExtensions);

} // namespace bellows::source
