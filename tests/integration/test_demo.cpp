// The built-in demo (bellows-cli demo; bellows --demo uses the same core): its database and
// target give a real plan that converges when applied, and it starts over cleanly. Runs under
// a temporary BELLOWS_SHADOW_DIR so it never touches the user's cache.

#include "test_database.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace bellows;
using namespace bellows::test;

class TestDemo : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir{QStringLiteral("/tmp/bellows-demo-test-XXXXXX")};

    ProcessResult cli(const QStringList& args)
    {
        return runProcess(tool(QStringLiteral("bellows-cli")), args, 300000,
                          {QStringLiteral("BELLOWS_SHADOW_DIR=") + m_dir.path(),
                           QStringLiteral("BELLOWS_PG_BIN=") + cluster().binDir});
    }

    static QString field(const QString& out, const QString& label)
    {
        const auto m =
            QRegularExpression(QRegularExpression::escape(label) + QStringLiteral(":\\s*(.+)"))
                .match(out);
        return m.hasMatch() ? m.captured(1).trimmed() : QString();
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void cleanupTestCase()
    {
        const auto r = cli({QStringLiteral("demo"), QStringLiteral("--stop")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }

    void demoPlanConvergesAndStartsOver()
    {
        const auto started = cli({QStringLiteral("demo")});
        QVERIFY2(started.exitCode == 0, qPrintable(started.err + started.out));
        const QString db = field(started.out, QStringLiteral("demo database"));
        const QString target = field(started.out, QStringLiteral("target file"));
        QVERIFY2(!db.isEmpty() && QFile::exists(target), qPrintable(started.out));

        // A real diff: the rename shows as a proposal, the other changes as differences.
        const auto diffed = cli({QStringLiteral("diff"), QStringLiteral("--db"), db,
                                 QStringLiteral("--target"), target, QStringLiteral("--json")});
        QVERIFY2(diffed.exitCode == 0, qPrintable(diffed.err));
        const QByteArray json = diffed.out.toUtf8();
        QVERIFY2(json.contains("display_name") && json.contains("orders_placed_at_idx"),
                 json.constData());

        QTemporaryDir work;
        const QString plan = work.filePath(QStringLiteral("demo-plan.json"));
        const auto planned = cli({QStringLiteral("plan"), QStringLiteral("--db"), db,
                                  QStringLiteral("--target"), target, QStringLiteral("--rename"),
                                  QStringLiteral("public.users.full_name=display_name"),
                                  QStringLiteral("-o"), plan});
        QVERIFY2(planned.exitCode == 0, qPrintable(planned.err + planned.out));
        QVERIFY2(planned.out.contains(QStringLiteral("2 gate(s)")), qPrintable(planned.out));

        const auto applied =
            cli({QStringLiteral("apply"), plan, QStringLiteral("--db"), db, QStringLiteral("--yes"),
                 QStringLiteral("--gates"), QStringLiteral("auto")});
        QVERIFY2(applied.exitCode == 0, qPrintable(applied.err + applied.out));
        const auto converged =
            cli({QStringLiteral("diff"), QStringLiteral("--db"), db, QStringLiteral("--target"),
                 target, QStringLiteral("--exit-code")});
        QVERIFY2(converged.exitCode == 0, qPrintable(converged.err + converged.out));

        // Every name survived the rename; status agrees that the plan is complete.
        auto conn = pq::Connection::open(db);
        QVERIFY(conn);
        auto names = (*conn)->exec(QStringLiteral(
            "SELECT count(*) FILTER (WHERE display_name = 'User ' || id), count(*) FROM users"));
        QVERIFY(names);
        QCOMPARE(names->int64(0, 0), 98000);
        QCOMPARE(names->int64(0, 1), 100000);
        const auto status = cli({QStringLiteral("status"), QStringLiteral("--db"), db,
                                 QStringLiteral("--plan"), plan, QStringLiteral("--json")});
        QVERIFY2(status.exitCode == 0, qPrintable(status.err));
        const QJsonObject first = QJsonDocument::fromJson(status.out.toUtf8())
                                      .object()[QStringLiteral("plans")]
                                      .toArray()
                                      .first()
                                      .toObject();
        QCOMPARE(first[QStringLiteral("stepsDone")].toInt(),
                 first[QStringLiteral("stepsTotal")].toInt());
        QVERIFY(first[QStringLiteral("nextStep")].isNull());

        // The demo noticed the plan ran and starts over with the initial shape.
        conn->reset();
        const auto again = cli({QStringLiteral("demo")});
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QVERIFY2(again.err.contains(QStringLiteral("starting over")), qPrintable(again.err));
        auto fresh = pq::Connection::open(db);
        QVERIFY(fresh);
        auto shape = (*fresh)->exec(QStringLiteral(
            "SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' AND "
            "column_name = 'full_name'"));
        QVERIFY(shape);
        QCOMPARE(shape->int64(0, 0), 1);
    }
};

QTEST_GUILESS_MAIN(TestDemo)
#include "test_demo.moc"
