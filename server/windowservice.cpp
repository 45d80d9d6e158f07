#include "server/windowservice.h"

#include "server/riskwire.h"
#include "server/store.h"

#include <QDateTime>
#include <QLoggingCategory>

namespace Clearway::Server {

Q_LOGGING_CATEGORY(lcWindow, "clearway.server.window")

namespace {

QJsonObject reply(const char *type, qint64 re, QJsonObject body)
{
    body.insert(QStringLiteral("type"), QLatin1String(type));
    body.insert(QStringLiteral("re"), re);
    return body;
}

} // namespace

WindowService::WindowService(Store *store)
    : m_store(store)
{
}

bool WindowService::handles(const QString &type) { return type == QLatin1String("application_receive"); }

QJsonObject WindowService::answer(const Models::Officer &officer, const QString &type, qint64 id, const QJsonObject &body, bool *committed)
{
    Q_UNUSED(type)
    *committed = false;
    if (!officer.hasRole(Models::Role::WindowOfficer) && !officer.hasRole(Models::Role::Supervisor))
        return reply("error", id, {{QStringLiteral("code"), QStringLiteral("forbidden")},
                                   {QStringLiteral("message"), QStringLiteral("applications are received by window officers and supervisors")}});
    const QJsonValue application = body.value(QStringLiteral("application"));
    if (!application.isObject())
        return reply("error", id, {{QStringLiteral("code"), QStringLiteral("bad_request")},
                                   {QStringLiteral("message"), QStringLiteral("field \"application\" must be an object")}});
    QList<Models::FieldIssue> issues;
    const Models::ApplicationIntake intake = Models::applicationIntakeFromJson(application.toObject(), &issues);
    ReceiveApplicationResult r;
    if (issues.isEmpty()) {
        r = m_store->receiveApplication(intake, officer, QDateTime::currentSecsSinceEpoch());
    } else {
        r.outcome = ReceiveApplicationResult::Outcome::Refused;
        r.code = QStringLiteral("invalid");
        r.issues = issues + Models::checkApplicationIntake(intake);
        r.message = QStringLiteral("the application has %1 field error(s); nothing was stored").arg(r.issues.size());
    }
    switch (r.outcome) {
    case ReceiveApplicationResult::Outcome::Accepted:
        *committed = true;
        qCInfo(lcWindow).noquote() << officer.id << "received application" << r.number;
        return reply("application_received", id,
                     {{QStringLiteral("applicationId"), r.id}, {QStringLiteral("number"), r.number}, {QStringLiteral("receivedAt"), r.receivedAt},
                      {QStringLiteral("due"), r.due}, {QStringLiteral("cursor"), r.cursor}});
    case ReceiveApplicationResult::Outcome::Refused:
        return reply("application_refused", id,
                     {{QStringLiteral("code"), r.code}, {QStringLiteral("message"), r.message}, {QStringLiteral("issues"), fieldIssuesJson(r.issues)}});
    case ReceiveApplicationResult::Outcome::Failed: break;
    }
    qCWarning(lcWindow).noquote() << "the application could not be stored:" << r.message;
    return reply("error", id, {{QStringLiteral("code"), QStringLiteral("internal")}, {QStringLiteral("message"), QStringLiteral("the application could not be stored; retry")}});
}

} // namespace Clearway::Server
