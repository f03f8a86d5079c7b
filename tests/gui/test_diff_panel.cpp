// The diff panel over a real comparison: a test database (users, orders, audit_log) against a
// target file that renames users.full_name to display_name, adds a column and an index to
// users, drops audit_log, adds sessions and keeps orders as it is. The target is loaded into a
// shadow database on the fixture cluster, as `bellows-cli plan --shadow-url` does.

#include "diff_filter_model.h"
#include "diff_panel.h"
#include "diff_tree_model.h"
#include "gui_test_support.h"
#include "sql_editor.h"
#include "test_database.h"
#include "workflow/plan_builder.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace bellows;
using bellows::diff::ObjectKind;
using bellows::diff::ObjectStatus;
using bellows::ui::DiffFilterModel;
using bellows::ui::DiffPanel;
using bellows::ui::DiffTreeModel;

namespace {

const char* const kLive =
    "CREATE TABLE users (id bigint PRIMARY KEY, full_name text, email text NOT NULL);\n"
    "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL REFERENCES users (id),\n"
    "                     total numeric(12,2) NOT NULL DEFAULT 0);\n"
    "CREATE TABLE audit_log (id bigint PRIMARY KEY, message text);\n";

const char* const kTarget =
    "CREATE TABLE users (id bigint PRIMARY KEY, display_name text, email text NOT NULL,\n"
    "                    created_at timestamptz NOT NULL DEFAULT now());\n"
    "CREATE INDEX users_email_idx ON users (email);\n"
    "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL REFERENCES users (id),\n"
    "                     total numeric(12,2) NOT NULL DEFAULT 0);\n"
    "CREATE TABLE sessions (token text PRIMARY KEY, user_id bigint NOT NULL REFERENCES users "
    "(id),\n"
    "                       expires_at timestamptz NOT NULL);\n";

// Objects of every kind the DDL renderer spells, for the round trip below. Table names sort so
// that a referenced table comes first; no serial column (its sequence's OWNED BY needs the
// table, its default the sequence: pg_dump splits them, a per-object DDL cannot).
const char* const kEveryKind =
    "CREATE SCHEMA app;\n"
    "CREATE TYPE app.mood AS ENUM ('sad', 'ok', 'it''s fine');\n"
    "CREATE DOMAIN app.positive AS integer NOT NULL CHECK (VALUE > 0);\n"
    "COMMENT ON DOMAIN app.positive IS 'strictly';\n"
    "CREATE TYPE app.pair AS (a integer, b text COLLATE \"C\");\n"
    "CREATE SEQUENCE app.ticket_no AS integer START 100 INCREMENT 5 CACHE 10;\n"
    "CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql\n"
    "    AS 'BEGIN NEW.updated_at := now(); RETURN NEW; END';\n"
    "CREATE PROCEDURE app.noop(n integer) LANGUAGE sql AS 'SELECT n';\n"
    "CREATE TABLE app.accounts (\n"
    "    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
    "    name text COLLATE \"C\" NOT NULL UNIQUE,\n"
    "    mood app.mood DEFAULT 'ok', score app.positive, pair app.pair,\n"
    "    updated_at timestamptz, \"Select\" boolean,\n"
    "    CONSTRAINT name_len CHECK (length(name) < 100));\n"
    "COMMENT ON TABLE app.accounts IS 'who''s who';\n"
    "COMMENT ON COLUMN app.accounts.name IS 'as shown';\n"
    "CREATE INDEX accounts_lower_name ON app.accounts (lower(name)) WHERE mood <> 'sad';\n"
    "CREATE TRIGGER accounts_touch BEFORE UPDATE ON app.accounts\n"
    "    FOR EACH ROW EXECUTE FUNCTION app.touch();\n"
    "ALTER TABLE app.accounts ENABLE ROW LEVEL SECURITY;\n"
    "CREATE POLICY \"own rows\" ON app.accounts AS RESTRICTIVE FOR SELECT TO PUBLIC\n"
    "    USING (name = current_user);\n"
    "CREATE TABLE app.events (id bigint NOT NULL, at date NOT NULL,\n"
    "    account_id integer REFERENCES app.accounts (id) ON DELETE CASCADE,\n"
    "    ticket integer DEFAULT nextval('app.ticket_no'), PRIMARY KEY (id, at))\n"
    "    PARTITION BY RANGE (at);\n"
    "CREATE TABLE app.events_2026 PARTITION OF app.events\n"
    "    FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');\n"
    "CREATE UNLOGGED TABLE app.notes (body text, CONSTRAINT body_set CHECK (body <> '') NOT "
    "VALID)\n"
    "    WITH (fillfactor = 70);\n"
    "ALTER TABLE app.notes ADD CONSTRAINT body_short CHECK (length(body) < 1000) NOT VALID;\n"
    "CREATE TABLE app.notes_archive (archived_at date) INHERITS (app.notes);\n"
    "ALTER DOMAIN app.positive ADD CONSTRAINT small CHECK (VALUE < 1000000) NOT VALID;\n"
    "ALTER TABLE app.accounts DISABLE TRIGGER accounts_touch;\n"
    "CREATE VIEW app.fine_accounts AS SELECT id, name FROM app.accounts WHERE mood = 'it''s "
    "fine';\n"
    "CREATE MATERIALIZED VIEW app.moods AS SELECT mood, count(*) AS n FROM app.accounts GROUP BY "
    "mood;\n"
    "CREATE UNIQUE INDEX moods_mood ON app.moods (mood);\n";

const QString kUsers = QStringLiteral("table:public.users");
const QString kRename = QStringLiteral("public.users.full_name=display_name");

QModelIndex find(const QAbstractItemModel& model, const QString& name,
                 const QModelIndex& parent = {})
{
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, 0, parent);
        if (index.data(DiffTreeModel::NameRole).toString() == name)
            return index;
        if (const QModelIndex inner = find(model, name, index); inner.isValid())
            return inner;
    }
    return {};
}

ObjectStatus statusOf(const QModelIndex& index)
{
    return ObjectStatus(index.data(DiffTreeModel::StatusRole).toInt());
}

QPushButton* visibleButton(QWidget& parent, const QString& name)
{
    for (QPushButton* button : parent.findChildren<QPushButton*>(name)) {
        if (button->isVisible())
            return button;
    }
    return nullptr;
}

} // namespace

class TestDiffPanel : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<test::TestDatabase> m_db;
    workers::PlannedChangePtr m_planned;

    Result<workflow::PlannedChange> plan(const QStringList& renames)
    {
        workflow::ComparisonRequest request;
        request.conninfo = m_db->conninfo();
        request.targetFile = m_dir.filePath(QStringLiteral("target.sql"));
        request.shadowUrl = test::cluster().conninfo;
        request.shadowSuperuserOk = true;
        request.renames = renames;
        return workflow::planChange(request, {});
    }

    static void screenshot(QWidget& widget, const QString& name)
    {
        QVERIFY(test::saveScreenshot(widget, name));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QFile target(m_dir.filePath(QStringLiteral("target.sql")));
        QVERIFY(target.open(QIODevice::WriteOnly));
        target.write(kTarget);
        target.close();
        m_db = std::make_unique<test::TestDatabase>(QStringLiteral("diffpanel"));
        QCOMPARE(m_db->exec(QString::fromLatin1(kLive)), QString());
        Result<workflow::PlannedChange> planned = plan({});
        QVERIFY2(planned.ok(), planned.ok() ? "" : qPrintable(planned.error().toString()));
        m_planned = std::make_shared<const workflow::PlannedChange>(std::move(planned).value());
    }

    void cleanupTestCase()
    {
        m_planned.reset(); // closes the live session before the database is dropped
        m_db.reset();
    }

    void treeGroupsObjectsByKindWithStatuses()
    {
        DiffTreeModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const workflow::Comparison& c = m_planned->comparison;
        model.setComparison(c.database, c.target.catalog, c.changes);

        // Every kind's counts are the differ's, identical objects included.
        for (const diff::ObjectSummary& summary : c.changes.summary) {
            const diff::ObjectSummary counts = model.counts(summary.kind);
            QCOMPARE(counts.identical, summary.identical);
            QCOMPARE(counts.different, summary.different);
            QCOMPARE(counts.onlyInDatabase, summary.onlyInDatabase);
            QCOMPARE(counts.onlyInTarget, summary.onlyInTarget);
            QCOMPARE(model.indexForKind(summary.kind).isValid(), summary.total() > 0);
        }
        const QModelIndex tables = model.indexForKind(ObjectKind::Table);
        QCOMPARE(tables.data().toString(),
                 QStringLiteral("Tables (1 different, 1 only in database, 1 only in target, "
                                "1 identical)"));
        QCOMPARE(model.rowCount(tables), 4);
        QVERIFY(tables.data(DiffTreeModel::IsGroupRole).toBool());

        const QModelIndex users = model.indexForKey(kUsers);
        QVERIFY(users.isValid());
        QCOMPARE(users.parent(), tables);
        QCOMPARE(users.data().toString(), QStringLiteral("public.users"));
        QCOMPARE(statusOf(users), ObjectStatus::Different);
        QCOMPARE(users.siblingAtColumn(DiffTreeModel::StatusColumn).data().toString(),
                 QStringLiteral("Different"));
        QCOMPARE(users.siblingAtColumn(DiffTreeModel::StatusColumn)
                     .data(DiffTreeModel::StatusColorRole)
                     .value<QColor>(),
                 DiffTreeModel::statusColor(ObjectStatus::Different));
        QVERIFY(!users.siblingAtColumn(DiffTreeModel::StatusColumn)
                     .data(Qt::DecorationRole)
                     .value<QIcon>()
                     .isNull());
        QCOMPARE(statusOf(model.indexForKey(QStringLiteral("table:public.orders"))),
                 ObjectStatus::Identical);
        QCOMPARE(statusOf(model.indexForKey(QStringLiteral("table:public.audit_log"))),
                 ObjectStatus::OnlyInDatabase);
        QCOMPARE(statusOf(model.indexForKey(QStringLiteral("table:public.sessions"))),
                 ObjectStatus::OnlyInTarget);

        // The sub-object changes of users, each with its status.
        const QModelIndex index =
            model.indexForKey(kUsers + QStringLiteral("/index:users_email_idx"));
        QVERIFY(index.isValid());
        QCOMPARE(index.parent(), users);
        QCOMPARE(index.data().toString(), QStringLiteral("index users_email_idx"));
        QCOMPARE(statusOf(index), ObjectStatus::OnlyInTarget);
        const QModelIndex fullName =
            model.indexForKey(kUsers + QStringLiteral("/column:full_name"));
        QCOMPARE(statusOf(fullName), ObjectStatus::OnlyInDatabase);
        QVERIFY(fullName.siblingAtColumn(DiffTreeModel::SummaryColumn)
                    .data()
                    .toString()
                    .contains(QStringLiteral("rename to display_name proposed")));
        QCOMPARE(statusOf(model.indexForKey(kUsers + QStringLiteral("/column:display_name"))),
                 ObjectStatus::OnlyInTarget);
        QCOMPARE(statusOf(model.indexForKey(kUsers + QStringLiteral("/column:created_at"))),
                 ObjectStatus::OnlyInTarget);
        const QString summary =
            users.siblingAtColumn(DiffTreeModel::SummaryColumn).data().toString();
        QVERIFY2(summary.contains(QStringLiteral("+ index users_email_idx")), qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("\u2212 column full_name")), qPrintable(summary));

        // Both sides' DDL of the changed table.
        QVERIFY(model.liveDdl(users).contains(QStringLiteral("    full_name text,")));
        QVERIFY(!model.targetDdl(users).contains(QStringLiteral("full_name")));
        QVERIFY(model.targetDdl(users).contains(
            QStringLiteral("CREATE INDEX users_email_idx ON public.users USING btree (email);")));
        QCOMPARE(model.liveDdl(index), QString());

        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void filterKeepsParentsAndHidesIdenticalByDefault()
    {
        DiffTreeModel model;
        DiffFilterModel filter;
        filter.setSourceModel(&model);
        QAbstractItemModelTester tester(&filter,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const workflow::Comparison& c = m_planned->comparison;
        model.setComparison(c.database, c.target.catalog, c.changes);

        QVERIFY(!filter.isStatusVisible(ObjectStatus::Identical));
        QVERIFY(find(filter, QStringLiteral("public.users")).isValid());
        QVERIFY(!find(filter, QStringLiteral("public.orders")).isValid());
        filter.setStatusVisible(ObjectStatus::Identical, true);
        QVERIFY(find(filter, QStringLiteral("public.orders")).isValid());

        // Text: a sub-object's name keeps its table and kind row; other tables go.
        filter.setFilterText(QStringLiteral("EMAIL_idx"));
        const QModelIndex users = find(filter, QStringLiteral("public.users"));
        QVERIFY(users.isValid());
        QCOMPARE(filter.rowCount(users), 1);
        QCOMPARE(filter.index(0, 0, users).data().toString(),
                 QStringLiteral("index users_email_idx"));
        QCOMPARE(filter.rowCount(), 1);
        QCOMPARE(filter.rowCount(users.parent()), 1);

        // A matching table keeps all its sub-objects.
        filter.setFilterText(QStringLiteral("users"));
        QCOMPARE(filter.rowCount(find(filter, QStringLiteral("public.users"))), 4);

        // Status only: only what the target adds.
        filter.setFilterText({});
        for (ObjectStatus s :
             {ObjectStatus::Identical, ObjectStatus::Different, ObjectStatus::OnlyInDatabase})
            filter.setStatusVisible(s, false);
        QVERIFY(find(filter, QStringLiteral("public.sessions")).isValid());
        QVERIFY(!find(filter, QStringLiteral("public.users")).isValid());
        QVERIFY(!find(filter, QStringLiteral("public.audit_log")).isValid());
    }

    void panelShowsBothSidesOfTheSelectedObject()
    {
        DiffPanel panel;
        QAbstractItemModelTester tester(panel.filterModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        panel.setComparison(m_planned);
        auto* tree = panel.findChild<QTreeView*>(QStringLiteral("diffTree"));
        QVERIFY(tree);
        QCOMPARE(tree->model(), panel.filterModel());
        QSignalSpy selected(&panel, &DiffPanel::objectSelected);

        QVERIFY(panel.selectObject(kUsers));
        QCOMPARE(panel.currentKey(), kUsers);
        QCOMPARE(selected.last().at(0).toString(), kUsers);
        const QString live = panel.liveEditor()->text();
        const QString target = panel.targetEditor()->text();
        QVERIFY2(live.startsWith(QStringLiteral("CREATE TABLE public.users (\n")),
                 qPrintable(live));
        QVERIFY(live.contains(QStringLiteral("full_name text")));
        QVERIFY(target.contains(QStringLiteral("display_name text")));
        QVERIFY2(target.contains(
                     QStringLiteral("created_at timestamp with time zone DEFAULT now() NOT NULL")),
                 qPrintable(target));
        QVERIFY(panel.liveEditor()->isReadOnly() && panel.targetEditor()->isReadOnly());

        // What changes: one row per sub-object change, database side then target side.
        QStringList what;
        for (int row = 0; row < panel.whatChanges()->rowCount(); ++row)
            what << panel.whatChanges()->item(row, 0)->text();
        QVERIFY2(what.contains(QStringLiteral("index users_email_idx")),
                 qPrintable(what.join(QLatin1Char('|'))));
        QVERIFY(what.contains(QStringLiteral("column full_name: rename proposed")));
        const auto rows = panel.whatChanges()->findItems(QStringLiteral("column created_at"));
        QCOMPARE(rows.size(), 1);
        QCOMPARE(panel.whatChanges()->item(rows[0]->row(), 1)->text(), QStringLiteral("(absent)"));
        QVERIFY(panel.whatChanges()
                    ->item(rows[0]->row(), 2)
                    ->text()
                    .contains(QStringLiteral(
                        "created_at timestamp with time zone DEFAULT now() NOT NULL")));

        // An identical object is selected even though the filter hides identical ones.
        auto* identical = panel.findChild<QCheckBox*>(QStringLiteral("showIdentical"));
        QVERIFY(identical && !identical->isChecked());
        QVERIFY(panel.selectObject(QStringLiteral("table:public.orders")));
        QVERIFY(identical->isChecked());
        QCOMPARE(panel.liveEditor()->text(), panel.targetEditor()->text());
        QCOMPARE(panel.whatChanges()->item(0, 0)->text(), QStringLiteral("no differences"));
        QVERIFY(!panel.selectObject(QStringLiteral("table:public.nothing")));

        auto* notes = panel.findChild<QLabel*>(QStringLiteral("diffNotes"));
        QVERIFY(notes);
        QCOMPARE(notes->isVisibleTo(&panel), !m_planned->comparison.changes.notes.isEmpty());

        // The selection survives a new comparison that still has the object.
        panel.setComparison(m_planned);
        QCOMPARE(panel.currentKey(), QStringLiteral("table:public.orders"));
        panel.setComparison(nullptr);
        QCOMPARE(panel.model()->rowCount(), 0);
        QCOMPARE(panel.liveEditor()->text(), QString());
    }

    void acceptingARenameEmitsItsHint()
    {
        DiffPanel panel;
        panel.resize(1100, 650);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setComparison(m_planned);
        QCOMPARE(m_planned->comparison.changes.renameProposals.size(), size_t(1));
        QCOMPARE(m_planned->comparison.changes.renameProposals[0].hintText(), kRename);
        QCOMPARE(panel.pendingRenames(), QStringList{kRename});

        QSignalSpy accepted(&panel, &DiffPanel::renameAccepted);
        QSignalSpy rejected(&panel, &DiffPanel::renameRejected);
        QSignalSpy undone(&panel, &DiffPanel::renameUndone);
        QPushButton* accept = visibleButton(panel, QStringLiteral("acceptRename"));
        QVERIFY(accept);
        QTest::mouseClick(accept, Qt::LeftButton);
        QCOMPARE(accepted.count(), 1);
        QCOMPARE(accepted.at(0).at(0).toString(), kRename);
        QCOMPARE(panel.acceptedRenames(), QStringList{kRename});
        QVERIFY(panel.pendingRenames().isEmpty());
        QTRY_VERIFY(!visibleButton(panel, QStringLiteral("acceptRename")));

        // Accepted: shown with Undo, which offers the proposal again.
        // New rows show once the event loop runs (QLayout shows added children deferred).
        QTRY_VERIFY(visibleButton(panel, QStringLiteral("undoRename")));
        QPushButton* undo = visibleButton(panel, QStringLiteral("undoRename"));
        QTest::mouseClick(undo, Qt::LeftButton);
        QCOMPARE(undone.count(), 1);
        QCOMPARE(undone.at(0).at(0).toString(), kRename);
        QTRY_VERIFY(visibleButton(panel, QStringLiteral("acceptRename")));

        QPushButton* reject = visibleButton(panel, QStringLiteral("rejectRename"));
        QVERIFY(reject);
        QTest::mouseClick(reject, Qt::LeftButton);
        QCOMPARE(rejected.count(), 1);
        QCOMPARE(rejected.at(0).at(0).toString(), kRename);
        QTRY_VERIFY(!visibleButton(panel, QStringLiteral("acceptRename")));
        QTRY_VERIFY(!panel.findChild<QWidget*>(QStringLiteral("renameProposals"))->isVisible());
        QCOMPARE(accepted.count(), 1);
    }

    void acceptedRenameReplansIntoARename()
    {
        // What the main window does with renameAccepted: plan again with the hint.
        Result<workflow::PlannedChange> replanned = plan({kRename});
        QVERIFY2(replanned.ok(), replanned.ok() ? "" : qPrintable(replanned.error().toString()));
        auto planned =
            std::make_shared<const workflow::PlannedChange>(std::move(replanned).value());
        DiffPanel panel;
        panel.setAcceptedRenames({kRename});
        panel.setComparison(planned);
        QVERIFY(panel.pendingRenames().isEmpty());
        QVERIFY(panel.findChild<QWidget*>(QStringLiteral("renameProposals"))->isVisibleTo(&panel));

        const QModelIndex column =
            panel.model()->indexForKey(kUsers + QStringLiteral("/column:display_name"));
        QVERIFY(column.isValid());
        QCOMPARE(statusOf(column), ObjectStatus::Different);
        QVERIFY(
            !panel.model()->indexForKey(kUsers + QStringLiteral("/column:full_name")).isValid());
        QVERIFY(column.siblingAtColumn(DiffTreeModel::SummaryColumn)
                    .data()
                    .toString()
                    .contains(QStringLiteral("renamed from full_name")));
        QVERIFY(panel.selectObject(kUsers + QStringLiteral("/column:display_name")));
        QCOMPARE(panel.liveEditor()->text(),
                 QStringLiteral("ALTER TABLE public.users ADD COLUMN full_name text;"));
        QCOMPARE(panel.targetEditor()->text(),
                 QStringLiteral("ALTER TABLE public.users ADD COLUMN display_name text;"));
    }

    void ddlShownRecreatesEveryObject()
    {
        // Every object's live DDL, run as a target, gives the same catalog: an empty diff.
        test::TestDatabase db(QStringLiteral("diffddl"));
        QCOMPARE(db.exec(QString::fromLatin1(kEveryKind)), QString());
        workflow::ComparisonRequest request;
        request.conninfo = db.conninfo();
        QFile empty(m_dir.filePath(QStringLiteral("empty.sql")));
        QVERIFY(empty.open(QIODevice::WriteOnly));
        empty.close();
        request.targetFile = empty.fileName();
        request.shadowUrl = test::cluster().conninfo;
        request.shadowSuperuserOk = true;
        Result<workflow::Comparison> first = workflow::compareSchemas(request);
        QVERIFY2(first.ok(), first.ok() ? "" : qPrintable(first.error().toString()));
        DiffTreeModel model;
        model.setComparison(first->database, first->target.catalog, first->changes);

        // Routines before tables (trigger functions), types and sequences before both.
        QStringList script;
        for (const ObjectKind kind :
             {ObjectKind::Schema, ObjectKind::Enum, ObjectKind::Domain, ObjectKind::CompositeType,
              ObjectKind::Sequence, ObjectKind::Function, ObjectKind::Procedure, ObjectKind::Table,
              ObjectKind::View, ObjectKind::MaterializedView}) {
            const QModelIndex group = model.indexForKind(kind);
            QVERIFY2(group.isValid(), qPrintable(diff::kindPlural(kind)));
            for (int row = 0; row < model.rowCount(group); ++row) {
                const QModelIndex object = model.index(row, 0, group);
                if (object.data(DiffTreeModel::NameRole).toString() == QLatin1String("public"))
                    continue; // every database has it
                const QString ddl = model.liveDdl(object);
                QVERIFY2(!ddl.isEmpty(), qPrintable(object.data().toString()));
                script << ddl;
            }
        }
        const QString all = script.join(QStringLiteral("\n\n")) + QLatin1Char('\n');
        QFile file(m_dir.filePath(QStringLiteral("every-kind.sql")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(all.toUtf8());
        file.close();

        request.targetFile = file.fileName();
        Result<workflow::Comparison> again = workflow::compareSchemas(request);
        QVERIFY2(again.ok(), again.ok() ? "" : qPrintable(again.error().toString() + all));
        QStringList differences;
        for (const diff::Change& c : again->changes.changes)
            differences << diff::actionId(c.action) + QLatin1Char(' ') + c.displayName();
        QVERIFY2(again->changes.isEmpty(),
                 qPrintable(differences.join(QLatin1Char('\n')) + QStringLiteral("\n") + all));
        QCOMPARE(model.counts(ObjectKind::Table).onlyInDatabase, 5);

        DiffPanel panel;
        panel.setComparison(std::make_shared<const workflow::PlannedChange>(
            workflow::PlannedChange{std::move(again).value(), {}}));
        QCOMPARE(panel.findChild<QLabel*>(QStringLiteral("diffDetailTitle"))->text(),
                 QStringLiteral("No differences: the live database matches the target."));
        QVERIFY(panel.model()->rowCount() > 0); // identical objects, behind the default filter
        QCOMPARE(panel.filterModel()->rowCount(), 0);
    }

    void screenshotOfTheChangedTable()
    {
        DiffPanel panel;
        panel.resize(1100, 650);
        panel.setComparison(m_planned);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QVERIFY(panel.selectObject(kUsers));
        panel.tree()->expand(panel.tree()->currentIndex());
        QVERIFY(visibleButton(panel, QStringLiteral("acceptRename")));
        screenshot(panel, QStringLiteral("diff-panel.png"));
    }
};

QTEST_MAIN(TestDiffPanel)
#include "test_diff_panel.moc"
