#include "ui/riskpanel.h"

#include "storage/cache.h"
#include "storage/cachewriter.h"
#include "storage/valueformat.h"
#include "sync/syncclient.h"

#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace Clearway::Ui {

using Models::Channel;
using Models::RiskHit;
using Models::RiskHitKind;

namespace {

QString laneColour(Channel channel)
{
    switch (channel) {
    case Channel::Green: return QStringLiteral("#1e6b34");
    case Channel::Yellow: return QStringLiteral("#8a5a00");
    case Channel::Red: return QStringLiteral("#a3101a");
    case Channel::Blue: return QStringLiteral("#1d4f91");
    case Channel::Unassessed: break;
    }
    return QStringLiteral("#555555");
}

// What a lane means for the goods, in the officer's words.
QString laneMeaning(Channel channel)
{
    switch (channel) {
    case Channel::Green: return RiskPanel::tr("release");
    case Channel::Yellow: return RiskPanel::tr("document review before release");
    case Channel::Red: return RiskPanel::tr("physical inspection");
    case Channel::Blue: return RiskPanel::tr("release now, audit after clearance");
    case Channel::Unassessed: break;
    }
    return RiskPanel::tr("not assessed");
}

QString laneText(Channel channel) { return RiskPanel::tr("%1 (%2)").arg(Models::channelLabel(channel), laneMeaning(channel)); }

QString percent(double fraction) { return QLocale().toString(fraction * 100.0, 'f', fraction * 100.0 < 10 ? 2 : 1); }

} // namespace

RiskPanel::RiskPanel(QWidget *parent)
    : QWidget(parent)
    , m_lane(new QLabel(this))
    , m_routed(new QLabel(this))
    , m_status(new QLabel(this))
    , m_change(new QPushButton(tr("Change channel…"), this))
    , m_reasons(new QTextBrowser(this))
{
    setObjectName(QStringLiteral("riskPanel"));
    m_lane->setObjectName(QStringLiteral("riskLaneLabel"));
    m_lane->setTextFormat(Qt::RichText);
    m_routed->setObjectName(QStringLiteral("riskRoutedLabel"));
    m_routed->setWordWrap(true);
    m_routed->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setObjectName(QStringLiteral("riskStatusLabel"));
    m_status->setWordWrap(true);
    m_status->hide();
    m_change->setObjectName(QStringLiteral("changeChannelButton"));
    m_change->setToolTip(tr("Route this declaration to another channel, with a reason (Ctrl+Shift+C)"));
    m_reasons->setObjectName(QStringLiteral("riskReasonsTextBrowser"));
    m_reasons->setOpenLinks(false);
    m_reasons->setFrameShape(QFrame::NoFrame);

    auto *top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(m_lane, 1);
    top->addWidget(m_change);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(top);
    layout->addWidget(m_routed);
    layout->addWidget(m_status);
    layout->addWidget(m_reasons, 1);

    connect(m_change, &QPushButton::clicked, this, &RiskPanel::changeChannelRequested);
}

void RiskPanel::setSync(Sync::SyncClient *sync)
{
    m_sync = sync;
    // Back online: explain what could not be explained offline.
    connect(sync, &Sync::SyncClient::stateChanged, this, [this](Sync::SyncClient::State state) {
        if (state == Sync::SyncClient::State::Online && m_id && m_status->isVisible())
            showDeclaration(m_id);
    });
}

void RiskPanel::showStatus(const QString &text, bool problem)
{
    m_status->setText(text);
    m_status->setStyleSheet(problem ? QStringLiteral("color: #8a5a00;") : QString());
    m_status->setVisible(!text.isEmpty());
}

void RiskPanel::showDeclaration(qint64 id)
{
    m_id = id;
    Storage::DeclarationRisk risk;
    QString error;
    if (!m_cache || !Storage::loadDeclarationRisk(QSqlDatabase::database(m_cache->connectionName(), false), id, &risk, &error)) {
        m_lane->clear();
        m_routed->clear();
        m_reasons->clear();
        showStatus(error, true);
        return;
    }
    render(risk);
    // Asked only when the officer looks at the tab, not for every declaration passed in the queue.
    m_askWhenShown = !risk.routing && !m_notRouted.contains(id);
    if (m_askWhenShown && isVisible())
        ask(id);
}

void RiskPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_askWhenShown && m_id)
        ask(m_id);
}

void RiskPanel::render(const Storage::DeclarationRisk &risk)
{
    m_current = risk.current;
    m_number = risk.number;
    m_lane->setText(tr("Channel: <b style=\"color:%1\">%2</b>").arg(laneColour(risk.current), laneText(risk.current).toHtmlEscaped()));
    if (!risk.routing) {
        m_routed->setText(tr("How the rules routed this declaration is not known on this workstation yet."));
        m_reasons->clear();
        return;
    }
    const Storage::RiskRouting &r = *risk.routing;
    QString routed = r.ruleSet > 0 ? tr("Routed %1 on arrival by rule set version %2, %3 (%4).")
                                         .arg(Models::channelLabel(r.channel))
                                         .arg(r.ruleSet)
                                         .arg(Storage::formatTimestamp(r.routedAt), r.routedBy)
                                   : tr("Routed %1 on arrival with no rule set published (only the credit class counts), %2 (%3).")
                                         .arg(Models::channelLabel(r.channel), Storage::formatTimestamp(r.routedAt), r.routedBy);
    if (r.channel != risk.current)
        routed += QLatin1Char(' ') + tr("The channel was changed by hand since: the History tab says who did it and why.");
    m_routed->setText(routed);
    showStatus({}, false);
    if (r.hits.isEmpty()) {
        m_reasons->setHtml(tr("<p>No rule applied to this declaration: the green channel.</p>"));
        return;
    }
    QString html;
    for (const RiskHit &hit : r.hits)
        html += reasonHtml(hit);
    m_reasons->setHtml(html);
}

void RiskPanel::ask(qint64 id)
{
    m_askWhenShown = false;
    if (!m_sync || !m_sync->isSignedIn()) {
        showStatus(tr("The reasons for this lane are not kept on this workstation and the server cannot be reached now. "
                      "They are shown once the connection is back."),
                   true);
        return;
    }
    if (m_asking == id)
        return;
    m_asking = id;
    showStatus(tr("Asking the server why this declaration has its lane…"), false);
    const QJsonObject message{{QStringLiteral("type"), QStringLiteral("risk_reasons")}, {QStringLiteral("declarationId"), id}};
    m_sync->request(message, this, [this, id](const QJsonObject &reply) {
        m_asking = 0;
        const QString type = reply.value(QStringLiteral("type")).toString();
        const QString code = reply.value(QStringLiteral("code")).toString();
        QString error;
        std::optional<Storage::RiskRouting> routing;
        if (type == QLatin1String("risk_reasons"))
            routing = Storage::riskRoutingFromJson(id, reply, &error);
        if (routing && m_cache)
            m_cache->writer()->keepRiskRouting(*routing);
        if (id != m_id)
            return;
        if (routing) {
            Storage::DeclarationRisk risk;
            risk.current = m_current;
            risk.number = m_number;
            risk.routing = routing;
            render(risk);
        } else if (code == QLatin1String("not_found")) {
            m_notRouted.insert(id);
            showStatus(tr("This declaration was not routed by the rules on this server (it was imported from elsewhere), so there are no reasons to show."),
                       false);
        } else if (code == QLatin1String("offline") || code == QLatin1String("disconnected") || code == QLatin1String("timeout")) {
            showStatus(tr("The reasons for this lane are not kept on this workstation and the server cannot be reached now (%1).")
                           .arg(reply.value(QStringLiteral("message")).toString()),
                       true);
        } else {
            showStatus(tr("The server could not say why this declaration has its lane: %1")
                           .arg(error.isEmpty() ? reply.value(QStringLiteral("message")).toString() : error),
                       true);
        }
    });
}

QString RiskPanel::reasonSummary(const RiskHit &hit)
{
    switch (hit.kind) {
    case RiskHitKind::DishonestCredit: return tr("Dishonest credit class → %1").arg(Models::channelLabel(hit.channel));
    case RiskHitKind::Blacklist: return tr("Blacklisted enterprise → %1").arg(Models::channelLabel(hit.channel));
    case RiskHitKind::Rule: return tr("%1 %2 → %3").arg(hit.ruleId, hit.ruleName, Models::channelLabel(hit.channel));
    case RiskHitKind::RandomSelection: return tr("%1 %2 (random selection) → %3").arg(hit.ruleId, hit.ruleName, Models::channelLabel(hit.channel));
    }
    return {};
}

QString RiskPanel::reasonHtml(const RiskHit &hit)
{
    const QString lane = QStringLiteral("<b style=\"color:%1\">%2</b>").arg(laneColour(hit.channel), Models::channelLabel(hit.channel).toHtmlEscaped());
    QString heading;
    QStringList lines;
    switch (hit.kind) {
    case RiskHitKind::DishonestCredit:
        heading = tr("Dishonest credit class: %1, whatever the rules say").arg(lane);
        lines << tr("Enterprise %1 is classed as dishonest by customs; its declarations are always inspected. No officer can lower this lane.")
                     .arg(hit.enterpriseCode.toHtmlEscaped());
        break;
    case RiskHitKind::Blacklist:
        heading = tr("Blacklisted enterprise: %1, whatever the rules say").arg(lane);
        lines << tr("Enterprise %1 is on the blacklist; its declarations are always inspected. No officer can lower this lane.")
                     .arg(hit.enterpriseCode.toHtmlEscaped());
        break;
    case RiskHitKind::Rule:
        heading = tr("Rule %1 “%2”: %3").arg(hit.ruleId.toHtmlEscaped(), hit.ruleName.toHtmlEscaped(), lane);
        break;
    case RiskHitKind::RandomSelection:
        heading = tr("Random selection by rule %1 “%2”: at least %3").arg(hit.ruleId.toHtmlEscaped(), hit.ruleName.toHtmlEscaped(), lane);
        lines << tr("The rule picks %1 % of the declarations it covers at random. This declaration drew %2, below %3, so it was picked. "
                    "The draw comes from the entry number, so the same declaration is always picked again under this rule set.")
                     .arg(percent(double(hit.samplePpm) / 1e6), QLocale().toString(hit.draw, 'f', 4), QLocale().toString(double(hit.samplePpm) / 1e6, 'f', 4));
        break;
    }
    if (hit.goodsLine > 0)
        lines << tr("Goods line %1 met the rule.").arg(hit.goodsLine);
    if (hit.referenceFen > 0) {
        lines << tr("Its unit value is %1 per %2: %3 % of the reference value %4 per %2.")
                     .arg(Models::formatMoney(qRound64(hit.unitValueFen), QStringLiteral("CNY")), hit.unit.toHtmlEscaped(),
                          percent(hit.unitValueFen / hit.referenceFen), Models::formatMoney(qRound64(hit.referenceFen), QStringLiteral("CNY")));
    }
    QString html = QStringLiteral("<p style=\"margin-bottom:2px\"><b>%1</b></p>").arg(heading);
    if (!hit.instruction.isEmpty()) {
        html += QStringLiteral("<p style=\"margin:2px 0 2px 12px; background:#fff4ce; color:#5c4400\">%1 %2</p>")
                    .arg(tr("<b>To the examiner:</b>"), hit.instruction.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")));
    }
    for (const QString &line : std::as_const(lines))
        html += QStringLiteral("<p style=\"margin:2px 0 2px 12px\">%1</p>").arg(line);
    return html;
}

} // namespace Clearway::Ui
