// No spurious differences: every SQL file of the corpus, loaded into a database with psql,
// compared by `bellows-cli diff --exit-code` with the same file as target, gives exit 0.
// CTest runs one test per file (`test_corpus_noop noSpuriousDifferences:<relative path>`).

#include "test_database.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTest>

using namespace bellows::test;

namespace {

QStringList corpusSqlFiles()
{
    QStringList files;
    QDirIterator it(corpusDir(), {QStringLiteral("*.sql"), QStringLiteral("*.sql.postgres")},
                    QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = QDir(corpusDir()).relativeFilePath(it.next());
        if (!path.contains(QStringLiteral("/migrations/")))
            files << path;
    }
    files.sort();
    return files;
}

} // namespace

class TestCorpusNoop : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void noSpuriousDifferences_data()
    {
        QTest::addColumn<QString>("file");
        for (const QString& file : corpusSqlFiles())
            QTest::newRow(qPrintable(file)) << file;
    }

    void noSpuriousDifferences()
    {
        QFETCH(QString, file);
        const QString path = corpusDir() + QLatin1Char('/') + file;
        TestDatabase live(QStringLiteral("noop"));
        const QString loadError = live.loadCorpusFile(path);
        QVERIFY2(loadError.isEmpty(), qPrintable(loadError));

        const auto r = runCli({QStringLiteral("diff"), QStringLiteral("--db"), live.conninfo(),
                               QStringLiteral("--target"), path, QStringLiteral("--exit-code")});
        QVERIFY2(
            r.exitCode == 0,
            qPrintable(
                QStringLiteral("exit %1\n%2\n%3").arg(r.exitCode).arg(r.err, r.out.left(6000))));
    }
};

QTEST_GUILESS_MAIN(TestCorpusNoop)
#include "test_corpus_noop.moc"
