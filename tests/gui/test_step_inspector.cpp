// StepInspector: the selected step's facts, SQL editing that marks the step edited and
// re-lints (a squiggle for a plain CREATE INDEX on an existing table, gone with
// CONCURRENTLY), Revert, Show change, and the read-only rollback tab.

#include "code_editor.h"
#include "exec/backfill_batches.h"
#include "lint_finding_model.h"
#include "plan_model.h"
#include "qsci.h"
#include "sample_plan.h"
#include "sql_editor.h"
#include "step_inspector.h"

#include <QCheckBox>
#include <QItemSelectionModel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace bellows;
using bellows::ui::PlanModel;
using bellows::ui::StepInspector;

namespace {

bool hasRule(const ui::LintFindingModel* model, const QString& rule)
{
    for (const lint::Finding& f : model->findings()) {
        if (f.rule == rule)
            return true;
    }
    return false;
}

// What a person typing does: replaces the text through the editor, not setText().
void type(ui::CodeEditor* editor, const QString& text)
{
    editor->scintilla()->selectAll();
    editor->scintilla()->replaceSelectedText(text);
}

} // namespace

class TestStepInspector : public QObject {
    Q_OBJECT
private:
    struct Fixture {
        PlanModel model;
        QItemSelectionModel selection{&model};
        StepInspector inspector;
        Fixture()
        {
            model.setPlan(test::samplePlan());
            inspector.setModel(&model, &selection);
            inspector.resize(900, 600);
            inspector.show();
        }
        QModelIndex select(int n)
        {
            const QModelIndex index = model.stepIndexes().at(n);
            selection.setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                 QItemSelectionModel::Rows);
            return index;
        }
    };

private Q_SLOTS:
    // The inspector shows what a backfill batch sends, and it cannot be edited apart from it.
    void backfillShowsTheExecutedStatementReadOnly()
    {
        plan::Plan p = test::samplePlan();
        plan::Step fill = p.steps.front();
        fill.id = QStringLiteral("backfill:copy-column:public.users.email");
        fill.phase = plan::Phase::Backfill;
        fill.backfill = plan::Backfill{
            QStringLiteral("public"),           QStringLiteral("users"),     {QStringLiteral("id")},
            QStringLiteral("e = lower(email)"), QStringLiteral("e IS NULL"), 500};
        fill.sql = exec::backfillStatementText(*fill.backfill);
        p.steps.push_back(fill);
        PlanModel model;
        QItemSelectionModel selection{&model};
        model.setPlan(p);
        StepInspector inspector;
        inspector.setModel(&model, &selection);
        inspector.show();
        QModelIndex index;
        for (const QModelIndex& i : model.stepIndexes())
            if (i.data(PlanModel::IdRole).toString() == fill.id)
                index = i;
        selection.setCurrentIndex(index,
                                  QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QCOMPARE(inspector.stepId(), fill.id);
        QVERIFY(inspector.sqlEditor()->isReadOnly());
        QCOMPARE(inspector.sqlEditor()->text(), exec::backfillStatementText(*fill.backfill));
        QVERIFY(inspector.sqlEditor()->text().contains(QStringLiteral("bellows_checkpoint")));
        QVERIFY(!model.setStepSql(fill.id, QStringLiteral("UPDATE users SET e = NULL;")));
        QCOMPARE(model.plan().step(fill.id)->sql, fill.sql);
        // Another step is editable again.
        selection.setCurrentIndex(model.stepIndexes().first(),
                                  QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QVERIFY(!inspector.sqlEditor()->isReadOnly());
    }

    void showsSelectedStep()
    {
        Fixture f;
        QVERIFY(QTest::qWaitForWindowExposed(&f.inspector));
        QVERIFY(f.inspector.stepId().isEmpty());
        const QModelIndex index = f.select(0);
        const plan::Step* step = f.model.stepAt(index);
        QCOMPARE(f.inspector.stepId(), step->id);
        QCOMPARE(f.inspector.sqlEditor()->text(), step->sql);
        QVERIFY(f.inspector.factsText().contains(QStringLiteral("Locks")));
        QVERIFY(f.inspector.factsText().contains(QStringLiteral("Estimated duration")));
        QVERIFY(f.inspector.rollbackEditor()->isReadOnly());
        QCOMPARE(f.inspector.rollbackEditor()->text(), step->rollbackSql);
        auto* revert = f.inspector.findChild<QPushButton*>(QStringLiteral("revert"));
        QVERIFY(revert && !revert->isEnabled());
        // Hazards appear in plain words on a step that has some.
        for (const QModelIndex& i : f.model.stepIndexes()) {
            const plan::Step* s = f.model.stepAt(i);
            if (s->hazards.empty())
                continue;
            f.selection.setCurrentIndex(i, QItemSelectionModel::ClearAndSelect);
            QVERIFY(f.inspector.factsText().contains(plan::title(s->hazards[0].kind)));
            QVERIFY(f.inspector.factsText().contains(s->hazards[0].explanation));
            break;
        }
    }

    void editingLintsAndReverts()
    {
        Fixture f;
        QVERIFY(QTest::qWaitForWindowExposed(&f.inspector));
        const QModelIndex index = f.select(0);
        const QString original = f.model.stepAt(index)->sql;
        QSignalSpy linted(&f.inspector, &StepInspector::linted);

        type(f.inspector.sqlEditor(),
             QStringLiteral("CREATE INDEX orders_quantity_idx ON public.orders (quantity);"));
        QVERIFY(f.model.stepAt(index)->isEdited());
        QCOMPARE(f.model.stepAt(index)->originalSql, original);
        QVERIFY(index.data(PlanModel::EditedRole).toBool());
        // Debounced: the lint follows after the pause, not on every key.
        QVERIFY(linted.wait(2000));
        QVERIFY(
            hasRule(f.inspector.findingModel(), QStringLiteral("create-index-not-concurrently")));
        QVERIFY(f.inspector.sqlEditor()->hasIndicatorAt(1, 1));
        QVERIFY(f.inspector.sqlEditor()->hasIndicatorAt(1, 10));
        auto* revert = f.inspector.findChild<QPushButton*>(QStringLiteral("revert"));
        QVERIFY(revert->isEnabled());

        // Show change puts the planner's SQL next to the edit.
        auto* showChange = f.inspector.findChild<QCheckBox*>(QStringLiteral("showChange"));
        auto* originalEditor =
            f.inspector.findChild<ui::SqlEditor*>(QStringLiteral("originalSqlEditor"));
        QVERIFY(showChange->isEnabled());
        showChange->setChecked(true);
        QVERIFY(!originalEditor->isHidden());
        QCOMPARE(originalEditor->text(), original);

        type(f.inspector.sqlEditor(),
             QStringLiteral("CREATE INDEX CONCURRENTLY orders_quantity_idx ON public.orders "
                            "(quantity);"));
        QVERIFY(linted.wait(2000));
        QVERIFY(
            !hasRule(f.inspector.findingModel(), QStringLiteral("create-index-not-concurrently")));
        QVERIFY(!f.inspector.sqlEditor()->hasIndicatorAt(1, 1));

        QTest::mouseClick(revert, Qt::LeftButton);
        QCOMPARE(f.model.stepAt(index)->sql, original);
        QVERIFY(!f.model.stepAt(index)->isEdited());
        QCOMPARE(f.inspector.sqlEditor()->text(), original);
        QVERIFY(!revert->isEnabled());
        QVERIFY(originalEditor->isHidden());
    }

    void editSurvivesSelectionChanges()
    {
        Fixture f;
        QVERIFY(QTest::qWaitForWindowExposed(&f.inspector));
        const QModelIndex first = f.select(0);
        type(f.inspector.sqlEditor(), QStringLiteral("SELECT 1;"));
        f.select(1);
        QVERIFY(f.inspector.sqlEditor()->text() != QStringLiteral("SELECT 1;"));
        f.selection.setCurrentIndex(first, QItemSelectionModel::ClearAndSelect);
        QCOMPARE(f.inspector.sqlEditor()->text(), QStringLiteral("SELECT 1;"));
        QVERIFY(f.inspector.findChild<QPushButton*>(QStringLiteral("revert"))->isEnabled());
    }

    void parseErrorIsSquiggled()
    {
        Fixture f;
        QVERIFY(QTest::qWaitForWindowExposed(&f.inspector));
        f.select(0);
        type(f.inspector.sqlEditor(), QStringLiteral("SELECT 1;\nALTER TABLEX users;"));
        f.inspector.lintNow();
        QVERIFY(hasRule(f.inspector.findingModel(), QStringLiteral("parse-error")));
        QVERIFY(!f.inspector.sqlEditor()->hasIndicatorAt(1, 1));
        bool onLineTwo = false;
        for (const auto& mark : f.inspector.sqlEditor()->errorMarks())
            onLineTwo = onLineTwo || mark.line == 2;
        QVERIFY(onLineTwo);
    }

    void completionHasPlanIdentifiers()
    {
        Fixture f;
        const QStringList words = f.inspector.sqlEditor()->completionWords();
        QVERIFY2(words.contains(QStringLiteral("users")), qPrintable(words.join(u',')));
        QVERIFY(words.contains(QStringLiteral("users.display_name")));
        const QStringList columns = f.inspector.sqlEditor()->completionsFor(
            {QStringLiteral("users"), QStringLiteral("disp")});
        QCOMPARE(columns, QStringList{QStringLiteral("display_name")});
        const QStringList bare = f.inspector.sqlEditor()->completionsFor({QStringLiteral("ord")});
        QVERIFY(bare.contains(QStringLiteral("orders")));
        QVERIFY(bare.contains(QStringLiteral("ORDER")));
    }
};

QTEST_MAIN(TestStepInspector)
#include "test_step_inspector.moc"
