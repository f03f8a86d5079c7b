#pragma once

#include <QString>
#include <QStringList>

#include <memory>

struct pg_result;

namespace bellows::pq {

// Owning, read-only view of a PGresult. Text format only.
class QueryResult {
public:
    QueryResult() = default;
    explicit QueryResult(pg_result* result);

    int rows() const;
    int columns() const;
    int column(const char* name) const; // -1 when absent

    bool isNull(int row, int col) const;
    QString text(int row, int col) const; // empty for NULL
    QString text(int row, const char* name) const;
    qint64 int64(int row, int col) const;
    double real(int row, int col) const;
    bool boolean(int row, int col) const;          // 't' / 'f'
    QStringList textArray(int row, int col) const; // a PostgreSQL text[] literal
    QString commandStatus() const;
    qint64 affectedRows() const;

private:
    std::shared_ptr<pg_result> m_result;
};

// Parses a PostgreSQL array literal ({a,"b c",NULL}) into its elements; NULL becomes "".
QStringList parseTextArray(const char* text, int length);

// The inverse, for a text[] parameter: every element quoted and escaped.
QString textArrayLiteral(const QStringList& elements);

} // namespace bellows::pq
