#include "lint/source_map.h"

#include <algorithm>

namespace bellows::lint {

namespace {

inline bool isContinuation(char c)
{
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

inline bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

} // namespace

SourceMap::SourceMap(QByteArray utf8, QString fileName)
    : m_utf8(std::move(utf8)), m_file(std::move(fileName))
{
    const char* d = m_utf8.constData();
    const int n = size();
    m_lineStart.push_back(0);
    m_lineStartCp.push_back(0);
    int cp = 0;
    for (int i = 0; i < n; ++i) {
        if (!isContinuation(d[i]))
            ++cp;
        const bool lineEnd = d[i] == '\n' || (d[i] == '\r' && !(i + 1 < n && d[i + 1] == '\n'));
        if (lineEnd) {
            m_lineStart.push_back(i + 1);
            m_lineStartCp.push_back(cp);
        }
    }
}

int SourceMap::lineIndex(int byteOffset) const
{
    auto it = std::upper_bound(m_lineStart.begin(), m_lineStart.end(), byteOffset);
    return int(it - m_lineStart.begin()) - 1;
}

int SourceMap::countCodePoints(int begin, int end) const
{
    const char* d = m_utf8.constData();
    int count = 0;
    for (int i = begin; i < end; ++i)
        if (!isContinuation(d[i]))
            ++count;
    return count;
}

SourceLocation SourceMap::location(int byteOffset) const
{
    byteOffset = std::clamp(byteOffset, 0, size());
    const int line = lineIndex(byteOffset);
    return SourceLocation{m_file, line + 1,
                          countCodePoints(m_lineStart[std::size_t(line)], byteOffset) + 1};
}

int SourceMap::codePointIndex(int byteOffset) const
{
    byteOffset = std::clamp(byteOffset, 0, size());
    const int line = lineIndex(byteOffset);
    return m_lineStartCp[std::size_t(line)] +
           countCodePoints(m_lineStart[std::size_t(line)], byteOffset);
}

int SourceMap::byteOffsetOfCodePoint(int index) const
{
    if (index <= 0)
        return 0;
    auto it = std::upper_bound(m_lineStartCp.begin(), m_lineStartCp.end(), index);
    const auto line = std::size_t(it - m_lineStartCp.begin()) - 1;
    int remaining = index - m_lineStartCp[line];
    const char* d = m_utf8.constData();
    int i = m_lineStart[line];
    const int n = size();
    // Step over `remaining` code points: each starts at a non-continuation byte.
    while (i < n && remaining > 0) {
        ++i;
        while (i < n && isContinuation(d[i]))
            ++i;
        --remaining;
    }
    return i;
}

QString SourceMap::text(int begin, int end) const
{
    begin = std::clamp(begin, 0, size());
    end = std::clamp(end, begin, size());
    return QString::fromUtf8(m_utf8.constData() + begin, end - begin);
}

int SourceMap::skipSpaceAndComments(int begin, int end) const
{
    const char* d = m_utf8.constData();
    end = std::min(end, size());
    int i = std::max(begin, 0);
    while (i < end) {
        if (isSpace(d[i])) {
            ++i;
        } else if (d[i] == '-' && i + 1 < end && d[i + 1] == '-') {
            while (i < end && d[i] != '\n' && d[i] != '\r')
                ++i;
        } else if (d[i] == '/' && i + 1 < end && d[i + 1] == '*') {
            int depth = 1;
            i += 2;
            while (i < end && depth > 0) {
                if (d[i] == '/' && i + 1 < end && d[i + 1] == '*') {
                    ++depth;
                    i += 2;
                } else if (d[i] == '*' && i + 1 < end && d[i + 1] == '/') {
                    --depth;
                    i += 2;
                } else {
                    ++i;
                }
            }
        } else {
            break;
        }
    }
    return i;
}

int SourceMap::trimEnd(int begin, int end) const
{
    const char* d = m_utf8.constData();
    end = std::min(end, size());
    while (end > begin && (isSpace(d[end - 1]) || d[end - 1] == ';'))
        --end;
    return end;
}

} // namespace bellows::lint
