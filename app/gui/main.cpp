#include "main_window.h"

#include "common/version.h"

#include <QApplication>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Bellows"));
    QApplication::setOrganizationName(QStringLiteral("Bellows"));
    QApplication::setApplicationVersion(QStringLiteral(BELLOWS_VERSION));
    bellows::ui::MainWindow window;
    window.show();
    return app.exec();
}
