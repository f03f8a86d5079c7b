#include "source/prisma_ddl.h"

#include "source/prisma_ddl_ast.h"
#include "source/prisma_names.h"
#include "source/prisma_types.h"
#include "sql/quote.h"

#include <QHash>
#include <QSet>
#include <QStringList>

namespace bellows::source::prisma {

namespace {

// Prisma quotes every identifier, so the generated script reads like the engine's own.
QString q(const QString& identifier)
{
    return sql::quoteIdentAlways(identifier);
}

QString quotedList(const QStringList& names, const QString& separator)
{
    QStringList quoted;
    for (const QString& name : names)
        quoted << q(name);
    return quoted.join(separator);
}

// `ArrayOps` -> array_ops, `Int4BloomOps` -> int4_bloom_ops, `TimestampTzMinMaxOps` ->
// timestamptz_minmax_ops: Prisma's operator-class names are PostgreSQL's in CamelCase.
QString operatorClass(const Expression& ops)
{
    if (ops.kind == Expression::Kind::Function && ops.text == QLatin1String("raw")) {
        const Expression* text = argument(ops.arguments, QString(), 0);
        return text ? text->text : QString();
    }
    QString snake;
    for (qsizetype i = 0; i < ops.text.size(); ++i) {
        const QChar c = ops.text.at(i);
        if (c.isUpper() && i > 0)
            snake += QLatin1Char('_');
        snake += c.toLower();
    }
    snake.replace(QLatin1String("min_max"), QLatin1String("minmax"));
    snake.replace(QLatin1String("_tz_"), QLatin1String("tz_"));
    return snake;
}

QString referentialAction(const QString& action)
{
    static const QHash<QString, QString> actions = {
        {QStringLiteral("Cascade"), QStringLiteral("CASCADE")},
        {QStringLiteral("Restrict"), QStringLiteral("RESTRICT")},
        {QStringLiteral("NoAction"), QStringLiteral("NO ACTION")},
        {QStringLiteral("SetNull"), QStringLiteral("SET NULL")},
        {QStringLiteral("SetDefault"), QStringLiteral("SET DEFAULT")}};
    return actions.value(action);
}

class Translator {
public:
    explicit Translator(const Schema& schema) : m_schema(schema) {}

    Result<PrismaDdl> run();

private:
    Status readDatasource();
    void addEnum(const Enum& e);
    Status addModel(const Model& model);
    Status addIndexes(const Model& model, const QString& table);
    Status addForeignKey(const Model& model, const Field& field, const Attribute& relation);
    Status addJoinTable(const Model& model, const Field& field, const QString& relationName);

    QString schemaOf(const std::vector<Attribute>& attributes) const;
    QString tableRef(const Model& model) const;
    QString enumRef(const Enum& e) const;
    QString qualify(const QString& schema, const QString& name) const;
    const Model* relatedModel(const Field& field) const;
    Result<QStringList> columns(const Model& model, const std::vector<FieldReference>& fields,
                                const SourceLocation& where) const;
    QString relationName(const Field& field) const;
    Result<QString> joinColumnType(const Model& model, QString* column,
                                   const SourceLocation& where);
    void warn(const SourceLocation& where, const QString& message)
    {
        m_warnings.push_back({where, message});
    }

    const Schema& m_schema;
    std::vector<Warning> m_warnings;
    bool m_foreignKeys = true; // relationMode = "prisma" keeps relations in the client
    QStringList m_schemas;     // datasource `schemas` (multi-schema); empty = public only
    QStringList m_extensions;
    QStringList m_enums;
    QStringList m_tables;
    QStringList m_indexes;
    QStringList m_constraints;
    QStringList m_joinTables; // implicit m:n tables, created after the models'
    QStringList m_joinIndexes;
    QStringList m_joinConstraints;
    QSet<QString> m_joinRelations;
};

QString Translator::qualify(const QString& schema, const QString& name) const
{
    if (m_schemas.isEmpty())
        return q(name);
    return q(schema) + QLatin1Char('.') + q(name);
}

QString Translator::schemaOf(const std::vector<Attribute>& attributes) const
{
    if (const Attribute* schema = findAttribute(attributes, QStringLiteral("schema")))
        return stringArgument(*schema, QStringLiteral("name"), 0);
    return m_schemas.isEmpty() ? QStringLiteral("public") : m_schemas.first();
}

QString Translator::tableRef(const Model& model) const
{
    return qualify(schemaOf(model.attributes), mappedName(model.attributes, model.name));
}

QString Translator::enumRef(const Enum& e) const
{
    return qualify(schemaOf(e.attributes), mappedName(e.attributes, e.name));
}

const Model* Translator::relatedModel(const Field& field) const
{
    const Model* model = m_schema.findModel(field.type.name);
    return model && model->kind != Model::Kind::CompositeType ? model : nullptr;
}

Status Translator::readDatasource()
{
    if (m_schema.datasources.empty())
        return {};
    const ConfigBlock& source = m_schema.datasources.front();
    if (const Property* provider = source.property(QStringLiteral("provider"))) {
        const QString name = provider->value.text;
        if (name != QLatin1String("postgresql") && name != QLatin1String("postgres"))
            return Error{QStringLiteral("datasource provider \"%1\" is not PostgreSQL; Bellows "
                                        "only translates postgresql schemas")
                             .arg(name),
                         provider->location};
    }
    for (const QString& key :
         {QStringLiteral("relationMode"), QStringLiteral("referentialIntegrity")}) {
        if (const Property* mode = source.property(key))
            if (mode->value.text == QLatin1String("prisma"))
                m_foreignKeys = false;
    }
    if (const Property* schemas = source.property(QStringLiteral("schemas")))
        for (const Expression& item : schemas->value.items)
            m_schemas << item.text;
    if (const Property* extensions = source.property(QStringLiteral("extensions"))) {
        for (const Expression& item : extensions->value.items) {
            QString name = item.text;
            if (item.kind == Expression::Kind::Function) {
                const Expression* map = argument(item.arguments, QStringLiteral("map"));
                if (map)
                    name = map->text;
            }
            m_extensions << QStringLiteral("-- CreateExtension\nCREATE EXTENSION IF NOT EXISTS "
                                           "%1;")
                                .arg(q(name));
        }
    }
    return {};
}

void Translator::addEnum(const Enum& e)
{
    QStringList values;
    for (const EnumValue& value : e.values)
        values << stringLiteral(mappedName(value.attributes, value.name));
    m_enums << QStringLiteral("-- CreateEnum\nCREATE TYPE %1 AS ENUM (%2);")
                   .arg(enumRef(e), values.join(QStringLiteral(", ")));
}

Result<QStringList> Translator::columns(const Model& model,
                                        const std::vector<FieldReference>& fields,
                                        const SourceLocation& where) const
{
    QStringList names;
    for (const FieldReference& ref : fields) {
        const Field* found = nullptr;
        for (const Field& field : model.fields)
            if (field.name == ref.name)
                found = &field;
        if (!found)
            return Error{QStringLiteral("model %1 has no field \"%2\"").arg(model.name, ref.name),
                         where};
        names << mappedName(found->attributes, found->name);
    }
    return names;
}

Status Translator::addModel(const Model& model)
{
    const QString table = mappedName(model.attributes, model.name);
    QStringList lines;
    QStringList primaryKey;
    QString primaryKeyConstraint;
    bool usesCitext = false;

    for (const Field& field : model.fields) {
        if (relatedModel(field))
            continue; // relation fields live in the client; their scalar fields are columns
        const Model* composite = m_schema.findModel(field.type.name);
        if (composite && composite->kind == Model::Kind::CompositeType) {
            warn(field.location, QStringLiteral("field %1.%2 has the composite type %3, which "
                                                "PostgreSQL schemas cannot hold; it is left out")
                                     .arg(model.name, field.name, field.type.name));
            continue;
        }
        const Enum* enumType = m_schema.findEnum(field.type.name);
        const ColumnType type =
            columnType(field, enumType ? enumRef(*enumType) : QString(), m_warnings);
        if (type.element.isEmpty())
            return Error{QStringLiteral("field %1.%2: unknown type %3")
                             .arg(model.name, field.name, field.type.name),
                         field.type.location};
        usesCitext = usesCitext || findAttribute(field.attributes, QStringLiteral("db.Citext"));
        const QString column = mappedName(field.attributes, field.name);
        QString line = QStringLiteral("    %1 %2").arg(q(column), type.sql());
        if (!field.type.optional && !field.type.list)
            line += QStringLiteral(" NOT NULL");
        if (auto def = defaultExpression(field, type, enumType, m_warnings))
            line += QStringLiteral(" DEFAULT ") + *def;
        lines << line;

        if (const Attribute* id = findAttribute(field.attributes, QStringLiteral("id"))) {
            primaryKey = {column};
            primaryKeyConstraint = stringArgument(*id, QStringLiteral("map"));
        }
    }
    if (const Attribute* id = findAttribute(model.attributes, QStringLiteral("id"))) {
        auto cols =
            columns(model, fieldList(argument(*id, QStringLiteral("fields"), 0)), id->location);
        if (!cols)
            return cols.error();
        primaryKey = *cols;
        primaryKeyConstraint = stringArgument(*id, QStringLiteral("map"));
    }
    if (usesCitext && !m_extensions.join(QLatin1Char('\n')).contains(QLatin1String("citext"))) {
        // Prisma leaves creating the extension to the user's migrations; the shadow database
        // needs it to load the tables at all.
        warn(model.location, QStringLiteral("@db.Citext needs the citext extension; Bellows "
                                            "creates it in the shadow database"));
        m_extensions << QStringLiteral("-- CreateExtension\nCREATE EXTENSION IF NOT EXISTS "
                                       "\"citext\";");
    }

    QString body = lines.join(QStringLiteral(",\n"));
    if (!primaryKey.isEmpty()) {
        const QString name =
            primaryKeyConstraint.isEmpty() ? primaryKeyName(table) : primaryKeyConstraint;
        body += QStringLiteral(",\n\n    CONSTRAINT %1 PRIMARY KEY (%2)")
                    .arg(q(name), quotedList(primaryKey, QStringLiteral(",")));
    }
    m_tables
        << QStringLiteral("-- CreateTable\nCREATE TABLE %1 (\n%2\n);").arg(tableRef(model), body);

    if (Status indexes = addIndexes(model, table); !indexes)
        return indexes;

    for (const Field& field : model.fields) {
        const Model* other = relatedModel(field);
        if (!other)
            continue;
        const Attribute* relation = findAttribute(field.attributes, QStringLiteral("relation"));
        if (relation && argument(*relation, QStringLiteral("fields"))) {
            if (Status fk = addForeignKey(model, field, *relation); !fk)
                return fk;
        } else if (field.type.list) {
            // A list without `fields` whose opposite side is a list too: implicit m:n.
            const QString name = relationName(field);
            bool manyToMany = false;
            for (const Field& back : other->fields)
                if (&back != &field && back.type.name == model.name && back.type.list &&
                    relationName(back) == name)
                    manyToMany = true;
            if (manyToMany && !m_joinRelations.contains(name)) {
                m_joinRelations.insert(name);
                if (Status join = addJoinTable(model, field, name); !join)
                    return join;
            }
        }
    }
    return {};
}

Status Translator::addIndexes(const Model& model, const QString& table)
{
    const QString tableSql = tableRef(model);
    auto render = [&](const Attribute& attribute, const std::vector<FieldReference>& fields,
                      bool unique) -> Status {
        auto cols = columns(model, fields, attribute.location);
        if (!cols)
            return cols.error();
        QString name = stringArgument(attribute, QStringLiteral("map"));
        if (name.isEmpty() && !unique && attribute.isBlockAttribute)
            name = stringArgument(attribute, QStringLiteral("name")); // old spelling of map
        if (name.isEmpty())
            name = unique ? uniqueIndexName(table, *cols) : indexName(table, *cols);

        QStringList parts;
        for (size_t i = 0; i < fields.size(); ++i) {
            QString part = q(cols->at(qsizetype(i)));
            const std::vector<Argument>* args = fields[i].arguments;
            // a field-level @unique(sort: Desc) carries its options on the attribute itself
            if (!args && !attribute.isBlockAttribute)
                args = &attribute.arguments;
            if (args) {
                if (const Expression* ops = argument(*args, QStringLiteral("ops")))
                    part += QLatin1Char(' ') + operatorClass(*ops);
                if (const Expression* sort = argument(*args, QStringLiteral("sort")))
                    if (sort->text == QLatin1String("Desc"))
                        part += QStringLiteral(" DESC");
            }
            parts << part;
        }
        QString method;
        if (const Expression* type = argument(attribute, QStringLiteral("type"))) {
            static const QHash<QString, QString> methods = {
                {QStringLiteral("Hash"), QStringLiteral("HASH")},
                {QStringLiteral("Gin"), QStringLiteral("GIN")},
                {QStringLiteral("Gist"), QStringLiteral("GIST")},
                {QStringLiteral("SpGist"), QStringLiteral("SPGIST")},
                {QStringLiteral("Brin"), QStringLiteral("BRIN")}};
            method = methods.value(type->text);
        }
        QString sql = QStringLiteral("-- CreateIndex\nCREATE %1INDEX %2 ON %3")
                          .arg(unique ? QStringLiteral("UNIQUE ") : QString(), q(name), tableSql);
        if (!method.isEmpty())
            sql += QStringLiteral(" USING %1 ").arg(method);
        sql += QLatin1Char('(') + parts.join(QStringLiteral(", ")) + QLatin1Char(')');
        if (const Expression* where = argument(attribute, QStringLiteral("where")))
            if (where->kind == Expression::Kind::Function && !where->arguments.empty())
                sql += QStringLiteral(" WHERE (%1)").arg(where->arguments.front().value.text);
        m_indexes << sql + QLatin1Char(';');
        return {};
    };

    // The engine's order: field-level @unique, then @@index, then @@unique.
    for (const Field& field : model.fields)
        if (const Attribute* unique = findAttribute(field.attributes, QStringLiteral("unique")))
            if (Status s = render(*unique, {{field.name, nullptr}}, true); !s)
                return s;
    for (const Attribute* index : findAttributes(model.attributes, QStringLiteral("index")))
        if (Status s =
                render(*index, fieldList(argument(*index, QStringLiteral("fields"), 0)), false);
            !s)
            return s;
    for (const Attribute* unique : findAttributes(model.attributes, QStringLiteral("unique")))
        if (Status s =
                render(*unique, fieldList(argument(*unique, QStringLiteral("fields"), 0)), true);
            !s)
            return s;
    return {};
}

Status Translator::addForeignKey(const Model& model, const Field& field, const Attribute& relation)
{
    if (!m_foreignKeys)
        return {};
    const Model* target = relatedModel(field);
    auto local =
        columns(model, fieldList(argument(relation, QStringLiteral("fields"))), relation.location);
    if (!local)
        return local.error();
    auto referenced = columns(*target, fieldList(argument(relation, QStringLiteral("references"))),
                              relation.location);
    if (!referenced)
        return referenced.error();

    const QString table = mappedName(model.attributes, model.name);
    QString name = stringArgument(relation, QStringLiteral("map"));
    if (name.isEmpty())
        name = foreignKeyName(table, *local);
    // Prisma's defaults: an optional relation sets NULL, a required one refuses the delete.
    QString onDelete =
        field.type.optional ? QStringLiteral("SET NULL") : QStringLiteral("RESTRICT");
    QString onUpdate = QStringLiteral("CASCADE");
    if (const Expression* action = argument(relation, QStringLiteral("onDelete")))
        onDelete = referentialAction(action->text);
    if (const Expression* action = argument(relation, QStringLiteral("onUpdate")))
        onUpdate = referentialAction(action->text);
    m_constraints << QStringLiteral("-- AddForeignKey\nALTER TABLE %1 ADD CONSTRAINT %2 FOREIGN "
                                    "KEY (%3) REFERENCES %4(%5) ON DELETE %6 ON UPDATE %7;")
                         .arg(tableRef(model), q(name), quotedList(*local, QStringLiteral(", ")),
                              tableRef(*target), quotedList(*referenced, QStringLiteral(", ")),
                              onDelete, onUpdate);
    return {};
}

QString Translator::relationName(const Field& field) const
{
    if (const Attribute* relation = findAttribute(field.attributes, QStringLiteral("relation"))) {
        const QString name = stringArgument(*relation, QStringLiteral("name"), 0);
        if (!name.isEmpty())
            return name;
    }
    // Prisma's default: the two model names in alphabetical order, joined by "To".
    QString a = field.type.name;
    for (const Model& model : m_schema.models)
        for (const Field& f : model.fields)
            if (&f == &field)
                a = model.name;
    QString b = field.type.name;
    if (b < a)
        std::swap(a, b);
    return a + QStringLiteral("To") + b;
}

// The type of a model's single-field @id as the join table's column spells it (SERIAL's
// underlying integer type).
Result<QString> Translator::joinColumnType(const Model& model, QString* column,
                                           const SourceLocation& where)
{
    for (const Field& field : model.fields) {
        if (!findAttribute(field.attributes, QStringLiteral("id")))
            continue;
        const Enum* enumType = m_schema.findEnum(field.type.name);
        ColumnType type = columnType(field, enumType ? enumRef(*enumType) : QString(), m_warnings);
        *column = mappedName(field.attributes, field.name);
        if (!type.serial)
            return type.element;
        if (type.element == QLatin1String("BIGSERIAL"))
            return QStringLiteral("BIGINT");
        if (type.element == QLatin1String("SMALLSERIAL"))
            return QStringLiteral("SMALLINT");
        return QStringLiteral("INTEGER");
    }
    return Error{QStringLiteral("model %1 needs a single-field @id for its implicit "
                                "many-to-many relation")
                     .arg(model.name),
                 where};
}

Status Translator::addJoinTable(const Model& model, const Field& field, const QString& relationName)
{
    const Model* other = relatedModel(field);
    // Column A points at the model whose name sorts first.
    const Model* a = model.name <= other->name ? &model : other;
    const Model* b = a == &model ? other : &model;
    QString aColumn;
    QString bColumn;
    auto aType = joinColumnType(*a, &aColumn, field.location);
    if (!aType)
        return aType.error();
    auto bType = joinColumnType(*b, &bColumn, field.location);
    if (!bType)
        return bType.error();

    const QString table = joinTableName(relationName);
    const QString tableSql = qualify(schemaOf(a->attributes), table);
    m_joinTables << QStringLiteral("-- CreateTable\nCREATE TABLE %1 (\n    \"A\" %2 NOT NULL,\n"
                                   "    \"B\" %3 NOT NULL,\n\n    CONSTRAINT %4 PRIMARY KEY "
                                   "(\"A\",\"B\")\n);")
                        .arg(tableSql, *aType, *bType, q(joinTablePrimaryKeyName(table)));
    m_joinIndexes << QStringLiteral("-- CreateIndex\nCREATE INDEX %1 ON %2(\"B\");")
                         .arg(q(joinTableIndexName(table)), tableSql);
    if (!m_foreignKeys)
        return {};
    const std::pair<QString, std::pair<const Model*, QString>> sides[] = {
        {QStringLiteral("A"), {a, aColumn}}, {QStringLiteral("B"), {b, bColumn}}};
    for (const auto& [letter, target] : sides)
        m_joinConstraints << QStringLiteral("-- AddForeignKey\nALTER TABLE %1 ADD CONSTRAINT %2 "
                                            "FOREIGN KEY (\"%3\") REFERENCES %4(%5) ON DELETE "
                                            "CASCADE ON UPDATE CASCADE;")
                                 .arg(tableSql, q(joinTableForeignKeyName(table, letter)), letter,
                                      tableRef(*target.first), q(target.second));
    return {};
}

Result<PrismaDdl> Translator::run()
{
    if (Status source = readDatasource(); !source)
        return source.error();
    for (const Enum& e : m_schema.enums)
        addEnum(e);
    for (const Model& model : m_schema.models) {
        if (model.kind == Model::Kind::View) {
            warn(model.location, QStringLiteral("view %1 is not created: Prisma leaves views to "
                                                "the user's own SQL")
                                     .arg(model.name));
            continue;
        }
        if (model.kind == Model::Kind::CompositeType) {
            warn(model.location, QStringLiteral("composite type %1 is ignored: PostgreSQL "
                                                "schemas have no composite types in Prisma")
                                     .arg(model.name));
            continue;
        }
        if (Status added = addModel(model); !added)
            return added.error();
    }

    QStringList statements;
    if (m_schemas.isEmpty())
        statements << QStringLiteral("-- CreateSchema\nCREATE SCHEMA IF NOT EXISTS \"public\";");
    QStringList schemas = m_schemas; // the engine creates them in name order
    schemas.sort();
    for (const QString& schema : std::as_const(schemas))
        statements
            << QStringLiteral("-- CreateSchema\nCREATE SCHEMA IF NOT EXISTS %1;").arg(q(schema));
    statements << m_extensions << m_enums << m_tables << m_joinTables << m_indexes << m_joinIndexes
               << m_constraints << m_joinConstraints;

    PrismaDdl ddl;
    ddl.sql = statements.join(QStringLiteral("\n\n")) + QLatin1Char('\n');
    ddl.warnings = m_schema.warnings;
    ddl.warnings.insert(ddl.warnings.end(), m_warnings.begin(), m_warnings.end());
    return ddl;
}

} // namespace

Result<PrismaDdl> translatePrisma(const Schema& schema)
{
    return Translator(schema).run();
}

} // namespace bellows::source::prisma
