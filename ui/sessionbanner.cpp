#include "ui/sessionbanner.h"

#include "sync/signin.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>

namespace Clearway::Ui {

SessionBanner::SessionBanner(Sync::SignIn *signIn, QWidget *parent)
    : QFrame(parent)
    , m_signIn(signIn)
    , m_text(new QLabel(this))
    , m_password(new QLineEdit(this))
    , m_resume(new QPushButton(tr("Resume syncing"), this))
{
    setObjectName(QStringLiteral("sessionBanner"));
    setStyleSheet(QStringLiteral("#sessionBanner { background: #e8f0fb; border-bottom: 1px solid #9db6d9; } "
                                 "#sessionBanner QLabel { color: #1d3a5f; }"));
    m_text->setObjectName(QStringLiteral("sessionBannerLabel"));
    m_text->setWordWrap(true);
    m_password->setObjectName(QStringLiteral("sessionPasswordLineEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("Password"));
    m_password->setMaximumWidth(220);
    m_resume->setObjectName(QStringLiteral("resumeSyncButton"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_password);
    layout->addWidget(m_resume);
    m_password->hide();
    m_resume->hide();
    hide();

    connect(m_resume, &QPushButton::clicked, this, &SessionBanner::submit);
    connect(m_password, &QLineEdit::returnPressed, this, &SessionBanner::submit);
    connect(m_signIn, &Sync::SignIn::passwordNeeded, this, &SessionBanner::showPasswordNeeded);
    connect(m_signIn, &Sync::SignIn::backOnline, this, [this] {
        m_submitted = false;
        m_password->clear();
        hide();
    });
}

void SessionBanner::showOffline(qint64 validUntil)
{
    m_text->setText(tr("You are signed in offline: the server could not be reached. You are working from this workstation's copy, "
                       "which may not show colleagues' latest work; what you do is kept here and sent as soon as the server answers. "
                       "Offline sign-in is allowed until %1.")
                        .arg(QLocale().toString(QDateTime::fromSecsSinceEpoch(validUntil), QLocale::ShortFormat)));
    m_password->hide();
    m_resume->hide();
    show();
}

void SessionBanner::showPasswordNeeded()
{
    m_text->setText(m_submitted ? tr("The server refused this password as well. Your unsent work is kept on this workstation. "
                                     "Enter your current password to resume syncing.")
                                : tr("The server did not accept your sign-in: your password may have been changed, or your account "
                                     "disabled. Your unsent work is kept on this workstation. Enter your password to resume syncing."));
    m_submitted = false;
    m_password->clear();
    m_password->setEnabled(true);
    m_resume->setEnabled(true);
    m_password->show();
    m_resume->show();
    show();
}

void SessionBanner::submit()
{
    if (m_password->text().isEmpty())
        return;
    m_submitted = true;
    m_password->setEnabled(false);
    m_resume->setEnabled(false);
    m_text->setText(tr("Signing in to the server…"));
    m_signIn->reauthenticate(m_password->text());
    m_password->clear();
}

} // namespace Clearway::Ui
