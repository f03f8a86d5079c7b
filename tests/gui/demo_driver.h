#pragma once

// Drives the main window through the demo the way a person would: open it, wait for the plan,
// accept the rename the diff proposes, and answer the confirmation and gate dialogs with
// clicks and typing. Shared by the GUI test of the whole flow and the GUI benchmark.

#include "confirmation_dialog.h"
#include "diff_panel.h"
#include "gate_dialog.h"
#include "main_window.h"
#include "plan_model.h"
#include "run_controller.h"

#include <QCheckBox>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>

namespace bellows::test {

inline QModelIndex stepWhere(ui::MainWindow& window,
                             const std::function<bool(const plan::Step&)>& predicate)
{
    for (const QModelIndex& index : window.planModel()->stepIndexes()) {
        if (predicate(*window.planModel()->stepAt(index)))
            return index;
    }
    return {};
}

inline void select(ui::MainWindow& window, const QModelIndex& index)
{
    window.selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                        QItemSelectionModel::Rows);
}

// Types what the confirmation dialog asks for, then clicks Run. False when Run stays disabled.
inline bool confirmRun(ui::ConfirmationDialog* dialog)
{
    for (const auto& requirement : dialog->requirements()) {
        requirement.edit->clear();
        QTest::keyClicks(requirement.edit, requirement.text);
    }
    if (!dialog->runButton()->isEnabled())
        return false;
    QTest::mouseClick(dialog->runButton(), Qt::LeftButton);
    return true;
}

// Ticks every checklist item and clicks "Pass the gate".
inline bool passGate(ui::GateDialog* dialog)
{
    for (QCheckBox* item : dialog->checkBoxes())
        QTest::mouseClick(item, Qt::LeftButton, {}, QPoint(6, item->height() / 2));
    if (!dialog->passButton()->isEnabled())
        return false;
    QTest::mouseClick(dialog->passButton(), Qt::LeftButton);
    return true;
}

} // namespace bellows::test
