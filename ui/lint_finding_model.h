#pragma once

// The linter's findings for the SQL in the editor, one row each: "3:1 error  message", the
// advice as tooltip. Kept as a model so the list is testable and sortable like the others.

#include "lint/finding.h"

#include <QAbstractListModel>

#include <vector>

namespace bellows::ui {

class LintFindingModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        RuleRole = Qt::UserRole + 1,
        SeverityRole, // int(lint::Severity)
        LineRole,
        ColumnRole,
    };

    explicit LintFindingModel(QObject* parent = nullptr);

    void setFindings(std::vector<lint::Finding> findings);
    const std::vector<lint::Finding>& findings() const { return m_findings; }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    std::vector<lint::Finding> m_findings;
};

} // namespace bellows::ui
