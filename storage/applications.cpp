#include "storage/applications.h"

#include "models/types.h"
#include "storage/database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace Clearway::Storage {

namespace {

constexpr int kApplicationKind = int(Models::WorkKind::ServiceApplication);

bool run(QSqlQuery &q, const QString &sql, const QVariantList &binds, QString *error)
{
    q.setForwardOnly(true);
    return execQuery(q, sql, binds, error);
}

} // namespace

bool loadApplication(QSqlDatabase db, const QString &number, ApplicationRecord *out, QString *error)
{
    error->clear();
    QSqlQuery q(db);
    if (!run(q,
             QStringLiteral("SELECT id, number, state, assignee, office, service_key, service_item, applicant_name, applicant_id,"
                            " applicant_contact, documents, notes, handling_office, received_by, service_window, intake_seconds,"
                            " time_limit_days, created_at, coalesce(deadline, 0) FROM applications WHERE number = ?"),
             {number.trimmed()}, error))
        return false;
    if (!q.next())
        return false;
    ApplicationRecord r;
    r.id = q.value(0).toLongLong();
    r.number = q.value(1).toString();
    r.state = q.value(2).toString();
    r.assignee = q.value(3).toString();
    r.office = q.value(4).toString();
    r.serviceKey = q.value(5).toString();
    r.serviceItem = q.value(6).toString();
    r.applicantName = q.value(7).toString();
    r.applicantId = q.value(8).toString();
    r.contact = q.value(9).toString();
    for (const QJsonValue &v : QJsonDocument::fromJson(q.value(10).toString().toUtf8()).array())
        r.documents << v.toString();
    r.notes = q.value(11).toString();
    r.handlingOffice = q.value(12).toString();
    r.receivedBy = q.value(13).toString();
    r.window = q.value(14).toString();
    r.intakeSeconds = q.value(15).toLongLong();
    r.timeLimitDays = q.value(16).toInt();
    r.receivedAt = q.value(17).toLongLong();
    r.deadline = q.value(18).toLongLong();
    if (!run(q,
             QStringLiteral("SELECT at, actor, command, from_state, to_state, reason, pending FROM events"
                            " WHERE item_kind = ? AND item_id = ? ORDER BY at, id"),
             {kApplicationKind, r.id}, error))
        return false;
    while (q.next()) {
        r.stages.append({q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(), q.value(4).toString(),
                         q.value(5).toString(), q.value(6).toBool()});
    }
    *out = std::move(r);
    return true;
}

bool loadHandOffLedger(QSqlDatabase db, const QString &office, qint64 from, qint64 to, QList<HandOffEntry> *out, QString *error)
{
    out->clear();
    QSqlQuery q(db);
    // Walks events_by_command over the hand-offs of the period; the claim that took each one is the
    // first claim of its application after it, read through events_by_item (the unary + keeps
    // SQLite from walking every later claim of the office through events_by_command instead).
    const QString taken = QStringLiteral("(SELECT c.%1 FROM events c WHERE c.item_kind = e.item_kind AND c.item_id = e.item_id"
                                         " AND +c.command = 'claim' AND c.at >= e.at ORDER BY c.at, c.id LIMIT 1)");
    if (!run(q,
             QStringLiteral("SELECT e.at, a.id, a.number, a.service_key, a.service_item, e.actor, a.handling_office, %1, %2, e.pending"
                            " FROM events e JOIN applications a ON a.id = e.item_id"
                            " WHERE e.item_kind = ? AND e.command = 'hand_off' AND e.at >= ? AND e.at < ? AND a.office = ?"
                            " ORDER BY e.at DESC, e.id DESC")
                 .arg(taken.arg(QStringLiteral("actor")), taken.arg(QStringLiteral("at"))),
             {kApplicationKind, from, to, office}, error))
        return false;
    while (q.next()) {
        out->append({q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(), q.value(3).toString(), q.value(4).toString(),
                     q.value(5).toString(), q.value(6).toString(), q.value(7).toString(), q.value(8).toLongLong(), q.value(9).toBool()});
    }
    return true;
}

bool loadIntakeAverages(QSqlDatabase db, const QString &office, const QString &officer, QList<IntakeAverage> *out, QString *error)
{
    out->clear();
    QSqlQuery q(db);
    if (!run(q,
             QStringLiteral("SELECT received_by, count(*), avg(intake_seconds) FROM applications"
                            " WHERE office = ? AND received_by <> '' AND intake_seconds > 0 AND (coalesce(?, '') = '' OR received_by = ?)"
                            " GROUP BY received_by ORDER BY received_by"),
             {office, officer, officer}, error))
        return false;
    while (q.next())
        out->append({q.value(0).toString(), q.value(1).toLongLong(), q.value(2).toDouble()});
    return true;
}

} // namespace Clearway::Storage
