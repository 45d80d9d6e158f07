#pragma once

#include "models/entities.h"

#include <QJsonObject>
#include <QString>

namespace Clearway::Server {

class Store;

// The window-service messages of docs/protocol.md ("Window services"): application_receive, for
// window officers and supervisors. Answers one request at a time from the store; the hub sends the
// answer and, when the request committed a change, publishes it.
class WindowService final
{
public:
    explicit WindowService(Store *store);
    Q_DISABLE_COPY_MOVE(WindowService)

    static bool handles(const QString &type);
    // The reply to request `id` of `type` from `officer`; *committed when it appended to the change log.
    QJsonObject answer(const Models::Officer &officer, const QString &type, qint64 id, const QJsonObject &body, bool *committed);

private:
    Store *m_store;
};

} // namespace Clearway::Server
