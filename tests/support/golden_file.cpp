#include "golden_file.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace bellows::test {

bool matchesGolden(const QString& path, const QString& actual, QString* message)
{
    if (qEnvironmentVariableIntValue("BELLOWS_UPDATE_GOLDEN") == 1) {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile out(path);
        if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            *message = QStringLiteral("cannot write %1").arg(path);
            return false;
        }
        out.write(actual.toUtf8());
        return true;
    }
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly)) {
        *message = QStringLiteral("missing golden file %1; actual:\n%2").arg(path, actual);
        return false;
    }
    const QString expected = QString::fromUtf8(in.readAll());
    if (expected == actual)
        return true;
    // The first differing line, then the whole actual text to copy from.
    const QStringList want = expected.split(QLatin1Char('\n'));
    const QStringList got = actual.split(QLatin1Char('\n'));
    qsizetype line = 0;
    while (line < want.size() && line < got.size() && want.at(line) == got.at(line))
        ++line;
    *message = QStringLiteral("%1:%2 differs\n  expected: %3\n  actual:   %4\n"
                              "(BELLOWS_UPDATE_GOLDEN=1 rewrites it)\nactual plan:\n%5")
                   .arg(path)
                   .arg(line + 1)
                   .arg(want.value(line), got.value(line), actual);
    return false;
}

} // namespace bellows::test
