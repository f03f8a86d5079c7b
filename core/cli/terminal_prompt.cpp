#include "cli/terminal_prompt.h"

#include <QTextStream>

#include <cstdio>
#include <unistd.h>

namespace bellows::cli {

bool stdinIsTerminal()
{
    return isatty(fileno(stdin)) != 0;
}

bool askYes(const Output& output, const QString& question)
{
    output.out << question << " [y/N] " << Qt::flush;
    static QTextStream in(stdin); // one stream: a second one would lose buffered input
    const QString answer = in.readLine().trimmed().toLower();
    return answer == QLatin1String("y") || answer == QLatin1String("yes");
}

} // namespace bellows::cli
