#include "ui/rebasebanner.h"

#include "storage/cacherebase.h"

#include <QDateTime>
#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QPushButton>

namespace Clearway::Ui {

Q_LOGGING_CATEGORY(lcRebaseBanner, "clearway.ui.rebase")

RebaseBanner::RebaseBanner(const QString &cachePath, QWidget *parent)
    : QFrame(parent)
    , m_cachePath(cachePath)
    , m_text(new QLabel(this))
    , m_rebase(new QPushButton(tr("Copy again from this server…"), this))
{
    setObjectName(QStringLiteral("rebaseBanner"));
    setStyleSheet(QStringLiteral("#rebaseBanner { background: #fff4ce; border-bottom: 1px solid #e0c36b; } "
                                 "#rebaseBanner QLabel { color: #5c4400; }"));
    m_text->setObjectName(QStringLiteral("rebaseBannerLabel"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_rebase->setObjectName(QStringLiteral("rebaseButton"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_rebase, 0, Qt::AlignVCenter);
    hide();
    connect(m_rebase, &QPushButton::clicked, this, &RebaseBanner::confirm);
}

void RebaseBanner::showServerChanged(const QString &previousEpoch, const QString &epoch)
{
    m_previousEpoch = previousEpoch;
    m_text->setText(tr("The server is not the one this cache was filled from: it was restored from a backup or replaced. "
                       "Nothing is sent to it and nothing is taken from it, and nothing was deleted here: your unsent work is kept. "
                       "To work with this server again, copy again from it."));
    m_text->setToolTip(tr("This cache was filled from server database %1; the server now has %2.").arg(previousEpoch, epoch));
    show();
}

void RebaseBanner::confirm()
{
    Storage::CacheOrigin origin;
    QString error;
    if (!Storage::readCacheOrigin(m_cachePath, &origin, &error)) {
        qCWarning(lcRebaseBanner).noquote() << "cannot read" << m_cachePath << ":" << error;
        QMessageBox::warning(this, tr("Copy again from this server"), error);
        return;
    }
    const QString kept = Storage::keptCacheName(m_cachePath, m_previousEpoch, QDateTime::currentDateTimeUtc());
    const int unsent = int(origin.unsent);
    QMessageBox box(QMessageBox::Warning, tr("Copy again from this server"), tr("Start again from the server as it is now?"), QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("rebaseConfirmMessageBox"));
    QString details = tr("This workstation's cache is not deleted: it is kept, unchanged, as\n%1\nso technical support can still open it.")
                          .arg(QDir::toNativeSeparators(kept));
    details += QStringLiteral("\n\n")
        + (unsent > 0 ? tr("Your %n unsent action(s) are carried over and sent to this server once the new copy is made. The server decides each one "
                           "again on what it holds now: an action that no longer fits (the item is gone or has changed there) is refused, "
                           "and you are told why.",
                           nullptr, unsent)
                      : tr("You have no unsent actions."));
    details += QStringLiteral("\n\n")
        + tr("Work the previous server had already accepted is not sent again. The workstation then copies the server's data and asks you to sign in again.");
    box.setInformativeText(details);
    QPushButton *go = box.addButton(tr("Copy again"), QMessageBox::AcceptRole);
    go->setObjectName(QStringLiteral("rebaseConfirmButton"));
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() != go)
        return;
    qCInfo(lcRebaseBanner).noquote() << "re-base confirmed: keeping" << m_cachePath << "as" << kept << "with" << unsent << "unsent commands";
    m_rebase->setEnabled(false);
    Q_EMIT rebaseConfirmed(kept);
}

} // namespace Clearway::Ui
