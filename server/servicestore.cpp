// Store: window services (一窗通办). The same SQL on every backend; the change log and the audit
// chain are appended through the backend (appendLog()).
#include "server/store.h"

#include "storage/database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace Clearway::Server {

ReceiveApplicationResult Store::receiveApplication(const Models::ApplicationIntake &intake, const Models::Officer &officer, qint64 now)
{
    ReceiveApplicationResult r;
    r.issues = Models::checkApplicationIntake(intake);
    if (!r.issues.isEmpty()) {
        r.outcome = ReceiveApplicationResult::Outcome::Refused;
        r.code = QStringLiteral("invalid");
        r.message = QStringLiteral("the application has %1 field error(s); nothing was stored").arg(r.issues.size());
        return r;
    }
    const Models::ServiceItem *item = Models::ServiceCatalogue::find(intake.serviceKey);
    const QDateTime receivedAt = QDateTime::fromSecsSinceEpoch(now, Models::chinaTimeZone());
    const QString prefix = Models::applicationNumberPrefix(officer.office, receivedAt.date());
    r.receivedAt = now;
    r.due = Models::applicationDue(receivedAt, item->timeLimitDays).toSecsSinceEpoch();
    QString error;
    const bool ok = writeTransaction(
        [&](QString *error) {
            // The log head's lock (SQLite: the write transaction) serializes intakes on every
            // instance, so the day's next sequence is read and used by one of them at a time.
            QSqlQuery q(database());
            if (!lockLog(error) || !Storage::execQuery(q, QStringLiteral("SELECT max(number) FROM applications WHERE number LIKE ?"), {QVariant(prefix + QLatin1Char('%'))}, error))
                return false;
            const int last = q.next() ? Models::applicationSequence(q.value(0).toString(), prefix) : 0;
            if (last >= Models::kMaxApplicationsPerDay) {
                r.outcome = ReceiveApplicationResult::Outcome::Refused;
                r.code = QStringLiteral("day_full");
                r.message = QStringLiteral("office %1 has received %2 applications today, the most a day's numbers allow").arg(officer.office).arg(last);
                return true;
            }
            r.number = Models::applicationNumber(officer.office, receivedAt.date(), last + 1);
            if (!Storage::execQuery(q, QStringLiteral("SELECT coalesce(max(id), 0) + 1 FROM applications"), {}, error) || !q.next())
                return false;
            r.id = q.value(0).toLongLong();
            const QString state = Models::Lifecycle::of(Models::WorkKind::ServiceApplication).initialState();
            const QString documents = QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(intake.documents)).toJson(QJsonDocument::Compact));
            const QJsonObject row{
                {QStringLiteral("id"), r.id},
                {QStringLiteral("number"), r.number},
                {QStringLiteral("state"), state},
                {QStringLiteral("assignee"), QString()},
                {QStringLiteral("office"), officer.office},
                {QStringLiteral("version"), 1},
                {QStringLiteral("created_at"), now},
                {QStringLiteral("deadline"), r.due},
                {QStringLiteral("updated_at"), now},
                {QStringLiteral("service_item"), item->officialName},
                {QStringLiteral("applicant_name"), intake.applicantName.trimmed()},
                {QStringLiteral("handling_office"), item->officialOffice},
                {QStringLiteral("service_key"), item->key},
                {QStringLiteral("applicant_id"), intake.applicantId.trimmed().toUpper()},
                {QStringLiteral("applicant_contact"), intake.contact.trimmed()},
                {QStringLiteral("documents"), documents},
                {QStringLiteral("notes"), intake.notes},
                {QStringLiteral("received_by"), officer.id},
                {QStringLiteral("service_window"), intake.window.trimmed()},
                {QStringLiteral("intake_seconds"), intake.intakeSeconds},
                {QStringLiteral("time_limit_days"), item->timeLimitDays},
            };
            QVariantList values;
            for (auto it = row.begin(); it != row.end(); ++it)
                values << Storage::sqlValue(it.value());
            q.finish();
            if (!Storage::execQuery(q,
                                    QStringLiteral("INSERT INTO applications (%1) VALUES (%2)")
                                        .arg(row.keys().join(QStringLiteral(", ")), QStringList(row.size(), QStringLiteral("?")).join(QStringLiteral(", "))),
                                    values, error))
                return false;
            LogEntry entry;
            entry.change = true;
            entry.actor = officer.id;
            entry.at = now;
            entry.item = {0, Models::WorkKind::ServiceApplication, r.id, 1, state, QString(), now, officer.id, QStringLiteral("receive"), QString(),
                          QStringLiteral("window %1, %2 s").arg(intake.window.trimmed()).arg(intake.intakeSeconds), QJsonObject{{QStringLiteral("row"), row}}};
            entry.audit = {{QStringLiteral("kind"), Models::workKindKey(Models::WorkKind::ServiceApplication)},
                           {QStringLiteral("item"), r.id},
                           {QStringLiteral("number"), r.number},
                           {QStringLiteral("command"), QStringLiteral("receive")},
                           {QStringLiteral("service"), item->key},
                           {QStringLiteral("applicantId"), intake.applicantId.trimmed().toUpper()},
                           {QStringLiteral("window"), intake.window.trimmed()}};
            if (!appendLog(entry, &r.cursor, error))
                return false;
            r.outcome = ReceiveApplicationResult::Outcome::Accepted;
            r.code = QStringLiteral("ok");
            return true;
        },
        &error);
    if (!ok) {
        r.outcome = ReceiveApplicationResult::Outcome::Failed;
        r.code = QStringLiteral("internal");
        r.message = error;
    }
    return r;
}

} // namespace Clearway::Server
