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

namespace {

constexpr double MinZoom = 0.25;
constexpr double MaxZoom = 6.0;
constexpr int BoxGap = 6;
constexpr int Margin = 12;

// Saturated enough to read as a border and stripe on light and dark bases alike; the box
// fill is this colour blended into the palette's base so the palette's text stays readable.
QColor riskColor(Risk risk)
{
    switch (risk) {
    case Risk::Low:
        return QColor(0x2f, 0x9e, 0x5a);
    case Risk::Medium:
        return QColor(0xe0, 0x92, 0x0b);
    case Risk::High:
        return QColor(0xdc, 0x3d, 0x3d);
    }
    return {};
}

QString runStateLabel(RunState state)
{
    switch (state) {
    case RunState::Running:
        return QStringLiteral("running");
    case RunState::Done:
        return QStringLiteral("done");
    case RunState::Failed:
        return QStringLiteral("failed");
    case RunState::Cancelled:
        return QStringLiteral("cancelled");
    case RunState::NotRun:
        break;
    }
    return {};
}

QColor runStateColor(RunState state, const QPalette& pal)
{
    switch (state) {
    case RunState::Running:
        return pal.color(QPalette::Highlight);
    case RunState::Done:
        return QColor(0x2e, 0x8b, 0x57);
    case RunState::Failed:
        return QColor(0xc6, 0x28, 0x28);
    case RunState::Cancelled:
        return QColor(0x75, 0x75, 0x75);
    case RunState::NotRun:
        break;
    }
    return {};
}

QColor reviewColor(review::StepStatus status)
{
    switch (status) {
    case review::StepStatus::Approved:
        return QColor(0x2e, 0x8b, 0x57);
    case review::StepStatus::Invalidated:
        return QColor(0xe0, 0x92, 0x0b);
    case review::StepStatus::ChangesRequested:
        return QColor(0xc6, 0x28, 0x28);
    case review::StepStatus::Missing:
    case review::StepStatus::NotRequired:
        break;
    }
    return {};
}

// The title on two lines: broken after a space or a dot (qualified names are long), the
// second line elided. The first line may be narrower (the review badge sits at its right).
QStringList twoLines(const QFontMetrics& fm, const QString& title, int width, int firstWidth)
{
    if (fm.horizontalAdvance(title) <= firstWidth)
        return {title};
    int cut = -1;
    for (int i = 1; i < title.size(); ++i) {
        const QChar c = title[i - 1];
        if ((c == QLatin1Char(' ') || c == QLatin1Char('.')) &&
            fm.horizontalAdvance(title.left(i)) <= firstWidth)
            cut = i;
    }
    if (cut < 0)
        return {fm.elidedText(title, Qt::ElideRight, firstWidth)};
    return {title.left(cut).trimmed(),
            fm.elidedText(title.mid(cut).trimmed(), Qt::ElideRight, width)};
}

} // namespace

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
        lane.duration =
            plan::formatDuration(phase.data(PlanModel::EstimatedSecondsRole).toDouble());
        lane.top = y;
        lane.begin = Margin;
        m_labelWidth = std::max(m_labelWidth, fm.horizontalAdvance(lane.title) + 28);
        int x = Margin;
        const int steps = m_model->rowCount(phase);
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

void TimelineView::paintEvent(QPaintEvent*)
{
    QPainter p(viewport());
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette& pal = palette();
    p.fillRect(viewport()->rect(), pal.color(QPalette::Base));
    if (!m_model || m_boxes.empty()) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(viewport()->rect(), Qt::AlignCenter, QStringLiteral("No plan open"));
        return;
    }

    const QPoint offset = contentOffset();
    const QRect visible = viewport()->rect().translated(-offset);
    p.save();
    p.setClipRect(QRect(m_labelWidth, 0, viewport()->width() - m_labelWidth, viewport()->height()));
    p.translate(offset);
    paintLanes(p, visible);
    for (const Box& box : m_boxes) {
        if (box.rect.intersects(visible))
            paintBox(p, box);
    }
    p.restore();

    // Lane titles stay in place while the lanes scroll sideways.
    const QRect labels(0, 0, m_labelWidth, viewport()->height());
    p.fillRect(labels, pal.color(QPalette::Window));
    p.setPen(pal.color(QPalette::Mid));
    p.drawLine(labels.topRight(), labels.bottomRight());
    paintMilestones(p, offset.y());
    const QFontMetrics fm = fontMetrics();
    for (const Lane& lane : m_lanes) {
        const int top = lane.top + offset.y();
        QFont bold = font();
        bold.setBold(true);
        p.setFont(bold);
        p.setPen(pal.color(QPalette::WindowText));
        p.drawText(QRect(10, top + 8, m_labelWidth - 14, fm.height()),
                   Qt::AlignLeft | Qt::AlignVCenter, lane.title);
        p.setFont(font());
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(QRect(10, top + 10 + fm.height(), m_labelWidth - 14, fm.height()),
                   Qt::AlignLeft | Qt::AlignVCenter, lane.duration);
    }
}

void TimelineView::paintLanes(QPainter& p, const QRect& visible) const
{
    const QPalette& pal = palette();
    const int left = visible.left();
    const int width = std::max(visible.width(), m_contentWidth);
    for (size_t i = 0; i < m_lanes.size(); ++i) {
        const QRect band(left, m_lanes[i].top, width, m_laneHeight);
        p.fillRect(band, i % 2 ? pal.color(QPalette::AlternateBase) : pal.color(QPalette::Base));
    }
    QColor grid = pal.color(QPalette::Text);
    grid.setAlphaF(0.12f);
    p.setPen(grid);
    for (const Lane& lane : m_lanes)
        p.drawLine(left, lane.top, left + width, lane.top);
    p.drawLine(left, m_contentHeight - 4, left + width, m_contentHeight - 4);
}

// A gate is a band across the whole view (it does not scroll sideways, so its title stays
// readable): a diamond in the lane-title column, the title, and a dashed line.
void TimelineView::paintMilestones(QPainter& p, int dy) const
{
    const QPalette& pal = palette();
    const QColor ink = pal.color(QPalette::Text);
    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics bfm(bold);
    for (const Milestone& m : m_milestones) {
        const QRect band(0, m.top + dy, viewport()->width(), m_gateHeight);
        p.fillRect(band, pal.color(QPalette::Window));
        const int cy = band.center().y();
        QColor faint = ink;
        faint.setAlphaF(0.45f);
        p.setPen(QPen(faint, 1, Qt::DashLine));
        p.drawLine(band.left(), cy, band.right(), cy);
        QPainterPath diamond;
        const int cx = 17;
        diamond.moveTo(cx, cy - 7);
        diamond.lineTo(cx + 7, cy);
        diamond.lineTo(cx, cy + 7);
        diamond.lineTo(cx - 7, cy);
        diamond.closeSubpath();
        p.setPen(QPen(ink, 1));
        p.setBrush(pal.color(QPalette::Highlight));
        p.drawPath(diamond);
        p.setBrush(Qt::NoBrush);
        p.setFont(bold);
        p.setPen(pal.color(QPalette::WindowText));
        p.drawText(QRect(cx + 12, band.top(), m_labelWidth - cx - 14, band.height()),
                   Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("Gate"));
        const QString label =
            bfm.elidedText(m.title, Qt::ElideRight, band.width() - m_labelWidth - 2 * Margin - 8);
        const QRect text(m_labelWidth + Margin, band.top(), bfm.horizontalAdvance(label) + 12,
                         band.height());
        p.fillRect(text, pal.color(QPalette::Window)); // cut the dashed line behind the title
        p.drawText(text.adjusted(4, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter, label);
        p.setFont(font());
    }
}

int TimelineView::paintBadge(QPainter& p, int right, int y, const QString& text, bool padlock,
                             const QColor& fill, const QColor& ink) const
{
    QFont small = font();
    small.setPointSizeF(std::max(6.0, font().pointSizeF() * 0.85));
    small.setBold(true);
    const QFontMetrics fm(small);
    const int h = fm.height() + 2;
    const int lockWidth = padlock ? 11 : 0;
    const int w = fm.horizontalAdvance(text) + 8 + lockWidth;
    const QRect r(right - w, y, w, h);
    p.setPen(Qt::NoPen);
    p.setBrush(fill);
    p.drawRoundedRect(r, 3, 3);
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(ink, 1.2));
    if (padlock) {
        // A small padlock: shackle arc over a body.
        const QRectF body(r.left() + 4, r.center().y() - 1, 7, 5.5);
        p.drawArc(QRectF(body.left() + 1.2, body.top() - 4.5, 4.6, 8), 0, 180 * 16);
        p.fillRect(body, ink);
    }
    p.setFont(small);
    p.drawText(r.adjusted(4 + lockWidth, 0, -4, 0), Qt::AlignCenter, text);
    p.setFont(font());
    return w;
}

// The review state as a round badge drawn with paths (no font needs a check-mark glyph):
// approved a white tick on green, missing a grey ring (its green arc the approvals given so
// far), invalidated a white "!" on amber, changes requested a white cross on red.
void TimelineView::paintReviewBadge(QPainter& p, const QRect& r, review::StepStatus status,
                                    double progress) const
{
    const QRectF c = QRectF(r).adjusted(0.5, 0.5, -0.5, -0.5);
    p.save();
    if (status == review::StepStatus::Missing) {
        QColor ring = palette().color(QPalette::Text);
        ring.setAlphaF(0.45f);
        p.setPen(QPen(ring, 1.5));
        p.setBrush(palette().color(QPalette::Base));
        p.drawEllipse(c);
        if (progress > 0) {
            p.setPen(
                QPen(reviewColor(review::StepStatus::Approved), 2.2, Qt::SolidLine, Qt::FlatCap));
            p.drawArc(c.adjusted(1, 1, -1, -1), 90 * 16, -int(std::lround(360 * 16 * progress)));
        }
        p.restore();
        return;
    }
    p.setPen(Qt::NoPen);
    p.setBrush(reviewColor(status));
    p.drawEllipse(c);
    const double w = c.width();
    const QPointF o = c.topLeft();
    p.setPen(QPen(Qt::white, std::max(1.4, w / 7), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.setBrush(Qt::NoBrush);
    switch (status) {
    case review::StepStatus::Approved: {
        QPainterPath tick;
        tick.moveTo(o + QPointF(w * 0.27, w * 0.52));
        tick.lineTo(o + QPointF(w * 0.44, w * 0.69));
        tick.lineTo(o + QPointF(w * 0.74, w * 0.34));
        p.drawPath(tick);
        break;
    }
    case review::StepStatus::ChangesRequested:
        p.drawLine(o + QPointF(w * 0.32, w * 0.32), o + QPointF(w * 0.68, w * 0.68));
        p.drawLine(o + QPointF(w * 0.68, w * 0.32), o + QPointF(w * 0.32, w * 0.68));
        break;
    case review::StepStatus::Invalidated:
        p.drawLine(o + QPointF(w * 0.5, w * 0.22), o + QPointF(w * 0.5, w * 0.56));
        p.drawPoint(o + QPointF(w * 0.5, w * 0.76));
        break;
    case review::StepStatus::Missing:
    case review::StepStatus::NotRequired:
        break;
    }
    p.restore();
}

// A running step gets a progress bar along its bottom edge (full width and pulsing colour when
// the fraction is unknown); a failed or cancelled one a heavier outline in its state's colour.
void TimelineView::paintRunState(QPainter& p, const QModelIndex& index, const QRect& r) const
{
    const auto state = RunState(index.data(PlanModel::RunStateRole).toInt());
    if (state == RunState::NotRun)
        return;
    const QColor color = runStateColor(state, palette());
    if (state == RunState::Running) {
        const double fraction = index.data(PlanModel::RunFractionRole).toDouble();
        const QRect track(r.left() + 8, r.bottom() - 3, r.width() - 14, 3);
        p.fillRect(track, blend(palette().color(QPalette::Base), color, 0.25));
        const int done =
            fraction >= 0 ? int(track.width() * std::min(1.0, fraction)) : track.width();
        p.fillRect(QRect(track.left(), track.top(), done, track.height()), color);
    }
    if (state == RunState::Failed || state == RunState::Cancelled || state == RunState::Running) {
        p.setPen(QPen(color, 2.5, state == RunState::Cancelled ? Qt::DashLine : Qt::SolidLine));
        p.drawRoundedRect(QRectF(r).adjusted(1.5, 1.5, -1.5, -1.5), 4, 4);
    }
}

void TimelineView::paintBox(QPainter& p, const Box& box) const
{
    const QPalette& pal = palette();
    const QModelIndex& index = box.index;
    const Risk risk = Risk(index.data(PlanModel::RiskRole).toInt());
    const bool selected = m_selection && m_selection->isSelected(index);
    const bool current = m_selection && m_selection->currentIndex().siblingAtColumn(0) == index;
    const QColor base = pal.color(QPalette::Base);
    const QColor color = riskColor(risk);
    const QColor text = pal.color(QPalette::Text);
    const QRect r = box.rect;

    QColor fill = blend(base, color, isDark(pal) ? 0.30 : 0.20);
    if (selected)
        fill = blend(fill, pal.color(QPalette::Highlight), 0.30);
    p.setPen(QPen(selected ? pal.color(QPalette::Highlight) : color, selected ? 2.5 : 1.2));
    p.setBrush(fill);
    p.drawRoundedRect(QRectF(r).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
    p.setBrush(Qt::NoBrush);
    p.fillRect(QRect(r.left() + 2, r.top() + 3, 4, r.height() - 6), color); // risk stripe
    paintRunState(p, index, r);
    if (current && hasFocus()) {
        QPen focus(text, 1, Qt::DotLine);
        p.setPen(focus);
        p.drawRoundedRect(QRectF(r).adjusted(3.5, 2.5, -2.5, -2.5), 3, 3);
    }

    const QFontMetrics fm = fontMetrics();
    const QRect inner = r.adjusted(11, 5, -6, -5);
    const int number = index.data(PlanModel::StepNumberRole).toInt();
    const QString title =
        QStringLiteral("%1  %2").arg(number).arg(index.data(PlanModel::TitleRole).toString());
    const auto review = review::StepStatus(index.data(PlanModel::ReviewStateRole).toInt());
    int firstWidth = inner.width();
    if (review != review::StepStatus::NotRequired) {
        const int d = std::max(10, fm.height() - 3);
        const QRect badge(inner.right() + 1 - d, inner.top() + (fm.height() - d) / 2, d, d);
        paintReviewBadge(p, badge, review, index.data(PlanModel::ReviewProgressRole).toDouble());
        firstWidth -= d + 4;
    }
    p.setPen(text);
    const QStringList lines = twoLines(fm, title, inner.width(), std::max(8, firstWidth));
    for (int i = 0; i < lines.size(); ++i)
        p.drawText(QRect(inner.left(), inner.top() + i * fm.height(), inner.width(), fm.height()),
                   Qt::AlignLeft | Qt::AlignVCenter, lines[i]);

    // Second line: duration on the left, badges from the right while they fit.
    const QString duration =
        plan::formatDuration(index.data(PlanModel::EstimatedSecondsRole).toDouble());
    const int y = inner.bottom() - fm.height();
    const int durationWidth = fm.horizontalAdvance(duration);
    int right = inner.right() + 1;
    QFont small = font();
    small.setPointSizeF(std::max(6.0, font().pointSizeF() * 0.85));
    small.setBold(true);
    const QFontMetrics sfm(small);
    // Badges only while the duration still fits on their left (same sizes as paintBadge).
    const auto fits = [&](const QString& badge, bool padlock) {
        const int width = sfm.horizontalAdvance(badge) + 8 + (padlock ? 11 : 0);
        return right - width - 4 > inner.left() + durationWidth;
    };
    const auto runState = RunState(index.data(PlanModel::RunStateRole).toInt());
    if (runState != RunState::NotRun) {
        const QString label = runStateLabel(runState);
        right -=
            paintBadge(p, right, y, label, false, runStateColor(runState, pal), QColor(Qt::white)) +
            4;
    }
    // An edit that invalidated an approval turns the "edited" badge amber: the reviewer's cue.
    if (index.data(PlanModel::EditedRole).toBool() && fits(QStringLiteral("edited"), false)) {
        const bool stale = review == review::StepStatus::Invalidated;
        right -= paintBadge(p, right, y, QStringLiteral("edited"), false,
                            stale ? reviewColor(review) : pal.color(QPalette::Highlight),
                            stale ? QColor(Qt::white) : pal.color(QPalette::HighlightedText)) +
                 4;
    }
    if (index.data(PlanModel::OutsideTransactionRole).toBool() &&
        fits(QStringLiteral("no tx"), false))
        right -= paintBadge(p, right, y, QStringLiteral("no tx"), false, text, base) + 4;
    const auto lock = plan::LockMode(index.data(PlanModel::StrongestLockRole).toInt());
    if (lock >= plan::LockMode::ShareUpdateExclusive && fits(plan::shortName(lock), true)) {
        const bool strong = lock == plan::LockMode::AccessExclusive || plan::blocksWrites(lock);
        right -= paintBadge(p, right, y, plan::shortName(lock), true,
                            strong ? riskColor(Risk::High) : pal.color(QPalette::Mid),
                            strong ? QColor(Qt::white) : text) +
                 4;
    }
    QColor dim = text;
    dim.setAlphaF(0.75f);
    p.setPen(dim);
    p.drawText(QRect(inner.left(), y, right - inner.left(), fm.height()),
               Qt::AlignLeft | Qt::AlignVCenter,
               fm.elidedText(duration, Qt::ElideRight, right - inner.left()));
}

} // namespace bellows::ui
