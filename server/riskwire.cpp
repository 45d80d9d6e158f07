#include "server/riskwire.h"

#include "models/riskrules.h"

#include <QDateTime>
#include <QHash>
#include <QJsonDocument>

#include <cmath>

namespace Clearway::Server {

QJsonArray riskHitsJson(const QList<Models::RiskHit> &hits)
{
    QJsonArray out;
    for (const Models::RiskHit &h : hits) {
        QJsonObject o{{QStringLiteral("kind"), Models::riskHitKindKey(h.kind)},
                      {QStringLiteral("channel"), Models::channelKey(h.channel)},
                      {QStringLiteral("text"), Models::riskHitText(h)}};
        if (!h.ruleId.isEmpty()) {
            o.insert(QStringLiteral("ruleId"), h.ruleId);
            o.insert(QStringLiteral("ruleName"), h.ruleName);
        }
        if (!h.instruction.isEmpty())
            o.insert(QStringLiteral("instruction"), h.instruction);
        if (!h.enterpriseCode.isEmpty())
            o.insert(QStringLiteral("enterprise"), h.enterpriseCode);
        if (h.goodsLine > 0)
            o.insert(QStringLiteral("goodsLine"), h.goodsLine);
        if (h.kind == Models::RiskHitKind::RandomSelection) {
            o.insert(QStringLiteral("samplePercent"), double(h.samplePpm) / 10000.0);
            o.insert(QStringLiteral("draw"), h.draw);
        }
        if (h.referenceFen > 0) {
            o.insert(QStringLiteral("unitValue"), h.unitValueFen / 100.0);
            o.insert(QStringLiteral("reference"), h.referenceFen / 100.0);
            o.insert(QStringLiteral("unit"), h.unit);
        }
        out.append(o);
    }
    return out;
}

QJsonArray ruleErrorsJson(const QList<Models::RuleSetError> &errors)
{
    QJsonArray out;
    for (const Models::RuleSetError &e : errors)
        out.append(QJsonObject{{QStringLiteral("line"), e.line}, {QStringLiteral("code"), e.code}, {QStringLiteral("message"), e.message}});
    return out;
}

QJsonArray fieldIssuesJson(const QList<Models::FieldIssue> &issues)
{
    QJsonArray out;
    for (const Models::FieldIssue &i : issues)
        out.append(QJsonObject{{QStringLiteral("field"), i.field}, {QStringLiteral("code"), i.code}, {QStringLiteral("reason"), i.reason}});
    return out;
}

QJsonObject laneCounts(const std::array<int, 5> &counts)
{
    QJsonObject o;
    for (Models::Channel c : {Models::Channel::Green, Models::Channel::Yellow, Models::Channel::Red, Models::Channel::Blue})
        o.insert(Models::channelKey(c), counts.at(size_t(c)));
    if (counts.at(size_t(Models::Channel::Unassessed)) > 0)
        o.insert(QStringLiteral("unassessed"), counts.at(size_t(Models::Channel::Unassessed)));
    return o;
}

QJsonObject dryRunJson(const Models::DryRunReport &report, int maxListed, int maxBytes)
{
    QJsonObject targets;
    for (Models::Channel c : {Models::Channel::Green, Models::Channel::Yellow, Models::Channel::Red, Models::Channel::Blue}) {
        if (report.targetPpm.at(size_t(c)) >= 0)
            targets.insert(Models::channelKey(c), double(report.targetPpm.at(size_t(c))) / 10000.0);
    }
    QJsonArray changes;
    qsizetype bytes = 0;
    for (const Models::DryRunChange &c : report.changes) {
        if (changes.size() >= maxListed)
            break;
        const QJsonObject change{{QStringLiteral("declarationId"), c.declarationId},
                                   {QStringLiteral("entryNo"), c.entryNo},
                                   {QStringLiteral("before"), c.before == Models::Channel::Unassessed ? QStringLiteral("unassessed") : Models::channelKey(c.before)},
                                   {QStringLiteral("after"), Models::channelKey(c.after)},
                                   {QStringLiteral("reasons"), riskHitsJson(c.hits)}};
        bytes += QJsonDocument(change).toJson(QJsonDocument::Compact).size();
        if (bytes > maxBytes)
            break;
        changes.append(change);
    }
    return {{QStringLiteral("name"), report.version},         {QStringLiteral("total"), report.total},
            {QStringLiteral("changed"), report.changed},       {QStringLiteral("before"), laneCounts(report.before)},
            {QStringLiteral("after"), laneCounts(report.after)}, {QStringLiteral("targetPercent"), targets},
            {QStringLiteral("changes"), changes}};
}

namespace {

class Reader
{
public:
    Reader(const QJsonObject &o, QString prefix, QList<Models::FieldIssue> *issues)
        : m_o(o)
        , m_prefix(std::move(prefix))
        , m_issues(issues)
    {
    }

    QString text(const char *key)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull())
            return {};
        if (!v.isString())
            bad(key, "must be a string");
        return v.toString();
    }
    qint64 integer(const char *key)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull())
            return 0;
        const double d = v.toDouble();
        if (!v.isDouble() || d != double(qint64(d)) || std::abs(d) > 9007199254740992.0) {
            bad(key, "must be a whole number (minor units of the currency)");
            return 0;
        }
        return qint64(d);
    }
    double number(const char *key)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (!v.isUndefined() && !v.isNull() && !v.isDouble())
            bad(key, "must be a number");
        return v.toDouble();
    }
    // An enumerated field by its key; `fallback` when absent.
    template<typename E>
    E key(const char *key, Models::RiskField field, E fallback)
    {
        const QString k = text(key);
        if (k.isEmpty())
            return fallback;
        const std::optional<int> v = Models::riskFieldEnumValue(field, k);
        if (!v) {
            bad(key, "has an unknown value");
            return fallback;
        }
        return static_cast<E>(*v);
    }
    QDateTime time(const char *key)
    {
        const QString t = text(key);
        if (t.isEmpty())
            return {};
        QDateTime dt = QDateTime::fromString(t, Qt::ISODate);
        if (!dt.isValid())
            bad(key, "must be an ISO 8601 date and time");
        return dt;
    }
    void bad(const char *key, const char *what)
    {
        m_issues->append({m_prefix + QLatin1String(key), QStringLiteral("malformed"),
                          QStringLiteral("\"%1\" %2.").arg(m_prefix + QLatin1String(key), QLatin1String(what))});
    }

private:
    QJsonObject m_o;
    QString m_prefix;
    QList<Models::FieldIssue> *m_issues;
};

std::optional<Models::GuaranteeKind> guaranteeFromKey(const QString &key)
{
    static const QHash<QString, Models::GuaranteeKind> keys = {
        {QStringLiteral("none"), Models::GuaranteeKind::None},
        {QStringLiteral("cash-deposit"), Models::GuaranteeKind::CashDeposit},
        {QStringLiteral("bank-guarantee"), Models::GuaranteeKind::BankGuarantee},
        {QStringLiteral("general-guarantee"), Models::GuaranteeKind::GeneralGuarantee},
        {QStringLiteral("tariff-insurance"), Models::GuaranteeKind::TariffInsurance},
        {QStringLiteral("finance-company"), Models::GuaranteeKind::FinanceCompany},
        {QStringLiteral("third-party-credit"), Models::GuaranteeKind::ThirdPartyCredit},
    };
    const auto it = keys.find(key.isEmpty() ? QStringLiteral("none") : key);
    return it == keys.end() ? std::nullopt : std::optional(*it);
}

} // namespace

Models::Declaration declarationFromJson(const QJsonObject &o, QList<Models::FieldIssue> *issues)
{
    Models::Declaration d;
    Reader r(o, QString(), issues);
    d.entryNo = r.text("entryNo");
    d.district = r.text("district");
    d.direction = r.key("direction", Models::RiskField::Direction, Models::Direction::Import);
    d.mode = r.key("mode", Models::RiskField::DeclarationMode, Models::DeclarationMode::Standard);
    d.tradeMode = r.text("tradeMode");
    d.transport = r.key("transport", Models::RiskField::Transport, Models::Transport::Sea);
    d.vessel = r.text("vessel");
    d.voyage = r.text("voyage");
    d.billNo = r.text("billNo");
    d.manifestNo = r.text("manifestNo");
    d.totalValue = r.integer("totalValue");
    d.currency = r.text("currency");
    d.arrivalAt = r.time("arrivalAt");
    d.declaredAt = r.time("declaredAt");
    const std::optional<Models::GuaranteeKind> guarantee = guaranteeFromKey(r.text("guarantee"));
    if (guarantee)
        d.guarantee = *guarantee;
    else
        r.bad("guarantee", "has an unknown value");
    const QJsonValue enterprise = o.value(QStringLiteral("enterprise"));
    if (!enterprise.isObject()) {
        r.bad("enterprise", "must be an object with code, name and credit");
    } else {
        Reader e(enterprise.toObject(), QStringLiteral("enterprise."), issues);
        d.enterprise.code = e.text("code");
        d.enterprise.name = e.text("name");
        d.enterprise.credit = e.key("credit", Models::RiskField::CreditClass, Models::CreditClass::General);
    }
    const QJsonValue goods = o.value(QStringLiteral("goods"));
    if (!goods.isArray()) {
        r.bad("goods", "must be an array of goods lines");
    } else {
        int lineNo = 0;
        for (const QJsonValue &v : goods.toArray()) {
            ++lineNo;
            Reader g(v.toObject(), QStringLiteral("goods[%1].").arg(lineNo), issues);
            if (!v.isObject()) {
                g.bad("", "must be an object");
                continue;
            }
            Models::GoodsLine line;
            line.lineNo = lineNo;
            line.hsCode = g.text("hsCode");
            line.description = g.text("description");
            line.quantity = g.number("quantity");
            line.unit = g.text("unit");
            line.value = g.integer("value");
            line.currency = g.text("currency");
            line.origin = g.text("origin");
            d.goods.append(line);
        }
    }
    return d;
}

} // namespace Clearway::Server
