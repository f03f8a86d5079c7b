#include "shadow/postgres_install.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>

#include <algorithm>

namespace bellows::shadow {

namespace {

QString runForOutput(const QString& program, const QStringList& args)
{
    QProcess process;
    process.start(program, args);
    if (!process.waitForFinished(10000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0)
        return {};
    return QString::fromUtf8(process.readAllStandardOutput()).trimmed();
}

} // namespace

Result<PostgresInstall> inspectBinDir(const QString& binDir)
{
    const QString dir = QDir(binDir).absolutePath();
    for (const char* tool : {"initdb", "pg_ctl", "postgres"}) {
        const QFileInfo info(dir + QLatin1Char('/') + QLatin1String(tool));
        if (!info.isExecutable())
            return Error{QStringLiteral("%1 has no PostgreSQL server program %2")
                             .arg(dir, QLatin1String(tool))};
    }
    const QString out =
        runForOutput(dir + QStringLiteral("/postgres"), {QStringLiteral("--version")});
    static const QRegularExpression versionRe(QStringLiteral("(\\d+)(?:\\.(\\d+))?"));
    const auto match = versionRe.match(out);
    if (!match.hasMatch())
        return Error{QStringLiteral("cannot read the version of %1/postgres (it printed \"%2\")")
                         .arg(dir, out)};
    return PostgresInstall{dir, match.captured(1).toInt(), match.captured(0)};
}

std::vector<PostgresInstall> findInstalls()
{
    QStringList candidates;
    const QString explicitDirs = qEnvironmentVariable("BELLOWS_PG_BIN");
    if (!explicitDirs.isEmpty())
        candidates << explicitDirs.split(QLatin1Char(':'), Qt::SkipEmptyParts);
    const QDir debian(QStringLiteral("/usr/lib/postgresql"));
    for (const QString& entry : debian.entryList(QDir::Dirs | QDir::NoDotAndDotDot))
        candidates << debian.filePath(entry) + QStringLiteral("/bin");
    const QString pgConfigBin =
        runForOutput(QStringLiteral("pg_config"), {QStringLiteral("--bindir")});
    if (!pgConfigBin.isEmpty())
        candidates << pgConfigBin;

    std::vector<PostgresInstall> installs;
    QStringList seen;
    for (const QString& dir : candidates) {
        const QString canonical = QFileInfo(dir).canonicalFilePath();
        if (canonical.isEmpty() || seen.contains(canonical))
            continue;
        seen << canonical;
        auto install = inspectBinDir(dir);
        if (install)
            installs.push_back(install.value());
    }
    // Newest first: with no exact match, the newest server loads the widest range of schemas.
    std::stable_sort(
        installs.begin(), installs.end(),
        [](const PostgresInstall& a, const PostgresInstall& b) { return a.major > b.major; });
    return installs;
}

QString majorMismatchNote(int liveMajor, int shadowMajor, bool shadowUrl)
{
    const QString fix =
        shadowUrl ? QStringLiteral("point --shadow-url at a PostgreSQL %1 server").arg(liveMajor)
                  : QStringLiteral("install PostgreSQL %1's server binaries (e.g. "
                                   "packaging/fetch-postgres.sh %1) and set BELLOWS_PG_BIN to "
                                   "their bin directory, or pass --shadow-url to a PostgreSQL "
                                   "%1 server")
                        .arg(liveMajor);
    return QStringLiteral("the shadow server runs PostgreSQL %1 but the live database %2: the "
                          "target is read by another major, whose normalised expressions, index "
                          "definitions and defaults can differ from the live server's (a diff "
                          "may show changes that are none, or a statement may load differently); "
                          "to compare like with like, %3")
        .arg(shadowMajor)
        .arg(liveMajor)
        .arg(fix);
}

Result<PostgresInstall> installFor(int major, QString* note)
{
    const auto installs = findInstalls();
    if (installs.empty())
        return Error{QStringLiteral(
            "no PostgreSQL server binaries found (looked in $BELLOWS_PG_BIN, "
            "/usr/lib/postgresql/*/bin and pg_config --bindir); install the postgresql package "
            "or pass --shadow-url to use an existing server")};
    for (const auto& install : installs)
        if (install.major == major)
            return install;
    const auto newer = std::find_if(installs.rbegin(), installs.rend(),
                                    [&](const PostgresInstall& i) { return i.major >= major; });
    const PostgresInstall chosen = newer != installs.rend() ? *newer : installs.front();
    if (note && major > 0)
        *note = majorMismatchNote(major, chosen.major, false);
    return chosen;
}

} // namespace bellows::shadow
