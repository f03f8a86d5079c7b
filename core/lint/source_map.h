#pragma once

#include "common/error.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace bellows::lint {

// The UTF-8 text the parser saw, with the conversions its offsets need: libpg_query reports
// statement and node positions as byte offsets, and error positions as 1-based character
// positions. Lines end at \n, \r\n or a lone \r; columns count characters (code points).
class SourceMap {
public:
    SourceMap(QByteArray utf8, QString fileName);

    const QByteArray& bytes() const { return m_utf8; }
    int size() const { return int(m_utf8.size()); }
    const QString& fileName() const { return m_file; }

    SourceLocation location(int byteOffset) const;
    int codePointIndex(int byteOffset) const;   // 0-based
    int byteOffsetOfCodePoint(int index) const; // clamped to the text

    QString text(int begin, int end) const; // decoded bytes [begin, end)

    // Past whitespace and SQL comments (-- and nested /* */) starting at begin.
    int skipSpaceAndComments(int begin, int end) const;
    // end moved back over trailing whitespace and semicolons.
    int trimEnd(int begin, int end) const;

private:
    int lineIndex(int byteOffset) const;
    int countCodePoints(int begin, int end) const;

    QByteArray m_utf8;
    QString m_file;
    std::vector<int> m_lineStart;   // byte offset of each line's first byte
    std::vector<int> m_lineStartCp; // code point index of the same
};

} // namespace bellows::lint
