#include "catalog/catalog_json.h"

#include "sql/quote.h"

#include <QJsonArray>
#include <QLocale>

#include <algorithm>

namespace bellows::catalog {

namespace {

// Omits empty strings and false flags so the JSON stays readable.
void put(QJsonObject& o, const char* key, const QString& value)
{
    if (!value.isEmpty())
        o.insert(QLatin1String(key), value);
}

void putFlag(QJsonObject& o, const char* key, bool value)
{
    if (value)
        o.insert(QLatin1String(key), true);
}

void putList(QJsonObject& o, const char* key, const QStringList& values)
{
    if (!values.isEmpty())
        o.insert(QLatin1String(key), QJsonArray::fromStringList(values));
}

template <typename Item, typename Fn> QJsonArray array(const std::vector<Item>& items, Fn fn)
{
    QJsonArray out;
    for (const Item& item : items)
        out.append(fn(item));
    return out;
}

template <typename Item> QJsonArray array(const std::vector<Item>& items)
{
    QJsonArray out;
    for (const Item& item : items)
        out.append(objectJson(item));
    return out;
}

} // namespace

QJsonObject objectJson(const Column& c)
{
    QJsonObject o;
    o.insert(QStringLiteral("name"), c.name);
    o.insert(QStringLiteral("position"), c.position);
    o.insert(QStringLiteral("type"), c.type);
    put(o, "collation", c.collation);
    put(o, "default", c.defaultExpr);
    // attnotnull as the server has it (diff::settleUnvalidatedNotNull may have cleared notNull),
    // so a plan's fingerprint of the live schema matches a later introspection of it.
    o.insert(QStringLiteral("notNull"), c.notNull || !c.unvalidatedNotNull.isEmpty());
    if (!c.unvalidatedNotNull.isEmpty())
        o.insert(QStringLiteral("unvalidatedNotNull"), c.unvalidatedNotNull);
    put(o, "identity", toString(c.identity));
    put(o, "generated", toString(c.generated));
    put(o, "generatedExpression", c.generatedExpr);
    putFlag(o, "inheritedOnly", !c.isLocal);
    put(o, "comment", c.comment);
    put(o, "storage", c.storage);
    put(o, "compression", c.compression);
    if (c.statisticsTarget >= 0)
        o.insert(QStringLiteral("statisticsTarget"), c.statisticsTarget);
    putList(o, "attributeOptions", c.options);
    return o;
}

QJsonObject objectJson(const Constraint& c)
{
    QJsonObject o;
    o.insert(QStringLiteral("name"), c.name);
    o.insert(QStringLiteral("kind"), toString(c.kind));
    o.insert(QStringLiteral("definition"), c.definition);
    putList(o, "columns", c.columns);
    putFlag(o, "deferrable", c.deferrable);
    putFlag(o, "initiallyDeferred", c.initiallyDeferred);
    putFlag(o, "notValid", !c.validated);
    putFlag(o, "notEnforced", !c.enforced);
    putFlag(o, "noInherit", c.noInherit);
    putFlag(o, "nullsNotDistinct", c.nullsNotDistinct);
    putFlag(o, "inherited", !c.isLocal);
    if (c.kind == ConstraintKind::ForeignKey) {
        o.insert(QStringLiteral("references"), key(c.refSchema, c.refTable));
        putList(o, "referencedColumns", c.refColumns);
        o.insert(QStringLiteral("onUpdate"), c.onUpdate);
        o.insert(QStringLiteral("onDelete"), c.onDelete);
        o.insert(QStringLiteral("match"), c.matchType);
    }
    put(o, "index", c.indexName);
    put(o, "comment", c.comment);
    return o;
}

QJsonObject objectJson(const Index& i)
{
    QJsonObject o;
    o.insert(QStringLiteral("name"), i.name);
    o.insert(QStringLiteral("method"), i.method);
    o.insert(QStringLiteral("definition"), i.definition);
    QJsonArray keys;
    for (const IndexKey& k : i.keys) {
        QJsonObject ko;
        put(ko, "column", k.column);
        put(ko, "expression", k.expression);
        put(ko, "opclass", k.opclass);
        put(ko, "collation", k.collation);
        putFlag(ko, "descending", k.descending);
        putFlag(ko, "nullsFirst", k.nullsFirst);
        keys.append(ko);
    }
    o.insert(QStringLiteral("keys"), keys);
    putList(o, "include", i.include);
    put(o, "predicate", i.predicate);
    putFlag(o, "unique", i.unique);
    putFlag(o, "primary", i.primary);
    putFlag(o, "nullsNotDistinct", i.nullsNotDistinct);
    putFlag(o, "invalid", !i.valid);
    put(o, "constraint", i.constraintName);
    put(o, "comment", i.comment);
    return o;
}

QJsonObject objectJson(const Trigger& t)
{
    QJsonObject o;
    o.insert(QStringLiteral("name"), t.name);
    o.insert(QStringLiteral("definition"), t.definition);
    o.insert(QStringLiteral("enabled"), QString(QLatin1Char(t.enabled)));
    put(o, "comment", t.comment);
    return o;
}

QJsonObject objectJson(const Policy& p)
{
    QJsonObject o;
    o.insert(QStringLiteral("name"), p.name);
    o.insert(QStringLiteral("command"), p.command);
    o.insert(QStringLiteral("permissive"), p.permissive);
    putList(o, "roles", p.roles);
    put(o, "using", p.usingExpr);
    put(o, "withCheck", p.withCheckExpr);
    put(o, "comment", p.comment);
    return o;
}

QJsonObject objectJson(const Table& t)
{
    QJsonObject o;
    o.insert(QStringLiteral("schema"), t.schema);
    o.insert(QStringLiteral("name"), t.name);
    o.insert(QStringLiteral("kind"), toString(t.kind));
    putFlag(o, "unlogged", t.unlogged);
    put(o, "partitionKey", t.partitionKey);
    if (t.isPartition()) {
        o.insert(QStringLiteral("partitionOf"),
                 key(t.partitionParentSchema, t.partitionParentName));
        o.insert(QStringLiteral("partitionBound"), t.partitionBound);
    }
    putList(o, "inherits", t.inherits);
    o.insert(QStringLiteral("columns"), array(t.columns));
    o.insert(QStringLiteral("constraints"), array(t.constraints));
    o.insert(QStringLiteral("indexes"), array(t.indexes));
    if (!t.triggers.empty())
        o.insert(QStringLiteral("triggers"), array(t.triggers));
    if (!t.policies.empty())
        o.insert(QStringLiteral("policies"), array(t.policies));
    putFlag(o, "rowLevelSecurity", t.rlsEnabled);
    putFlag(o, "forceRowLevelSecurity", t.rlsForced);
    putList(o, "options", t.options);
    if (t.replicaIdentity != QLatin1String("default"))
        put(o, "replicaIdentity", t.replicaIdentity);
    put(o, "replicaIdentityIndex", t.replicaIdentityIndex);
    if (t.publishesChanges)
        o.insert(QStringLiteral("publishesChanges"), true);
    put(o, "comment", t.comment);
    o.insert(QStringLiteral("estimatedRows"), t.estimatedRows);
    o.insert(QStringLiteral("totalBytes"), double(t.totalBytes));
    return o;
}

QJsonObject objectJson(const View& v)
{
    QJsonObject o;
    o.insert(QStringLiteral("schema"), v.schema);
    o.insert(QStringLiteral("name"), v.name);
    o.insert(QStringLiteral("materialized"), v.materialized);
    if (!v.populated)
        o.insert(QStringLiteral("populated"), false);
    o.insert(QStringLiteral("definition"), v.definition);
    o.insert(QStringLiteral("columns"), array(v.columns));
    if (!v.indexes.empty())
        o.insert(QStringLiteral("indexes"), array(v.indexes));
    if (!v.triggers.empty())
        o.insert(QStringLiteral("triggers"), array(v.triggers));
    putList(o, "options", v.options);
    put(o, "comment", v.comment);
    return o;
}

QJsonObject objectJson(const Sequence& s)
{
    QJsonObject o;
    o.insert(QStringLiteral("schema"), s.schema);
    o.insert(QStringLiteral("name"), s.name);
    o.insert(QStringLiteral("type"), s.dataType);
    o.insert(QStringLiteral("start"), QString::number(s.start));
    o.insert(QStringLiteral("increment"), QString::number(s.increment));
    o.insert(QStringLiteral("min"), QString::number(s.minValue));
    o.insert(QStringLiteral("max"), QString::number(s.maxValue));
    o.insert(QStringLiteral("cache"), QString::number(s.cache));
    putFlag(o, "cycle", s.cycle);
    if (!s.ownedByTable.isEmpty())
        o.insert(QStringLiteral("ownedBy"), QString(key(s.ownedBySchema, s.ownedByTable) +
                                                    QLatin1Char('.') + s.ownedByColumn));
    putFlag(o, "identity", s.identity);
    put(o, "comment", s.comment);
    return o;
}

QJsonObject objectJson(const Function& f)
{
    QJsonObject o;
    o.insert(QStringLiteral("schema"), f.schema);
    o.insert(QStringLiteral("name"), f.name);
    o.insert(QStringLiteral("arguments"), f.identityArguments);
    o.insert(QStringLiteral("kind"), toString(f.kind));
    put(o, "returns", f.returns);
    o.insert(QStringLiteral("language"), f.language);
    put(o, "definition", f.definition);
    put(o, "comment", f.comment);
    return o;
}

QJsonObject objectJson(const DefaultAcl& d)
{
    QJsonObject o;
    o.insert(QStringLiteral("role"), d.role);
    o.insert(QStringLiteral("schema"), d.schema);
    o.insert(QStringLiteral("objectType"), d.objectTypeName());
    o.insert(QStringLiteral("privileges"), aclText(d.acl));
    return o;
}

QJsonObject objectJson(const Schema& s)
{
    QJsonObject o;
    o.insert(QStringLiteral("name"), s.name);
    put(o, "comment", s.comment);
    return o;
}

QJsonObject objectJson(const Extension& e)
{
    QJsonObject o;
    o.insert(QStringLiteral("name"), e.name);
    o.insert(QStringLiteral("schema"), e.schema);
    o.insert(QStringLiteral("version"), e.version);
    put(o, "comment", e.comment);
    return o;
}

QJsonObject objectJson(const EnumType& e)
{
    QJsonObject o;
    o.insert(QStringLiteral("schema"), e.schema);
    o.insert(QStringLiteral("name"), e.name);
    o.insert(QStringLiteral("labels"), QJsonArray::fromStringList(e.labels));
    put(o, "comment", e.comment);
    return o;
}

QJsonObject objectJson(const Domain& d)
{
    QJsonObject o;
    o.insert(QStringLiteral("schema"), d.schema);
    o.insert(QStringLiteral("name"), d.name);
    o.insert(QStringLiteral("baseType"), d.baseType);
    put(o, "collation", d.collation);
    put(o, "default", d.defaultExpr);
    putFlag(o, "notNull", d.notNull);
    o.insert(QStringLiteral("checks"), array(d.checks, [](const DomainCheck& k) {
                 QJsonObject ko;
                 ko.insert(QStringLiteral("name"), k.name);
                 ko.insert(QStringLiteral("definition"), k.definition);
                 putFlag(ko, "notValid", !k.validated);
                 put(ko, "comment", k.comment);
                 return ko;
             }));
    put(o, "comment", d.comment);
    return o;
}

QJsonObject objectJson(const CompositeType& t)
{
    QJsonObject o;
    o.insert(QStringLiteral("schema"), t.schema);
    o.insert(QStringLiteral("name"), t.name);
    o.insert(QStringLiteral("attributes"), array(t.attributes, [](const CompositeAttribute& a) {
                 QJsonObject ao;
                 ao.insert(QStringLiteral("name"), a.name);
                 ao.insert(QStringLiteral("type"), a.type);
                 put(ao, "collation", a.collation);
                 return ao;
             }));
    put(o, "comment", t.comment);
    return o;
}

QJsonObject toJson(const Catalog& c)
{
    QJsonObject server;
    server.insert(QStringLiteral("version"), c.server.version);
    server.insert(QStringLiteral("versionNum"), c.server.versionNum);
    server.insert(QStringLiteral("database"), c.server.database);

    QJsonObject o;
    o.insert(QStringLiteral("formatVersion"), 1);
    o.insert(QStringLiteral("server"), server);
    o.insert(QStringLiteral("schemas"), array(c.schemas));
    o.insert(QStringLiteral("extensions"), array(c.extensions));
    o.insert(QStringLiteral("enums"), array(c.enums));
    o.insert(QStringLiteral("domains"), array(c.domains));
    o.insert(QStringLiteral("compositeTypes"), array(c.compositeTypes));
    o.insert(QStringLiteral("sequences"), array(c.sequences));
    o.insert(QStringLiteral("tables"), array(c.tables));
    o.insert(QStringLiteral("views"), array(c.views));
    o.insert(QStringLiteral("functions"), array(c.functions));
    return o;
}

QString summaryText(const Catalog& c)
{
    const QLocale locale = QLocale::c();
    qsizetype columns = 0, constraints = 0, indexes = 0, triggers = 0, policies = 0;
    qint64 bytes = 0;
    for (const Table& t : c.tables) {
        columns += qsizetype(t.columns.size());
        constraints += qsizetype(t.constraints.size());
        indexes += qsizetype(t.indexes.size());
        triggers += qsizetype(t.triggers.size());
        policies += qsizetype(t.policies.size());
        bytes += t.totalBytes;
    }
    qsizetype matviews =
        std::count_if(c.views.begin(), c.views.end(), [](const View& v) { return v.materialized; });
    QString out;
    out += QStringLiteral("Database %1 on PostgreSQL %2\n")
               .arg(sql::quoteIdent(c.server.database), c.server.version);
    auto line = [&](const QString& what, qsizetype n) {
        out += QStringLiteral("  %1 %2\n").arg(what, -20).arg(n);
    };
    line(QStringLiteral("schemas"), qsizetype(c.schemas.size()));
    line(QStringLiteral("extensions"), qsizetype(c.extensions.size()));
    line(QStringLiteral("tables"), qsizetype(c.tables.size()));
    line(QStringLiteral("columns"), columns);
    line(QStringLiteral("constraints"), constraints);
    line(QStringLiteral("indexes"), indexes);
    line(QStringLiteral("views"), qsizetype(c.views.size()) - matviews);
    line(QStringLiteral("materialized views"), matviews);
    line(QStringLiteral("sequences"), qsizetype(c.sequences.size()));
    line(QStringLiteral("enums"), qsizetype(c.enums.size()));
    line(QStringLiteral("domains"), qsizetype(c.domains.size()));
    line(QStringLiteral("composite types"), qsizetype(c.compositeTypes.size()));
    line(QStringLiteral("functions"), qsizetype(c.functions.size()));
    line(QStringLiteral("triggers"), triggers);
    line(QStringLiteral("policies"), policies);
    out += QStringLiteral("  %1 %2\n")
               .arg(QStringLiteral("total size"), -20)
               .arg(locale.formattedDataSize(bytes));

    std::vector<const Table*> largest;
    for (const Table& t : c.tables)
        largest.push_back(&t);
    std::sort(largest.begin(), largest.end(),
              [](const Table* a, const Table* b) { return a->totalBytes > b->totalBytes; });
    if (!largest.empty()) {
        out += QStringLiteral("\nLargest tables (estimated rows, size on disk):\n");
        for (size_t i = 0; i < std::min<size_t>(10, largest.size()); ++i) {
            const Table* t = largest[i];
            const QString rows = t->estimatedRows < 0 ? QStringLiteral("not analysed")
                                                      : locale.toString(qint64(t->estimatedRows)) +
                                                            QStringLiteral(" rows");
            out += QStringLiteral("  %1  %2  %3\n")
                       .arg(sql::qualified(t->schema, t->name), -40)
                       .arg(rows, 16)
                       .arg(locale.formattedDataSize(t->totalBytes));
        }
    }
    return out;
}

} // namespace bellows::catalog
