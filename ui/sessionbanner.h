#pragma once

#include <QFrame>

class QLabel;
class QLineEdit;
class QPushButton;

namespace Clearway::Sync {
class SignIn;
}

namespace Clearway::Ui {

// A strip above the queues while the session with the server needs the officer's attention:
// signed in offline (until the server answers), or the server refused the session and waits for
// the password typed again. Never modal: work goes on from the cache, and the outbox is kept.
class SessionBanner final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionBanner)

public:
    explicit SessionBanner(Sync::SignIn *signIn, QWidget *parent = nullptr);

    // Signed in without the server, allowed until validUntil (seconds since the epoch).
    void showOffline(qint64 validUntil);

private:
    void showPasswordNeeded();
    void submit();

    Sync::SignIn *m_signIn;
    QLabel *m_text;
    QLineEdit *m_password;
    QPushButton *m_resume;
    bool m_submitted = false; // the officer typed a password that is being tried
};

} // namespace Clearway::Ui
