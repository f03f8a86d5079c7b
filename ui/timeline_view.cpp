#include "timeline_view.h"

#include "palette_colors.h"
#include "plan/hazard.h"
#include "plan/plan_render.h"
#include "plan_model.h"
#include "review/review_evaluation.h"

#include <QAbstractItemModel>
#include <QEvent>
#include <QHelpEvent>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace bellows::ui {

TimelineView::TimelineView(QWidget* parent) : QAbstractScrollArea(parent)
{
    setObjectName(QStringLiteral("timeline"));
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    viewport()->setMouseTracking(true);
    horizontalScrollBar()->setSingleStep(24);
    verticalScrollBar()->setSingleStep(12);
    setAccessibleName(QStringLiteral("Plan timeline"));
}

void TimelineView::setModel(QAbstractItemModel* model)
{
    if (m_model == model)
        return;
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    if (m_model) {
        // Structure changes lay out at once (callers ask for geometry right after opening a
        // plan); data changes, a burst per keystroke in the SQL editor, are coalesced.
        const auto reshaped = [this] { relayout(); };
        connect(m_model, &QAbstractItemModel::modelReset, this, reshaped);
        connect(m_model, &QAbstractItemModel::rowsInserted, this, reshaped);
        connect(m_model, &QAbstractItemModel::rowsRemoved, this, reshaped);
        connect(m_model, &QAbstractItemModel::rowsMoved, this, reshaped);
        connect(m_model, &QAbstractItemModel::layoutChanged, this, reshaped);
        connect(m_model, &QAbstractItemModel::dataChanged, this, [this] { scheduleLayout(); });
    }
    relayout();
}

void TimelineView::setSelectionModel(QItemSelectionModel* selection)
{
    if (m_selection)
        disconnect(m_selection, nullptr, this, nullptr);
    m_selection = selection;
    if (m_selection) {
        connect(m_selection, &QItemSelectionModel::selectionChanged, this,
                [this] { viewport()->update(); });
        connect(m_selection, &QItemSelectionModel::currentChanged, this, [this] {
            ensureBoxVisible(currentBox());
            viewport()->update();
        });
    }
    viewport()->update();
}

void TimelineView::setZoom(double zoom)
{
    zoom = std::clamp(zoom, MinZoom, MaxZoom);
    if (qFuzzyCompare(zoom, m_zoom))
        return;
    m_zoom = zoom;
    relayout();
    ensureBoxVisible(currentBox());
    Q_EMIT zoomChanged(m_zoom);
}

void TimelineView::zoomIn()
{
    setZoom(m_zoom * 1.25);
}

void TimelineView::zoomOut()
{
    setZoom(m_zoom / 1.25);
}

QRect TimelineView::stepRect(const QModelIndex& index) const
{
    const QModelIndex first = index.siblingAtColumn(0);
    for (const Box& box : m_boxes) {
        if (box.index == first)
            return box.rect.translated(contentOffset());
    }
    return {};
}

QString TimelineView::laneApprovals(plan::Phase phase) const
{
    for (const Lane& lane : m_lanes)
        if (lane.phase == int(phase))
            return lane.approvals;
    return {};
}

QModelIndex TimelineView::indexAt(const QPoint& viewportPos) const
{
    if (viewportPos.x() < m_labelWidth)
        return {};
    const QPoint content = viewportPos - contentOffset();
    for (const Box& box : m_boxes) {
        if (box.rect.contains(content))
            return box.index;
    }
    return {};
}

QSize TimelineView::sizeHint() const
{
    return {900, m_contentHeight + 2 * frameWidth() + horizontalScrollBar()->sizeHint().height()};
}

QSize TimelineView::minimumSizeHint() const
{
    return {300, m_laneHeight + 2 * frameWidth()};
}

// Boxes grow with the square root of the duration: a one-hour backfill stays visibly the
// longest step without squeezing sub-second catalog steps below a readable width.
int TimelineView::boxWidth(double seconds) const
{
    const int minimum = fontMetrics().horizontalAdvance(QStringLiteral("#00 AE")) + 16;
    const double width = m_zoom * (116.0 + 14.0 * std::sqrt(std::max(0.0, seconds)));
    return std::max(minimum, int(std::lround(width)));
}

void TimelineView::scheduleLayout()
{
    if (m_layoutPending)
        return;
    m_layoutPending = true;
    // Coalesces bursts of model signals (typing in the SQL editor) into one layout.
    QMetaObject::invokeMethod(
        this, [this] { relayout(); }, Qt::QueuedConnection);
}

void TimelineView::relayout()
{
    m_layoutPending = false;
    m_boxes.clear();
    m_lanes.clear();
    m_milestones.clear();
    const QFontMetrics fm = fontMetrics();
    const int line = fm.height();
    m_laneHeight = 3 * line + 24;
    m_labelWidth = 96;

    m_gateHeight = line + 14;
    m_contentWidth = 0;
    int y = 0;
    const int phases = m_model ? m_model->rowCount() : 0;
    for (int r = 0; r < phases; ++r) {
        const QModelIndex phase = m_model->index(r, 0);
        const QString gate = phase.data(PlanModel::GateTitleRole).toString();
        if (!gate.isEmpty()) {
            m_milestones.push_back({gate, y});
            y += m_gateHeight;
        }
        Lane lane;
        lane.title = phase.data(PlanModel::TitleRole).toString();
        lane.phase = phase.data(PlanModel::PhaseRole).toInt();
        lane.duration =
            plan::formatDuration(phase.data(PlanModel::EstimatedSecondsRole).toDouble());
        lane.top = y;
        lane.begin = Margin;
        m_labelWidth = std::max(m_labelWidth, fm.horizontalAdvance(lane.title) + 28);
        int x = Margin;
        const int steps = m_model->rowCount(phase);
        approvalsOf(phase, lane);
        m_labelWidth = std::max(m_labelWidth, fm.horizontalAdvance(lane.approvals) + 24);
        for (int c = 0; c < steps; ++c) {
            const QModelIndex step = m_model->index(c, 0, phase);
            const int w = boxWidth(step.data(PlanModel::EstimatedSecondsRole).toDouble());
            m_boxes.push_back({step, QRect(x, lane.top + 6, w, m_laneHeight - 12), r});
            x += w + BoxGap;
        }
        lane.end = x;
        m_contentWidth = std::max(m_contentWidth, x - BoxGap + Margin);
        m_lanes.push_back(lane);
        y += m_laneHeight;
    }
    m_contentHeight = y + 1;
    updateScrollBars();
    updateGeometry();
    viewport()->update();
}

// The team lead's view of a lane: how many of its steps that need approval have it.
void TimelineView::approvalsOf(const QModelIndex& phase, Lane& lane) const
{
    int required = 0;
    int approved = 0;
    for (int c = 0; c < m_model->rowCount(phase); ++c) {
        const auto status = review::StepStatus(
            m_model->index(c, 0, phase).data(PlanModel::ReviewStateRole).toInt());
        if (status == review::StepStatus::NotRequired)
            continue;
        ++required;
        approved += status == review::StepStatus::Approved ? 1 : 0;
    }
    lane.approved = required > 0 && approved == required;
    lane.approvals =
        required == 0 ? QString() : QStringLiteral("%1 of %2 approved").arg(approved).arg(required);
}

void TimelineView::updateScrollBars()
{
    const QSize area = viewport()->size();
    horizontalScrollBar()->setPageStep(area.width() - m_labelWidth);
    horizontalScrollBar()->setRange(0, std::max(0, m_contentWidth - (area.width() - m_labelWidth)));
    verticalScrollBar()->setPageStep(area.height());
    verticalScrollBar()->setRange(0, std::max(0, m_contentHeight - area.height()));
}

QPoint TimelineView::contentOffset() const
{
    return {m_labelWidth - horizontalScrollBar()->value(), -verticalScrollBar()->value()};
}

void TimelineView::selectIndex(const QModelIndex& index)
{
    if (!m_selection || !index.isValid())
        return;
    m_selection->setCurrentIndex(index,
                                 QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

int TimelineView::currentBox() const
{
    if (!m_selection)
        return -1;
    const QModelIndex current = m_selection->currentIndex().siblingAtColumn(0);
    for (size_t i = 0; i < m_boxes.size(); ++i) {
        if (m_boxes[i].index == current)
            return int(i);
    }
    return -1;
}

void TimelineView::moveCurrent(int delta)
{
    if (m_boxes.empty())
        return;
    const int current = currentBox();
    int target = 0;
    if (delta == INT_MIN)
        target = 0;
    else if (delta == INT_MAX)
        target = int(m_boxes.size()) - 1;
    else if (current < 0)
        target = delta > 0 ? 0 : int(m_boxes.size()) - 1;
    else
        target = std::clamp(current + delta, 0, int(m_boxes.size()) - 1);
    selectIndex(m_boxes[size_t(target)].index);
}

void TimelineView::moveLane(int delta)
{
    const int current = currentBox();
    if (current < 0) {
        moveCurrent(delta);
        return;
    }
    const int lane = m_boxes[size_t(current)].lane + delta;
    const auto it = std::find_if(m_boxes.begin(), m_boxes.end(),
                                 [lane](const Box& b) { return b.lane == lane; });
    if (it != m_boxes.end())
        selectIndex(it->index);
}

void TimelineView::ensureBoxVisible(int box)
{
    if (box < 0 || box >= int(m_boxes.size()))
        return;
    const QRect r = m_boxes[size_t(box)].rect;
    const int width = viewport()->width() - m_labelWidth;
    QScrollBar* h = horizontalScrollBar();
    if (r.left() - 12 < h->value())
        h->setValue(r.left() - 12);
    else if (r.right() + 12 > h->value() + width)
        h->setValue(std::min(r.left() - 12, r.right() + 12 - width));
    QScrollBar* v = verticalScrollBar();
    if (r.top() - 6 < v->value())
        v->setValue(r.top() - 6);
    else if (r.bottom() + 6 > v->value() + viewport()->height())
        v->setValue(r.bottom() + 6 - viewport()->height());
}

void TimelineView::resizeEvent(QResizeEvent* event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

void TimelineView::changeEvent(QEvent* event)
{
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        relayout();
    else if (event->type() == QEvent::PaletteChange)
        viewport()->update();
}

void TimelineView::mousePressEvent(QMouseEvent* event)
{
    const QModelIndex index = indexAt(event->position().toPoint());
    if (event->button() == Qt::LeftButton && index.isValid())
        selectIndex(index);
    setFocus(Qt::MouseFocusReason);
    QAbstractScrollArea::mousePressEvent(event);
}

void TimelineView::mouseDoubleClickEvent(QMouseEvent* event)
{
    const QModelIndex index = indexAt(event->position().toPoint());
    if (index.isValid())
        Q_EMIT activated(index);
}

void TimelineView::wheelEvent(QWheelEvent* event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        const int dy = event->angleDelta().y();
        if (dy > 0)
            zoomIn();
        else if (dy < 0)
            zoomOut();
        event->accept();
        return;
    }
    // A plain wheel scrolls along time: the timeline is wide, rarely tall.
    if (event->angleDelta().x() == 0 && horizontalScrollBar()->maximum() > 0 &&
        verticalScrollBar()->maximum() == 0) {
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() -
                                        event->angleDelta().y() / 2);
        event->accept();
        return;
    }
    QAbstractScrollArea::wheelEvent(event);
}

void TimelineView::keyPressEvent(QKeyEvent* event)
{
    switch (event->key()) {
    case Qt::Key_Left:
        moveCurrent(-1);
        break;
    case Qt::Key_Right:
        moveCurrent(1);
        break;
    case Qt::Key_Up:
        moveLane(-1);
        break;
    case Qt::Key_Down:
        moveLane(1);
        break;
    case Qt::Key_Home:
        moveCurrent(INT_MIN);
        break;
    case Qt::Key_End:
        moveCurrent(INT_MAX);
        break;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomIn();
        break;
    case Qt::Key_Minus:
        zoomOut();
        break;
    case Qt::Key_0:
        if (!(event->modifiers() & Qt::ControlModifier))
            return QAbstractScrollArea::keyPressEvent(event);
        setZoom(1.0);
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (m_selection && m_selection->currentIndex().isValid())
            Q_EMIT activated(m_selection->currentIndex());
        break;
    default:
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    event->accept();
}

bool TimelineView::viewportEvent(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QModelIndex index = indexAt(help->pos());
        QString text;
        if (index.isValid()) {
            text = index.data(Qt::ToolTipRole).toString();
            if (index.data(PlanModel::EditedRole).toBool())
                text += QStringLiteral("\nSQL edited by hand");
            const QString review = index.data(PlanModel::ReviewTextRole).toString();
            if (!review.isEmpty())
                text += QStringLiteral("\nReview: ") + review;
        } else {
            const int y = help->pos().y() - contentOffset().y();
            for (const Milestone& m : m_milestones) {
                if (y >= m.top && y < m.top + m_gateHeight)
                    text = QStringLiteral("Gate: %1").arg(m.title);
            }
        }
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, viewport());
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

} // namespace bellows::ui
