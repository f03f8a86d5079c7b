#pragma once

// The steps a run confirmation lists, one row each, with what each one asks of the user before
// it may run: the name of the object it destroys (or cannot give back), and whether that name
// has been typed. The rules live here, next to the model, so the dialog and its tests share
// them.

#include "run_request.h"

#include <QAbstractListModel>
#include <QSet>

namespace bellows::review {
struct ReviewState;
}

namespace bellows::ui {

// Fills request.approvals (and reviewKnown) from core/review's evaluation of the plan the
// steps come from, e.g. review::evaluateReview(plan, *review::readReview(plan), {executor}).
// Nothing is said about approvals when the plan has no policy and no approval at all.
void applyReview(RunRequest& request, const review::ReviewState& state);

// Destructive or irreversible: a data-loss or irreversible hazard, or no rollback SQL (except
// a backfill or a validation scan, which have nothing to undo).
bool needsTypedConfirmation(const plan::Step& step);
// The same, or an edited step the request warns about (lint errors, a stale rollback).
bool needsTypedConfirmation(const RunRequest& request, const plan::Step& step);
// Whether the step deletes data (a DataLoss hazard), for the wording "to confirm dropping it".
bool dropsData(const plan::Step& step);
// The bare name the user types to confirm a destructive step: the last component of the
// object path in the step id ("contract:drop-table:public.users" → "users",
// "contract:drop-column:public.users.full_name" → "full_name"). Planner ids always end in the
// object the step acts on; for an id of another shape, the last (quoted) name in the title.
QString objectToConfirm(const plan::Step& step);

class ConfirmationStepModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        StepIdRole = Qt::UserRole + 1,
        TitleRole,
        NeedsTypingRole, // bool
        ObjectRole,      // QString: what must be typed; empty when nothing
        ConfirmedRole,   // bool: nothing to type, or the object's name typed exactly
        ApprovalRole,    // QString: "approved by …", "not approved"; empty when unknown
        ReversibleRole,  // bool
    };

    explicit ConfirmationStepModel(QObject* parent = nullptr);

    void setRequest(const RunRequest& request);
    const RunRequest& request() const { return m_request; }
    const plan::Step* stepAt(int row) const;

    // Marks the object names typed correctly so far; rows needing them change state.
    void setConfirmedObjects(const QSet<QString>& objects);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    static QString approvalText(const RunRequest& request, const plan::Step& step);

private:
    bool isConfirmed(const plan::Step& step) const;

    RunRequest m_request;
    QStringList m_objects; // per row, objectToConfirm or empty
    QSet<QString> m_confirmed;
};

} // namespace bellows::ui
