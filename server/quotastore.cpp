#include "server/store.h"

#include "storage/database.h"
#include "storage/manifestdocuments.h"

#include <QDateTime>
#include <QSqlQuery>

namespace Clearway::Server {

QuotaRestoreResult Store::restoreQuota(const QString &buyerIdNo, const QStringList &orderNos, const QString &caseRef, const Models::Officer &actor)
{
    QuotaRestoreResult r;
    if (!actor.hasRole(Models::Role::Supervisor)) {
        r.outcome = QuotaRestoreResult::Outcome::Refused;
        r.code = QStringLiteral("forbidden");
        r.message = QStringLiteral("a quota is restored by a supervisor, on a confirmed identity-theft case");
        return r;
    }
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QString error;
    const bool ok = writeTransaction(
        [&](QString *error) {
            // Under the log head's lock: the ledger read here is the one releases are checked against.
            Models::QuotaLedger ledger;
            if (!lockLog(error) || !Storage::loadQuotaLedger(database(), buyerIdNo, &ledger, error))
                return false;
            QString refusal;
            if (!ledger.restoreStolen(buyerIdNo, orderNos, caseRef, &r.restoration, &refusal)) {
                r.outcome = QuotaRestoreResult::Outcome::Refused;
                r.code = QStringLiteral("invalid");
                r.message = refusal;
                return true;
            }
            for (const QString &orderNo : std::as_const(r.restoration.restored)) {
                QSqlQuery q(database());
                if (!Storage::execQuery(q,
                                        QStringLiteral("SELECT id, version, assignee FROM manifests WHERE buyer_id_no = ? AND order_no = ?"
                                                       " AND state = 'released' AND quota_case = '' ORDER BY id"),
                                        {buyerIdNo, orderNo}, error))
                    return false;
                while (q.next()) {
                    const qint64 id = q.value(0).toLongLong();
                    const qint64 version = q.value(1).toLongLong() + 1;
                    const QString assignee = q.value(2).toString();
                    QSqlQuery u(database());
                    if (!Storage::execQuery(u, QStringLiteral("UPDATE manifests SET quota_case = ?, version = ?, updated_at = ? WHERE id = ?"),
                                            {caseRef.trimmed(), version, now, id}, error))
                        return false;
                    LogEntry entry;
                    entry.change = true;
                    entry.actor = actor.id;
                    entry.at = now;
                    const QString released = QStringLiteral("released");
                    entry.item = {0, Models::WorkKind::Manifest, id, version, released, assignee, now, actor.id, QStringLiteral("quota_restore"),
                                  released, caseRef.trimmed(), QJsonObject{{QStringLiteral("row"), QJsonObject{{QStringLiteral("quota_case"), caseRef.trimmed()}}}}};
                    entry.audit = {{QStringLiteral("kind"), Models::workKindKey(Models::WorkKind::Manifest)},
                                   {QStringLiteral("item"), id},
                                   {QStringLiteral("command"), QStringLiteral("quota_restore")},
                                   {QStringLiteral("order"), orderNo},
                                   {QStringLiteral("case"), caseRef.trimmed()}};
                    if (!appendLog(entry, &r.cursor, error))
                        return false;
                }
            }
            r.outcome = QuotaRestoreResult::Outcome::Restored;
            r.code = QStringLiteral("ok");
            return true;
        },
        &error);
    if (!ok) {
        r.outcome = QuotaRestoreResult::Outcome::Failed;
        r.code = QStringLiteral("internal");
        r.message = error;
    }
    return r;
}

} // namespace Clearway::Server
