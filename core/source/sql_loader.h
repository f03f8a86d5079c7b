#pragma once

#include "common/result.h"

#include <QString>
#include <QStringList>

#include <atomic>
#include <utility>
#include <vector>

namespace bellows::pq {
class Connection;
}

namespace bellows::source {

struct LoadWarning {
    SourceLocation location;
    QString message;
};

struct LoadOptions {
    const std::atomic_bool* cancel = nullptr;
    // CREATE EXTENSION (and COMMENT ON / ALTER / DROP EXTENSION) of these names is allowed and
    // runs on `admin`; any other extension is refused (source/target_guard.h).
    QStringList allowedExtensions;
    pq::Connection* admin = nullptr; // the shadow server's administrator; null: run on `conn`
    // On Bellows' private server: the roles the target names (those of `knownRoles` its text
    // mentions, and those it creates) become placeholders (source/placeholder_roles.h).
    bool placeholderRoles = false;
    QStringList knownRoles; // the live server's roles
};

struct LoadReport {
    int statementsExecuted = 0;
    std::vector<LoadWarning> warnings;
    // GRANT / REVOKE / ALTER DEFAULT PRIVILEGES / OWNER TO statements the server refused, and
    // the roles it said do not exist: the target's privileges are then incomplete.
    int privilegeStatementsRefused = 0;
    // GRANT / REVOKE / ALTER DEFAULT PRIVILEGES statements in the script (run or refused):
    // none means the target says nothing about privileges.
    int grantStatements = 0;
    std::pair<int, QString> firstPrivilegeRefusal; // statement index, server message
    QStringList missingRoles;
    QStringList placeholderRoles; // roles standing in for the ones the target names
};

// Executes every statement of `script` in `conn`, as `psql -v ON_ERROR_STOP=1 -f` would,
// but pipelined: each statement is sent on its own with a sync after it, so each runs in its
// own implicit transaction (CREATE INDEX CONCURRENTLY and ALTER TYPE ... ADD VALUE work) and
// the file's own BEGIN/COMMIT still group statements.
//
// Ownership and privilege statements run one by one outside the pipeline: one the server
// refuses is skipped and reported in the LoadReport (a role the shadow server lacks), never
// fatal. SET ROLE / SET SESSION AUTHORIZATION are skipped.
//
// psql meta-commands are skipped (except "\copy ... from stdin", run as COPY with the data that
// follows it), and so are SET/RESET/set_config() of settings this server does not have (a dump
// from a newer pg_dump); each skip is reported as a warning.
//
// On the first failing statement returns its Error: location = file:line:column of the
// server's error position (or of the statement), the server's message/detail/hint/SQLSTATE,
// and context = the source line with a caret. Statements already sent after the failing one
// may have run too: the target is a throwaway shadow database, so that is accepted.
//
// The script's own SETs (search_path = '' in pg_dump output, ...) stay in effect on `conn`.
// A transaction the script leaves open is rolled back, as psql does when it exits.
// `cancel`, when set, is checked between statements; the result is then Error::cancel().
//
// Before anything runs, every statement passes the target guard (target_guard.h): one that
// reaches outside the shadow database fails the whole load with its file:line:column.
Result<LoadReport> loadScript(pq::Connection& conn, const QString& script, const QString& fileName,
                              const LoadOptions& options = {});

} // namespace bellows::source
