// The conversion torture suite (tests/safety/README.md): for every ordered pair of the matrix
// types and every data shape, PostgreSQL itself is the oracle — ALTER TABLE … ALTER COLUMN …
// TYPE in a separate database either fails or yields the values Bellows must produce. Bellows
// must refuse exactly when the oracle fails or changes a value the user did not accept
// (--accept-lossy), and when a conversion depends on TimeZone and no --time-zone is given;
// otherwise apply converges and every row equals the oracle's.
//
//   matrix            the default matrix (label safety)
//   matrixFull        more types, values and random rounds (label safety-full; set
//                     BELLOWS_SAFETY_FULL=1 when running the binary by hand)
//   usingAndNewTypes  --using expressions and types only the target creates
//
// BELLOWS_SAFETY_SEED replays another seed; BELLOWS_SAFETY_SHAPES=typical,dst runs some shapes.

#include "conversion_batch.h"
#include "data_shapes.h"
#include "matrix_batches.h"
#include "test_database.h"

#include <QElapsedTimer>
#include <QTest>

using namespace bellows::safety;

namespace {

constexpr quint64 kDefaultSeed = 20261206;

quint64 seed()
{
    bool ok = false;
    const quint64 fromEnv = qEnvironmentVariable("BELLOWS_SAFETY_SEED").toULongLong(&ok);
    return ok ? fromEnv : kDefaultSeed;
}

std::vector<ShapeSpec> selectedShapes(bool full)
{
    const QStringList only =
        qEnvironmentVariable("BELLOWS_SAFETY_SHAPES").split(QLatin1Char(','), Qt::SkipEmptyParts);
    std::vector<ShapeSpec> out;
    for (const ShapeSpec& s : matrixShapes(full))
        if (only.isEmpty() || only.contains(s.name))
            out.push_back(s);
    return out;
}

} // namespace

class TestConversionMatrix : public QObject {
    Q_OBJECT
private:
    void runMatrix(bool full)
    {
        QElapsedTimer wall;
        wall.start();
        const quint64 theSeed = seed();
        const std::vector<SqlType> types = matrixTypes(full);
        const std::vector<ShapeSpec> shapes = selectedShapes(full);
        qInfo("seed %llu (replay with BELLOWS_SAFETY_SEED=%llu); %d types, %d data shapes", theSeed,
              theSeed, int(types.size()), int(shapes.size()));
        SafetyReport report;
        // All shapes in one batch: one plan per pass, and one merged apply, cover them all.
        QElapsedTimer timer;
        timer.start();
        const BatchSpec spec = matrixBatch(QStringLiteral("matrix"), types, shapes, theSeed, full);
        ConversionBatch batch(spec, report);
        batch.run();
        qInfo("%d tables, %d cases, %.1f s (%s)", int(spec.tables.size()), report.cases(),
              double(timer.elapsed()) / 1000, qPrintable(batch.timings()));
        const int n = int(types.size());
        qInfo("%s", qPrintable(report.resultLine(n * (n - 1), int(shapes.size()))));
        qInfo("conversion matrix: %lld s", wall.elapsed() / 1000);
        verifyClean(report);
    }

    // Qt Test cuts long failure messages: the discrepancies go to the log line by line.
    static void verifyClean(const SafetyReport& report)
    {
        if (!report.clean())
            for (const QString& line : report.details())
                qWarning("%s", qPrintable(line));
        QVERIFY2(report.clean(), "Bellows and the oracle disagree (the lines above)");
    }

private Q_SLOTS:
    void initTestCase() { setServerMajor(bellows::test::cluster().major); }

    void matrix() { runMatrix(false); }

    void matrixFull()
    {
        if (!qEnvironmentVariableIsSet("BELLOWS_SAFETY_FULL"))
            QSKIP("the full matrix runs with label safety-full (BELLOWS_SAFETY_FULL=1)");
        runMatrix(true);
    }

    void usingAndNewTypes()
    {
        SafetyReport report;
        const BatchSpec spec = usingBatch();
        ConversionBatch(spec, report).run();
        qInfo("%s", qPrintable(report.resultLine(int(spec.cases.size()), 1)));
        verifyClean(report);
    }
};

QTEST_GUILESS_MAIN(TestConversionMatrix)
#include "test_conversion_matrix.moc"
