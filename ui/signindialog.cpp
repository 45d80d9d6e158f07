#include "ui/signindialog.h"

#include "storage/offlinecredentials.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSettings>
#include <QTimer>
#include <QVBoxLayout>

#include <optional>

namespace Clearway::Ui {

SignInDialog::SignInDialog(Sync::SignIn *signIn, QWidget *parent)
    : QDialog(parent)
    , m_signIn(signIn)
    , m_server(new QLineEdit(this))
    , m_user(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_offlineHint(new QLabel(this))
    , m_status(new QLabel(this))
    , m_waitTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("signInDialog"));
    setWindowTitle(tr("Clearway — sign in"));
    m_server->setObjectName(QStringLiteral("serverLineEdit"));
    m_user->setObjectName(QStringLiteral("userLineEdit"));
    m_password->setObjectName(QStringLiteral("passwordLineEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    m_offlineHint->setObjectName(QStringLiteral("offlineHintLabel"));
    m_offlineHint->setWordWrap(true);
    m_offlineHint->setStyleSheet(QStringLiteral("color: #555;"));
    m_status->setObjectName(QStringLiteral("signInStatusLabel"));
    m_status->setWordWrap(true);
    m_server->setPlaceholderText(QStringLiteral("wss://clearway.example:8765/sync"));
    m_waitTimer->setInterval(1000);
    connect(m_waitTimer, &QTimer::timeout, this, &SignInDialog::showWait);

    const QSettings settings;
    m_server->setText(settings.value(QStringLiteral("sync/server")).toString());
    m_user->setText(settings.value(QStringLiteral("sync/user")).toString());

    auto *form = new QFormLayout;
    form->addRow(tr("Server:"), m_server);
    form->addRow(tr("User:"), m_user);
    form->addRow(tr("Password:"), m_password);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_signInButton = buttons->addButton(tr("Sign in"), QDialogButtonBox::AcceptRole);
    m_signInButton->setObjectName(QStringLiteral("signInButton"));
    connect(buttons, &QDialogButtonBox::rejected, this, &SignInDialog::reject);
    connect(m_signInButton, &QPushButton::clicked, this, &SignInDialog::signIn);
    connect(m_server, &QLineEdit::editingFinished, this, &SignInDialog::updateOfflineHint);
    connect(m_user, &QLineEdit::editingFinished, this, &SignInDialog::updateOfflineHint);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_offlineHint);
    layout->addWidget(m_status);
    layout->addStretch(1);
    layout->addWidget(buttons);
    resize(520, 260);

    connect(m_signIn, &Sync::SignIn::succeeded, this, [this](const Models::Officer &officer, bool offline, qint64 validUntil) {
        m_officer = officer;
        m_offline = offline;
        m_offlineValidUntil = validUntil;
        QSettings settings;
        settings.setValue(QStringLiteral("sync/server"), m_server->text().trimmed());
        settings.setValue(QStringLiteral("sync/user"), m_user->text().trimmed());
        accept();
    });
    connect(m_signIn, &Sync::SignIn::checkingOffline, this, [this] {
        m_status->setText(tr("The server cannot be reached. Checking your password on this workstation…"));
    });
    connect(m_signIn, &Sync::SignIn::failed, this, &SignInDialog::onFailed);
    updateOfflineHint();
    if (!m_server->text().isEmpty() && !m_user->text().isEmpty())
        m_password->setFocus();
}

void SignInDialog::setServer(const QString &server)
{
    m_server->setText(server);
    updateOfflineHint();
}

void SignInDialog::setUser(const QString &user)
{
    m_user->setText(user);
    updateOfflineHint();
}

void SignInDialog::signInWith(const QString &password)
{
    m_password->setText(password);
    QTimer::singleShot(0, this, &SignInDialog::signIn);
}

void SignInDialog::reject()
{
    m_signIn->cancel();
    QDialog::reject();
}

QUrl SignInDialog::serverUrl() const { return QUrl::fromUserInput(m_server->text().trimmed()); }

void SignInDialog::updateOfflineHint()
{
    // Said before it is needed, so an officer about to go where the network is poor knows.
    const QUrl url = serverUrl();
    std::optional<Storage::OfflineAccount> account;
    QString error;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const bool usable = url.isValid() && !m_user->text().trimmed().isEmpty()
                        && Storage::OfflineCredentials(m_signIn->credentialsPath()).find(url, m_user->text().trimmed(), &account, &error) && account
                        && account->revoked == Storage::OfflineAccount::Revoked::No && account->validUntil > now;
    m_offlineHint->setVisible(usable);
    if (usable) {
        m_offlineHint->setText(tr("If the server cannot be reached, you can sign in on this workstation until %1.")
                                   .arg(QLocale().toString(QDateTime::fromSecsSinceEpoch(account->validUntil), QLocale::ShortFormat)));
    }
}

void SignInDialog::signIn()
{
    const QUrl url = serverUrl();
    if (!url.isValid() || (url.scheme() != QLatin1String("ws") && url.scheme() != QLatin1String("wss"))) {
        m_status->setText(tr("The server address must start with wss:// (or ws:// for a local test server)."));
        return;
    }
    if (m_user->text().trimmed().isEmpty() || m_password->text().isEmpty()) {
        m_status->setText(tr("Enter your user name and password."));
        return;
    }
    m_waitTimer->stop();
    m_signInButton->setEnabled(false);
    m_status->setText(tr("Connecting to %1…").arg(url.toDisplayString()));
    m_signIn->start(url, m_user->text().trimmed(), m_password->text());
}

void SignInDialog::onFailed(Sync::SignIn::Failure failure, qint64 retryAfter, const QString &detail)
{
    using F = Sync::SignIn::Failure;
    QString offline; // why the officer cannot work offline, after "the server cannot be reached"
    switch (failure) {
    case F::WrongPassword:
        m_failure = tr("The server refused the user name or password. Check both and try again.");
        break;
    case F::Certificate:
        m_failure = tr("Not signed in: the server's identity could not be verified, because its certificate is not trusted on this "
                       "workstation (%1). Check the server address; if it is right, ask technical support to install your office's "
                       "CA certificate.")
                        .arg(detail);
        break;
    case F::Throttled:
        m_failure = tr("The server takes no password for this account for a while: there were too many failed sign-ins to it, or from "
                       "this workstation's network.");
        break;
    case F::OfflineWrongPassword:
        offline = tr("The password does not match the one you last signed in with on this workstation, so you cannot work offline. "
                     "Check it and try again.");
        break;
    case F::OfflineTooSoon:
        offline = tr("Too many wrong passwords in a row on this workstation.");
        break;
    case F::OfflineNeverSignedIn:
        offline = tr("You can work offline only on a workstation where you have signed in to this server before, and you have not "
                     "signed in here yet. Sign in once the server can be reached; if it stays unreachable, call technical support.");
        break;
    case F::OfflineExpired:
        offline = tr("Your permission to work offline on this workstation has expired: it lasts a limited time after you last signed "
                     "in to the server. Sign in once the server can be reached.");
        break;
    case F::OfflineTurnedOff:
        offline = tr("Your office does not allow working offline (the server's setting). Sign in once the server can be reached.");
        break;
    case F::OfflineRefused:
        offline = tr("When this workstation last reached the server, the server refused this password: it has been changed, or your "
                     "account disabled. You cannot work offline with it. Sign in with the server, or ask your supervisor.");
        break;
    case F::OfflineUnreadable:
        offline = tr("The record of your earlier sign-ins on this workstation cannot be read (%1), so you cannot work offline. "
                     "Sign in once the server can be reached; if this message returns, call technical support.")
                      .arg(detail);
        break;
    }
    if (!offline.isEmpty())
        m_failure = tr("The server cannot be reached. %1").arg(offline);
    m_retryAfter = retryAfter;
    m_password->selectAll();
    m_password->setFocus();
    showWait();
}

void SignInDialog::showWait()
{
    const qint64 wait = m_retryAfter - QDateTime::currentSecsSinceEpoch();
    if (wait <= 0) {
        m_waitTimer->stop();
        m_status->setText(m_failure);
        m_signInButton->setEnabled(true);
        return;
    }
    // The verifier must not be tried quickly: the button waits, and says for how long.
    m_status->setText(m_failure + QLatin1Char('\n') + tr("You can try again in %n second(s).", nullptr, int(wait)));
    m_signInButton->setEnabled(false);
    if (!m_waitTimer->isActive())
        m_waitTimer->start();
}

} // namespace Clearway::Ui
