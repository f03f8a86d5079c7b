#pragma once

// Privileges as the model compares them: PostgreSQL's aclitem[] parsed, the grantor left out
// and the owner's own entry dropped when it is what acldefault() gives an owner, so that two
// objects granted the same way compare equal whoever owns them and whoever granted.

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace bellows::catalog {

// One grantee's privileges on an object, whoever granted them.
struct AclItem {
    QString grantee;       // role name; empty for PUBLIC
    QString privileges;    // aclitem letters in canonical order: "arwd", "X", "UC"
    QString grantable;     // the subset held WITH GRANT OPTION
    QString grantedOnward; // privileges this grantee has granted to others (never compared)

    bool operator==(const AclItem& other) const
    {
        return grantee == other.grantee && privileges == other.privileges &&
               grantable == other.grantable;
    }
};

// Sorted by grantee; an empty list means no grants beyond the owner's implicit ones.
using Acl = std::vector<AclItem>;

// One aclitem as PostgreSQL prints it: grantee=privileges/grantor, "*" after a letter for the
// grant option, names double-quoted when they hold other characters than letters, digits, _.
struct RawAclItem {
    QString grantee; // empty for PUBLIC
    QString grantor;
    QString privileges; // as printed, canonical order
    QString grantable;
};

std::optional<RawAclItem> parseAclItem(const QString& text);

// The model's ACL of an object from its aclitem texts (acldefault's when the column is NULL):
// entries of one grantee merged across grantors, and the owner's entry dropped when it holds
// exactly `ownerDefault` (the owner's letters in acldefault for the object's kind). An
// unparsable item is kept verbatim as a grantee so that it still shows as a difference.
Acl normaliseAcl(const QStringList& items, const QString& owner, const QString& ownerDefault);

// Letters sorted in PostgreSQL's order (ACL_ALL_RIGHTS_STR), duplicates removed.
QString canonicalPrivileges(const QString& letters);
// "SELECT", "UPDATE", ... for the letters; unknown letters are left out.
QStringList privilegeNames(const QString& letters);
// Letters in `a` that are not in `b`.
QString privilegesMinus(const QString& a, const QString& b);

// "PUBLIC=X, app=r*w" for reports: one grantee=letters per entry ("*" marks a grant option);
// empty for an empty ACL.
QString aclText(const std::vector<AclItem>& acl);

const AclItem* findGrantee(const std::vector<AclItem>& acl, const QString& grantee);

} // namespace bellows::catalog
