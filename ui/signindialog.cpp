#include "ui/signindialog.h"

#include "sync/syncclient.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTimer>
#include <QVBoxLayout>

namespace Clearway::Ui {

namespace {
constexpr int kSignInTimeoutMs = 15000;
}

SignInDialog::SignInDialog(Sync::SyncClient *sync, QWidget *parent)
    : QDialog(parent)
    , m_sync(sync)
    , m_server(new QLineEdit(this))
    , m_user(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("signInDialog"));
    setWindowTitle(tr("Clearway — sign in"));
    m_server->setObjectName(QStringLiteral("serverLineEdit"));
    m_user->setObjectName(QStringLiteral("userLineEdit"));
    m_password->setObjectName(QStringLiteral("passwordLineEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    m_status->setObjectName(QStringLiteral("signInStatusLabel"));
    m_status->setWordWrap(true);
    m_server->setPlaceholderText(QStringLiteral("wss://clearway.example:8765/sync"));

    const QSettings settings;
    m_server->setText(settings.value(QStringLiteral("sync/server")).toString());
    m_user->setText(settings.value(QStringLiteral("sync/user")).toString());

    auto *form = new QFormLayout;
    form->addRow(tr("Server:"), m_server);
    form->addRow(tr("User:"), m_user);
    form->addRow(tr("Password:"), m_password);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_signIn = buttons->addButton(tr("Sign in"), QDialogButtonBox::AcceptRole);
    m_signIn->setObjectName(QStringLiteral("signInButton"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_signIn, &QPushButton::clicked, this, &SignInDialog::signIn);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(480, 220);

    connect(m_sync, &Sync::SyncClient::signedIn, this, [this](const Models::Officer &officer) {
        m_officer = officer;
        QSettings settings;
        settings.setValue(QStringLiteral("sync/server"), m_server->text().trimmed());
        settings.setValue(QStringLiteral("sync/user"), m_user->text().trimmed());
        accept();
    });
    connect(m_sync, &Sync::SyncClient::signInFailed, this, [this](const QString &message) {
        m_status->setText(tr("Sign-in refused: %1").arg(message));
        m_signIn->setEnabled(true);
        m_password->selectAll();
        m_password->setFocus();
    });
    connect(m_sync, &Sync::SyncClient::certificateRejected, this, [this](const QString &detail) {
        m_status->setText(tr("Not signed in: the server's identity could not be verified, because its certificate is not trusted on this "
                             "workstation (%1). Check the server address; if it is right, ask technical support to install your office's "
                             "CA certificate.")
                              .arg(detail));
        m_signIn->setEnabled(true);
    });
    if (!m_server->text().isEmpty() && !m_user->text().isEmpty())
        m_password->setFocus();
}

void SignInDialog::setServer(const QString &server) { m_server->setText(server); }

void SignInDialog::setUser(const QString &user) { m_user->setText(user); }

void SignInDialog::signInWith(const QString &password)
{
    m_password->setText(password);
    QTimer::singleShot(0, this, &SignInDialog::signIn);
}

void SignInDialog::signIn()
{
    const QUrl url = QUrl::fromUserInput(m_server->text().trimmed());
    if (!url.isValid() || (url.scheme() != QLatin1String("ws") && url.scheme() != QLatin1String("wss"))) {
        m_status->setText(tr("The server address must start with wss:// (or ws:// for a local test server)."));
        return;
    }
    if (m_user->text().trimmed().isEmpty() || m_password->text().isEmpty()) {
        m_status->setText(tr("Enter your user name and password."));
        return;
    }
    m_signIn->setEnabled(false);
    m_status->setText(tr("Connecting to %1…").arg(url.toDisplayString()));
    m_sync->start(url, m_user->text().trimmed(), m_password->text());
    QTimer::singleShot(kSignInTimeoutMs, this, [this] {
        if (result() == QDialog::Accepted || m_signIn->isEnabled())
            return;
        m_sync->stop();
        m_signIn->setEnabled(true);
        m_status->setText(tr("The server does not answer. Check the address and the network, then try again. "
                             "(Signing in offline arrives with cached credentials in a later version.)"));
    });
}

} // namespace Clearway::Ui
