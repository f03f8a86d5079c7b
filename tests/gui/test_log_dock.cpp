// The log dock: statements of real connections arrive (batched) in the model, the filter and
// Copy work, the cap drops the oldest rows, and no password ever reaches a log line.

#include "gui_test_support.h"
#include "log_dock.h"
#include "sql/quote.h"
#include "statement_log_model.h"
#include "statement_log_sink.h"
#include "test_database.h"
#include "workers/connection_probe.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QMainWindow>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

#include <thread>

using namespace bellows;
using bellows::ui::LogDock;
using bellows::ui::StatementLogModel;
using bellows::ui::StatementLogSink;

namespace {

pq::StatementLogEntry entry(pq::Origin origin, const QString& sql, const QString& error = {})
{
    return pq::StatementLogEntry{QDateTime::currentDateTime(),
                                 origin,
                                 QStringLiteral("localhost:5432/app"),
                                 sql,
                                 1200,
                                 error};
}

// Every text the model shows for a row: display, tool tips, copied text.
QString everything(const StatementLogModel& model, int row)
{
    QString text = model.rowText(row);
    for (int column = 0; column < model.columnCount(); ++column) {
        const QModelIndex index = model.index(row, column);
        text += index.data().toString() + index.data(Qt::ToolTipRole).toString();
    }
    return text;
}

} // namespace

class TestLogDock : public QObject {
    Q_OBJECT
private:
    void screenshot(QWidget& widget, const QString& name)
    {
        QVERIFY(test::saveScreenshot(widget, name));
    }

private Q_SLOTS:
    void statementsOfARealConnectionArrive()
    {
        test::TestDatabase db(QStringLiteral("log_dock"));
        // A role with a password, over TCP: the password is in the conninfo used to connect
        // and must appear in no log line.
        const QString role = QStringLiteral("log_%1_%2")
                                 .arg(QCoreApplication::applicationPid())
                                 .arg(QRandomGenerator::global()->bounded(100000));
        const QString password =
            QStringLiteral("pw-%1").arg(QRandomGenerator::global()->bounded(1000000));
        QCOMPARE(db.exec(QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD %2")
                             .arg(sql::quoteIdent(role), sql::quoteLiteral(password))),
                 QString());
        const QString conninfo = QStringLiteral("postgresql://%1:%2@127.0.0.1:%3/%4")
                                     .arg(role, password)
                                     .arg(test::cluster().port)
                                     .arg(db.name());

        StatementLogModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        {
            StatementLogSink sink(&model);
            QVERIFY(sink.isInstalled());
            QString workerError;
            std::thread worker([&] {
                pq::ConnectOptions options;
                options.origin = pq::Origin::Introspection;
                auto conn = pq::Connection::open(conninfo, options); // runs one SET
                if (!conn) {
                    workerError = conn.error().toString();
                    return;
                }
                for (int i = 0; i < 5; ++i)
                    (void)(*conn)->exec(QStringLiteral("SELECT %1 AS n").arg(i));
                (void)(*conn)->exec(QStringLiteral("SELECT * FROM no_such_table"));
            });
            worker.join();
            QCOMPARE(workerError, QString());
            QTRY_COMPARE(model.rowCount(), 7);
        }
        // The worker ran everything before the GUI thread got back to its event loop: one batch.
        QCOMPARE(inserted.count(), 1);

        QCOMPARE(model.index(0, StatementLogModel::TagColumn).data().toString(),
                 QStringLiteral("introspection"));
        QCOMPARE(model.index(1, StatementLogModel::StatementColumn).data().toString(),
                 QStringLiteral("SELECT 0 AS n"));
        const QString server = model.index(1, StatementLogModel::ServerColumn).data().toString();
        QCOMPARE(server,
                 QStringLiteral("127.0.0.1:%1/%2").arg(test::cluster().port).arg(db.name()));
        QVERIFY(model.index(6, StatementLogModel::ErrorColumn)
                    .data()
                    .toString()
                    .contains(QStringLiteral("no_such_table")));
        QVERIFY(model.index(6, 0).data(StatementLogModel::HasErrorRole).toBool());
        QVERIFY(!model.index(5, 0).data(StatementLogModel::HasErrorRole).toBool());
        for (int row = 0; row < model.rowCount(); ++row)
            QVERIFY2(!everything(model, row).contains(password),
                     qPrintable(everything(model, row)));

        // Uninstalled: statements no longer reach the model.
        (void)db.exec(QStringLiteral("SELECT 1"));
        QCoreApplication::processEvents();
        model.flushPending();
        QCOMPARE(model.rowCount(), 7);
        QCOMPARE(db.exec(QStringLiteral("DROP ROLE %1").arg(sql::quoteIdent(role))), QString());
    }

    void onlyTheNewestSinkUninstalls()
    {
        StatementLogModel first, second;
        auto a = std::make_unique<StatementLogSink>(&first);
        auto b = std::make_unique<StatementLogSink>(&second);
        QVERIFY(!a->isInstalled());
        QVERIFY(b->isInstalled());
        a.reset(); // must not uninstall b
        QVERIFY(b->isInstalled());
        pq::StatementLog::record(entry(pq::Origin::Step, QStringLiteral("SELECT 1")));
        second.flushPending();
        QCOMPARE(second.rowCount(), 1);
        QCOMPARE(first.rowCount(), 0);
        b.reset();
        pq::StatementLog::record(entry(pq::Origin::Step, QStringLiteral("SELECT 2")));
        second.flushPending();
        QCOMPARE(second.rowCount(), 1);
    }

    void capDropsTheOldest()
    {
        StatementLogModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setMaximumRows(100);
        for (int batch = 0; batch < 5; ++batch) {
            for (int i = 0; i < 50; ++i)
                model.enqueue(
                    entry(pq::Origin::Backfill,
                          QStringLiteral("UPDATE t SET x = 1 -- %1").arg(batch * 50 + i)));
            model.flushPending();
        }
        QCOMPARE(model.rowCount(), 100);
        QCOMPARE(model.entry(0).sql, QStringLiteral("UPDATE t SET x = 1 -- 150"));
        QCOMPARE(model.entry(99).sql, QStringLiteral("UPDATE t SET x = 1 -- 249"));
        // A batch larger than the cap keeps its newest entries only.
        for (int i = 0; i < 130; ++i)
            model.enqueue(entry(pq::Origin::Step, QStringLiteral("SELECT %1").arg(i)));
        model.flushPending();
        QCOMPARE(model.rowCount(), 100);
        QCOMPARE(model.entry(0).sql, QStringLiteral("SELECT 30"));
        model.setMaximumRows(10);
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(model.entry(0).sql, QStringLiteral("SELECT 120"));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(StatementLogModel::DefaultMaximumRows, 20000);
    }

    void filterAndCopy()
    {
        LogDock dock(nullptr, LogDock::Sink::DoNotInstall);
        QAbstractItemModelTester tester(dock.model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester viewTester(dock.viewModel(),
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
        dock.model()->enqueue(
            entry(pq::Origin::Introspection, QStringLiteral("SELECT relname\nFROM pg_class")));
        dock.model()->enqueue(
            entry(pq::Origin::Step, QStringLiteral("ALTER TABLE orders ADD COLUMN note text")));
        dock.model()->enqueue(
            entry(pq::Origin::Backfill, QStringLiteral("UPDATE orders SET note = ''")));
        dock.model()->enqueue(entry(pq::Origin::Step,
                                    QStringLiteral("CREATE INDEX CONCURRENTLY i ON customers (id)"),
                                    QStringLiteral("canceling statement due to lock timeout")));
        QTRY_COMPARE(dock.viewModel()->rowCount(), 4); // the flush timer inserts them
        QCOMPARE(dock.model()->index(0, StatementLogModel::StatementColumn).data().toString(),
                 QStringLiteral("SELECT relname FROM pg_class"));
        QCOMPARE(dock.model()
                     ->index(0, StatementLogModel::StatementColumn)
                     .data(Qt::ToolTipRole)
                     .toString(),
                 QStringLiteral("SELECT relname\nFROM pg_class"));

        dock.setTagFilter(QStringLiteral("step"));
        QCOMPARE(dock.tagCombo()->currentText(), QStringLiteral("step"));
        QCOMPARE(dock.viewModel()->rowCount(), 2);
        dock.filterEdit()->setText(QStringLiteral("ORDERS"));
        QCOMPARE(dock.viewModel()->rowCount(), 1);
        dock.setTagFilter(QString());
        QCOMPARE(dock.viewModel()->rowCount(), 2);
        dock.setTextFilter(QStringLiteral("lock timeout")); // the Error column counts too
        QCOMPARE(dock.viewModel()->rowCount(), 1);
        dock.setTextFilter(QString());
        QCOMPARE(dock.viewModel()->rowCount(), 4);

        // Copy: the selected rows, whole statements, by Ctrl+C on the table.
        dock.show();
        QVERIFY(QTest::qWaitForWindowActive(&dock));
        dock.view()->setFocus();
        dock.view()->selectionModel()->select(
            dock.viewModel()->index(1, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
        dock.view()->selectionModel()->select(
            dock.viewModel()->index(3, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QApplication::clipboard()->clear();
        QTest::keySequence(dock.view(), QKeySequence::Copy);
        const QString copied = QApplication::clipboard()->text();
        const QStringList lines = copied.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines[0].contains(QStringLiteral("\tstep\tlocalhost:5432/app\t")));
        QVERIFY(lines[0].endsWith(QStringLiteral("ALTER TABLE orders ADD COLUMN note text")));
        QVERIFY(lines[1].endsWith(QStringLiteral("\tcanceling statement due to lock timeout")));
        QVERIFY(!copied.contains(QStringLiteral("pg_class")));

        dock.clear();
        QCOMPARE(dock.viewModel()->rowCount(), 0);
    }

    void dockShowsLiveStatements()
    {
        test::TestDatabase db(QStringLiteral("log_shot"));
        QMainWindow window;
        auto* dock = new LogDock(&window);
        window.addDockWidget(Qt::BottomDockWidgetArea, dock);
        window.setCentralWidget(new QWidget(&window));
        window.resize(1150, 560);
        window.resizeDocks({dock}, {360}, Qt::Vertical);
        window.show();

        std::thread worker([conninfo = db.conninfo()] {
            auto run = [&](pq::Origin origin, const QStringList& statements) {
                pq::ConnectOptions options;
                options.origin = origin;
                auto conn = pq::Connection::open(conninfo, options);
                if (!conn)
                    return;
                for (const QString& sql : statements)
                    (void)(*conn)->exec(sql);
            };
            run(pq::Origin::Introspection,
                {QStringLiteral("SELECT c.oid, n.nspname, c.relname FROM pg_class c JOIN "
                                "pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r'")});
            run(pq::Origin::Ledger, {QStringLiteral("CREATE SCHEMA IF NOT EXISTS bellows")});
            run(pq::Origin::Step,
                {QStringLiteral("CREATE TABLE orders (id bigint PRIMARY KEY, total numeric)"),
                 QStringLiteral("ALTER TABLE orders ADD COLUMN total_cents bigint")});
            run(pq::Origin::Backfill,
                {QStringLiteral("UPDATE orders SET total_cents = (total * 100)::bigint "
                                "WHERE id BETWEEN 1 AND 5000"),
                 QStringLiteral("UPDATE orders SET total_cents = (total * 100)::bigint "
                                "WHERE id BETWEEN 5001 AND 10000")});
            run(pq::Origin::Step,
                {QStringLiteral("ALTER TABLE orders ADD CONSTRAINT total_cents_not_null "
                                "CHECK (total_cents IS NOT NULL) NOT VALID"),
                 QStringLiteral("ALTER TABLE orderz VALIDATE CONSTRAINT total_cents_not_null")});
        });
        worker.join();
        QTRY_VERIFY(dock->model()->rowCount() >= 11);
        const QAbstractItemModel* shown = dock->viewModel();
        const QModelIndex last =
            shown->index(shown->rowCount() - 1, StatementLogModel::ErrorColumn);
        QVERIFY(last.data().toString().contains(QStringLiteral("orderz")));
        QTRY_VERIFY(dock->view()->visualRect(last).isValid() &&
                    dock->view()->viewport()->rect().contains(
                        dock->view()->visualRect(last).center())); // followed to the bottom
        screenshot(*dock, QStringLiteral("log-dock.png"));
    }
};

QTEST_MAIN(TestLogDock)
#include "test_log_dock.moc"
