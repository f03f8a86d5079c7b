#pragma once

// The plan drawn as a timeline: one lane per phase, stacked in execution order (read left to
// right, then down: phases never overlap in time, so a staircase would waste the width), a
// gate as a milestone band (diamond + title) between the two phases where a person must act,
// and each step a box coloured by risk whose width grows with its estimated duration.
// When the plan has a review policy, a round badge at the right of a step's title gives its
// review state (approved, missing, invalidated by an edit, changes requested).
// A view over PlanModel's roles; selection goes through a shared QItemSelectionModel.

#include <QAbstractScrollArea>
#include <QPersistentModelIndex>

#include "plan/plan.h"

#include <vector>

class QAbstractItemModel;
class QItemSelectionModel;

namespace bellows::review {
enum class StepStatus;
}

namespace bellows::ui {

class TimelineView : public QAbstractScrollArea {
    Q_OBJECT
public:
    explicit TimelineView(QWidget* parent = nullptr);

    void setModel(QAbstractItemModel* model);
    QAbstractItemModel* model() const { return m_model; }
    // The selection model must be over the same model; the view never owns it.
    void setSelectionModel(QItemSelectionModel* selection);
    QItemSelectionModel* selectionModel() const { return m_selection; }

    double zoom() const { return m_zoom; }
    void setZoom(double zoom);
    void zoomIn();
    void zoomOut();

    // Geometry in viewport coordinates, for tests and tooltips; empty when not laid out.
    QRect stepRect(const QModelIndex& index) const;
    // The approvals line of a phase's lane header ("2 of 5 approved"; empty when none needed).
    QString laneApprovals(plan::Phase phase) const;
    QModelIndex indexAt(const QPoint& viewportPos) const;
    // Content width (without the lane labels), to measure layout cost.
    int contentWidth() const { return m_contentWidth; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void zoomChanged(double zoom);
    void activated(const QModelIndex& index); // Enter or double click on a step

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    bool viewportEvent(QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    struct Box {
        QPersistentModelIndex index;
        QRect rect; // content coordinates
        int lane = 0;
    };
    static constexpr double MinZoom = 0.25;
    static constexpr double MaxZoom = 6.0;
    static constexpr int BoxGap = 6;
    static constexpr int Margin = 12;

    struct Lane {
        QString title;
        QString duration;
        int phase = 0;     // int(plan::Phase)
        QString approvals; // "2 of 5 approved" when the phase needs approvals, else empty
        bool approved = false;
        int top = 0;
        int begin = 0; // content x of the first box
        int end = 0;
    };
    struct Milestone {
        QString title;
        int top = 0; // content y of the band
    };

    void scheduleLayout();
    void relayout();
    void approvalsOf(const QModelIndex& phase, Lane& lane) const;
    void updateScrollBars();
    void selectIndex(const QModelIndex& index);
    void moveCurrent(int delta);
    void moveLane(int delta);
    int currentBox() const;
    void ensureBoxVisible(int box);
    QPoint contentOffset() const; // content → viewport: add this
    int boxWidth(double seconds) const;

    void paintLanes(QPainter& p, const QRect& visible) const;
    void paintMilestones(QPainter& p, int dy) const;
    void paintRunState(QPainter& p, const QModelIndex& index, const QRect& r) const;
    void paintBox(QPainter& p, const Box& box) const;
    void paintReviewBadge(QPainter& p, const QRect& r, review::StepStatus status,
                          double progress) const;
    int paintBadge(QPainter& p, int right, int y, const QString& text, bool padlock,
                   const QColor& fill, const QColor& ink) const;

    QAbstractItemModel* m_model = nullptr;
    QItemSelectionModel* m_selection = nullptr;
    std::vector<Box> m_boxes;
    std::vector<Lane> m_lanes;
    std::vector<Milestone> m_milestones;
    double m_zoom = 1.0;
    int m_contentWidth = 0;
    int m_contentHeight = 0;
    int m_labelWidth = 120;
    int m_gateHeight = 28;
    int m_laneHeight = 60;
    bool m_layoutPending = false;
};

} // namespace bellows::ui
