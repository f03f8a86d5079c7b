#include "cli/terminal_prompt.h"

#include <QTextStream>

#include <cstdio>
#include <unistd.h>

namespace bellows::cli {

bool stdinIsTerminal()
{
    return isatty(fileno(stdin)) != 0;
}

namespace {

QTextStream& terminalInput()
{
    static QTextStream in(stdin); // one stream: a second one would lose buffered input
    return in;
}

} // namespace

bool askYes(const Output& output, const QString& question)
{
    output.out << question << " [y/N] " << Qt::flush;
    const QString answer = terminalInput().readLine().trimmed().toLower();
    return answer == QLatin1String("y") || answer == QLatin1String("yes");
}

QString askLine(const Output& output, const QString& question)
{
    output.out << question << ' ' << Qt::flush;
    return terminalInput().readLine().trimmed();
}

} // namespace bellows::cli
