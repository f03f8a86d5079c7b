// Connect and open a target in the window: it plans off the GUI thread; saving the watched file
// re-plans (the latest save wins); a parse error shows in the banner at file:line:column and
// the last good plan stays; fixing the file plans again. The log dock lists what ran, tagged.

#include "code_editor.h"
#include "environment_tag.h"
#include "gui_test_support.h"
#include "log_dock.h"
#include "main_window.h"
#include "plan_model.h"
#include "planning_session.h"
#include "qsci.h"
#include "shadow/shadow_server.h"
#include "source_peek_dialog.h"
#include "statement_log_model.h"
#include "test_database.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QLabel>
#include <QTemporaryDir>
#include <QTest>

using namespace bellows;
using ui::MainWindow;

namespace {

bool writeFile(const QString& path, const QString& text)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return file.write(text.toUtf8()) >= 0;
}

bool planMentions(MainWindow& window, const QString& words)
{
    for (const plan::Step& step : window.planModel()->plan().steps) {
        if (step.sql.contains(words))
            return true;
    }
    return false;
}

const char* const Before = "CREATE TABLE public.accounts (id bigint PRIMARY KEY, name text);";

} // namespace

class TestTargetWatch : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_shadow{QStringLiteral("/tmp/bellows-watch-gui-XXXXXX")};
    QTemporaryDir m_files;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_shadow.isValid() && m_files.isValid());
        QVERIFY(test::isolateServersAndSettings(m_shadow.path(), m_files.path(),
                                                QStringLiteral("test_target_watch")));
    }

    void cleanupTestCase() { QVERIFY(shadow::ShadowServer::stopAll().ok()); }

    void savesReplanAndErrorsPointAtTheSpot()
    {
        test::TestDatabase db(QStringLiteral("watch"));
        QCOMPARE(db.exec(QString::fromLatin1(Before)), QString());
        const QString target = m_files.filePath(QStringLiteral("target.sql"));
        QVERIFY(writeFile(
            target, QString::fromLatin1(Before).replace(QStringLiteral("name text"),
                                                        QStringLiteral("name text, email text"))));

        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QAbstractItemModelTester logTester(window.logDock()->model());
        window.setConnection(
            {QStringLiteral("Staging box"), db.conninfo(), QString(), ui::EnvironmentTag::Staging});
        auto* bar = window.findChild<QLabel*>(QStringLiteral("environmentBar"));
        QVERIFY(bar && bar->isVisible() && bar->text().contains(QStringLiteral("Staging")));
        window.openTarget(target);
        QVERIFY(window.isPlanning());
        QTRY_VERIFY_WITH_TIMEOUT(!window.isPlanning(), 120000);
        QVERIFY2(planMentions(window, QStringLiteral("email")), qPrintable(window.bannerText()));

        // Two saves in quick succession: one re-plan, for the latest text.
        QVERIFY(writeFile(target, QString::fromLatin1(Before).replace(
                                      QStringLiteral("name text"),
                                      QStringLiteral("name text, email text, phone text"))));
        QVERIFY(writeFile(target, QString::fromLatin1(Before).replace(
                                      QStringLiteral("name text"),
                                      QStringLiteral("name text, email text, mobile text"))));
        QTRY_VERIFY_WITH_TIMEOUT(planMentions(window, QStringLiteral("mobile")), 120000);
        QVERIFY(!planMentions(window, QStringLiteral("phone")));

        // A parse error: the banner names file:line:column; the last good plan stays.
        QVERIFY(writeFile(target, QStringLiteral("-- accounts\n\nCREATE TABLE public.accounts (id "
                                                 "bigint PRIMARY KEY,, name text);\n")));
        QTRY_VERIFY_WITH_TIMEOUT(window.bannerText().contains(QStringLiteral("target.sql:3:")),
                                 120000);
        QVERIFY(window.bannerText().contains(QStringLiteral("Open at the error")));
        QVERIFY(planMentions(window, QStringLiteral("mobile")));

        // Fixed: planned again, the banner gone.
        QVERIFY(writeFile(
            target, QString::fromLatin1(Before).replace(
                        QStringLiteral("name text"), QStringLiteral("name text, nickname text"))));
        QTRY_VERIFY_WITH_TIMEOUT(planMentions(window, QStringLiteral("nickname")), 120000);
        QVERIFY2(window.bannerText().isEmpty(), qPrintable(window.bannerText()));

        // The log dock saw the introspection, tagged.
        window.logDock()->setTagFilter(QStringLiteral("introspection"));
        QTRY_VERIFY(window.logDock()->viewModel()->rowCount() > 0);
        QVERIFY(test::saveScreenshot(window, QStringLiteral("target-watch.png")));
    }

    void peekOpensTheFileAtTheError()
    {
        const QString path = m_files.filePath(QStringLiteral("broken.sql"));
        QVERIFY(
            writeFile(path, QStringLiteral("-- one\n-- two\nCREATE TABLE t (a int,, b int);\n")));
        Error error{QStringLiteral("syntax error at or near \",\"")};
        error.location = {path, 3, 23};
        ui::SourcePeekDialog dialog(error);
        int line = -1;
        int column = -1;
        dialog.editor()->scintilla()->getCursorPosition(&line, &column);
        QCOMPARE(line, 2);
        QCOMPARE(column, 22);
        QCOMPARE(dialog.editor()->errorMarks().size(), size_t(1));
        QVERIFY(dialog.editor()->text().contains(QStringLiteral("a int,, b int")));
    }
};

QTEST_MAIN(TestTargetWatch)
#include "test_target_watch.moc"
