#include "source/prisma_parser.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace bellows;
using namespace bellows::source::prisma;

namespace {

std::vector<SourceFile> one(const char* text, const char* path = "schema.prisma")
{
    return {SourceFile{QString::fromUtf8(path), QString::fromUtf8(text)}};
}

QString where(const Error& e)
{
    return e.location.toString();
}

const Field& fieldOf(const Model& m, const char* name)
{
    for (const Field& f : m.fields)
        if (f.name == QLatin1String(name))
            return f;
    qFatal("no field %s", name);
}

// Every construct the parser knows, once.
const char* const kFullSchema =
    "// a plain comment\n"
    "generator client {\n"
    "  provider        = \"prisma-client-js\"\n"
    "  previewFeatures = [\"views\", \"postgresqlExtensions\"]\n"
    "}\n"
    "\n"
    "datasource db {\n"
    "  provider     = \"postgresql\"\n"
    "  url          = env(\"DATABASE_URL\")\n"
    "  directUrl    = env(\"DIRECT_URL\")\n"
    "  relationMode = \"prisma\"\n"
    "  schemas      = [\"public\", \"auth\"]\n"
    "  extensions   = [pgcrypto, vector(schema: \"ext\")]\n"
    "}\n"
    "\n"
    "/// A user.\n"
    "/// Two lines.\n"
    "model User {\n"
    "  /// The key.\n"
    "  id        Int      @id @default(autoincrement())\n"
    "  email     String   @unique @db.VarChar(255)\n"
    "  name      String?  @map(\"full_name\") /// trailing doc\n"
    "  role      Role     @default(USER)\n"
    "  posts     Post[]\n"
    "  score     Decimal  @default(-1.5) @db.Decimal(19, 4)\n"
    "  balance   BigInt   @default(sequence(start: 5))\n"
    "  uuid      String   @default(dbgenerated(\"gen_random_uuid()\")) @db.Uuid\n"
    "  embedding Unsupported(\"vector(1536)\")?\n"
    "  tags      String[] @default([])\n"
    "  active    Boolean  @default(true)\n"
    "  note      String   @default(\"say \\\"hi\\\"\\\\\\n\\t\\u00e9\")\n"
    "  address   Address?\n"
    "  updatedAt DateTime @updatedAt\n"
    "\n"
    "  @@index([email, name(sort: Desc, ops: raw(\"text_pattern_ops\"))], type: BTree)\n"
    "  @@index(fields: [name(length: 10)], map: \"name_idx\")\n"
    "  @@index([embedding(ops: JsonbPathOps)], type: Gin)\n"
    "  @@unique([email, role], name: \"email_role\")\n"
    "  @@map(\"users\")\n"
    "  @@schema(\"auth\")\n"
    "}\n"
    "\n"
    "model Post {\n"
    "  id       Int  @id\n"
    "  authorId Int\n"
    "  author   User @relation(\"Posts\", fields: [authorId],\n"
    "                          references: [id], onDelete: Cascade)\n"
    "}\n"
    "\n"
    "/// Roles.\n"
    "enum Role {\n"
    "  USER  @map(\"user\")\n"
    "  ADMIN // no map\n"
    "  @@map(\"roles\")\n"
    "  @@schema(\"auth\")\n"
    "}\n"
    "\n"
    "view ActiveUser {\n"
    "  id Int @unique\n"
    "}\n"
    "\n"
    "type Address {\n"
    "  street String\n"
    "}\n";

} // namespace

class TestPrismaParser : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void corpus_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("models");
        QTest::addColumn<int>("enums");
        // Model counts from the corpus README (Prisma's DMMF), enum counts from the files.
        const struct {
            const char* path;
            int models;
            int enums;
        } rows[] = {
            {"documenso/b08e153ca2", 36, 20},   {"documenso/a319ea0f5e", 37, 23},
            {"documenso/03eb6af69a", 46, 29},   {"rallly/a9253bd972", 11, 4},
            {"rallly/533e347557", 12, 5},       {"rallly/56bd684c55", 16, 8},
            {"umami/dfae0c150d", 8, 0},         {"umami/915a4ee9b0", 9, 0},
            {"umami/f7593718dc", 9, 0},         {"hoppscotch/4bd23a8f4c", 18, 2},
            {"hoppscotch/f26d32c4e4", 19, 2},   {"hoppscotch/803e4633a2", 23, 4},
            {"formbricks/8fd78bc08f", 24, 17},  {"formbricks/f4a367d2de", 27, 17},
            {"formbricks/12aa959f50", 35, 24},  {"trigger.dev/174484fb32", 93, 53},
            {"trigger.dev/3875bb292a", 58, 37}, {"papermark/4660339543", 16, 2},
            {"papermark/cb5b6150f9", 27, 5},    {"papermark/423dce2f27", 37, 8},
        };
        const QString dir = qEnvironmentVariable("BELLOWS_CORPUS_DIR");
        QVERIFY2(QDir(dir).exists(), "BELLOWS_CORPUS_DIR is not set to the corpus");
        int found = 0;
        QDirIterator it(dir, {QStringLiteral("schema.prisma")}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            it.next();
            ++found;
        }
        QCOMPARE(found, int(std::size(rows)));
        for (const auto& row : rows)
            QTest::newRow(row.path) << dir + QLatin1Char('/') + QLatin1String(row.path) +
                                           QStringLiteral("/schema.prisma")
                                    << row.models << row.enums;
    }
    void corpus()
    {
        QFETCH(QString, path);
        QFETCH(int, models);
        QFETCH(int, enums);
        auto files = readPrismaSources(path);
        QVERIFY2(files, qPrintable(files ? QString() : files.error().toString()));
        auto schema = parsePrisma(*files);
        QVERIFY2(schema, qPrintable(schema ? QString() : schema.error().toString()));
        QCOMPARE(int(schema->models.size()), models);
        QCOMPARE(int(schema->enums.size()), enums);
        QCOMPARE(int(schema->datasources.size()), 1);
        QVERIFY(!schema->generators.empty());
        QVERIFY(schema->warnings.empty());
        const Property* provider = schema->datasources[0].property(QStringLiteral("provider"));
        QVERIFY(provider);
        QCOMPARE(provider->value.text, QStringLiteral("postgresql"));
        for (const Model& m : schema->models) {
            QVERIFY2(!m.fields.empty(), qPrintable(m.name));
            for (const Field& f : m.fields)
                QVERIFY(f.location.line > 0 && f.location.column > 0);
        }
        for (const Enum& e : schema->enums)
            QVERIFY2(!e.values.empty(), qPrintable(e.name));
    }

    void corpusDetails()
    {
        // rallly uses @@index(..., type: Hash); hoppscotch's last version has no url.
        const QString dir = qEnvironmentVariable("BELLOWS_CORPUS_DIR");
        auto files = readPrismaSources(dir + QStringLiteral("/hoppscotch/803e4633a2"));
        QVERIFY(files);
        auto schema = parsePrisma(*files);
        QVERIFY(schema);
        QVERIFY(!schema->datasources[0].property(QStringLiteral("url")));
        files = readPrismaSources(dir + QStringLiteral("/umami/dfae0c150d/schema.prisma"));
        QVERIFY(files);
        schema = parsePrisma(*files);
        QVERIFY(schema);
        const Property* mode = schema->datasources[0].property(QStringLiteral("relationMode"));
        QVERIFY(mode);
        QCOMPARE(mode->value.text, QStringLiteral("prisma"));
    }

    void fullSchema()
    {
        auto result = parsePrisma(one(kFullSchema));
        QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
        const Schema& s = *result;

        QCOMPARE(int(s.generators.size()), 1);
        const Property* preview = s.generators[0].property(QStringLiteral("previewFeatures"));
        QVERIFY(preview);
        QCOMPARE(preview->value.kind, Expression::Kind::Array);
        QCOMPARE(int(preview->value.items.size()), 2);
        QCOMPARE(preview->value.items[1].text, QStringLiteral("postgresqlExtensions"));

        QCOMPARE(int(s.datasources.size()), 1);
        const ConfigBlock& db = s.datasources[0];
        QCOMPARE(db.name, QStringLiteral("db"));
        QCOMPARE(db.location.line, 7);
        QCOMPARE(db.location.column, 12);
        const Property* url = db.property(QStringLiteral("url"));
        QVERIFY(url);
        QCOMPARE(url->value.kind, Expression::Kind::Function);
        QCOMPARE(url->value.text, QStringLiteral("env"));
        QCOMPARE(url->value.arguments[0].value.kind, Expression::Kind::String);
        QCOMPARE(url->value.arguments[0].value.text, QStringLiteral("DATABASE_URL"));
        const Property* ext = db.property(QStringLiteral("extensions"));
        QVERIFY(ext);
        QCOMPARE(ext->value.items[0].kind, Expression::Kind::Identifier);
        QCOMPARE(ext->value.items[1].kind, Expression::Kind::Function);
        QCOMPARE(ext->value.items[1].arguments[0].name, QStringLiteral("schema"));
        QCOMPARE(ext->value.items[1].arguments[0].value.text, QStringLiteral("ext"));
        QVERIFY(db.property(QStringLiteral("directUrl")));
        QCOMPARE(db.property(QStringLiteral("schemas"))->value.items.size(), size_t(2));

        QCOMPARE(int(s.models.size()), 4);
        const Model& user = s.models[0];
        QCOMPARE(user.kind, Model::Kind::Model);
        QCOMPARE(user.name, QStringLiteral("User"));
        QCOMPARE(user.documentation, QStringLiteral("A user.\nTwo lines."));
        QCOMPARE(user.location.line, 18);
        QCOMPARE(user.location.column, 7);
        QCOMPARE(int(user.fields.size()), 14);

        const Field& id = fieldOf(user, "id");
        QCOMPARE(id.documentation, QStringLiteral("The key."));
        QCOMPARE(id.location.line, 20);
        QCOMPARE(id.location.column, 3);
        QCOMPARE(id.type.name, QStringLiteral("Int"));
        QCOMPARE(id.type.location.column, 13);
        QCOMPARE(int(id.attributes.size()), 2);
        QCOMPARE(id.attributes[0].name, QStringLiteral("id"));
        QCOMPARE(id.attributes[1].name, QStringLiteral("default"));
        QCOMPARE(id.attributes[1].location.column, 26);
        QCOMPARE(id.attributes[1].arguments[0].value.kind, Expression::Kind::Function);
        QCOMPARE(id.attributes[1].arguments[0].value.text, QStringLiteral("autoincrement"));
        QVERIFY(id.attributes[1].arguments[0].value.arguments.empty());

        const Field& email = fieldOf(user, "email");
        QCOMPARE(email.attributes[1].name, QStringLiteral("db.VarChar"));
        QVERIFY(!email.attributes[1].isBlockAttribute);
        QCOMPARE(email.attributes[1].arguments[0].value.kind, Expression::Kind::Number);
        QCOMPARE(email.attributes[1].arguments[0].value.text, QStringLiteral("255"));

        const Field& name = fieldOf(user, "name");
        QVERIFY(name.type.optional);
        QVERIFY(!name.type.list);
        QCOMPARE(name.documentation, QStringLiteral("trailing doc"));
        QCOMPARE(name.attributes[0].arguments[0].value.text, QStringLiteral("full_name"));
        QCOMPARE(fieldOf(user, "role").attributes[0].arguments[0].value.kind,
                 Expression::Kind::Identifier);
        QVERIFY(fieldOf(user, "posts").type.list);
        QCOMPARE(fieldOf(user, "posts").type.name, QStringLiteral("Post"));

        const Field& score = fieldOf(user, "score");
        QCOMPARE(score.attributes[0].arguments[0].value.text, QStringLiteral("-1.5"));
        QCOMPARE(score.attributes[0].arguments[0].value.kind, Expression::Kind::Number);
        QCOMPARE(int(score.attributes[1].arguments.size()), 2);
        QCOMPARE(score.attributes[1].arguments[1].value.text, QStringLiteral("4"));

        const Expression& seq = fieldOf(user, "balance").attributes[0].arguments[0].value;
        QCOMPARE(seq.text, QStringLiteral("sequence"));
        QCOMPARE(seq.arguments[0].name, QStringLiteral("start"));
        QCOMPARE(seq.arguments[0].value.text, QStringLiteral("5"));
        const Expression& gen = fieldOf(user, "uuid").attributes[0].arguments[0].value;
        QCOMPARE(gen.text, QStringLiteral("dbgenerated"));
        QCOMPARE(gen.arguments[0].value.text, QStringLiteral("gen_random_uuid()"));

        const Field& embedding = fieldOf(user, "embedding");
        QCOMPARE(embedding.type.name, QStringLiteral("Unsupported"));
        QCOMPARE(embedding.type.unsupported, QStringLiteral("vector(1536)"));
        QVERIFY(embedding.type.optional);

        const Field& tags = fieldOf(user, "tags");
        QVERIFY(tags.type.list);
        QCOMPARE(tags.attributes[0].arguments[0].value.kind, Expression::Kind::Array);
        QVERIFY(tags.attributes[0].arguments[0].value.items.empty());
        QCOMPARE(fieldOf(user, "active").attributes[0].arguments[0].value.kind,
                 Expression::Kind::Boolean);
        QCOMPARE(fieldOf(user, "note").attributes[0].arguments[0].value.text,
                 QStringLiteral("say \"hi\"\\\n\t\u00e9"));
        QCOMPARE(fieldOf(user, "address").type.name, QStringLiteral("Address"));

        QCOMPARE(int(user.attributes.size()), 6);
        const Attribute& index = user.attributes[0];
        QVERIFY(index.isBlockAttribute);
        QCOMPARE(index.name, QStringLiteral("index"));
        QCOMPARE(index.location.line, 35);
        QCOMPARE(index.location.column, 3);
        const Expression& cols = index.arguments[0].value;
        QCOMPARE(cols.kind, Expression::Kind::Array);
        QCOMPARE(int(cols.items.size()), 2);
        QCOMPARE(cols.items[0].kind, Expression::Kind::Identifier);
        QCOMPARE(cols.items[1].kind, Expression::Kind::Function);
        QCOMPARE(cols.items[1].text, QStringLiteral("name"));
        QCOMPARE(cols.items[1].arguments[0].name, QStringLiteral("sort"));
        QCOMPARE(cols.items[1].arguments[0].value.text, QStringLiteral("Desc"));
        QCOMPARE(cols.items[1].arguments[1].value.text, QStringLiteral("raw"));
        QCOMPARE(cols.items[1].arguments[1].value.arguments[0].value.text,
                 QStringLiteral("text_pattern_ops"));
        QCOMPARE(index.arguments[1].name, QStringLiteral("type"));
        QCOMPARE(index.arguments[1].value.text, QStringLiteral("BTree"));
        const Attribute& byName = user.attributes[1];
        QCOMPARE(byName.arguments[0].name, QStringLiteral("fields"));
        QCOMPARE(byName.arguments[0].value.items[0].arguments[0].name, QStringLiteral("length"));
        QCOMPARE(user.attributes[2].arguments[0].value.items[0].arguments[0].value.text,
                 QStringLiteral("JsonbPathOps"));
        QCOMPARE(user.attributes[3].name, QStringLiteral("unique"));
        QCOMPARE(user.attributes[4].arguments[0].value.text, QStringLiteral("users"));
        QCOMPARE(user.attributes[5].name, QStringLiteral("schema"));

        const Model& post = s.models[1];
        const Attribute& rel = fieldOf(post, "author").attributes[0];
        QCOMPARE(rel.name, QStringLiteral("relation"));
        QCOMPARE(int(rel.arguments.size()), 4);
        QVERIFY(rel.arguments[0].name.isEmpty());
        QCOMPARE(rel.arguments[0].value.text, QStringLiteral("Posts"));
        QCOMPARE(rel.arguments[2].name, QStringLiteral("references"));
        QCOMPARE(rel.arguments[2].location.line, 47);
        QCOMPARE(rel.arguments[3].value.text, QStringLiteral("Cascade"));

        QCOMPARE(s.models[2].kind, Model::Kind::View);
        QCOMPARE(s.models[2].name, QStringLiteral("ActiveUser"));
        QCOMPARE(s.models[3].kind, Model::Kind::CompositeType);
        QCOMPARE(int(s.warnings.size()), 1);
        QCOMPARE(s.warnings[0].message,
                 QStringLiteral("composite types are ignored on PostgreSQL"));
        QCOMPARE(s.warnings[0].location.line, 62);

        QCOMPARE(int(s.enums.size()), 1);
        const Enum& role = s.enums[0];
        QCOMPARE(role.documentation, QStringLiteral("Roles."));
        QCOMPARE(int(role.values.size()), 2);
        QCOMPARE(role.values[0].name, QStringLiteral("USER"));
        QCOMPARE(role.values[0].attributes[0].arguments[0].value.text, QStringLiteral("user"));
        QCOMPARE(role.values[1].location.line, 53);
        QCOMPARE(int(role.attributes.size()), 2);
        QCOMPARE(role.attributes[1].name, QStringLiteral("schema"));
        QVERIFY(s.findEnum(QStringLiteral("Role")));
        QVERIFY(s.findModel(QStringLiteral("Address")));
    }

    void lineEndings()
    {
        // \r\n and a lone \r end lines too; a byte-order mark is skipped.
        auto result =
            parsePrisma(one("\xEF\xBB\xBFmodel A {\r\n  id Int @id\r  x  Strin\r\n}\r\n"));
        QVERIFY(!result);
        QCOMPARE(where(result.error()), QStringLiteral("schema.prisma:3:6"));
    }

    void errors_data()
    {
        QTest::addColumn<QString>("first");
        QTest::addColumn<QString>("second");
        QTest::addColumn<QString>("location");
        QTest::addColumn<QString>("message");
        auto row = [](const char* name, const char* first, const char* location,
                      const char* message, const char* second = "") {
            QTest::newRow(name) << QString::fromUtf8(first) << QString::fromUtf8(second)
                                << QString::fromUtf8(location) << QString::fromUtf8(message);
        };
        row("missing brace before model", "model User {\n  id Int @id\n\nmodel Post {\n}\n",
            "a.prisma:4:1", "expected \"}\" to close model \"User\" opened at 1:1");
        row("missing brace at end", "enum Role {\n  A\n", "a.prisma:3:1",
            "expected \"}\" to close enum \"Role\" opened at 1:1");
        row("missing brace in datasource", "datasource db {\n  provider = \"postgresql\"",
            "a.prisma:2:26", "expected \"}\" to close datasource \"db\" opened at 1:1");
        row("unknown type", "model User {\n  id Strin\n}\n", "a.prisma:2:6",
            "Type \"Strin\" is neither a built-in type, nor refers to another model, composite "
            "type, or enum.");
        row("no field type", "model User {\n  id = Int\n}\n", "a.prisma:2:6",
            "unexpected \"=\" — expected a field type");
        row("field type missing at end of line", "model User {\n  id\n}\n", "a.prisma:2:5",
            "unexpected end of line — expected a field type");
        row("empty default", "model A {\n  id Int @default()\n}\n", "a.prisma:2:10",
            "@default needs an argument — expected e.g. @default(now())");
        row("native type with a name", "model A {\n  n String @db.VarChar(abc)\n}\n",
            "a.prisma:2:24",
            "expected a number as argument of @db.VarChar, e.g. @db.VarChar(255) — got \"abc\"");
        row("relation fields not an array",
            "model A {\n  id Int @id\n  bId Int\n  b B @relation(fields: bId, references: "
            "[id])\n}\n"
            "model B {\n  id Int @id\n}\n",
            "a.prisma:4:25",
            "expected an array of field names, e.g. [authorId] in @relation(fields: ...) — got "
            "\"bId\"");
        row("unknown named argument", "model A {\n  id Int @id @unique(foo: 1)\n}\n",
            "a.prisma:2:22",
            "@unique has no argument \"foo\" — expected one of: map, length, sort, clustered");
        row("unknown field attribute", "model A {\n  id Int @primary\n}\n", "a.prisma:2:10",
            "Attribute not known: \"@primary\"");
        row("unknown block attribute", "model A {\n  id Int\n  @@key([id])\n}\n", "a.prisma:3:3",
            "Attribute not known: \"@@key\"");
        row("map needs a string", "model A {\n  id Int\n  @@map(a)\n}\n", "a.prisma:3:9",
            "expected a string in @@map — got \"a\"");
        row("index option unknown", "model A {\n  id Int\n  @@index([id(foo: 1)])\n}\n",
            "a.prisma:3:15",
            "unexpected \"foo\" on field \"id\" — expected sort:, length: or ops:");
        row("argument given twice", "model A {\n  id Int @id(map: \"a\", map: \"b\")\n}\n",
            "a.prisma:2:24", "argument \"map\" given twice in @id");
        row("unnamed and named fields", "model A {\n  id Int\n  @@index([id], fields: [id])\n}\n",
            "a.prisma:3:3", "@@index has both an unnamed argument and \"fields\"");
        row("number expected", "model A {\n  id Int @id(length: x)\n}\n", "a.prisma:2:22",
            "expected a number in @id(length: ...) — got \"x\"");
        row("field name expected", "model A {\n  id Int\n  @@index([\"id\"])\n}\n", "a.prisma:3:12",
            "expected a field name in @@index — got string \"id\"");
        row("duplicate model", "model A {\n  id Int\n}\nenum A {\n  X\n}\n", "a.prisma:4:6",
            "The enum \"A\" cannot be defined because a model with that name already exists at "
            "a.prisma:1:7");
        row("duplicate model across files", "model A {\n  id Int\n}\n", "b.prisma:2:7",
            "The model \"A\" cannot be defined because a model with that name already exists at "
            "a.prisma:1:7",
            "\nmodel A {\n  id Int\n}\n");
        row("unknown type across files", "model A {\n  b B\n}\n", "b.prisma:2:5",
            "Type \"A2\" is neither", "model B {\n  a A2\n}\n");
        row("duplicate field", "model A {\n  id Int\n  id String\n}\n", "a.prisma:3:3",
            "Field \"id\" is already defined on \"A\"");
        row("duplicate enum value", "enum E {\n  X\n  X\n}\n", "a.prisma:3:3",
            "Value \"X\" is already defined on enum \"E\"");
        row("unterminated string", "model A {\n  id Int @default(\"abc\n}\n", "a.prisma:2:19",
            "unterminated string — expected a closing \" on the same line");
        row("bad escape", "model A {\n  id String @default(\"a\\qb\")\n}\n", "a.prisma:2:24",
            "unknown escape \"\\q\" in string");
        row("bad unicode escape", "model A {\n  id String @default(\"\\u12\")\n}\n",
            "a.prisma:2:23", "bad \\u escape — expected four hex digits");
        row("garbage at top level", "model A {\n  id Int\n}\nfoo bar\n", "a.prisma:4:1",
            "unexpected \"foo\" — expected model, enum, view, type, datasource or generator");
        row("stray brace at top level", "}\n", "a.prisma:1:1", "unexpected \"}\" — expected model");
        row("bad character", "model A {\n  id Int # x\n}\n", "a.prisma:2:10",
            "unexpected character \"#\"");
        row("missing comma", "model A {\n  id Int\n  @@index([id id])\n}\n", "a.prisma:3:15",
            "unexpected \"id\" — expected \",\" or \"]\" to close the \"[\" opened at 3:11");
        row("unclosed argument list", "model A {\n  id Int @default(1\n", "a.prisma:3:1",
            "unexpected end of file — expected \",\" or \")\" to close the \"(\" opened at 2:18");
        row("two datasources", "datasource a {\n}\ndatasource b {\n}\n", "a.prisma:3:12",
            "a second datasource \"b\"");
        row("optional list", "model A {\n  id Int[]?\n}\n", "a.prisma:2:11",
            "a list field cannot be optional");
        row("deep nesting",
            "model A {\n  id Int @default([[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]"
            "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]])\n}\n",
            "a.prisma:2:51", "nested more than 32 levels deep");
    }
    void errors()
    {
        QFETCH(QString, first);
        QFETCH(QString, second);
        QFETCH(QString, location);
        QFETCH(QString, message);
        std::vector<SourceFile> files{SourceFile{QStringLiteral("a.prisma"), first}};
        if (!second.isEmpty())
            files.push_back(SourceFile{QStringLiteral("b.prisma"), second});
        auto result = parsePrisma(files);
        QVERIFY(!result);
        const Error& e = result.error();
        QCOMPARE(where(e), location);
        QVERIFY2(e.message.startsWith(message), qPrintable(e.message));
        // The context is the offending line with a caret under the column.
        const QStringList context = e.context.split(QLatin1Char('\n'));
        QCOMPARE(context.size(), 2);
        QCOMPARE(int(context[1].size()), e.location.column);
        QVERIFY(context[1].endsWith(QLatin1Char('^')));
    }

    void errorContext()
    {
        auto result = parsePrisma(one("model User {\n  id Strin\n}\n"));
        QVERIFY(!result);
        QCOMPARE(result.error().context, QStringLiteral("  id Strin\n     ^"));
        QCOMPARE(result.error().toString(),
                 QStringLiteral("schema.prisma:2:6: Type \"Strin\" is neither a built-in type, "
                                "nor refers to another model, composite type, or enum.\n"
                                "  id Strin\n     ^"));
    }

    void otherDatasourceName()
    {
        // Native types follow the datasource's name: @pg.Uuid with `datasource pg`.
        auto ok = parsePrisma(one("datasource pg {\n  provider = \"postgresql\"\n}\n"
                                  "model A {\n  id String @id @pg.Uuid\n}\n"));
        QVERIFY2(ok, qPrintable(ok ? QString() : ok.error().toString()));
        auto bad = parsePrisma(one("datasource pg {\n  provider = \"postgresql\"\n}\n"
                                   "model A {\n  id String @id @db.Uuid\n}\n"));
        QVERIFY(!bad);
        QCOMPARE(where(bad.error()), QStringLiteral("schema.prisma:5:17"));
    }

    // Inputs that once crashed or hung a parser, or came from fuzzing: each must give a clean
    // result or a located error.
    void neverCrashes_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("keyword only") << QByteArray("model");
        QTest::newRow("name only") << QByteArray("model A");
        QTest::newRow("at at") << QByteArray("model A {\n@@");
        QTest::newRow("at dot") << QByteArray("model A {\n a Int @db.");
        QTest::newRow("backslash at end") << QByteArray("model A {\n a Int @default(\"\\");
        QTest::newRow("short unicode escape") << QByteArray("x \"\\u1");
        QTest::newRow("unsupported open") << QByteArray("model A {\n a Unsupported(");
        QTest::newRow("lone cr") << QByteArray("\r\r\rmodel A {\r}");
        QTest::newRow("nul bytes") << QByteArray("model A {\0\n}", 12);
        QTest::newRow("deep parens")
            << QByteArray("model A {\n a Int @default(") + QByteArray(5000, '(');
        QTest::newRow("deep brackets")
            << QByteArray("datasource d {\n x = ") + QByteArray(5000, '[');
        QTest::newRow("invalid utf8") << QByteArray("model \xff\xfe A {\n}");
        QTest::newRow("minus alone") << QByteArray("model A {\n a Int @default(-)\n}");
        QTest::newRow("named without value") << QByteArray("model A {\n a Int @relation(x:)\n}");
        QTest::newRow("field at eof") << QByteArray("model A {\n a");
        QTest::newRow("doc at eof") << QByteArray("/// doc");
        QTest::newRow("surrogate escape")
            << QByteArray("model A {\n a String @default(\"\\ud800\")\n}");
    }
    void neverCrashes()
    {
        QFETCH(QByteArray, input);
        auto result =
            parsePrisma({SourceFile{QStringLiteral("f.prisma"), QString::fromUtf8(input)}});
        if (!result) {
            QVERIFY(result.error().location.line >= 1);
            QVERIFY(result.error().location.column >= 1);
            QVERIFY(!result.error().context.isEmpty());
        }
    }

    void folder()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto write = [&](const QString& name, const char* text) {
            QDir().mkpath(QFileInfo(dir.filePath(name)).path());
            QFile f(dir.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(text);
        };
        write(QStringLiteral("schema.prisma"), "datasource db {\n  provider = \"postgresql\"\n}\n");
        write(QStringLiteral("models/user.prisma"),
              "model User {\n  id Int @id\n  posts Post[]\n  role Role\n}\n");
        write(QStringLiteral("models/post.prisma"),
              "model Post {\n  id Int @id\n  userId Int\n"
              "  user User @relation(fields: [userId], references: [id])\n}\n");
        write(QStringLiteral("enums.prisma"), "enum Role {\n  A\n}\n");
        write(QStringLiteral("notes.txt"), "not a schema");

        auto files = readPrismaSources(dir.path());
        QVERIFY2(files, qPrintable(files ? QString() : files.error().toString()));
        QCOMPARE(int(files->size()), 4);
        QStringList paths;
        for (const SourceFile& f : *files)
            paths << QDir(dir.path()).relativeFilePath(f.path);
        QCOMPARE(
            paths,
            (QStringList{QStringLiteral("enums.prisma"), QStringLiteral("models/post.prisma"),
                         QStringLiteral("models/user.prisma"), QStringLiteral("schema.prisma")}));
        auto schema = parsePrisma(*files);
        QVERIFY2(schema, qPrintable(schema ? QString() : schema.error().toString()));
        QCOMPARE(int(schema->models.size()), 2);
        QCOMPARE(schema->models[0].name, QStringLiteral("Post"));
        QCOMPARE(schema->models[0].location.file, files->at(1).path);
        QCOMPARE(int(schema->enums.size()), 1);
        QCOMPARE(int(schema->datasources.size()), 1);

        // One file of the folder on its own.
        auto single = readPrismaSources(dir.filePath(QStringLiteral("enums.prisma")));
        QVERIFY(single);
        QCOMPARE(int(single->size()), 1);
        QCOMPARE(single->at(0).text, QStringLiteral("enum Role {\n  A\n}\n"));

        // A duplicate in another file points at the second one.
        write(QStringLiteral("models/zz.prisma"), "\n\nenum User {\n  X\n}\n");
        files = readPrismaSources(dir.path());
        QVERIFY(files);
        schema = parsePrisma(*files);
        QVERIFY(!schema);
        QCOMPARE(schema.error().location.file, dir.filePath(QStringLiteral("models/zz.prisma")));
        QCOMPARE(schema.error().location.line, 3);
        QCOMPARE(schema.error().location.column, 6);
    }

    void byteOrderMark()
    {
        // A file saved with a BOM: columns on its first line count from after the BOM.
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("bom.prisma")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("\xEF\xBB\xBFmodel A {\n  id Int\n} x\n");
        f.close();
        auto files = readPrismaSources(f.fileName());
        QVERIFY(files);
        QVERIFY(files->at(0).text.startsWith(QLatin1String("model")));
        auto schema = parsePrisma(*files);
        QVERIFY(!schema);
        QCOMPARE(schema.error().location.line, 3);
        QCOMPARE(schema.error().location.column, 3);
        // Text handed over with its BOM still in it: the lexer skips it.
        auto first = parsePrisma({SourceFile{QStringLiteral("s.prisma"),
                                             QChar(u'\xFEFF') + QStringLiteral("model A {\n")}});
        QVERIFY(!first);
        QCOMPARE(where(first.error()), QStringLiteral("s.prisma:2:1"));
    }

    void folderErrors()
    {
        auto missing = readPrismaSources(QStringLiteral("/nonexistent/bellows/schema.prisma"));
        QVERIFY(!missing);
        QVERIFY2(missing.error().message.contains(QStringLiteral("does not exist")),
                 qPrintable(missing.error().message));
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("readme.md")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        auto empty = readPrismaSources(dir.path());
        QVERIFY(!empty);
        QVERIFY2(empty.error().message.startsWith(QStringLiteral("no .prisma files under")),
                 qPrintable(empty.error().message));
    }
};

QTEST_GUILESS_MAIN(TestPrismaParser)
#include "test_prisma_parser.moc"
