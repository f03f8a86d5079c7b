// What a Prisma schema change means for the database, through `bellows-cli diff` and `plan`
// with a schema.prisma as target:
// - renaming a relation field changes nothing in the database (documenso b08e153ca2 ->
//   a319ea0f5e renames dozens of them);
// - renaming a field whose @map keeps the column changes nothing;
// - renaming a field without @map (so the column) is proposed as a rename, not assumed
//   (umami dfae0c150d -> 915a4ee9b0 renames EventData's value columns);
// - plans between consecutive Prisma versions of rallly, umami and documenso, the live side
//   being the older version's migrated database: umami's renames stay proposals, rallly's new
//   foreign keys (relationMode "prisma" dropped in 533e347557 -> 56bd684c55) are added NOT
//   VALID and validated later, and its columns that become required get a backfill or a
//   blocking finding.

#include "source/prisma_ddl.h"
#include "source/prisma_parser.h"
#include "test_database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace bellows;
using namespace bellows::test;

namespace {

QString corpusSchema(const QString& version)
{
    return corpusDir() + QLatin1Char('/') + version + QStringLiteral("/schema.prisma");
}

bool writeFile(const QString& path, const QString& text)
{
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return false;
    out.write(text.toUtf8());
    return true;
}

// Loads Bellows' DDL for a Prisma schema (`bellows-cli prisma-sql`) into `db`; error text or "".
QString loadPrisma(const TestDatabase& db, const QString& schema)
{
    const auto sql = runCli({QStringLiteral("prisma-sql"), schema});
    if (sql.exitCode != 0)
        return QStringLiteral("prisma-sql failed: ") + sql.err;
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("schema.sql"));
    if (!writeFile(file, sql.out))
        return QStringLiteral("cannot write ") + file;
    return db.loadWithPsql(file);
}

QJsonObject runJson(const QStringList& args, int* exitCode = nullptr)
{
    const auto r = runCli(args);
    if (exitCode)
        *exitCode = r.exitCode;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8());
    if (!doc.isObject())
        qWarning("not JSON (exit %d): %s\n%s", r.exitCode, qPrintable(r.err),
                 qPrintable(r.out.left(2000)));
    return doc.object();
}

QJsonObject diffJson(const TestDatabase& live, const QString& target)
{
    return runJson({QStringLiteral("diff"), QStringLiteral("--db"), live.conninfo(),
                    QStringLiteral("--target"), target, QStringLiteral("--json")});
}

// Tables a change touches: its own name for a table, its owner for a sub-object.
QSet<QString> changedTables(const QJsonObject& diff)
{
    QSet<QString> tables;
    for (const QJsonValue& v : diff.value(QStringLiteral("changes")).toArray()) {
        const QJsonObject c = v.toObject();
        const QString table = c.value(QStringLiteral("table")).toString();
        if (!table.isEmpty())
            tables.insert(table);
        else if (c.value(QStringLiteral("kind")).toString() == QLatin1String("table"))
            tables.insert(c.value(QStringLiteral("name")).toString());
    }
    return tables;
}

// The translated DDL per table: CREATE TABLE, its indexes and its foreign keys.
std::map<QString, QStringList> statementsByTable(const QString& schemaPath)
{
    std::map<QString, QStringList> byTable;
    auto files = source::prisma::readPrismaSources(schemaPath);
    if (!files)
        return byTable;
    auto schema = source::prisma::parsePrisma(*files);
    if (!schema)
        return byTable;
    auto ddl = source::prisma::translatePrisma(*schema);
    if (!ddl)
        return byTable;
    static const QRegularExpression owner(
        QStringLiteral("^(?:CREATE TABLE|ALTER TABLE|CREATE (?:UNIQUE )?INDEX \"[^\"]+\" ON) "
                       "\"([^\"]+)\""),
        QRegularExpression::MultilineOption);
    for (const QString& statement : ddl->sql.split(QStringLiteral("\n\n"))) {
        const auto match = owner.match(statement);
        if (match.hasMatch())
            byTable[match.captured(1)] << statement;
    }
    return byTable;
}

// Field names of each model (relation fields included), by table name.
std::map<QString, QStringList> fieldsByTable(const QString& schemaPath)
{
    std::map<QString, QStringList> byTable;
    auto files = source::prisma::readPrismaSources(schemaPath);
    if (!files)
        return byTable;
    auto schema = source::prisma::parsePrisma(*files);
    if (!schema)
        return byTable;
    for (const source::prisma::Model& model : schema->models) {
        QString table = model.name;
        for (const auto& a : model.attributes)
            if (a.name == QLatin1String("map") && !a.arguments.empty())
                table = a.arguments.front().value.text;
        QStringList fields;
        for (const auto& f : model.fields)
            fields << f.name;
        byTable[table] = fields;
    }
    return byTable;
}

bool hasColumnProposal(const QJsonObject& changeSet, const QString& table, const QString& from,
                       const QString& to)
{
    for (const QJsonValue& v : changeSet.value(QStringLiteral("renameProposals")).toArray()) {
        const QJsonObject p = v.toObject();
        if (p.value(QStringLiteral("kind")).toString() == QLatin1String("column") &&
            p.value(QStringLiteral("table")).toString() == table &&
            p.value(QStringLiteral("from")).toString() == from &&
            p.value(QStringLiteral("to")).toString() == to)
            return true;
    }
    return false;
}

// plan --format json from the older version's migrated database to the newer schema.prisma.
QJsonObject planBetween(const QString& project, const QString& from, const QString& to,
                        int* exitCode)
{
    TestDatabase live(QStringLiteral("prisma_plan"));
    const QString loadError =
        live.loadCorpusFile(corpusDir() + QLatin1Char('/') + project + QLatin1Char('/') + from +
                            QStringLiteral("/derived_migrated_schema.sql"));
    if (!loadError.isEmpty()) {
        qWarning("%s", qPrintable(loadError));
        return {};
    }
    return runJson({QStringLiteral("plan"), QStringLiteral("--db"), live.conninfo(),
                    QStringLiteral("--target"), corpusSchema(project + QLatin1Char('/') + to),
                    QStringLiteral("--format"), QStringLiteral("json")},
                   exitCode);
}

QString allStepSql(const QJsonObject& plan)
{
    QStringList sql;
    for (const QJsonValue& v : plan.value(QStringLiteral("steps")).toArray())
        sql << v.toObject().value(QStringLiteral("sql")).toString();
    return sql.join(QLatin1Char('\n'));
}

} // namespace

class TestPrismaDiffSemantics : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void relationFieldRenamesChangeNothing()
    {
        const QString from = corpusSchema(QStringLiteral("documenso/b08e153ca2"));
        const QString to = corpusSchema(QStringLiteral("documenso/a319ea0f5e"));
        // Tables whose model fields changed but whose DDL did not: relation fields only.
        const auto ddlBefore = statementsByTable(from);
        const auto ddlAfter = statementsByTable(to);
        const auto fieldsBefore = fieldsByTable(from);
        const auto fieldsAfter = fieldsByTable(to);
        QStringList relationOnly;
        for (const auto& [table, statements] : ddlBefore) {
            const auto after = ddlAfter.find(table);
            if (after == ddlAfter.end() || after->second != statements)
                continue;
            if (fieldsBefore.at(table) != fieldsAfter.at(table))
                relationOnly << table;
        }
        QVERIFY2(relationOnly.size() >= 5, qPrintable(relationOnly.join(QStringLiteral(", "))));
        QVERIFY(relationOnly.contains(QStringLiteral("Team")));
        qInfo("tables whose only change is relation fields: %s",
              qPrintable(relationOnly.join(QStringLiteral(", "))));

        TestDatabase live(QStringLiteral("prisma_relations"));
        const QString loadError = loadPrisma(live, from);
        QVERIFY2(loadError.isEmpty(), qPrintable(loadError));
        const QSet<QString> changed = changedTables(diffJson(live, to));
        QVERIFY(!changed.isEmpty()); // the pair has real changes elsewhere
        for (const QString& table : std::as_const(relationOnly))
            QVERIFY2(!changed.contains(table), qPrintable(table));
    }

    void mappedFieldRenameKeepsTheColumn()
    {
        QTemporaryDir dir;
        const QString head = QStringLiteral("datasource db {\n  provider = \"postgresql\"\n}\n");
        const QString before = dir.filePath(QStringLiteral("before.prisma"));
        const QString after = dir.filePath(QStringLiteral("after.prisma"));
        QVERIFY(
            writeFile(before, head + QStringLiteral("model Person {\n  id Int @id\n"
                                                    "  fullName String @map(\"full_name\")\n}\n")));
        QVERIFY(writeFile(after,
                          head + QStringLiteral("model Person {\n  id Int @id\n"
                                                "  displayName String @map(\"full_name\")\n}\n")));
        TestDatabase live(QStringLiteral("prisma_map"));
        const QString loadError = loadPrisma(live, before);
        QVERIFY2(loadError.isEmpty(), qPrintable(loadError));
        const auto r = runCli({QStringLiteral("diff"), QStringLiteral("--db"), live.conninfo(),
                               QStringLiteral("--target"), after, QStringLiteral("--exit-code")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    }

    void unmappedFieldRenameIsProposed()
    {
        QTemporaryDir dir;
        const QString head = QStringLiteral("datasource db {\n  provider = \"postgresql\"\n}\n");
        const QString before = dir.filePath(QStringLiteral("before.prisma"));
        const QString after = dir.filePath(QStringLiteral("after.prisma"));
        QVERIFY(writeFile(before, head + QStringLiteral("model Person {\n  id Int @id\n"
                                                        "  fullName String?\n}\n")));
        QVERIFY(writeFile(after, head + QStringLiteral("model Person {\n  id Int @id\n"
                                                       "  displayName String?\n}\n")));
        TestDatabase live(QStringLiteral("prisma_rename"));
        const QString loadError = loadPrisma(live, before);
        QVERIFY2(loadError.isEmpty(), qPrintable(loadError));
        const QJsonObject diff = diffJson(live, after);
        QVERIFY2(hasColumnProposal(diff, QStringLiteral("Person"), QStringLiteral("fullName"),
                                   QStringLiteral("displayName")),
                 QJsonDocument(diff).toJson().constData());
    }

    void umamiEventDataRenamesAreProposed()
    {
        TestDatabase live(QStringLiteral("prisma_umami"));
        const QString loadError = live.loadCorpusFile(
            corpusDir() + QStringLiteral("/umami/dfae0c150d/derived_migrated_schema.sql"));
        QVERIFY2(loadError.isEmpty(), qPrintable(loadError));
        const QJsonObject diff = diffJson(live, corpusSchema(QStringLiteral("umami/915a4ee9b0")));
        const std::pair<const char*, const char*> renames[] = {
            {"event_string_value", "string_value"},
            {"event_numeric_value", "number_value"},
            {"event_date_value", "date_value"},
            {"event_data_type", "data_type"}};
        for (const auto& [from, to] : renames)
            QVERIFY2(
                hasColumnProposal(diff, QStringLiteral("event_data"), QString::fromLatin1(from),
                                  QString::fromLatin1(to)),
                qPrintable(QStringLiteral("%1 -> %2 not proposed:\n%3")
                               .arg(QLatin1String(from), QLatin1String(to),
                                    QString::fromUtf8(
                                        QJsonDocument(
                                            diff.value(QStringLiteral("renameProposals")).toArray())
                                            .toJson()))));
    }

    void plansBetweenPrismaVersions_data()
    {
        QTest::addColumn<QString>("project");
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        const char* const pairs[][3] = {
            {"rallly", "a9253bd972", "533e347557"},    {"rallly", "533e347557", "56bd684c55"},
            {"umami", "dfae0c150d", "915a4ee9b0"},     {"umami", "915a4ee9b0", "f7593718dc"},
            {"documenso", "b08e153ca2", "a319ea0f5e"}, {"documenso", "a319ea0f5e", "03eb6af69a"}};
        for (const auto& p : pairs)
            QTest::newRow(
                qPrintable(QStringLiteral("%1 %2->%3")
                               .arg(QLatin1String(p[0]), QLatin1String(p[1]), QLatin1String(p[2]))))
                << QString::fromLatin1(p[0]) << QString::fromLatin1(p[1])
                << QString::fromLatin1(p[2]);
    }

    void plansBetweenPrismaVersions()
    {
        QFETCH(QString, project);
        QFETCH(QString, from);
        QFETCH(QString, to);
        int exitCode = -1;
        const QJsonObject plan = planBetween(project, from, to, &exitCode);
        QVERIFY2(exitCode == 0 || exitCode == 2, qPrintable(QString::number(exitCode)));
        QVERIFY(!plan.value(QStringLiteral("steps")).toArray().isEmpty());
        const QJsonObject changeSet = plan.value(QStringLiteral("changeSet")).toObject();
        const QString sql = allStepSql(plan);

        if (project == QLatin1String("umami") && from == QLatin1String("dfae0c150d")) {
            // renames stay proposals: no step renames a column unasked
            QVERIFY(hasColumnProposal(changeSet, QStringLiteral("event_data"),
                                      QStringLiteral("event_string_value"),
                                      QStringLiteral("string_value")));
            QVERIFY(!sql.contains(QLatin1String("RENAME COLUMN")));
        }
        if (project == QLatin1String("rallly") && from == QLatin1String("533e347557")) {
            // relationMode "prisma" dropped: every new FK is added NOT VALID, then validated
            static const QRegularExpression addFk(
                QStringLiteral("ADD CONSTRAINT (\\S+) FOREIGN KEY[^;]*"));
            int foreignKeys = 0;
            auto it = addFk.globalMatch(sql);
            while (it.hasNext()) {
                const auto match = it.next();
                ++foreignKeys;
                QVERIFY2(match.captured(0).contains(QLatin1String("NOT VALID")),
                         qPrintable(match.captured(0)));
                QVERIFY2(sql.contains(QStringLiteral("VALIDATE CONSTRAINT ") + match.captured(1)),
                         qPrintable(match.captured(1)));
            }
            // the FKs of tables that already exist (new tables bring theirs along)
            int addedForeignKeys = 0;
            for (const QJsonValue& v : changeSet.value(QStringLiteral("changes")).toArray()) {
                const QJsonObject c = v.toObject();
                if (c.value(QStringLiteral("kind")).toString() == QLatin1String("constraint") &&
                    c.value(QStringLiteral("action")).toString() == QLatin1String("added") &&
                    c.value(QStringLiteral("name")).toString().endsWith(QLatin1String("_fkey")))
                    ++addedForeignKeys;
            }
            QVERIFY2(addedForeignKeys >= 15, qPrintable(QString::number(addedForeignKeys)));
            QCOMPARE(foreignKeys, addedForeignKeys);
        }
        if (project == QLatin1String("rallly")) {
            // a column that becomes NOT NULL is backfilled first, tightened behind an empty-table
            // guard, or blocks the plan
            const QJsonArray findings = plan.value(QStringLiteral("findings")).toArray();
            for (const QJsonValue& v : changeSet.value(QStringLiteral("changes")).toArray()) {
                const QJsonObject c = v.toObject();
                if (c.value(QStringLiteral("kind")).toString() != QLatin1String("column"))
                    continue;
                bool tightened = false;
                for (const QJsonValue& a : c.value(QStringLiteral("attributes")).toArray())
                    if (a.toObject().value(QStringLiteral("name")).toString() ==
                            QLatin1String("nullability") &&
                        a.toObject().value(QStringLiteral("to")).toString() ==
                            QLatin1String("not null"))
                        tightened = true;
                if (!tightened)
                    continue;
                const QString column = c.value(QStringLiteral("name")).toString();
                bool handled = false;
                for (const QJsonValue& s : plan.value(QStringLiteral("steps")).toArray()) {
                    const QString sql = s.toObject().value(QStringLiteral("sql")).toString();
                    if (s.toObject().contains(QStringLiteral("backfill")) && sql.contains(column))
                        handled = true;
                    // an empty table is tightened directly, behind a guard that stops if rows
                    // appeared since the plan was made
                    if (sql.contains(column) && sql.contains(QLatin1String("SET NOT NULL")) &&
                        sql.contains(QLatin1String("held no rows when the plan was made")))
                        handled = true;
                }
                for (const QJsonValue& f : findings)
                    if (f.toObject().value(QStringLiteral("severity")).toString() ==
                            QLatin1String("blocking") &&
                        f.toObject().value(QStringLiteral("object")).toString().contains(column))
                        handled = true;
                QVERIFY2(handled, qPrintable(column));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestPrismaDiffSemantics)
#include "test_prisma_diff_semantics.moc"
