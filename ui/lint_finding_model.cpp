#include "lint_finding_model.h"

#include "palette_colors.h"
#include "plan/hazard.h"

#include <QColor>
#include <QGuiApplication>
#include <QPalette>

namespace bellows::ui {

LintFindingModel::LintFindingModel(QObject* parent) : QAbstractListModel(parent) {}

void LintFindingModel::setFindings(std::vector<lint::Finding> findings)
{
    beginResetModel();
    m_findings = std::move(findings);
    endResetModel();
}

int LintFindingModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_findings.size());
}

QVariant LintFindingModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const lint::Finding& f = m_findings[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return QStringLiteral("%1:%2  %3: %4")
            .arg(f.location.line)
            .arg(f.location.column)
            .arg(lint::toString(f.severity), f.message);
    case Qt::ToolTipRole: {
        QStringList lines{f.message};
        for (const plan::Hazard& h : f.hazards)
            lines << QStringLiteral("• %1: %2").arg(plan::title(h.kind), h.explanation);
        if (!f.advice.isEmpty())
            lines << QStringLiteral("Instead: %1").arg(f.advice);
        if (!f.referenceRow.isEmpty())
            lines << QStringLiteral("[%1, reference %2]").arg(f.rule, f.referenceRow);
        return lines.join(QLatin1Char('\n'));
    }
    case Qt::ForegroundRole:
        if (f.severity == lint::Severity::Error) // readable on light and dark bases
            return isDark(QGuiApplication::palette()) ? QColor(0xff, 0x7b, 0x72)
                                                      : QColor(0xc0, 0x20, 0x20);
        return {};
    case RuleRole:
        return f.rule;
    case SeverityRole:
        return int(f.severity);
    case LineRole:
        return f.location.line;
    case ColumnRole:
        return f.location.column;
    default:
        return {};
    }
}

} // namespace bellows::ui
