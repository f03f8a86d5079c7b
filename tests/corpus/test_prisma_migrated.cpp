// A Prisma project's real database against its schema.prisma: for every Prisma version of the
// corpus, derived_migrated_schema.sql (the project's own migration chain, applied and dumped)
// is the live database and that commit's schema.prisma the target. `bellows-cli diff` must
// report exactly the differences listed in expectedDifferences(), each with the reason it is
// real and whether Prisma's own engine reports it too; Prisma's engine is run on the same
// database (`prisma-sql --from-url DB --to schema.prisma`) and must print the number of
// statements oracleExpectations() says, including every difference flagged as Prisma's too.
// A new difference, or one that disappears, on either side fails the test.
// CTest runs one test per version (`test_prisma_migrated migratedMatchesSchema:<version>`).

#include "test_database.h"

#include <QDir>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <QUrlQuery>

#include <map>

using namespace bellows::test;

namespace {

// Why a difference between a project's migrated database and its schema.prisma is real. The
// flag says whether Prisma's engine reports it too (`prisma-sql --from-url`).
struct Known {
    const char* difference; // as describe() writes it
    bool prismaToo;
    const char* reason;
};

// Reasons shared by many entries.
const char* const kEnumOrder =
    "labels added by ALTER TYPE ... ADD VALUE go last; the schema lists them elsewhere. Prisma "
    "compares enum values as a set, Bellows also sees the order (which sorts values)";
const char* const kUnmodelled =
    "created by a hand-written migration and not expressible in schema.prisma; Prisma's "
    "engine ignores extensions (without postgresqlExtensions), functions, triggers, CHECK "
    "constraints, partial indexes and other schemas";
const char* const kManualIndex =
    "an index a hand-written migration added that schema.prisma does not declare: Prisma "
    "drops it too";
const char* const kOldJoinTable =
    "implicit m:n table from before Prisma 5 (unique index _AB_unique); Prisma 5+ wants the "
    "_AB_pkey primary key and generates the same change";
const char* const kNowDefault =
    "the migration wrote DEFAULT now(), Prisma generates CURRENT_TIMESTAMP: the same function "
    "(Prisma reads both as now()), but the expressions PostgreSQL stores differ";
const char* const kDeferrable =
    "the migration made the unique key a DEFERRABLE constraint; Prisma declares a unique index "
    "and treats both as the same @@unique";
const char* const kPartitioned =
    "the migration turned the table into a partitioned one (PARTITION BY RANGE); Prisma cannot "
    "express partitioning and does not see it";
const char* const kIndexOptions =
    "the migration rebuilt the index with INCLUDE and fillfactor, which schema.prisma cannot "
    "say: Prisma recreates it too";
const char* const kDuplicateIndex =
    "a second unique index on users(email) left from before the table's @@map; Prisma matches "
    "indexes by columns and does not report it";

std::vector<Known> pgcryptoAnd(std::vector<Known> more)
{
    more.push_back({"removed extension pgcrypto", false, kUnmodelled});
    return more;
}

const std::map<QString, std::vector<Known>>& expectedDifferences()
{
    static const std::vector<Known> documensoOld = {
        {"changed column Document.createdAt: default", false, kNowDefault},
        {"changed column Document.updatedAt: default", false, kNowDefault},
        {"changed enum FieldType: labels", false, kEnumOrder},
        {"changed enum SubscriptionStatus: labels", false, kEnumOrder},
        {"changed enum UserSecurityAuditLogType: labels", false, kEnumOrder},
        {"changed enum WebhookTriggerEvents: labels", false, kEnumOrder},
        {"removed constraint Field.Field_templateId_documentId_check", false, kUnmodelled},
        {"removed constraint Recipient.Recipient_templateId_documentId_check", false, kUnmodelled},
        {"removed constraint Subscription.teamid_or_userid_check", false, kUnmodelled}};
    static const std::vector<Known> hoppscotchTrgm = {
        {"removed extension pg_trgm", false, kUnmodelled},
        {"removed index TeamCollection.TeamCollection_title_trgm_idx", true, kManualIndex},
        {"removed index TeamRequest.TeamRequest_title_trgm_idx", true, kManualIndex}};
    static const std::vector<Known> rallly =
        pgcryptoAnd({{"removed function nanoid", false, kUnmodelled},
                     {"removed index users.User_email_key", false, kDuplicateIndex}});
    auto triggerCommon = [](std::vector<Known> known) {
        const Known common[] = {
            {"changed enum ProjectAlertType: labels", false, kEnumOrder},
            {"changed enum TaskRunExecutionStatus: labels", false, kEnumOrder},
            {"changed enum TaskRunStatus: labels", false, kEnumOrder},
            {"changed enum WorkerDeploymentStatus: labels", false, kEnumOrder},
            {"changed index TaskEventPartitioned.TaskEventPartitioned_runId_idx: definition", false,
             kPartitioned},
            {"changed index TaskEventPartitioned.TaskEventPartitioned_spanId_idx: definition",
             false, kPartitioned},
            {"changed index TaskEventPartitioned.TaskEventPartitioned_traceId_idx: definition",
             false, kPartitioned},
            {"changed table TaskEventPartitioned: kind, partition key", false, kPartitioned},
            {"removed index "
             "TaskRunWaitpoint.TaskRunWaitpoint_taskRunId_waitpointId_batchIndex_null_key",
             false, kUnmodelled},
            {"removed schema triggerdotdev_events", false, kUnmodelled},
            {"removed sequence run_executions_id_seq", false, kUnmodelled},
            {"removed table run_executions", false, kUnmodelled}};
        known.insert(known.end(), std::begin(common), std::end(common));
        return known;
    };
    auto concat = [](std::vector<Known> a, const std::vector<Known>& b) {
        a.insert(a.end(), b.begin(), b.end());
        return a;
    };

    static const std::map<QString, std::vector<Known>> expected = {
        {QStringLiteral("documenso/b08e153ca2"), documensoOld},
        {QStringLiteral("documenso/a319ea0f5e"), documensoOld},
        {QStringLiteral("documenso/03eb6af69a"),
         pgcryptoAnd({{"changed enum FieldType: labels", false, kEnumOrder},
                      {"changed enum SubscriptionStatus: labels", false, kEnumOrder},
                      {"changed enum UserSecurityAuditLogType: labels", false, kEnumOrder},
                      {"changed enum WebhookTriggerEvents: labels", false, kEnumOrder},
                      {"removed function generate_id", false, kUnmodelled},
                      {"removed function generate_prefix_id", false, kUnmodelled},
                      {"removed function nanoid", false, kUnmodelled},
                      {"removed function nanoid_optimized", false, kUnmodelled}})},
        {QStringLiteral("formbricks/8fd78bc08f"),
         {{"changed enum IntegrationType: labels", false, kEnumOrder}}},
        {QStringLiteral("formbricks/f4a367d2de"),
         {{"changed enum IntegrationType: labels", false, kEnumOrder},
          {"changed enum SurveyStatus: labels", false, kEnumOrder},
          {"changed enum displayOptions: labels", false, kEnumOrder}}},
        {QStringLiteral("hoppscotch/4bd23a8f4c"), hoppscotchTrgm},
        {QStringLiteral("hoppscotch/f26d32c4e4"), hoppscotchTrgm},
        {QStringLiteral("hoppscotch/803e4633a2"),
         concat(
             hoppscotchTrgm,
             {{"added index TeamCollection.TeamCollection_teamID_parentID_orderIndex_key", false,
               kDeferrable},
              {"added index TeamRequest.TeamRequest_teamID_collectionID_orderIndex_key", false,
               kDeferrable},
              {"added index UserCollection.UserCollection_userUid_parentID_orderIndex_key", false,
               kDeferrable},
              {"added index UserRequest.UserRequest_userUid_collectionID_orderIndex_key", false,
               kDeferrable},
              {"removed constraint TeamCollection.TeamCollection_teamID_parentID_orderIndex_key",
               false, kDeferrable},
              {"removed constraint TeamRequest.TeamRequest_teamID_collectionID_orderIndex_key",
               false, kDeferrable},
              {"removed constraint "
               "UserCollection.UserCollection_userUid_parentID_orderIndex_key",
               false, kDeferrable},
              {"removed constraint UserRequest.UserRequest_userUid_collectionID_orderIndex_key",
               false, kDeferrable},
              {"removed function sync_mock_examples", false, kUnmodelled},
              {"removed index TeamRequest.idx_mock_examples_team_requests_gin", true, kManualIndex},
              {"removed index UserRequest.idx_mock_examples_user_requests_gin", true, kManualIndex},
              {"removed trigger TeamRequest.trigger_sync_mock_examples_team_request", false,
               kUnmodelled},
              {"removed trigger UserRequest.trigger_sync_mock_examples_user_request", false,
               kUnmodelled}})},
        {QStringLiteral("papermark/423dce2f27"),
         {{"changed enum Role: labels", false, kEnumOrder}}},
        {QStringLiteral("papermark/cb5b6150f9"),
         {{"changed enum Role: labels", false, kEnumOrder}}},
        {QStringLiteral("rallly/a9253bd972"), rallly},
        {QStringLiteral("rallly/533e347557"), rallly},
        {QStringLiteral("rallly/56bd684c55"), rallly},
        {QStringLiteral("trigger.dev/174484fb32"),
         triggerCommon(
             {{"changed enum EndpointIndexSource: labels", false, kEnumOrder},
              {"added constraint "
               "_BackgroundWorkerToBackgroundWorkerFile._BackgroundWorkerToBackgroundWorkerFile_AB_"
               "pkey",
               true, kOldJoinTable},
              {"removed index "
               "_BackgroundWorkerToBackgroundWorkerFile._BackgroundWorkerToBackgroundWorkerFile_AB_"
               "unique",
               true, kOldJoinTable},
              {"added constraint _BackgroundWorkerToTaskQueue._BackgroundWorkerToTaskQueue_AB_pkey",
               true, kOldJoinTable},
              {"removed index _BackgroundWorkerToTaskQueue._BackgroundWorkerToTaskQueue_AB_unique",
               true, kOldJoinTable},
              {"added constraint _DynamicTriggerToJob._DynamicTriggerToJob_AB_pkey", true,
               kOldJoinTable},
              {"removed index _DynamicTriggerToJob._DynamicTriggerToJob_AB_unique", true,
               kOldJoinTable},
              {"added constraint _JobRunToMissingConnection._JobRunToMissingConnection_AB_pkey",
               true, kOldJoinTable},
              {"removed index _JobRunToMissingConnection._JobRunToMissingConnection_AB_unique",
               true, kOldJoinTable},
              {"added constraint _TaskRunToTaskRunTag._TaskRunToTaskRunTag_AB_pkey", true,
               kOldJoinTable},
              {"removed index _TaskRunToTaskRunTag._TaskRunToTaskRunTag_AB_unique", true,
               kOldJoinTable},
              {"added constraint _WaitpointRunConnections._WaitpointRunConnections_AB_pkey", true,
               kOldJoinTable},
              {"removed index _WaitpointRunConnections._WaitpointRunConnections_AB_unique", true,
               kOldJoinTable},
              {"added constraint _completedWaitpoints._completedWaitpoints_AB_pkey", true,
               kOldJoinTable},
              {"removed index _completedWaitpoints._completedWaitpoints_AB_unique", true,
               kOldJoinTable},

              {"changed enum JobRunStatus: labels", false, kEnumOrder},
              {"changed enum TaskStatus: labels", false, kEnumOrder}})},
        {QStringLiteral("trigger.dev/3875bb292a"),
         triggerCommon(
             {{"changed enum BatchTaskRunStatus: labels", false, kEnumOrder},
              {"added constraint "
               "_BackgroundWorkerToBackgroundWorkerFile._BackgroundWorkerToBackgroundWorkerFile_AB_"
               "pkey",
               true, kOldJoinTable},
              {"removed index "
               "_BackgroundWorkerToBackgroundWorkerFile._BackgroundWorkerToBackgroundWorkerFile_AB_"
               "unique",
               true, kOldJoinTable},
              {"added constraint _BackgroundWorkerToTaskQueue._BackgroundWorkerToTaskQueue_AB_pkey",
               true, kOldJoinTable},
              {"removed index _BackgroundWorkerToTaskQueue._BackgroundWorkerToTaskQueue_AB_unique",
               true, kOldJoinTable},
              {"added constraint _TaskRunToTaskRunTag._TaskRunToTaskRunTag_AB_pkey", true,
               kOldJoinTable},
              {"removed index _TaskRunToTaskRunTag._TaskRunToTaskRunTag_AB_unique", true,
               kOldJoinTable},
              {"added constraint _WaitpointRunConnections._WaitpointRunConnections_AB_pkey", true,
               kOldJoinTable},
              {"removed index _WaitpointRunConnections._WaitpointRunConnections_AB_unique", true,
               kOldJoinTable},
              {"added constraint _completedWaitpoints._completedWaitpoints_AB_pkey", true,
               kOldJoinTable},
              {"removed index _completedWaitpoints._completedWaitpoints_AB_unique", true,
               kOldJoinTable},

              {"changed index TaskRun.TaskRun_runtimeEnvironmentId_createdAt_idx: definition", true,
               kIndexOptions},
              {"changed index TaskRun.TaskRun_runtimeEnvironmentId_id_idx: definition", true,
               kIndexOptions}})},
        {QStringLiteral("umami/dfae0c150d"), pgcryptoAnd({})},
        {QStringLiteral("umami/915a4ee9b0"), pgcryptoAnd({})},
        {QStringLiteral("umami/f7593718dc"), pgcryptoAnd({})},
    };
    return expected;
}

// What Prisma's engine prints for the same comparison: how many statements, and the reason for
// any it prints that Bellows does not report. -1: the engine panics on this database.
struct OracleExpectation {
    int statements = 0;
    const char* note = "";
};

const std::map<QString, OracleExpectation>& oracleExpectations()
{
    // trigger.dev: besides the join tables (two statements each) and the TaskRun indexes
    // (drop + create each), Prisma drops and recreates SecretStore_key_idx: it does not read
    // back the text_pattern_ops operator class it declared, a Prisma-only difference.
    static const std::map<QString, OracleExpectation> expected = {
        {QStringLiteral("documenso/b08e153ca2"),
         {-1, "the wasm engine panics (RuntimeError: unreachable) introspecting this database"}},
        {QStringLiteral("documenso/a319ea0f5e"),
         {-1, "the wasm engine panics (RuntimeError: unreachable) introspecting this database"}},
        {QStringLiteral("hoppscotch/4bd23a8f4c"), {2}},
        {QStringLiteral("hoppscotch/f26d32c4e4"), {2}},
        {QStringLiteral("hoppscotch/803e4633a2"), {4}},
        {QStringLiteral("trigger.dev/174484fb32"), {7 * 2 + 2, "SecretStore_key_idx"}},
        {QStringLiteral("trigger.dev/3875bb292a"), {5 * 2 + 2 * 2 + 2, "SecretStore_key_idx"}},
    };
    return expected;
}

// One line per difference: "changed column public.Account.userId: nullable".
QStringList describe(const QJsonObject& diff)
{
    QStringList lines;
    for (const QJsonValue& value : diff.value(QStringLiteral("changes")).toArray()) {
        const QJsonObject c = value.toObject();
        const QJsonArray attributes = c.value(QStringLiteral("attributes")).toArray();
        const QString table = c.value(QStringLiteral("table")).toString();
        if (table.isEmpty() && attributes.isEmpty() &&
            c.value(QStringLiteral("action")).toString() == QLatin1String("changed"))
            continue; // a table that only owns changed sub-objects
        QString line = c.value(QStringLiteral("action")).toString() + QLatin1Char(' ') +
                       c.value(QStringLiteral("kind")).toString() + QLatin1Char(' ') +
                       (table.isEmpty() ? QString() : table + QLatin1Char('.')) +
                       c.value(QStringLiteral("name")).toString();
        QStringList names;
        for (const QJsonValue& a : attributes)
            names << a.toObject().value(QStringLiteral("name")).toString();
        if (!names.isEmpty())
            line += QStringLiteral(": ") + names.join(QStringLiteral(", "));
        lines << line;
    }
    lines.sort();
    return lines;
}

// postgresql:// URL for node-postgres from a libpq key=value conninfo (Unix socket as ?host=).
QString urlFor(const QString& conninfo)
{
    QMap<QString, QString> keys;
    for (const QString& part : conninfo.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const qsizetype eq = part.indexOf(QLatin1Char('='));
        if (eq > 0)
            keys.insert(part.left(eq), part.mid(eq + 1).remove(QLatin1Char('\'')));
    }
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setHost(QStringLiteral("localhost"));
    url.setUserName(keys.value(QStringLiteral("user"), qEnvironmentVariable("USER")));
    if (keys.contains(QStringLiteral("port")))
        url.setPort(keys.value(QStringLiteral("port")).toInt());
    url.setPath(QLatin1Char('/') + keys.value(QStringLiteral("dbname")));
    QUrlQuery query;
    if (keys.value(QStringLiteral("host")).startsWith(QLatin1Char('/')))
        query.addQueryItem(QStringLiteral("host"), keys.value(QStringLiteral("host")));
    url.setQuery(query);
    return url.toString();
}

// The statements Prisma's engine would run to bring the database to the schema (empty when it
// finds none), or "ERROR: ...".
QString oracleFromUrl(const TestDatabase& db, const QString& schema)
{
    const QString script =
        qEnvironmentVariable("BELLOWS_PRISMA_ORACLE") + QStringLiteral("/prisma-sql");
    const QString modules = qEnvironmentVariable("BELLOWS_PRISMA_ORACLE_MODULES");
    if (!QFile::exists(script) ||
        !QFileInfo(modules + QStringLiteral("/@prisma/schema-engine-wasm")).isDir())
        return QStringLiteral("ERROR: the Prisma oracle is not installed: run "
                              "packaging/install-deps.sh, then re-run cmake");
    // The engine rejects preview features it no longer knows (trigger.dev's "metrics"); they
    // change nothing in the database, so it reads a copy without them.
    QFile in(schema);
    if (!in.open(QIODevice::ReadOnly))
        return QStringLiteral("ERROR: cannot read ") + schema;
    QString text = QString::fromUtf8(in.readAll());
    text.replace(QRegularExpression(QStringLiteral("previewFeatures\\s*=\\s*\\[\"metrics\"\\]")),
                 QString());
    QTemporaryDir work;
    QFile copy(work.filePath(QStringLiteral("schema.prisma")));
    if (!copy.open(QIODevice::WriteOnly))
        return QStringLiteral("ERROR: cannot write ") + copy.fileName();
    copy.write(text.toUtf8());
    copy.close();
    const auto r = runProcess(QStringLiteral("node"),
                              {script, QStringLiteral("--from-url"), urlFor(db.conninfo()),
                               QStringLiteral("--to"), copy.fileName()},
                              300000, {QStringLiteral("NODE_PATH=") + modules});
    if (r.exitCode != 0)
        return QStringLiteral("ERROR: the oracle failed (exit %1): %2").arg(r.exitCode).arg(r.err);
    QString sql = r.out;
    sql.remove(QStringLiteral("-- This is an empty migration."));
    return sql.trimmed();
}

} // namespace

class TestPrismaMigrated : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void migratedMatchesSchema_data()
    {
        QTest::addColumn<QString>("version");
        QDirIterator it(corpusDir(), {QStringLiteral("derived_migrated_schema.sql")}, QDir::Files,
                        QDirIterator::Subdirectories);
        QStringList versions;
        while (it.hasNext())
            versions << QDir(corpusDir()).relativeFilePath(QFileInfo(it.next()).path());
        versions.sort();
        for (const QString& version : versions)
            QTest::newRow(qPrintable(version)) << version;
    }

    void migratedMatchesSchema()
    {
        QFETCH(QString, version);
        const QString dir = corpusDir() + QLatin1Char('/') + version;

        TestDatabase live(QStringLiteral("prisma_migrated"));
        const QString loadError =
            live.loadCorpusFile(dir + QStringLiteral("/derived_migrated_schema.sql"));
        QVERIFY2(loadError.isEmpty(), qPrintable(loadError));

        const auto r = runCli({QStringLiteral("diff"), QStringLiteral("--db"), live.conninfo(),
                               QStringLiteral("--target"), dir + QStringLiteral("/schema.prisma"),
                               QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject diff = QJsonDocument::fromJson(r.out.toUtf8()).object();
        const QStringList actual = describe(diff);
        const auto found = expectedDifferences().find(version);
        QStringList expected;
        QStringList prismaToo;
        if (found != expectedDifferences().end()) {
            for (const Known& known : found->second) {
                expected << QString::fromUtf8(known.difference);
                if (known.prismaToo)
                    prismaToo << QString::fromUtf8(known.difference)
                                     .section(QLatin1Char('.'), -1)
                                     .section(QLatin1Char(':'), 0, 0);
            }
        }
        expected.sort();
        QVERIFY2(actual == expected,
                 qPrintable(QStringLiteral("differences:\n  %1\nexpected:\n  %2")
                                .arg(actual.join(QStringLiteral("\n  ")),
                                     expected.join(QStringLiteral("\n  ")))));

        // Prisma's own engine on the same database: as many statements as expected, and every
        // difference flagged prismaToo among them.
        const auto oracleFound = oracleExpectations().find(version);
        const OracleExpectation oracleExpected =
            oracleFound == oracleExpectations().end() ? OracleExpectation{} : oracleFound->second;
        const QString oracle = oracleFromUrl(live, dir + QStringLiteral("/schema.prisma"));
        QVERIFY2(!oracle.startsWith(QLatin1String("ERROR: the Prisma oracle is not installed")),
                 qPrintable(oracle));
        // Prisma's wasm schema engine (the oracle) cannot introspect PostgreSQL 18 yet; Bellows'
        // own side of this test is the same on every major.
        if (cluster().major >= 18 && oracle.contains(QLatin1String("RuntimeError: unreachable")))
            QSKIP("PostgreSQL 18: Prisma's schema engine, the oracle, fails against it "
                  "(RuntimeError: unreachable in the wasm engine)");
        if (oracleExpected.statements < 0) {
            QVERIFY2(oracle.startsWith(QLatin1String("ERROR")),
                     "the engine no longer fails here: update oracleExpectations()");
            return;
        }
        QVERIFY2(!oracle.startsWith(QLatin1String("ERROR")), qPrintable(oracle));
        static const QRegularExpression statement(
            QStringLiteral("^-- (Create|Drop|Alter|Add|Rename)\\w*$"),
            QRegularExpression::MultilineOption);
        QCOMPARE(int(oracle.count(statement)), oracleExpected.statements);
        for (const QString& name : std::as_const(prismaToo))
            QVERIFY2(oracle.contains(name),
                     qPrintable(QStringLiteral("%1 not in Prisma's SQL:\n%2").arg(name, oracle)));
    }
};

QTEST_GUILESS_MAIN(TestPrismaMigrated)
#include "test_prisma_migrated.moc"
