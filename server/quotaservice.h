#pragma once

#include "models/entities.h"

#include <QJsonObject>
#include <QString>

namespace Clearway::Server {

class Store;

// The e-commerce quota request of docs/protocol.md ("E-commerce manifests"): quota_restore, by a
// supervisor, for a confirmed identity-theft case. Answers from the store; the hub sends the
// answer and, when it committed a change, publishes it.
class QuotaService final
{
public:
    explicit QuotaService(Store *store);
    Q_DISABLE_COPY_MOVE(QuotaService)

    static bool handles(const QString &type);
    QJsonObject answer(const Models::Officer &officer, const QString &type, qint64 id, const QJsonObject &body, bool *committed);

    static constexpr int kMaxOrders = 1000; // orders one case restores

private:
    Store *m_store;
};

} // namespace Clearway::Server
