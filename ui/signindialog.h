#pragma once

#include "models/entities.h"

#include <QDialog>
#include <QUrl>

class QLabel;
class QLineEdit;
class QPushButton;

namespace Clearway::Sync {
class SyncClient;
}

namespace Clearway::Ui {

// Signs the officer in to clearway-server: server address (remembered), user and password.
// Accounts live on the server; the password is never stored here.
class SignInDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignInDialog)

public:
    SignInDialog(Sync::SyncClient *sync, QWidget *parent = nullptr);

    void setServer(const QString &server);
    void setUser(const QString &user);
    // Signs in at once (password given on the command line's standard input, for the demo).
    void signInWith(const QString &password);

    Models::Officer officer() const { return m_officer; }

private:
    void signIn();

    Sync::SyncClient *m_sync;
    QLineEdit *m_server;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QLabel *m_status;
    QPushButton *m_signIn;
    Models::Officer m_officer;
};

} // namespace Clearway::Ui
