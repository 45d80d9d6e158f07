#include "server/quotaservice.h"

#include "server/store.h"
#include "sync/message.h"

#include <QJsonArray>
#include <QLoggingCategory>

namespace Clearway::Server {

Q_LOGGING_CATEGORY(lcQuota, "clearway.server.quota")

QuotaService::QuotaService(Store *store)
    : m_store(store)
{
}

bool QuotaService::handles(const QString &type) { return type == QLatin1String("quota_restore"); }

QJsonObject QuotaService::answer(const Models::Officer &officer, const QString &, qint64 id, const QJsonObject &body, bool *committed)
{
    *committed = false;
    auto error = [id](const QString &code, const QString &message) {
        return QJsonObject{{QStringLiteral("type"), QStringLiteral("error")}, {QStringLiteral("re"), id}, {QStringLiteral("code"), code},
                           {QStringLiteral("message"), message}};
    };
    Sync::DecodeError bad;
    QString buyer, caseRef;
    if (!Sync::readString(body, QStringLiteral("buyerIdNo"), true, 32, &buyer, &bad)
        || !Sync::readString(body, QStringLiteral("caseRef"), true, 128, &caseRef, &bad))
        return error(bad.code, bad.message);
    const QJsonValue list = body.value(QStringLiteral("orders"));
    if (!list.isArray() || list.toArray().isEmpty() || list.toArray().size() > kMaxOrders)
        return error(QStringLiteral("bad_request"), QStringLiteral("field \"orders\" must list 1 to %1 order numbers").arg(kMaxOrders));
    QStringList orders;
    for (const QJsonValue &v : list.toArray()) {
        if (!v.isString() || v.toString().isEmpty() || v.toString().size() > 64)
            return error(QStringLiteral("bad_request"), QStringLiteral("field \"orders\" must hold order numbers (strings of 1 to 64 characters)"));
        orders << v.toString();
    }
    const QuotaRestoreResult r = m_store->restoreQuota(buyer, orders, caseRef, officer);
    switch (r.outcome) {
    case QuotaRestoreResult::Outcome::Restored: {
        *committed = !r.restoration.restored.isEmpty();
        QJsonObject years;
        for (auto it = r.restoration.restoredFen.cbegin(); it != r.restoration.restoredFen.cend(); ++it)
            years.insert(QString::number(it.key()), it.value());
        return {{QStringLiteral("type"), QStringLiteral("quota_restored")},
                {QStringLiteral("re"), id},
                {QStringLiteral("restored"), QJsonArray::fromStringList(r.restoration.restored)},
                {QStringLiteral("alreadyRestored"), QJsonArray::fromStringList(r.restoration.alreadyRestored)},
                {QStringLiteral("restoredFen"), years},
                {QStringLiteral("cursor"), r.cursor}};
    }
    case QuotaRestoreResult::Outcome::Refused:
        return error(r.code, r.message);
    case QuotaRestoreResult::Outcome::Failed:
        break;
    }
    qCWarning(lcQuota).noquote() << "quota restoration failed:" << r.message;
    return error(QStringLiteral("internal"), QStringLiteral("the quota could not be restored; retry"));
}

} // namespace Clearway::Server
