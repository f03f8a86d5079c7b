#pragma once

// What the conversion torture suite found: counts for the result line and every discrepancy
// between Bellows and the oracle (PostgreSQL's own ALTER TABLE … TYPE), in words a bug report
// can quote.

#include <QString>
#include <QStringList>

#include <vector>

namespace bellows::safety {

enum class Verdict {
    WronglyRefused,  // Bellows refused what the oracle converts unchanged (or the user accepted)
    WronglyAccepted, // Bellows planned what the oracle refuses or changes without acceptance
    Lost,            // a row or a value missing after apply
    Changed,         // a value different from the oracle's
    Failed,          // plan, apply or diff failed or did not converge
};

struct Discrepancy {
    Verdict verdict = Verdict::Failed;
    QString batch;      // "matrix", or what a hand-written batch tests
    QString conversion; // "integer → smallint"; empty: the batch as a whole
    QString shape;      // "typical"
    QString column;     // public.t_typical_integer.c_smallint
    QString detail;
};

class SafetyReport {
public:
    void countCase() { ++m_cases; }
    void countRefusedAsExpected() { ++m_refusedAsExpected; }
    void countConverted(bool lossy) { ++(lossy ? m_convertedLossy : m_converted); }
    void add(Discrepancy d);

    int cases() const { return m_cases; }
    int count(Verdict v) const;
    bool clean() const { return m_discrepancies.empty(); }

    // "506 conversions × 10 data shapes (3982 cases): 0 lost, 0 changed, …"
    QString resultLine(int conversions, int shapes) const;
    // The discrepancies, one line per verdict and conversion (the shapes it happened with, and
    // the first one's column and detail).
    QStringList details() const;

private:
    int m_cases = 0;
    int m_refusedAsExpected = 0;
    int m_converted = 0;
    int m_convertedLossy = 0;
    std::vector<Discrepancy> m_discrepancies;
};

QString toString(Verdict v);

} // namespace bellows::safety
