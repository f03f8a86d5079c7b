#include "review/line_diff.h"

#include <QStringList>

#include <vector>

namespace bellows::review {

QString lineDiff(const QString& before, const QString& after)
{
    if (before == after)
        return {};
    const QStringList a = before.split(QLatin1Char('\n'));
    const QStringList b = after.split(QLatin1Char('\n'));
    // Longest common subsequence over lines: step SQL is short, quadratic is fine.
    const qsizetype n = a.size();
    const qsizetype m = b.size();
    std::vector<std::vector<int>> lcs(size_t(n + 1), std::vector<int>(size_t(m + 1), 0));
    for (qsizetype i = n - 1; i >= 0; --i)
        for (qsizetype j = m - 1; j >= 0; --j)
            lcs[size_t(i)][size_t(j)] =
                a.at(i) == b.at(j)
                    ? lcs[size_t(i + 1)][size_t(j + 1)] + 1
                    : std::max(lcs[size_t(i + 1)][size_t(j)], lcs[size_t(i)][size_t(j + 1)]);
    QStringList out;
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < n && j < m) {
        if (a.at(i) == b.at(j)) {
            out << QLatin1Char(' ') + a.at(i);
            ++i;
            ++j;
        } else if (lcs[size_t(i + 1)][size_t(j)] >= lcs[size_t(i)][size_t(j + 1)]) {
            out << QLatin1Char('-') + a.at(i++);
        } else {
            out << QLatin1Char('+') + b.at(j++);
        }
    }
    while (i < n)
        out << QLatin1Char('-') + a.at(i++);
    while (j < m)
        out << QLatin1Char('+') + b.at(j++);
    return out.join(QLatin1Char('\n'));
}

} // namespace bellows::review
