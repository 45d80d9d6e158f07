#include "storage/manifestdocuments.h"

#include "storage/database.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSqlQuery>

namespace Clearway::Storage {

bool loadManifestDocuments(QSqlDatabase db, qint64 id, Models::ManifestDocuments *out, QString *error)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!execQuery(q,
                   QStringLiteral("SELECT id, number, order_no, payment_no, waybill_no, buyer_name, buyer_id_no, consignee, total_value,"
                                  " order_total, payment_amount, created_at, order_doc_no, order_buyer_id_no, order_buyer_name,"
                                  " order_consignee, payment_doc_no, payment_order_no, payer_id_no, payer_name, waybill_doc_no,"
                                  " waybill_order_no, waybill_consignee, quota_case FROM manifests WHERE id = ?"),
                   {id}, error))
        return false;
    if (!q.next()) {
        *error = QCoreApplication::translate("Clearway::Storage::ManifestDocuments", "This manifest is no longer in the cache.");
        return false;
    }
    Models::ManifestDocuments d;
    Models::Manifest &m = d.manifest;
    m.id = q.value(0).toLongLong();
    m.manifestNo = q.value(1).toString();
    m.orderNo = q.value(2).toString();
    m.paymentNo = q.value(3).toString();
    m.waybillNo = q.value(4).toString();
    m.buyerName = q.value(5).toString();
    m.buyerIdNo = q.value(6).toString();
    m.consignee = q.value(7).toString();
    m.totalValue = q.value(8).toLongLong();
    m.orderTotal = q.value(9).toLongLong();
    m.paymentAmount = q.value(10).toLongLong();
    m.declaredAt = QDateTime::fromSecsSinceEpoch(q.value(11).toLongLong(), Qt::UTC);
    d.order = {q.value(12).toString(), q.value(13).toString(), q.value(14).toString(), q.value(15).toString(), m.orderTotal};
    d.payment = {q.value(16).toString(), q.value(17).toString(), q.value(18).toString(), q.value(19).toString(), m.paymentAmount};
    d.waybill = {q.value(20).toString(), q.value(21).toString(), q.value(22).toString()};
    d.quotaCase = q.value(23).toString();
    *out = std::move(d);
    return true;
}

bool loadQuotaLedger(QSqlDatabase db, const QString &buyerIdNo, Models::QuotaLedger *out, QString *error)
{
    *out = {};
    if (buyerIdNo.isEmpty())
        return true;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!execQuery(q,
                   QStringLiteral("SELECT order_no, number, total_value, created_at, quota_case FROM manifests"
                                  " WHERE buyer_id_no = ? AND state = 'released' ORDER BY id"),
                   {buyerIdNo}, error))
        return false;
    while (q.next()) {
        Models::QuotaEntry e{buyerIdNo, q.value(0).toString(), q.value(1).toString(), q.value(2).toLongLong(),
                             QDateTime::fromSecsSinceEpoch(q.value(3).toLongLong(), Qt::UTC), q.value(4).toString()};
        QString refused;
        // A use the ledger cannot take (no amount, the same order released twice) counts once or
        // not at all, as the ledger's rules say; it is not an error of the check.
        out->record(e, &refused);
    }
    return true;
}

bool checkManifestRelease(QSqlDatabase db, qint64 id, Models::ManifestDocuments *documents, Models::ReleaseCheck *out, QString *error)
{
    Models::ManifestDocuments d;
    Models::QuotaLedger ledger;
    if (!loadManifestDocuments(db, id, &d, error) || !loadQuotaLedger(db, d.manifest.buyerIdNo, &ledger, error))
        return false;
    *out = Models::checkRelease(d, ledger);
    if (documents)
        *documents = std::move(d);
    return true;
}

bool vetDecision(QSqlDatabase db, const Models::Command &command, Models::Decision *decision, QString *error)
{
    if (!decision->accepted)
        return true;
    // Work handed over goes to an officer whose account is enabled: given to an unknown or a
    // disabled one, it would sit where nobody can take it.
    if (const QString target = command.targetOfficer.trimmed(); !target.isEmpty()) {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        if (!execQuery(q, QStringLiteral("SELECT active FROM officers WHERE id = ?"), {target}, error))
            return false;
        const bool known = q.next();
        if (!known || q.value(0).toInt() == 0) {
            decision->accepted = false;
            decision->code = known ? QStringLiteral("officer_disabled") : QStringLiteral("unknown_officer");
            decision->message = known ? QCoreApplication::translate("Clearway::Storage::Officers", "%1's account is disabled; choose another officer.").arg(target)
                                      : QCoreApplication::translate("Clearway::Storage::Officers", "There is no officer \"%1\".").arg(target);
            decision->after = {};
            return true;
        }
    }
    if (command.kind != Models::WorkKind::Manifest || command.name != QLatin1String("release"))
        return true;
    Models::ReleaseCheck check;
    if (!checkManifestRelease(db, command.itemId, nullptr, &check, error))
        return false;
    if (!check.ok()) {
        decision->accepted = false;
        decision->code = check.code;
        decision->message = check.message;
        decision->after = {};
    }
    return true;
}

} // namespace Clearway::Storage
