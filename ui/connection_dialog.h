#pragma once

// Choose, edit and test a saved connection. Profiles on the left; name, conninfo / URI,
// environment and an optional password (kept in memory only) on the right. Test connection
// runs a workers::ConnectionProbe off the GUI thread and shows the server's facts or
// PostgreSQL's error inline; Connect accepts the dialog. The header takes the environment's
// colour so a production database is never mistaken for a laptop's.

#include "connection_profile.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QWidget;

namespace bellows {
struct Error;
}
namespace bellows::workers {
class ConnectionProbe;
struct ConnectionFacts;
} // namespace bellows::workers

namespace bellows::ui {

class ConnectionProfileStore;

class ConnectionDialog : public QDialog {
    Q_OBJECT
public:
    // `store` is not owned and must outlive the dialog.
    explicit ConnectionDialog(ConnectionProfileStore* store, QWidget* parent = nullptr);
    ~ConnectionDialog() override;

    // After exec() == Accepted: the chosen profile (no password) and the password typed or
    // remembered for it this session (empty: libpq's .pgpass / PGPASSWORD / service file).
    ConnectionProfile selectedProfile() const;
    QString password() const;

    void selectProfile(const QString& name);
    void newProfile();
    void deleteProfile();
    void testConnection();
    void cancelTest();
    bool isTesting() const;

    // For tests and screenshots.
    QListWidget* profileList() const { return m_list; }
    QLineEdit* nameEdit() const { return m_nameEdit; }
    QLineEdit* conninfoEdit() const { return m_conninfoEdit; }
    QComboBox* environmentCombo() const { return m_environmentCombo; }
    QLineEdit* passwordEdit() const { return m_passwordEdit; }
    QPushButton* testButton() const { return m_testButton; }
    QPushButton* cancelTestButton() const { return m_cancelTestButton; }
    QProgressBar* busyIndicator() const { return m_busy; }
    QLabel* resultLabel() const { return m_result; }
    QLabel* noteLabel() const { return m_note; }
    QWidget* header() const { return m_header; }
    workers::ConnectionProbe* probe() const { return m_probe; }

private:
    void reloadList(const QString& select);
    void showProfile(int row);
    void commitFields();
    void updateHeader();
    void setTesting(bool testing);
    void showFacts(quint64 generation, const workers::ConnectionFacts& facts);
    void showError(quint64 generation, const Error& error);
    void updateButtons();

    ConnectionProfileStore* m_store = nullptr;
    workers::ConnectionProbe* m_probe = nullptr;
    quint64 m_probeGeneration = 0;
    int m_row = -1;
    bool m_loading = false;

    QWidget* m_header = nullptr;
    QLabel* m_headerTitle = nullptr;
    QLabel* m_headerEnvironment = nullptr;
    QListWidget* m_list = nullptr;
    QPushButton* m_newButton = nullptr;
    QPushButton* m_deleteButton = nullptr;
    QLineEdit* m_nameEdit = nullptr;
    QLineEdit* m_conninfoEdit = nullptr;
    QComboBox* m_environmentCombo = nullptr;
    QLineEdit* m_passwordEdit = nullptr;
    QLabel* m_note = nullptr;
    QPushButton* m_testButton = nullptr;
    QPushButton* m_cancelTestButton = nullptr;
    QProgressBar* m_busy = nullptr;
    QLabel* m_result = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QPushButton* m_connectButton = nullptr;
};

} // namespace bellows::ui
