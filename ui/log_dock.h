#pragma once

// The log dock: every statement Bellows runs on any database, tagged by origin, with a text
// filter, a tag filter, Copy (Ctrl+C) and Clear. Follows new rows while scrolled to the bottom.

#include <QDockWidget>

#include <memory>

class QAbstractItemModel;
class QComboBox;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace bellows::ui {

class StatementLogModel;
class StatementLogSink;

class LogDock : public QDockWidget {
    Q_OBJECT
public:
    enum class Sink { Install, DoNotInstall };

    // By default the dock installs the process-wide pq::StatementLog sink (see
    // StatementLogSink) for as long as it lives.
    explicit LogDock(QWidget* parent = nullptr, Sink sink = Sink::Install);
    ~LogDock() override;

    StatementLogModel* model() const { return m_model; }
    QAbstractItemModel* viewModel() const; // the filtered model the table shows
    QTableView* view() const { return m_view; }
    QLineEdit* filterEdit() const { return m_filterEdit; }
    QComboBox* tagCombo() const { return m_tagCombo; }

    void setTextFilter(const QString& text);
    void setTagFilter(const QString& tag); // "" for every tag, else e.g. "step"
    // Copies the selected rows (or all visible rows when none is selected) as tab-separated
    // lines to the clipboard and returns the text.
    QString copySelection();
    void clear();

private:
    void rememberScroll();
    void followIfAtBottom();

    StatementLogModel* m_model = nullptr;
    QSortFilterProxyModel* m_tagProxy = nullptr;
    QSortFilterProxyModel* m_textProxy = nullptr;
    QTableView* m_view = nullptr;
    QLineEdit* m_filterEdit = nullptr;
    QComboBox* m_tagCombo = nullptr;
    bool m_wasAtBottom = true;
    // Declared last so it is destroyed first, before the model it feeds.
    std::unique_ptr<StatementLogSink> m_sink;
};

} // namespace bellows::ui
