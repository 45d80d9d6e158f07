#pragma once

#include "models/entities.h"
#include "sync/signin.h"

#include <QDialog>
#include <QUrl>

class QLabel;
class QLineEdit;
class QPushButton;
class QTimer;

namespace Clearway::Ui {

// Signs the officer in: server address (remembered), user and password. Accounts live on the
// server; when it cannot be reached, an officer who signed in to it on this workstation before
// signs in offline (Sync::SignIn). The password itself is never stored.
class SignInDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignInDialog)

public:
    explicit SignInDialog(Sync::SignIn *signIn, QWidget *parent = nullptr);

    void setServer(const QString &server);
    void setUser(const QString &user);
    // Signs in at once (password given on the command line's standard input, for the demo).
    void signInWith(const QString &password);

    Models::Officer officer() const { return m_officer; }
    // Signed in without the server, from this workstation's verifier, valid until offlineValidUntil().
    bool isOffline() const { return m_offline; }
    qint64 offlineValidUntil() const { return m_offlineValidUntil; }

protected:
    void reject() override;

private:
    void signIn();
    void onFailed(Sync::SignIn::Failure failure, qint64 retryAfter, const QString &detail);
    void updateOfflineHint();
    void showWait(); // the wait after wrong passwords offline, counting down
    QUrl serverUrl() const;

    Sync::SignIn *m_signIn;
    QLineEdit *m_server;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QLabel *m_offlineHint;
    QLabel *m_status;
    QPushButton *m_signInButton;
    QTimer *m_waitTimer;
    QString m_failure;     // why the last attempt failed, shown above the wait
    qint64 m_retryAfter = 0;
    Models::Officer m_officer;
    bool m_offline = false;
    qint64 m_offlineValidUntil = 0;
};

} // namespace Clearway::Ui
