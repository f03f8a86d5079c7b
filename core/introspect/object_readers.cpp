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
}

void readSchemas(const pq::QueryResult& r, ReadState& s)
{
    const int cName = r.column("nspname");
    const int cComment = r.column("description");
    for (int i = 0; i < r.rows(); ++i)
        s.catalog.schemas.push_back(Schema{r.text(i, cName), r.text(i, cComment)});
}

void readExtensions(const pq::QueryResult& r, ReadState& s)
{
    const int cName = r.column("extname");
    const int cSchema = r.column("nspname");
    const int cVersion = r.column("extversion");
    const int cComment = r.column("description");
    for (int i = 0; i < r.rows(); ++i)
        s.catalog.extensions.push_back(Extension{r.text(i, cName), r.text(i, cSchema),
                                                 r.text(i, cVersion), r.text(i, cComment)});
}

void readTypes(const pq::QueryResult& r, ReadState& s)
{
    const int cOid = r.column("oid");
    const int cSchema = r.column("nspname");
    const int cName = r.column("typname");
    const int cType = r.column("typtype");
    const int cRelation = r.column("typrelid");
    const int cLabels = r.column("labels");
    const int cBaseType = r.column("base_type");
    const int cCollation = r.column("collation");
    const int cDefault = r.column("default_expr");
    const int cNotNull = r.column("typnotnull");
    const int cComment = r.column("description");

    for (int i = 0; i < r.rows(); ++i) {
        switch (charAt(r, i, cType)) {
        case 'e': {
            EnumType e;
            e.schema = r.text(i, cSchema);
            e.name = r.text(i, cName);
            e.labels = r.textArray(i, cLabels);
            e.comment = r.text(i, cComment);
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
            d.comment = r.text(i, cComment);
            s.domains.insert(oidAt(r, i, cOid), int(s.catalog.domains.size()));
            s.catalog.domains.push_back(std::move(d));
            break;
        }
        case 'c': {
            CompositeType c;
            c.schema = r.text(i, cSchema);
            c.name = r.text(i, cName);
            c.comment = r.text(i, cComment);
            // Its attributes are pg_attribute rows of the type's relation.
            s.relations.insert(oidAt(r, i, cRelation),
                               {RelationRef::Kind::Composite,
                                int(s.catalog.compositeTypes.size())});
            s.catalog.compositeTypes.push_back(std::move(c));
            s.compositeAttributes.emplace_back();
            break;
        }
        default: break;
        }
    }
}

void readDomainChecks(const pq::QueryResult& r, ReadState& s)
{
    const int cDomain = r.column("contypid");
    const int cName = r.column("conname");
    const int cDefinition = r.column("definition");
    const int cValidated = r.column("convalidated");
    for (int i = 0; i < r.rows(); ++i) {
        const auto it = s.domains.constFind(oidAt(r, i, cDomain));
        if (it == s.domains.constEnd())
            continue;
        s.catalog.domains[size_t(*it)].checks.push_back(
            DomainCheck{r.text(i, cName), r.text(i, cDefinition), r.boolean(i, cValidated)});
    }
}

void readFunctions(const pq::QueryResult& r, ReadState& s)
{
    const int cSchema = r.column("nspname");
    const int cName = r.column("proname");
    const int cKind = r.column("prokind");
    const int cArguments = r.column("identity_arguments");
    const int cResult = r.column("result");
    const int cLanguage = r.column("lanname");
    const int cDefinition = r.column("definition");
    const int cComment = r.column("description");

    s.catalog.functions.reserve(size_t(r.rows()));
    for (int i = 0; i < r.rows(); ++i) {
        Function f;
        f.schema = r.text(i, cSchema);
        f.name = r.text(i, cName);
        switch (charAt(r, i, cKind)) {
        case 'p': f.kind = FunctionKind::Procedure; break;
        case 'a': f.kind = FunctionKind::Aggregate; break;
        case 'w': f.kind = FunctionKind::Window; break;
        default: f.kind = FunctionKind::Function; break;
        }
        f.identityArguments = r.text(i, cArguments);
        f.returns = r.text(i, cResult);
        f.language = r.text(i, cLanguage);
        f.definition = r.text(i, cDefinition);
        f.comment = r.text(i, cComment);
        s.catalog.functions.push_back(std::move(f));
    }
}

} // namespace bellows::introspect::detail
