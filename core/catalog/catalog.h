#pragma once

// The schema model both sides of a comparison are turned into. Everything here is filled by
// the Introspector from PostgreSQL's own catalogs, so expressions and types are already in
// PostgreSQL's normalised spelling (pg_get_expr, format_type, pg_get_*def).

#include "catalog/acl.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace bellows::catalog {

// Every object that has an owner and privileges: `owner` is the role name, empty when the
// target does not say (the role that loads the target owns it: see Catalog::implicitRole);
// `acl` is the normalised ACL (acl.h).
struct Schema {
    QString name;
    QString comment;
    QString owner;
    Acl acl;
};

struct Extension {
    QString name;
    QString schema;
    QString version;
    QString comment;
};

enum class IdentityKind { None, Always, ByDefault };
enum class GeneratedKind { None, Stored, Virtual };

struct Column {
    QString name;
    int position = 0;    // attnum; informational only, never diffed
    QString type;        // format_type(atttypid, atttypmod), e.g. "character varying(50)"
    QString typeSchema;  // schema of the type, for user-defined types
    QString collation;   // explicit collation when it differs from the type's default
    QString defaultExpr; // pg_get_expr(adbin); empty for none (and for generated columns)
    bool notNull = false;
    // PostgreSQL 18: notNull comes from a NOT NULL constraint added NOT VALID (a plan stopped
    // before VALIDATE); diff::settleUnvalidatedNotNull decides what it means against a target.
    QString unvalidatedNotNull; // that constraint's name; empty when there is none
    IdentityKind identity = IdentityKind::None;
    GeneratedKind generated = GeneratedKind::None;
    QString generatedExpr;
    bool isLocal = true; // false when inherited only (from a parent or partition root)
    QString comment;
    Acl acl; // column privileges (attacl); empty for none
    // Per-column storage settings (ALTER COLUMN SET STORAGE / COMPRESSION / STATISTICS / (...)).
    QString storage;           // "plain", "main", "external", "extended" when not the type's own
    QString typeStorage;       // the type's default storage (typstorage); informational, not diffed
    QString compression;       // "pglz", "lz4" when set (attcompression); empty: the server default
    int statisticsTarget = -1; // attstattarget; -1: the default
    QStringList options;       // attoptions, e.g. "n_distinct=-1"
};

enum class ConstraintKind { PrimaryKey, Unique, ForeignKey, Check, Exclusion };

struct Constraint {
    QString name;
    ConstraintKind kind = ConstraintKind::Check;
    QString definition;  // pg_get_constraintdef(oid), the canonical comparison text
    QStringList columns; // conkey as column names
    bool deferrable = false;
    bool initiallyDeferred = false;
    bool validated = true; // false for NOT VALID
    bool enforced = true;  // false for NOT ENFORCED (PostgreSQL 18)
    bool noInherit = false;
    bool isLocal = true; // false when inherited from a parent table / partitioned parent
    bool nullsNotDistinct = false;
    // Foreign keys
    QString refSchema;
    QString refTable;
    QStringList refColumns;
    QString onUpdate; // "NO ACTION", "RESTRICT", "CASCADE", "SET NULL", "SET DEFAULT"
    QString onDelete;
    QString matchType; // "SIMPLE", "FULL", "PARTIAL"
    // Check
    QString checkExpression; // the bare expression (pg_get_expr(conbin))
    QString indexName;       // index backing PK / UNIQUE / EXCLUDE
    QString comment;
};

struct IndexKey {
    QString column;     // column name, empty for an expression
    QString expression; // expression text, empty for a column
    QString opclass;    // empty when the default opclass for the type
    QString collation;  // empty when the column's collation
    bool descending = false;
    bool nullsFirst = false; // as stored (DESC implies NULLS FIRST by default)
};

struct Index {
    QString name;
    QString method;     // btree, hash, gin, gist, spgist, brin, ...
    QString definition; // pg_get_indexdef(oid)
    std::vector<IndexKey> keys;
    QStringList include;
    QString predicate; // WHERE clause, empty for none
    bool unique = false;
    bool primary = false;
    bool nullsNotDistinct = false;
    bool valid = true;      // indisvalid
    QString constraintName; // constraint this index implements, if any
    QString tablespace;
    QString comment;
};

struct Trigger {
    QString name;
    QString definition; // pg_get_triggerdef(oid)
    QString function;   // qualified trigger function
    char enabled = 'O'; // pg_trigger.tgenabled
    bool isInternal = false;
    QString comment;
};

struct Policy {
    QString name;
    QString command; // ALL, SELECT, INSERT, UPDATE, DELETE
    bool permissive = true;
    QStringList roles;
    QString usingExpr;
    QString withCheckExpr;
    QString comment;
};

enum class TableKind { Ordinary, Partitioned, Foreign };

struct Table {
    QString schema;
    QString name;
    TableKind kind = TableKind::Ordinary;
    bool unlogged = false;
    QString partitionKey;    // pg_get_partkeydef, for partitioned tables
    QString partitionParent; // "schema.name" of the parent when this table is a partition
    QString partitionParentSchema;
    QString partitionParentName;
    QString partitionBound; // pg_get_expr(relpartbound)
    QStringList inherits;   // parents ("schema.name") by traditional inheritance, in order
    std::vector<Column> columns;
    std::vector<Constraint> constraints;
    std::vector<Index> indexes;
    std::vector<Trigger> triggers;
    std::vector<Policy> policies;
    bool rlsEnabled = false;
    bool rlsForced = false;
    QStringList options; // reloptions; the TOAST table's come prefixed with "toast."
    // relreplident spelled as in REPLICA IDENTITY: "default", "full", "nothing" or "index"
    // (then replicaIdentityIndex names the index).
    QString replicaIdentity = QStringLiteral("default");
    QString replicaIdentityIndex;
    // In a publication that publishes UPDATE or DELETE: without a usable replica identity,
    // PostgreSQL refuses those statements on the table (plan/replica_identity_rules.cpp).
    bool publishesChanges = false;
    QString comment;
    QString owner;
    Acl acl;
    double estimatedRows = -1; // reltuples; -1 when never analysed
    qint64 totalBytes = 0;     // pg_total_relation_size

    const Column* column(const QString& columnName) const;
    const Constraint* constraint(const QString& constraintName) const;
    const Index* index(const QString& indexName) const;
    bool isPartition() const { return !partitionParentName.isEmpty(); }
};

struct View {
    QString schema;
    QString name;
    bool materialized = false;
    // relispopulated: a materialized view created WITH NO DATA (or never refreshed) cannot be
    // read until REFRESH; re-creating it keeps it that way rather than filling it.
    bool populated = true;
    QString definition; // pg_get_viewdef(oid)
    std::vector<Column> columns;
    std::vector<Index> indexes;    // materialized views only
    std::vector<Trigger> triggers; // INSTEAD OF triggers
    QStringList options;
    QString comment;
    QString owner;
    Acl acl;
};

struct EnumType {
    QString schema;
    QString name;
    QStringList labels; // in enumsortorder
    QString comment;
    QString owner;
    Acl acl;
};

struct DomainCheck {
    QString name;
    QString definition; // pg_get_constraintdef
    bool validated = true;
    QString comment;
};

struct Domain {
    QString schema;
    QString name;
    QString baseType; // format_type of the base type with typmod
    QString collation;
    QString defaultExpr;
    bool notNull = false;
    std::vector<DomainCheck> checks;
    QString comment;
    QString owner;
    Acl acl;
};

struct CompositeAttribute {
    QString name;
    QString type;
    QString collation;
};

struct CompositeType {
    QString schema;
    QString name;
    std::vector<CompositeAttribute> attributes;
    QString comment;
    QString owner;
    Acl acl;
};

struct Sequence {
    QString schema;
    QString name;
    QString dataType; // smallint, integer, bigint
    qint64 start = 1;
    qint64 increment = 1;
    qint64 minValue = 1;
    qint64 maxValue = 0;
    qint64 cache = 1;
    bool cycle = false;
    QString ownedBySchema; // OWNED BY table / column, empty when none
    QString ownedByTable;
    QString ownedByColumn;
    bool identity = false; // the sequence behind an identity column (diffed with the column)
    QString comment;
    QString owner;
    Acl acl;
};

enum class FunctionKind { Function, Procedure, Aggregate, Window };

struct Function {
    QString schema;
    QString name;
    QString identityArguments; // pg_get_function_identity_arguments
    FunctionKind kind = FunctionKind::Function;
    QString returns; // pg_get_function_result
    QString language;
    QString definition; // pg_get_functiondef (empty for aggregates)
    QString comment;
    QString owner;
    Acl acl;

    // "schema.name(args)": functions are identified by their signature.
    QString signature() const;
};

// ALTER DEFAULT PRIVILEGES: what objects `role` creates (in `schema`, or anywhere) are granted.
struct DefaultAcl {
    QString role;          // FOR ROLE; empty: the role that runs the statements
    QString schema;        // IN SCHEMA; empty for the role's defaults everywhere
    char objectType = 'r'; // pg_default_acl.defaclobjtype: r, S, f, T, n
    Acl acl;               // normalised with `role` as the owner

    // "tables", "sequences", "functions", "types", "schemas"
    QString objectTypeName() const;
    // "FOR ROLE app IN SCHEMA public ON TABLES" style identity for reports and step ids.
    QString name() const;
};

// What acldefault() gives each object kind on this server (the owner's letters vary with the
// version: MAINTAIN from 17 on), by acldefault's kind letter: r, s, f, n, T.
struct AclDefault {
    char kind = 'r';
    QString owner;            // the owner's letters
    QString publicPrivileges; // PUBLIC's letters (EXECUTE on functions, USAGE on types)
};

// One pg_depend edge between two objects of this catalog: `dependent` cannot outlive
// `referenced` (a DROP of `referenced` without CASCADE fails while `dependent` exists) and must
// be created after it. Objects are named by dependencyKey-style keys: "<kind> <path>", kind one
// of schema, extension, table, column, view, sequence, index, constraint, default, trigger,
// policy, type, domain-constraint, function; paths are raw names joined with dots (a function's
// path is its signature()). A view's rewrite rule counts as the view, an array type as its
// element type, a table's row type as the table, an extension's member as the extension, the
// index of a key constraint as the constraint (introspect/catalog_queries.cpp).
struct Dependency {
    QString dependent;
    QString referenced;
    char type = 'n'; // pg_depend.deptype: n(ormal) or a(uto)

    bool operator==(const Dependency&) const = default;
};

struct ServerInfo {
    int versionNum = 0; // server_version_num, e.g. 150018
    QString version;    // server_version, e.g. "15.18 (Debian 15.18-0+deb12u1)"
    QString database;
    QString user;
    QString bootstrapRole; // the role with oid 10 (the cluster's initdb superuser)
    QStringList roles;     // every role name on the server
    std::vector<AclDefault> aclDefaults;

    int major() const { return versionNum / 10000; }
    const AclDefault* aclDefault(char kind) const;
};

struct Catalog {
    ServerInfo server;
    std::vector<Schema> schemas;
    std::vector<Extension> extensions;
    std::vector<Table> tables;
    std::vector<View> views;
    std::vector<EnumType> enums;
    std::vector<Domain> domains;
    std::vector<CompositeType> compositeTypes;
    std::vector<Sequence> sequences;
    std::vector<Function> functions;
    std::vector<DefaultAcl> defaultAcls;
    std::vector<Dependency> dependencies; // pg_depend between the objects above

    // Keys of the objects that depend on `key` directly (dependencies whose referenced is
    // `key`, or a column of it when `key` names a table or view).
    QStringList dependentsOf(const QString& key) const;
    // Keys of the objects `key` depends on directly.
    QStringList referencedBy(const QString& key) const;

    // The role whose objects have no explicit owner: the connecting user for a live database,
    // the loading role for a target loaded into a shadow database (source/target_source.cpp).
    QString implicitRole;
    // False when the target's ownership or privilege statements could not all be run in the
    // shadow database (a role missing there): privileges and owners are then not compared.
    bool privilegesKnown = true;
    QStringList privilegeNotes; // why privilegesKnown is false, one line each
    // False for a target with no GRANT, REVOKE or ALTER DEFAULT PRIVILEGES at all (most schema
    // files, every Prisma schema): it says nothing about privileges, so none are compared — a
    // plan must not revoke every grant a DBA made outside the file. Owners it names still are.
    bool grantsStated = true;
    QStringList missingRoles; // roles the target names that the shadow server lacks

    // Whether `owner`, the owner of one of this catalog's objects, was given explicitly: not
    // empty, not implicitRole, not the bootstrap superuser nor pg_database_owner (what owns the
    // objects initdb made, such as the public schema).
    bool ownerIsExplicit(const QString& owner) const;

    // Lookups by "schema.name" (raw names joined with a dot; not quoted).
    const Table* table(const QString& schema, const QString& name) const;
    const View* view(const QString& schema, const QString& name) const;

    // Sorts every list by identity so output and diffs have a stable order.
    void sort();
};

QString key(const QString& schema, const QString& name);

QString toString(ConstraintKind kind);
QString toString(IdentityKind kind);
QString toString(GeneratedKind kind);
QString toString(FunctionKind kind);
QString toString(TableKind kind);

} // namespace bellows::catalog
