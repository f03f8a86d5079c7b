#pragma once

// One batch of the conversion torture suite: tables in a live database whose columns the target
// converts, the same tables in a separate oracle database where PostgreSQL itself converts each
// column (ALTER TABLE … ALTER COLUMN … TYPE, assignment semantics, no USING unless the case has
// one), then Bellows plans (its refusals must be exactly the oracle's), applies what it accepts,
// converges, and every converted column must equal the oracle's row by row.

#include "batch_database.h"
#include "batch_spec.h"
#include "merged_apply.h"
#include "safety_report.h"

#include <QHash>
#include <QSet>
#include <QTemporaryDir>

#include <memory>
#include <optional>
#include <vector>

namespace bellows::test {
class TestDatabase;
}

namespace bellows::safety {

class ConversionBatch {
public:
    ConversionBatch(BatchSpec spec, SafetyReport& report);
    ~ConversionBatch();
    ConversionBatch(const ConversionBatch&) = delete;
    ConversionBatch& operator=(const ConversionBatch&) = delete;

    void run();
    // Where the time went: "oracle 1.2 s, plans 3.4 s, apply 5.6 s, …".
    QString timings() const;

private:
    struct Pass {
        QString name;
        bool zone = true;
        bool lossyAll = false;
        bool zoneRelevantOnly = false; // the target converts only cases with zoneRelevant
    };

    bool buildLive();
    bool buildOracle();
    bool expectedRefusal(const ConversionCase& c, const Pass& pass) const;
    QString oracleSays(const ConversionCase& c) const;
    // Plans the full target; returns the cases Bellows refused (nullopt: the plan failed).
    std::optional<QSet<QString>> refusalPass(const Pass& pass);
    QStringList choiceArgs(const Pass& pass, const QSet<QString>& lossy) const;
    // The apply half (batch_apply.cpp): the accepted cases merged (merged_apply.h), applied in
    // groups of tables, each group in a fresh database, compared with the oracle.
    void applyAccepted(const QSet<QString>& clean, const QSet<QString>& lossy);
    void applyGroup(const std::vector<const ApplyTable*>& group);
    struct ApplyAttempt {
        bool done = false;
        QString keep; // an apply column to leave at its type next time ("table.column")
    };
    ApplyAttempt applyOnce(const std::vector<const ApplyTable*>& group, QSet<QString>& kept);
    void compareGroup(const std::vector<const ApplyTable*>& group, const QSet<QString>& kept);
    void compareColumn(const ApplyTable& table, const ApplyColumn& column, bool converted,
                       const TableData& live);
    const TableData* oracleTable(const QString& name);
    void columnDiscrepancy(Verdict v, const ApplyTable& table, const ApplyColumn& column,
                           const QString& detail);
    void discrepancy(Verdict v, const QString& caseKey, const QString& detail);
    int rowsOf(const QString& table) const;
    const SourceTable* tableOf(const QString& name) const;

    BatchSpec m_spec;
    SafetyReport& m_report;
    QHash<QString, const ConversionCase*> m_cases; // by key table.column
    QHash<QString, OracleOutcome> m_oracle;
    std::unique_ptr<test::TestDatabase> m_live;
    std::unique_ptr<test::TestDatabase> m_oracleDb;
    std::unique_ptr<test::TestDatabase> m_applyDb;
    QHash<QString, TableData> m_oracleTables; // read once, with the pinned settings
    QTemporaryDir m_dir;
    QHash<QString, qint64> m_ms; // by activity
    int m_applied = 0;
};

} // namespace bellows::safety
