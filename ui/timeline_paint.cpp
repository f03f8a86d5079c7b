// TimelineView's painting: lanes with their headers (phase, duration, approvals), gates as
// milestones, and each step's box with its badges, run state and review state.

#include "timeline_view.h"

#include "palette_colors.h"
#include "plan/hazard.h"
#include "plan/plan_render.h"
#include "plan_model.h"
#include "review/review_evaluation.h"

#include <QItemSelectionModel>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>

#include <algorithm>
#include <cmath>

namespace bellows::ui {

namespace {

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
    case RunState::Waiting:
        return QStringLiteral("waiting for a lock");
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
    case RunState::Waiting:
        return QColor(0xb2, 0x6a, 0x00);
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
        if (!lane.approvals.isEmpty()) {
            p.setPen(lane.approved ? reviewColor(review::StepStatus::Approved)
                                   : pal.color(QPalette::WindowText));
            p.drawText(QRect(10, top + 12 + 2 * fm.height(), m_labelWidth - 14, fm.height()),
                       Qt::AlignLeft | Qt::AlignVCenter, lane.approvals);
        }
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
// the fraction is unknown); a failed, cancelled or waiting one a heavier outline in its state's
// colour (dashed for a cancel or a lock wait).
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
    // A wait is dashed: the step is stuck behind another session's lock.
    if (state != RunState::Done) {
        const bool dashed = state == RunState::Cancelled || state == RunState::Waiting;
        p.setPen(QPen(color, 2.5, dashed ? Qt::DashLine : Qt::SolidLine));
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
