#include "main_window.h"

#include "common/version.h"

#include <QAction>
#include <QApplication>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>
#include <QStatusBar>
#include <QVBoxLayout>

namespace bellows::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setObjectName(QStringLiteral("MainWindow"));
    setWindowTitle(QStringLiteral("Bellows %1").arg(QLatin1String(BELLOWS_VERSION)));
    resize(1100, 720);

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    auto* title = new QLabel(QStringLiteral("<h2>Bellows %1</h2>").arg(QLatin1String(BELLOWS_VERSION)),
                             central);
    title->setAlignment(Qt::AlignCenter);
    m_stateLabel = new QLabel(central);
    m_stateLabel->setObjectName(QStringLiteral("stateLabel"));
    m_stateLabel->setAlignment(Qt::AlignCenter);
    m_stateLabel->setWordWrap(true);
    m_stateLabel->setText(
        QStringLiteral("No database yet.\nConnect to a PostgreSQL database and open a target "
                       "schema to see how they differ."));
    layout->addStretch();
    layout->addWidget(title);
    layout->addWidget(m_stateLabel);
    layout->addStretch();
    setCentralWidget(central);

    buildMenus();
    statusBar()->showMessage(QStringLiteral("Not connected"));
}

QString MainWindow::stateText() const
{
    return m_stateLabel->text();
}

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(QStringLiteral("&File"));
    QAction* quit = file->addAction(QStringLiteral("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);
}

} // namespace bellows::ui
