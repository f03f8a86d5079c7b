#pragma once

#include <QDialog>
#include <QIcon>

class QLabel;

namespace bellows::ui {

// Help → About: the icon, name and version, what Bellows is built on (Qt, QScintilla, libpq,
// the PostgreSQL server binaries the shadow server would use), the license, where the docs
// are and which settings file and cache directory this process uses — what a bug report
// needs, in one place the user can copy from.
class AboutDialog : public QDialog {
    Q_OBJECT
public:
    explicit AboutDialog(QWidget* parent);

    // The application icon in every size shipped (16…256 px, from the compiled-in resource).
    static QIcon applicationIcon();
    // libpq's own version, as PQlibVersion() reports it: "15.13".
    static QString libpqVersion();

    // The dialog's texts as shown (plain text), for tests and "Copy".
    QString versionText() const;
    QString componentsText() const;
    QString pathsText() const;

private:
    void copyToClipboard() const;

    QLabel* m_version = nullptr;
    QLabel* m_components = nullptr;
    QLabel* m_paths = nullptr;
};

} // namespace bellows::ui
