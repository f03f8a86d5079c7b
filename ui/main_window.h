#pragma once

#include <QMainWindow>

class QLabel;

namespace bellows::ui {

// The application's main window. For now it shows the version and the "no database yet"
// state; connection, diff, timeline and inspector panels attach here.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);

    QString stateText() const;

private:
    void buildMenus();

    QLabel* m_stateLabel = nullptr;
};

} // namespace bellows::ui
