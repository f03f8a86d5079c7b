#include "catalog/acl.h"

#include <algorithm>
#include <map>

namespace bellows::catalog {

namespace {

// ACL_ALL_RIGHTS_STR: every privilege letter, in the order PostgreSQL prints them.
const QString kAllRights = QStringLiteral("arwdDxtXUCTcsAm");

const char* const kRightNames[] = {"INSERT",     "SELECT",  "UPDATE",  "DELETE",       "TRUNCATE",
                                   "REFERENCES", "TRIGGER", "EXECUTE", "USAGE",        "CREATE",
                                   "TEMPORARY",  "CONNECT", "SET",     "ALTER SYSTEM", "MAINTAIN"};

// A role name as aclitem prints it: bare, or double-quoted with "" for a quote inside.
bool readName(const QString& text, qsizetype& i, QString& out)
{
    if (i < text.size() && text.at(i) == QLatin1Char('"')) {
        for (++i; i < text.size(); ++i) {
            if (text.at(i) != QLatin1Char('"')) {
                out += text.at(i);
            } else if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                out += QLatin1Char('"');
                ++i;
            } else {
                ++i;
                return true;
            }
        }
        return false;
    }
    while (i < text.size() && text.at(i) != QLatin1Char('=') && text.at(i) != QLatin1Char('/'))
        out += text.at(i++);
    return true;
}

} // namespace

QString canonicalPrivileges(const QString& letters)
{
    QString out;
    for (const QChar c : kAllRights) {
        if (letters.contains(c))
            out += c;
    }
    return out;
}

QStringList privilegeNames(const QString& letters)
{
    QStringList out;
    for (qsizetype k = 0; k < kAllRights.size(); ++k) {
        if (letters.contains(kAllRights.at(k)))
            out << QString::fromLatin1(kRightNames[k]);
    }
    return out;
}

QString privilegesMinus(const QString& a, const QString& b)
{
    QString out;
    for (const QChar c : a) {
        if (!b.contains(c))
            out += c;
    }
    return out;
}

std::optional<RawAclItem> parseAclItem(const QString& text)
{
    RawAclItem item;
    qsizetype i = 0;
    if (!readName(text, i, item.grantee) || i >= text.size() || text.at(i) != QLatin1Char('='))
        return std::nullopt;
    for (++i; i < text.size() && text.at(i) != QLatin1Char('/'); ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('*') && !item.privileges.isEmpty())
            item.grantable += item.privileges.back();
        else if (kAllRights.contains(c))
            item.privileges += c;
        else
            return std::nullopt;
    }
    if (i >= text.size())
        return std::nullopt;
    ++i;
    if (!readName(text, i, item.grantor) || i != text.size())
        return std::nullopt;
    item.privileges = canonicalPrivileges(item.privileges);
    item.grantable = canonicalPrivileges(item.grantable);
    return item;
}

Acl normaliseAcl(const QStringList& items, const QString& owner, const QString& ownerDefault)
{
    std::map<QString, AclItem> byGrantee;
    std::map<QString, QString> onward;
    for (const QString& text : items) {
        const std::optional<RawAclItem> raw = parseAclItem(text);
        if (!raw) {
            byGrantee[text] = AclItem{text, QStringLiteral("?"), {}, {}};
            continue;
        }
        AclItem& entry = byGrantee[raw->grantee];
        entry.grantee = raw->grantee;
        entry.privileges = canonicalPrivileges(entry.privileges + raw->privileges);
        entry.grantable = canonicalPrivileges(entry.grantable + raw->grantable);
        // Grants the owner made are the normal case; others depend on their grantor's option.
        if (raw->grantor != owner && raw->grantor != raw->grantee)
            onward[raw->grantor] += raw->privileges;
    }
    const auto own = byGrantee.find(owner);
    if (own != byGrantee.end() && own->second.privileges == canonicalPrivileges(ownerDefault) &&
        own->second.grantable.isEmpty())
        byGrantee.erase(own);
    Acl out;
    out.reserve(byGrantee.size());
    for (auto& [grantee, entry] : byGrantee) {
        if (const auto it = onward.find(grantee); it != onward.end())
            entry.grantedOnward = canonicalPrivileges(it->second);
        out.push_back(std::move(entry));
    }
    return out;
}

QString aclText(const std::vector<AclItem>& acl)
{
    QStringList parts;
    for (const AclItem& item : acl) {
        QString letters;
        for (const QChar c : item.privileges) {
            letters += c;
            if (item.grantable.contains(c))
                letters += QLatin1Char('*');
        }
        parts << (item.grantee.isEmpty() ? QStringLiteral("PUBLIC") : item.grantee) +
                     QLatin1Char('=') + letters;
    }
    return parts.join(QStringLiteral(", "));
}

const AclItem* findGrantee(const std::vector<AclItem>& acl, const QString& grantee)
{
    const auto it = std::find_if(acl.begin(), acl.end(),
                                 [&](const AclItem& item) { return item.grantee == grantee; });
    return it == acl.end() ? nullptr : &*it;
}

} // namespace bellows::catalog
