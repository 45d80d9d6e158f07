#include "ui/reroutedialog.h"

#include "models/riskrules.h"
#include "sync/syncclient.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Clearway::Ui {

using Models::Channel;

RerouteDialog::RerouteDialog(Sync::SyncClient *sync, qint64 declarationId, const QString &number, Channel current, QWidget *parent)
    : QDialog(parent)
    , m_sync(sync)
    , m_id(declarationId)
    , m_current(current)
    , m_channel(new QComboBox(this))
    , m_reason(new QPlainTextEdit(this))
    , m_status(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("rerouteDialog"));
    setWindowTitle(tr("Change channel of %1").arg(number));
    setAttribute(Qt::WA_DeleteOnClose);
    m_channel->setObjectName(QStringLiteral("rerouteChannelComboBox"));
    for (Channel c : {Channel::Green, Channel::Yellow, Channel::Red, Channel::Blue}) {
        if (c != current)
            m_channel->addItem(Models::channelLabel(c), static_cast<int>(c));
    }
    m_reason->setObjectName(QStringLiteral("rerouteReasonTextEdit"));
    m_reason->setPlaceholderText(tr("Why the lane changes, e.g. \"Weighed on arrival: as declared\". Recorded in the history and the audit log."));
    m_reason->setTabChangesFocus(true);
    m_status->setObjectName(QStringLiteral("rerouteStatusLabel"));
    m_status->setWordWrap(true);
    m_status->hide();
    m_buttons->setObjectName(QStringLiteral("rerouteButtonBox"));
    QPushButton *ok = m_buttons->button(QDialogButtonBox::Ok);
    ok->setObjectName(QStringLiteral("rerouteButton"));
    ok->setText(tr("Change channel"));

    auto *form = new QFormLayout;
    form->addRow(tr("Channel now:"), new QLabel(Models::channelLabel(current), this));
    form->addRow(tr("New channel:"), m_channel);
    form->addRow(tr("Reason (required):"), m_reason);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);
    resize(520, 280);

    connect(m_reason, &QPlainTextEdit::textChanged, this, &RerouteDialog::updateButton);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &RerouteDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateButton();
}

void RerouteDialog::updateButton()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!m_sending && !m_reason->toPlainText().trimmed().isEmpty());
}

QString RerouteDialog::refusalText(const QString &code, const QString &serverMessage)
{
    if (code == QLatin1String("permission"))
        return tr("You may not change channels: only a section chief, or an officer granted re-routing (risk.reroute), may.");
    if (code == QLatin1String("mandatory_red"))
        return tr("The red channel is mandatory for this declaration: its enterprise has a dishonest credit class or is on the blacklist, "
                  "and nobody can lower it. Correcting the enterprise's credit record or the blacklist is the way out.");
    if (code == QLatin1String("reason_required"))
        return tr("A reason is required to change a channel.");
    if (code == QLatin1String("same_channel"))
        return tr("The declaration already has this channel.");
    if (code == QLatin1String("not_found"))
        return tr("The server does not know this declaration.");
    if (code == QLatin1String("offline") || code == QLatin1String("disconnected") || code == QLatin1String("timeout"))
        return tr("The channel was not changed: %1 Changing a channel needs the server; try again when it can be reached.").arg(serverMessage);
    return tr("The server refused to change the channel: %1").arg(serverMessage);
}

void RerouteDialog::submit()
{
    const QString reason = m_reason->toPlainText().trimmed();
    if (reason.isEmpty())
        return;
    if (!m_sync || !m_sync->isSignedIn()) {
        m_status->setText(refusalText(QStringLiteral("offline"), tr("the workstation is offline.")));
        m_status->show();
        return;
    }
    const auto to = static_cast<Channel>(m_channel->currentData().toInt());
    m_sending = true;
    updateButton();
    m_status->setText(tr("Sending to the server…"));
    m_status->setStyleSheet({});
    m_status->show();
    const QJsonObject message{{QStringLiteral("type"), QStringLiteral("reroute")},
                              {QStringLiteral("declarationId"), m_id},
                              {QStringLiteral("channel"), Models::channelKey(to)},
                              {QStringLiteral("reason"), reason}};
    m_sync->request(message, this, [this, to](const QJsonObject &reply) {
        m_sending = false;
        updateButton();
        if (reply.value(QStringLiteral("type")).toString() == QLatin1String("rerouted")) {
            Q_EMIT rerouted(m_id, to);
            accept();
            return;
        }
        m_status->setText(refusalText(reply.value(QStringLiteral("code")).toString(), reply.value(QStringLiteral("message")).toString()));
        m_status->setStyleSheet(QStringLiteral("color: #a3101a;"));
    });
}

} // namespace Clearway::Ui
