#include "common/error.h"

namespace bellows {

QString SourceLocation::toString() const
{
    QString out = file;
    if (line > 0) {
        out += (out.isEmpty() ? QString() : QStringLiteral(":")) + QString::number(line);
        if (column > 0)
            out += QLatin1Char(':') + QString::number(column);
    }
    return out;
}

QString Error::toString() const
{
    QString out;
    if (location.isValid())
        out = location.toString() + QStringLiteral(": ");
    out += message;
    if (!detail.isEmpty())
        out += QStringLiteral("\nDETAIL: ") + detail;
    if (!hint.isEmpty())
        out += QStringLiteral("\nHINT: ") + hint;
    if (!context.isEmpty())
        out += QLatin1Char('\n') + context;
    return out;
}

} // namespace bellows
