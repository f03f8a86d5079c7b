#include "cli/shadow_command.h"

#include "shadow/shadow_server.h"

#include <QDir>
#include <QFile>

namespace bellows::cli {

int runShadow(const QString& action, const Output& output)
{
    if (action == QLatin1String("stop")) {
        if (auto stopped = shadow::ShadowServer::stopAll(); !stopped) {
            output.error(stopped.error().toString());
            return ExitError;
        }
        output.out << "shadow servers stopped\n";
        return ExitOk;
    }
    const QDir base(shadow::ShadowServer::cacheDirectory());
    const QStringList clusters = base.entryList({QStringLiteral("shadow-*")}, QDir::Dirs);
    if (clusters.isEmpty())
        output.out << "no shadow server in " << base.path() << '\n';
    for (const QString& entry : clusters) {
        const bool running =
            QFile::exists(base.filePath(entry) + QStringLiteral("/data/postmaster.pid"));
        output.out << base.filePath(entry) << ": " << (running ? "running" : "stopped") << '\n';
    }
    return ExitOk;
}

} // namespace bellows::cli
