// Connection profiles (saved without passwords), the password helpers, the connection probe
// and the connect dialog's Test connection against the real test cluster.

#include "connection_dialog.h"
#include "connection_profile_store.h"
#include "gui_test_support.h"
#include "pq/conninfo_secret.h"
#include "sql/quote.h"
#include "test_database.h"
#include "workers/connection_probe.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace bellows;
using bellows::ui::ConnectionDialog;
using bellows::ui::ConnectionProfile;
using bellows::ui::ConnectionProfileStore;
using bellows::ui::EnvironmentTag;

namespace {

QString readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

// A listening socket on 127.0.0.1 that never accepts: the kernel completes the TCP
// handshake, so libpq connects and then waits for a server that never answers.
class SilentServer {
public:
    SilentServer()
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = 0;
        socklen_t length = sizeof address;
        if (m_fd < 0 || ::bind(m_fd, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
            ::getsockname(m_fd, reinterpret_cast<sockaddr*>(&address), &length) != 0)
            return;
        m_port = ntohs(address.sin_port);
    }
    ~SilentServer() { close(); }
    bool listen() { return m_fd >= 0 && ::listen(m_fd, 4) == 0; }
    void close()
    {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = -1;
    }
    int port() const { return m_port; }

private:
    int m_fd = -1;
    int m_port = 0;
};

// A local port nothing listens on: bound (so no one else takes it) but not listening.
int closedPort()
{
    static SilentServer bound; // kept bound, never listening: connections are refused
    return bound.port();
}

} // namespace

class TestConnectionDialog : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_role;
    QString m_rolePassword;

    QString iniPath(const QString& name) const { return m_dir.filePath(name); }

    void screenshot(QWidget& widget, const QString& name)
    {
        QVERIFY(test::saveScreenshot(widget, name));
    }

    // key=value for the role with a password, over TCP (password authentication).
    QString tcpConninfo(const test::TestDatabase& db) const
    {
        return QStringLiteral("host=127.0.0.1 port=%1 user=%2 dbname=%3")
            .arg(test::cluster().port)
            .arg(m_role, db.name());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // Nothing of the user's may leak into these tests.
        qunsetenv("PGPASSWORD");
        qputenv("PGPASSFILE", QFile::encodeName(m_dir.filePath(QStringLiteral("no-pgpass"))));
        m_role = QStringLiteral("probe_%1_%2")
                     .arg(QCoreApplication::applicationPid())
                     .arg(QRandomGenerator::global()->bounded(100000));
        m_rolePassword = QStringLiteral("pw-%1").arg(QRandomGenerator::global()->bounded(1000000));
        auto admin = pq::Connection::open(test::cluster().conninfo);
        QVERIFY(admin);
        auto created =
            (*admin)->exec(QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD %2")
                               .arg(sql::quoteIdent(m_role), sql::quoteLiteral(m_rolePassword)));
        QVERIFY2(created, qPrintable(created ? QString() : created.error().toString()));
    }

    void cleanupTestCase()
    {
        auto admin = pq::Connection::open(test::cluster().conninfo);
        if (admin)
            (void)(*admin)->exec(
                QStringLiteral("DROP ROLE IF EXISTS %1").arg(sql::quoteIdent(m_role)));
    }

    void splitPassword_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("saved");
        QTest::addColumn<QString>("password");
        QTest::newRow("no password") << QStringLiteral("host=db dbname=app")
                                     << QStringLiteral("host=db dbname=app") << QString();
        QTest::newRow("key=value")
            << QStringLiteral("host=db password='p w' dbname=app")
            << QStringLiteral("dbname='app' host='db'") << QStringLiteral("p w");
        QTest::newRow("uri userinfo")
            << QStringLiteral(
                   "postgresql://deploy:s3cr%40t@db.example.com:5433/app?sslmode=require")
            << QStringLiteral("postgresql://deploy@db.example.com:5433/app?sslmode=require")
            << QStringLiteral("s3cr@t");
        QTest::newRow("uri query")
            << QStringLiteral("postgres://deploy@db/app?password=hunter2&application_name=x")
            << QStringLiteral("postgres://deploy@db/app?application_name=x")
            << QStringLiteral("hunter2");
        QTest::newRow("uri both, several hosts")
            << QStringLiteral("postgresql://u:one@h1:5432,h2:5433/app?sslpassword=two")
            << QStringLiteral("postgresql://u@h1:5432,h2:5433/app") << QStringLiteral("one");
        QTest::newRow("nested dbname")
            << QStringLiteral("dbname='postgresql://u:nested@h/app'")
            << QStringLiteral("dbname='postgresql://u@h/app'") << QStringLiteral("nested");
        QTest::newRow("invalid stays")
            << QStringLiteral("nonsense") << QStringLiteral("nonsense") << QString();
    }

    void splitPassword()
    {
        QFETCH(QString, input);
        QFETCH(QString, saved);
        QFETCH(QString, password);
        const pq::ConninfoSecret split = pq::splitPassword(input);
        QCOMPARE(split.conninfo, saved);
        QCOMPARE(split.password, password);
        QCOMPARE(split.stripped, !password.isEmpty());
    }

    void withPasswordReplacesTheSecret()
    {
        const auto merged = pq::mergePassword(QStringLiteral("postgresql://u:old@h:5432/app"),
                                              QStringLiteral("new 'one'"));
        QVERIFY(merged);
        QVERIFY(!merged->contains(QStringLiteral("old")));
        QVERIFY(merged->contains(QStringLiteral("password='new \\'one\\''")));
        QCOMPARE(pq::mergePassword(QStringLiteral("host=h"), QString()).value(),
                 QStringLiteral("host=h"));
    }

    void profilesRoundTripWithoutPasswords()
    {
        const QString path = iniPath(QStringLiteral("roundtrip.ini"));
        {
            QSettings settings(path, QSettings::IniFormat);
            ConnectionProfileStore store(&settings);
            QSignalSpy changed(&store, &ConnectionProfileStore::profilesChanged);
            store.add({QStringLiteral("laptop"), QStringLiteral("dbname=app"),
                       EnvironmentTag::Development});
            const ConnectionProfile prod = store.add(
                {QStringLiteral("prod"),
                 QStringLiteral("postgresql://deploy:Tr0ub4dor@db.example.com/app?sslmode=require"),
                 EnvironmentTag::Production});
            QCOMPARE(prod.conninfo,
                     QStringLiteral("postgresql://deploy@db.example.com/app?sslmode=require"));
            QCOMPARE(store.sessionPassword(QStringLiteral("prod")), QStringLiteral("Tr0ub4dor"));
            const ConnectionProfile dup =
                store.add({QStringLiteral("prod"), QStringLiteral("host=replica password=Zebra99"),
                           EnvironmentTag::Staging});
            QCOMPARE(dup.name, QStringLiteral("prod (2)"));
            store.update(0, {QStringLiteral("laptop"), QStringLiteral("dbname=app2"),
                             EnvironmentTag::Development});
            QCOMPARE(changed.count(), 4);
            QCOMPARE(store.count(), 3);
        }
        const QString ini = readFile(path);
        QVERIFY(ini.contains(QStringLiteral("db.example.com")));
        QVERIFY2(!ini.contains(QStringLiteral("Tr0ub4dor")), qPrintable(ini));
        QVERIFY2(!ini.contains(QStringLiteral("Zebra99")), qPrintable(ini));
        QVERIFY(!ini.contains(QStringLiteral("password"), Qt::CaseInsensitive));

        QSettings settings(path, QSettings::IniFormat);
        ConnectionProfileStore reloaded(&settings);
        QCOMPARE(reloaded.count(), 3);
        QVERIFY(reloaded.at(0) ==
                (ConnectionProfile{QStringLiteral("laptop"), QStringLiteral("dbname=app2"),
                                   EnvironmentTag::Development}));
        QVERIFY(reloaded.at(1).environment == EnvironmentTag::Production);
        QCOMPARE(reloaded.at(2).name, QStringLiteral("prod (2)"));
        QCOMPARE(reloaded.sessionPassword(QStringLiteral("prod")), QString()); // memory only
        reloaded.remove(0);
        QCOMPARE(reloaded.count(), 2);
        QSettings again(path, QSettings::IniFormat);
        QCOMPARE(ConnectionProfileStore(&again).count(), 2);
    }

    void dialogStripsATypedPassword()
    {
        QSettings settings(iniPath(QStringLiteral("typed.ini")), QSettings::IniFormat);
        ConnectionProfileStore store(&settings);
        ConnectionDialog dialog(&store);
        dialog.newProfile();
        QCOMPARE(store.count(), 1);
        dialog.nameEdit()->setText(QStringLiteral("staging"));
        dialog.conninfoEdit()->setText(QStringLiteral("postgresql://app:Secret42@stage/app"));
        QVERIFY(QMetaObject::invokeMethod(dialog.conninfoEdit(), "editingFinished"));
        QCOMPARE(dialog.conninfoEdit()->text(), QStringLiteral("postgresql://app@stage/app"));
        QCOMPARE(dialog.passwordEdit()->text(), QStringLiteral("Secret42"));
        QVERIFY(dialog.noteLabel()->isVisibleTo(&dialog));
        QCOMPARE(store.at(0).name, QStringLiteral("staging"));
        settings.sync();
        QVERIFY(!readFile(settings.fileName()).contains(QStringLiteral("Secret42")));
    }

    void testConnectionShowsTheServer()
    {
        test::TestDatabase db(QStringLiteral("conn_dialog"));
        const QString version =
            db.connect()->exec(QStringLiteral("SHOW server_version"))->text(0, 0);
        QSettings settings(iniPath(QStringLiteral("test.ini")), QSettings::IniFormat);
        ConnectionProfileStore store(&settings);
        store.add({QStringLiteral("local dev"), QStringLiteral("host=localhost dbname=app"),
                   EnvironmentTag::Development});
        store.add(
            {QStringLiteral("orders (production)"), tcpConninfo(db), EnvironmentTag::Production});
        store.add({QStringLiteral("orders (staging)"), QStringLiteral("service=orders-staging"),
                   EnvironmentTag::Staging});
        ConnectionDialog dialog(&store);
        dialog.show();
        dialog.selectProfile(QStringLiteral("orders (production)"));
        QCOMPARE(dialog.profileList()->currentRow(), 1);
        QCOMPARE(dialog.header()->palette().color(QPalette::Window),
                 ui::environmentColor(EnvironmentTag::Production));

        // Without a password the server refuses (no .pgpass, no PGPASSWORD here).
        dialog.testButton()->click();
        QVERIFY(dialog.busyIndicator()->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.busyIndicator()->isVisible(), 20000);
        QVERIFY2(dialog.resultLabel()->text().contains(QStringLiteral("password")),
                 qPrintable(dialog.resultLabel()->text()));

        // The password typed in the dialog is used for this session and never saved.
        QTest::keyClicks(dialog.passwordEdit(), m_rolePassword);
        dialog.testButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.busyIndicator()->isVisible(), 20000);
        const QString text = dialog.resultLabel()->text();
        QVERIFY2(text.contains(QStringLiteral("PostgreSQL ") + version.toHtmlEscaped()),
                 qPrintable(text));
        QVERIFY(text.contains(m_role));
        QVERIFY(text.contains(db.name()));
        QVERIFY(!text.contains(m_rolePassword));
        QCOMPARE(store.sessionPassword(QStringLiteral("orders (production)")), m_rolePassword);
        settings.sync();
        QVERIFY(!readFile(settings.fileName()).contains(m_rolePassword));
        screenshot(dialog, QStringLiteral("connection-dialog.png"));

        // Connect accepts with the profile and the in-memory password.
        QPushButton* connectButton = nullptr;
        for (QPushButton* b : dialog.findChildren<QPushButton*>()) {
            if (b->text() == QStringLiteral("&Connect"))
                connectButton = b;
        }
        QVERIFY(connectButton);
        connectButton->click();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.selectedProfile().conninfo, tcpConninfo(db));
        QCOMPARE(dialog.password(), m_rolePassword);
    }

    void testConnectionShowsTheError()
    {
        QSettings settings(iniPath(QStringLiteral("closed.ini")), QSettings::IniFormat);
        ConnectionProfileStore store(&settings);
        store.add({QStringLiteral("nowhere"),
                   QStringLiteral("host=127.0.0.1 port=%1 dbname=x").arg(closedPort()),
                   EnvironmentTag::Staging});
        ConnectionDialog dialog(&store);
        dialog.show();
        dialog.testConnection();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.busyIndicator()->isVisible(), 20000);
        const QString text = dialog.resultLabel()->text();
        QVERIFY2(text.contains(QStringLiteral("Cannot connect")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("refused"), Qt::CaseInsensitive), qPrintable(text));
        QVERIFY(dialog.testButton()->isEnabled());
    }

    void cancelStopsTheTest()
    {
        // A server that accepts the TCP connection and never answers: libpq waits for it.
        SilentServer silent;
        QVERIFY(silent.listen());
        QSettings settings(iniPath(QStringLiteral("cancel.ini")), QSettings::IniFormat);
        ConnectionProfileStore store(&settings);
        store.add({QStringLiteral("silent"),
                   QStringLiteral("host=127.0.0.1 port=%1 dbname=x").arg(silent.port()),
                   EnvironmentTag::Development});
        ConnectionDialog dialog(&store);
        dialog.show();
        dialog.testConnection();
        QVERIFY(dialog.isTesting());
        QVERIFY(dialog.cancelTestButton()->isVisible());
        dialog.cancelTestButton()->click();
        QVERIFY(!dialog.isTesting());
        QVERIFY(!dialog.busyIndicator()->isVisible());
        QCOMPARE(dialog.resultLabel()->text(), QStringLiteral("Test cancelled."));

        // The abandoned attempt fails once the server goes away; its result is dropped.
        QSignalSpy failed(dialog.probe(), &workers::ConnectionProbe::failed);
        QSignalSpy finished(dialog.probe(), &workers::ConnectionProbe::finished);
        silent.close(); // resets the pending connection: libpq fails at once
        QTRY_VERIFY_WITH_TIMEOUT(dialog.probe()->isIdle(), 20000);
        QCoreApplication::processEvents();
        QCOMPARE(failed.count(), 0);
        QCOMPARE(finished.count(), 0);
        QCOMPARE(dialog.resultLabel()->text(), QStringLiteral("Test cancelled."));
    }

    void probeReportsFacts()
    {
        test::TestDatabase db(QStringLiteral("conn_probe"));
        workers::ConnectionProbe probe;
        QSignalSpy finished(&probe, &workers::ConnectionProbe::finished);
        QSignalSpy failed(&probe, &workers::ConnectionProbe::failed);
        const quint64 stale =
            probe.start(QStringLiteral("host=127.0.0.1 port=%1 dbname=x").arg(closedPort()));
        const quint64 generation = probe.start(db.conninfo());
        QVERIFY(generation > stale);
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 20000);
        QTRY_VERIFY(probe.isIdle());
        QCoreApplication::processEvents();
        QCOMPARE(failed.count(), 0); // the first request's refusal is stale
        QCOMPARE(finished.at(0).at(0).value<quint64>(), generation);
        const auto facts = finished.at(0).at(1).value<workers::ConnectionFacts>();
        QCOMPARE(facts.database, db.name());
        QVERIFY(facts.superuser); // the fixture's user owns the cluster
        QVERIFY(facts.canCreate);
        QVERIFY(!facts.inRecovery);
        QVERIFY(facts.serverVersionNum >= 100000);
        QCOMPARE(facts.serverVersionNum / 10000, test::cluster().major);
        QVERIFY(facts.server.endsWith(QLatin1Char('/') + db.name()));
    }
};

QTEST_MAIN(TestConnectionDialog)
#include "test_connection_dialog.moc"
