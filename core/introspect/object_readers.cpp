// Readers for objects that do not hang off a relation: the server, schemas, extensions,
// types (enums, domains, composite types) and functions.

#include "introspect/catalog_readers.h"

namespace bellows::introspect::detail {

using namespace catalog;

void readServer(const pq::QueryResult& r, ReadState& s)
{
    if (r.rows() < 1)
        return;
    ServerInfo& server = s.catalog.server;
    server.versionNum = int(r.int64(0, r.column("version_num")));
    server.version = r.text(0, r.column("version"));
    server.database = r.text(0, r.column("database"));
    server.user = r.text(0, r.column("user"));
    s.blockSize = int(r.int64(0, r.column("block_size")));
    server.bootstrapRole = r.text(0, r.column("bootstrap_role"));
    server.roles = r.textArray(0, r.column("roles"));
    // acldefault('r' | 's' | 'f' | 'n' | 'T', 10) as aclitem[] texts, in that order.
    const QStringList defaults = r.textArray(0, r.column("acl_defaults"));
    const char kinds[] = {'r', 's', 'f', 'n', 'T'};
    for (qsizetype k = 0; k < defaults.size() && k < qsizetype(sizeof kinds); ++k) {
        AclDefault d;
        d.kind = kinds[k];
        for (const QString& text : pq::parseTextArray(defaults[k].toUtf8().constData(),
                                                      int(defaults[k].toUtf8().size()))) {
            const auto item = parseAclItem(text);
            if (item && item->grantee.isEmpty())
                d.publicPrivileges = item->privileges;
            else if (item && item->grantee == server.bootstrapRole)
                d.owner = item->privileges;
        }
        server.aclDefaults.push_back(d);
    }
    s.catalog.implicitRole = server.user;
}

void readKeywords(const pq::QueryResult& r, ReadState& s)
{
    const int cWord = r.column("word");
    for (int i = 0; i < r.rows(); ++i) {
        const QString word = r.text(i, cWord);
        const char16_t first = word.isEmpty() ? 0 : word.at(0).unicode();
        if (first >= u'a' && first <= u'z')
            s.keywords[first - u'a'].push_back(word);
    }
}

void readOpclasses(const pq::QueryResult& r, ReadState& s)
{
    const int cOid = r.column("oid");
    const int cName = r.column("name");
    const int cDefault = r.column("opcdefault");
    const int cMethod = r.column("opcmethod");
    const int cInputType = r.column("opcintype");
    s.opclasses.reserve(r.rows());
    for (int i = 0; i < r.rows(); ++i) {
        const quint32 oid = oidAt(r, i, cOid);
        Opclass o{r.text(i, cName), r.boolean(i, cDefault), oidAt(r, i, cMethod),
                  oidAt(r, i, cInputType)};
        if (o.isDefault)
            s.defaultOpclasses.insert((quint64(o.method) << 32) | o.inputType, oid);
        s.opclasses.insert(oid, std::move(o));
    }
}

void readCollations(const pq::QueryResult& r, ReadState& s)
{
    const int cOid = r.column("oid");
    const int cName = r.column("name");
    s.collations.reserve(r.rows());
    for (int i = 0; i < r.rows(); ++i)
        s.collations.insert(oidAt(r, i, cOid), r.text(i, cName));
}

void readNamespaces(const pq::QueryResult& r, ReadState& s)
{
    const int cOid = r.column("oid");
    const int cName = r.column("nspname");
    s.namespaces.reserve(r.rows());
    for (int i = 0; i < r.rows(); ++i)
        s.namespaces.insert(oidAt(r, i, cOid), r.text(i, cName));
}

void readComments(const pq::QueryResult& r, ReadState& s)
{
    const int cCatalog = r.column("classoid");
    const int cObject = r.column("objoid");
    const int cSub = r.column("objsubid");
    const int cText = r.column("description");
    s.comments.reserve(r.rows());
    for (int i = 0; i < r.rows(); ++i)
        s.comments.insert({oidAt(r, i, cCatalog), oidAt(r, i, cObject), int(r.int64(i, cSub))},
                          r.text(i, cText));
}

void readSchemas(const pq::QueryResult& r, ReadState& s)
{
    const int cOid = r.column("oid");
    const int cName = r.column("nspname");
    const int cOwner = r.column("owner");
    const int cAcl = r.column("acl");
    for (int i = 0; i < r.rows(); ++i) {
        const QString owner = r.text(i, cOwner);
        s.catalog.schemas.push_back(Schema{r.text(i, cName),
                                           s.comment(CommentOn::Namespace, oidAt(r, i, cOid)),
                                           owner, s.acl(r, i, cAcl, 'n', owner)});
    }
}

void readExtensions(const pq::QueryResult& r, ReadState& s)
{
    const int cOid = r.column("oid");
    const int cName = r.column("extname");
    const int cSchema = r.column("nspname");
    const int cVersion = r.column("extversion");
    for (int i = 0; i < r.rows(); ++i)
        s.catalog.extensions.push_back(
            Extension{r.text(i, cName), r.text(i, cSchema), r.text(i, cVersion),
                      s.comment(CommentOn::Extension, oidAt(r, i, cOid))});
}

void readTypes(const pq::QueryResult& r, ReadState& s)
{
    const int cOid = r.column("oid");
    const int cSchema = r.column("nspname");
    const int cName = r.column("typname");
    const int cType = r.column("typtype");
    const int cRelation = r.column("typrelid");
    const int cBaseTypeOid = r.column("typbasetype");
    const int cLabels = r.column("labels");
    const int cBaseType = r.column("base_type");
    const int cCollation = r.column("collation");
    const int cDefault = r.column("default_expr");
    const int cNotNull = r.column("typnotnull");
    const int cOwner = r.column("owner");
    const int cAcl = r.column("acl");

    for (int i = 0; i < r.rows(); ++i) {
        const QString comment = s.comment(CommentOn::Type, oidAt(r, i, cOid));
        const QString owner = r.text(i, cOwner);
        const Acl acl = s.acl(r, i, cAcl, 'T', owner);
        switch (charAt(r, i, cType)) {
        case 'e': {
            EnumType e;
            e.schema = r.text(i, cSchema);
            e.name = r.text(i, cName);
            e.labels = r.textArray(i, cLabels);
            e.comment = comment;
            e.owner = owner;
            e.acl = acl;
            s.catalog.enums.push_back(std::move(e));
            break;
        }
        case 'd': {
            Domain d;
            d.schema = r.text(i, cSchema);
            d.name = r.text(i, cName);
            d.baseType = r.text(i, cBaseType);
            d.collation = r.text(i, cCollation);
            d.defaultExpr = r.text(i, cDefault);
            d.notNull = r.boolean(i, cNotNull);
            d.comment = comment;
            d.owner = owner;
            d.acl = acl;
            s.domains.insert(oidAt(r, i, cOid), int(s.catalog.domains.size()));
            s.domainBaseTypes.insert(oidAt(r, i, cOid), oidAt(r, i, cBaseTypeOid));
            s.catalog.domains.push_back(std::move(d));
            break;
        }
        case 'c': {
            CompositeType c;
            c.schema = r.text(i, cSchema);
            c.name = r.text(i, cName);
            c.comment = comment;
            c.owner = owner;
            c.acl = acl;
            // Its attributes are pg_attribute rows of the type's relation.
            s.relations.insert(oidAt(r, i, cRelation), {RelationRef::Kind::Composite,
                                                        int(s.catalog.compositeTypes.size())});
            s.catalog.compositeTypes.push_back(std::move(c));
            s.compositeAttributes.emplace_back();
            break;
        }
        default:
            break;
        }
    }
}

void readDomainChecks(const pq::QueryResult& r, ReadState& s)
{
    const int cDomain = r.column("contypid");
    const int cName = r.column("conname");
    const int cDefinition = r.column("definition");
    const int cValidated = r.column("convalidated");
    const int cComment = r.column("comment");
    for (int i = 0; i < r.rows(); ++i) {
        const auto it = s.domains.constFind(oidAt(r, i, cDomain));
        if (it == s.domains.constEnd())
            continue;
        s.catalog.domains[size_t(*it)].checks.push_back(
            DomainCheck{r.text(i, cName), r.text(i, cDefinition), r.boolean(i, cValidated),
                        r.text(i, cComment)});
    }
}

void readFunctions(const pq::QueryResult& r, ReadState& s)
{
    const int cOid = r.column("oid");
    const int cSchema = r.column("nspname");
    const int cName = r.column("proname");
    const int cKind = r.column("prokind");
    const int cArguments = r.column("identity_arguments");
    const int cResult = r.column("result");
    const int cLanguage = r.column("lanname");
    const int cDefinition = r.column("definition");
    const int cOwner = r.column("owner");
    const int cAcl = r.column("acl");

    s.catalog.functions.reserve(size_t(r.rows()));
    for (int i = 0; i < r.rows(); ++i) {
        Function f;
        f.schema = r.text(i, cSchema);
        f.name = r.text(i, cName);
        switch (charAt(r, i, cKind)) {
        case 'p':
            f.kind = FunctionKind::Procedure;
            break;
        case 'a':
            f.kind = FunctionKind::Aggregate;
            break;
        case 'w':
            f.kind = FunctionKind::Window;
            break;
        default:
            f.kind = FunctionKind::Function;
            break;
        }
        f.identityArguments = r.text(i, cArguments);
        f.returns = r.text(i, cResult);
        f.language = r.text(i, cLanguage);
        f.definition = r.text(i, cDefinition);
        f.comment = s.comment(CommentOn::Proc, oidAt(r, i, cOid));
        f.owner = r.text(i, cOwner);
        f.acl = s.acl(r, i, cAcl, 'f', f.owner);
        s.catalog.functions.push_back(std::move(f));
    }
}

// A global entry replaces acldefault() for the role's new objects, so it is normalised like an
// object the role owns; an entry for one schema only adds to it (no owner entry to drop).
void readDefaultAcls(const pq::QueryResult& r, ReadState& s)
{
    const int cRole = r.column("role");
    const int cSchema = r.column("nspname");
    const int cType = r.column("defaclobjtype");
    const int cAcl = r.column("acl");
    for (int i = 0; i < r.rows(); ++i) {
        DefaultAcl d;
        d.role = r.text(i, cRole);
        d.schema = r.text(i, cSchema);
        d.objectType = charAt(r, i, cType);
        const char kind = d.objectType == 'S' ? 's' : d.objectType;
        d.acl = s.acl(r, i, cAcl, d.schema.isEmpty() ? kind : '\0', d.role);
        s.catalog.defaultAcls.push_back(std::move(d));
    }
}

void readDependencies(const pq::QueryResult& r, ReadState& s)
{
    const int cDependent = r.column("dependent");
    const int cReferenced = r.column("referenced");
    const int cType = r.column("deptype");
    s.catalog.dependencies.reserve(size_t(r.rows()));
    for (int i = 0; i < r.rows(); ++i)
        s.catalog.dependencies.push_back(
            {r.text(i, cDependent), r.text(i, cReferenced), charAt(r, i, cType)});
}

} // namespace bellows::introspect::detail
