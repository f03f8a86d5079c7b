#pragma once

// GRANT, REVOKE, ALTER DEFAULT PRIVILEGES and ALTER … OWNER TO statements for catalog objects,
// for the planner's steps and the DDL panes alike. Roles and names go through sql::quoteIdent.
// Never CASCADE: a REVOKE that other grants depend on fails, and the planner refuses it first.

#include "catalog/catalog.h"

#include <QString>
#include <QStringList>

namespace bellows::catalog::privsql {

// How GRANT and ALTER name one object: on = "TABLE public.t", alter = "ALTER TABLE public.t".
struct Object {
    QString on;
    QString alter;
};

Object tableObject(const Table& table);
Object viewObject(const View& view);
Object sequenceObject(const Sequence& sequence);
Object functionObject(const Function& function);
Object schemaObject(const Schema& schema);
Object typeObject(const QString& schema, const QString& name, bool domain = false);

// PUBLIC, or the role quoted.
QString grantee(const QString& role);

// GRANT SELECT, UPDATE [(columns)] ON <on> TO <grantee> [WITH GRANT OPTION];
QString grant(const QString& on, const QString& letters, const QString& role, bool withGrantOption,
              const QString& column = {});
// REVOKE [GRANT OPTION FOR] SELECT … [(columns)] ON <on> FROM <grantee>;
QString revoke(const QString& on, const QString& letters, const QString& role, bool grantOptionOnly,
               const QString& column = {});
// ALTER … OWNER TO role;
QString ownerTo(const Object& object, const QString& role);

// The statements taking `from` to `to` (both normalised ACLs): widening (grants) or narrowing
// (revokes, grant options taken back) only, so each half can go in its own phase.
QStringList widen(const QString& on, const Acl& from, const Acl& to, const QString& column = {});
QStringList narrow(const QString& on, const Acl& from, const Acl& to, const QString& column = {});

// ALTER DEFAULT PRIVILEGES [FOR ROLE r] [IN SCHEMA s] GRANT/REVOKE … ON TABLES …, the same two
// halves for one DefaultAcl's grants.
QStringList widenDefaults(const DefaultAcl& from, const DefaultAcl& to);
QStringList narrowDefaults(const DefaultAcl& from, const DefaultAcl& to);

// Privileges `to` takes away from a grantee that granted them on to others (from
// grantedOnward): such a REVOKE needs CASCADE. "role: SELECT, UPDATE" per grantee.
QStringList revokesNeedingCascade(const Acl& from, const Acl& to);

// Every grant of `acl` as statements (the DDL panes).
QStringList grantsOf(const QString& on, const Acl& acl, const QString& column = {});

} // namespace bellows::catalog::privsql
