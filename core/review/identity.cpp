#include "review/identity.h"

#include <QProcess>
#include <QProcessEnvironment>

namespace bellows::review {

namespace {

QString gitConfig(const QString& key, const QString& directory)
{
    QProcess git;
    if (!directory.isEmpty())
        git.setWorkingDirectory(directory);
    git.start(QStringLiteral("git"), {QStringLiteral("config"), QStringLiteral("--get"), key});
    if (!git.waitForStarted(5000))
        return {};
    if (!git.waitForFinished(5000)) {
        git.kill();
        git.waitForFinished(1000);
        return {};
    }
    if (git.exitStatus() != QProcess::NormalExit || git.exitCode() != 0)
        return {};
    return QString::fromUtf8(git.readAllStandardOutput()).trimmed();
}

} // namespace

QString Identity::display() const
{
    if (email.isEmpty())
        return name;
    if (name.isEmpty())
        return QStringLiteral("<%1>").arg(email);
    return QStringLiteral("%1 <%2>").arg(name, email);
}

bool Identity::sameAs(const Identity& other) const
{
    if (isEmpty() || other.isEmpty())
        return false;
    if (!email.isEmpty() && !other.email.isEmpty())
        return email.compare(other.email, Qt::CaseInsensitive) == 0;
    return !name.isEmpty() && name.compare(other.name, Qt::CaseInsensitive) == 0;
}

Identity gitIdentity(const QString& directory)
{
    Identity id;
    id.name = gitConfig(QStringLiteral("user.name"), directory);
    id.email = gitConfig(QStringLiteral("user.email"), directory);
    if (id.name.isEmpty()) {
        const auto env = QProcessEnvironment::systemEnvironment();
        id.name = env.value(QStringLiteral("USER"), env.value(QStringLiteral("LOGNAME")));
    }
    return id;
}

Identity defaultExecutor(const QString& directory)
{
    const auto env = QProcessEnvironment::systemEnvironment();
    const QString name = env.value(QStringLiteral("BELLOWS_AS"));
    if (!name.isEmpty())
        return {name, env.value(QStringLiteral("BELLOWS_AS_EMAIL"))};
    return gitIdentity(directory);
}

} // namespace bellows::review
