#pragma once

// Roles a target names (GRANT … TO app, OWNER TO owner, CREATE POLICY … TO reader, ALTER
// DEFAULT PRIVILEGES FOR ROLE …) are cluster-wide: a schema file does not create them, so the
// private shadow server would refuse every statement naming one. On the private server Bellows
// creates each such role as a login-less placeholder (no attribute, no right, marked with a
// comment) and makes the loading role a member, so the target loads as it would on the live
// server. Whether a role exists on the *live* server is the planner's question, not the
// shadow's (a missing one is a blocking finding there).

#include "common/result.h"

#include <QSet>
#include <QString>
#include <QStringList>

namespace bellows::pq {
class Connection;
}

namespace bellows::source {

// On `admin` (a superuser of the private shadow server): creates each of `names` that does not
// exist as a placeholder and grants every placeholder among them to `loadingRole`. Returns the
// placeholders among `names` (new or from an earlier load), never a role Bellows did not create.
Result<QSet<QString>> ensurePlaceholderRoles(pq::Connection& admin, const QStringList& names,
                                             const QString& loadingRole);

} // namespace bellows::source
