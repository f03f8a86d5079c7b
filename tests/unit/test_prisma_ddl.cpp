// Prisma -> PostgreSQL DDL translation (core/source/prisma_ddl): each schema under
// golden/prisma/*.prisma is parsed and translated, and the SQL compared with the golden
// <name>.sql next to it. The goldens are byte for byte what Prisma's own schema engine prints
// for the same file (`prisma-sql --from-empty --to <name>.prisma`), so a golden that has to
// change because of Bellows must still match the oracle: check it with
// tests/unit/golden/prisma/check-oracle.sh before committing.
// BELLOWS_UPDATE_GOLDEN=1 rewrites the golden files instead of comparing.

#include "golden_file.h"
#include "source/prisma_ddl.h"
#include "source/prisma_names.h"
#include "source/prisma_parser.h"
#include "source/prisma_target.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace bellows;
using namespace bellows::source::prisma;

namespace {

QString goldenDir()
{
    return QStringLiteral(BELLOWS_GOLDEN_DIR "/prisma");
}

Result<PrismaDdl> translateText(const QString& text)
{
    auto schema = parsePrisma({{QStringLiteral("schema.prisma"), text}});
    if (!schema)
        return schema.error();
    return translatePrisma(*schema);
}

Result<PrismaDdl> translateFile(const QString& path)
{
    auto files = readPrismaSources(path);
    if (!files)
        return files.error();
    auto schema = parsePrisma(*files);
    if (!schema)
        return schema.error();
    return translatePrisma(*schema);
}

bool hasWarning(const PrismaDdl& ddl, const QString& part)
{
    for (const Warning& w : ddl.warnings)
        if (w.message.contains(part))
            return true;
    return false;
}

const QString kDatasource = QStringLiteral("datasource db {\n  provider = \"postgresql\"\n}\n");

} // namespace

class TestPrismaDdl : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void matchesOracleGolden_data()
    {
        QTest::addColumn<QString>("name");
        const QStringList files =
            QDir(goldenDir()).entryList({QStringLiteral("*.prisma")}, QDir::Files, QDir::Name);
        QVERIFY(!files.isEmpty());
        for (const QString& file : files) {
            const QString name = file.chopped(7);
            QTest::newRow(qPrintable(name)) << name;
        }
    }

    void matchesOracleGolden()
    {
        QFETCH(QString, name);
        auto ddl = translateFile(goldenDir() + QLatin1Char('/') + name + QStringLiteral(".prisma"));
        QVERIFY2(ddl.ok(), qPrintable(ddl.ok() ? QString() : ddl.error().toString()));
        QString message;
        QVERIFY2(test::matchesGolden(goldenDir() + QLatin1Char('/') + name + QStringLiteral(".sql"),
                                     ddl->sql, &message),
                 qPrintable(message));
    }

    void namesAreCutTo63Bytes()
    {
        const QString table =
            QStringLiteral("AVeryLongModelNameThatKeepsGoingAndGoingForeverAndEver");
        QCOMPARE(uniqueIndexName(table, {QStringLiteral("someExtremelyLongColumnName")}),
                 QStringLiteral("AVeryLongModelNameThatKeepsGoingAndGoingForeverAndEver_some_key"));
        QCOMPARE(primaryKeyName(table + QStringLiteral("AndEverAgain")),
                 QStringLiteral("AVeryLongModelNameThatKeepsGoingAndGoingForeverAndEverAndE_pkey"));
        QCOMPARE(joinTableForeignKeyName(QLatin1Char('_') + table + QStringLiteral("ToOther"),
                                         QStringLiteral("A")),
                 QStringLiteral("_AVeryLongModelNameThatKeepsGoingAndGoingForeverAndEverT_A_fkey"));
        QCOMPARE(indexName(QStringLiteral("t"), {QStringLiteral("a"), QStringLiteral("b")}),
                 QStringLiteral("t_a_b_idx"));
        // never inside a UTF-8 sequence
        const QString accented = QString(40, QChar(0xe9)); // 80 bytes
        QCOMPARE(truncateUtf8(accented, 59).toUtf8().size(), 58);
    }

    void viewsAndCompositeTypesWarn()
    {
        auto ddl =
            translateText(kDatasource + QStringLiteral("model A {\n  id Int @id\n}\n"
                                                       "view V {\n  id Int @unique\n}\n"
                                                       "type Address {\n  street String\n}\n"));
        QVERIFY2(ddl.ok(), qPrintable(ddl.ok() ? QString() : ddl.error().toString()));
        QVERIFY(!ddl->sql.contains(QLatin1String("\"V\"")));
        QVERIFY(!ddl->sql.contains(QLatin1String("Address")));
        QVERIFY(hasWarning(*ddl, QStringLiteral("view V")));
        QVERIFY(hasWarning(*ddl, QStringLiteral("Address")));
    }

    void citextBringsItsExtension()
    {
        auto ddl = translateText(kDatasource +
                                 QStringLiteral("model A {\n  id String @id @db.Citext\n}\n"));
        QVERIFY2(ddl.ok(), qPrintable(ddl.ok() ? QString() : ddl.error().toString()));
        QVERIFY(ddl->sql.contains(QLatin1String("CREATE EXTENSION IF NOT EXISTS \"citext\";")));
        QVERIFY(hasWarning(*ddl, QStringLiteral("citext")));
    }

    void folderIsOneSchema()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto write = [&dir](const QString& name, const QString& text) {
            QFile f(dir.filePath(name));
            return f.open(QIODevice::WriteOnly) && f.write(text.toUtf8()) == text.toUtf8().size();
        };
        QVERIFY(write(QStringLiteral("a_schema.prisma"), kDatasource));
        QVERIFY(write(QStringLiteral("b_user.prisma"),
                      QStringLiteral("model User {\n  id Int @id\n  posts Post[]\n}\n")));
        QVERIFY(write(
            QStringLiteral("c_post.prisma"),
            QStringLiteral("model Post {\n  id Int @id\n  userId Int\n"
                           "  user User @relation(fields: [userId], references: [id])\n}\n")));
        QVERIFY(source::isPrismaTarget(dir.path()));
        auto script = source::prismaTargetScript(dir.path());
        QVERIFY2(script.ok(), qPrintable(script.ok() ? QString() : script.error().toString()));
        QVERIFY(script->fileName.contains(QLatin1String("generated from the Prisma schema")));
        QVERIFY(script->sql.indexOf(QLatin1String("CREATE TABLE \"User\"")) <
                script->sql.indexOf(QLatin1String("CREATE TABLE \"Post\"")));
        QVERIFY(script->sql.contains(QLatin1String("\"Post_userId_fkey\"")));
        QVERIFY(!source::isPrismaTarget(dir.filePath(QStringLiteral("missing.sql"))));
    }

    void otherProvidersAreRefused()
    {
        auto ddl = translateText(QStringLiteral("datasource db {\n  provider = \"mysql\"\n}\n"
                                                "model A {\n  id Int @id\n}\n"));
        QVERIFY(!ddl.ok());
        QVERIFY(ddl.error().message.contains(QLatin1String("mysql")));
        QCOMPARE(ddl.error().location.line, 2);
    }

    void manyToManyNeedsASingleId()
    {
        auto ddl = translateText(
            kDatasource +
            QStringLiteral("model A {\n  x Int\n  y Int\n  bs B[]\n  @@id([x, y])\n}\n"
                           "model B {\n  id Int @id\n  as A[]\n}\n"));
        QVERIFY(!ddl.ok());
        QVERIFY(ddl.error().message.contains(QLatin1String("single-field @id")));
    }
};

QTEST_GUILESS_MAIN(TestPrismaDdl)
#include "test_prisma_ddl.moc"
