#pragma once

// Test-side access to the private PostgreSQL cluster the CTest fixture started.

#include "common/result.h"
#include "pq/connection.h"

#include <QString>
#include <QStringList>

#include <memory>

namespace bellows::test {

struct ClusterInfo {
    QString conninfo; // superuser over the Unix socket, database "postgres"
    QString binDir;
    QString directory;
    int major = 0;
    int port = 0;
};

// Reads the state file named by $BELLOWS_TEST_CLUSTER_STATE; QFAIL-worthy when absent.
const ClusterInfo& cluster();

// A fresh database for one test case, dropped when the object goes away.
class TestDatabase {
public:
    explicit TestDatabase(const QString& hint = QStringLiteral("t"));
    ~TestDatabase();
    TestDatabase(const TestDatabase&) = delete;
    TestDatabase& operator=(const TestDatabase&) = delete;

    const QString& name() const { return m_name; }
    QString conninfo() const;
    std::unique_ptr<pq::Connection> connect() const; // aborts the test run on failure

    // Runs SQL (several statements allowed); returns the error text, empty on success.
    QString exec(const QString& sql) const;
    // Loads a file with the cluster's psql (-v ON_ERROR_STOP=1); returns psql's output on failure.
    QString loadWithPsql(const QString& file, const QStringList& extraArgs = {}) const;
    // loadWithPsql for a corpus file: settings this server lacks (SET transaction_timeout in
    // pg_dump 18 output on older servers) are dropped first, the fix the corpus README gives.
    QString loadCorpusFile(const QString& file) const;

private:
    QString m_name;
};

// Path of a program in the cluster's bin directory (psql, pg_dump, ...), or of Bellows' own
// CLI ("bellows-cli", from $BELLOWS_CLI).
QString tool(const QString& name);

// The shared corpus directory ($BELLOWS_CORPUS_DIR, default ../shared/corpus of the source tree).
QString corpusDir();

struct ProcessResult {
    int exitCode = -1;
    qint64 pid = 0;
    QString out;
    QString err;
};
ProcessResult runProcess(const QString& program, const QStringList& args, int timeoutMs = 300000,
                         const QStringList& extraEnvironment = {});

// bellows-cli with the test cluster as shadow server (unless args already name one).
ProcessResult runCli(QStringList args, int timeoutMs = 300000);

// Runs the plan's steps one at a time, in plan order (bellows-cli apply --step; --out-of-order
// only passes the gates), and after each asks the live database `probe`, which must return a
// single true: PostgreSQL as the oracle of every state in between. Empty on success, else what
// failed and after which step.
QString applyStepByStep(const TestDatabase& live, const QString& planFile, const QString& probe);

} // namespace bellows::test
