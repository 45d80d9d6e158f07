#include "tests/common/manifestfixture.h"

#include "storage/database.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

namespace Clearway::Tests {

QString fixtureOrderNo(qint64 id) { return QStringLiteral("TM2026%1").arg(id, 8, 10, QLatin1Char('0')); }

QString writeManifests(const QString &path, const QList<FixtureManifest> &manifests)
{
    Storage::Connection connection;
    const Storage::OpenResult opened = connection.open(path, QStringLiteral("fixture-manifests"), true);
    if (!opened.ok())
        return opened.message + opened.detail;
    QSqlDatabase db = connection.database();
    QString error;
    if (!Storage::beginImmediate(db, &error))
        return error;
    QSqlQuery q(db);
    if (!q.prepare(QStringLiteral(
            "INSERT INTO manifests (id, number, state, assignee, office, version, created_at, deadline, updated_at, order_no, payment_no,"
            " waybill_no, platform, buyer_name, buyer_id_no, consignee, trade_mode, enterprise_id, enterprise_name, total_value,"
            " order_total, payment_amount, goods_text, order_doc_no, order_buyer_id_no, order_buyer_name, order_consignee, payment_doc_no,"
            " payment_order_no, payer_id_no, payer_name, waybill_doc_no, waybill_order_no, waybill_consignee)"
            " VALUES (:id, :number, :state, :assignee, '5141', :version, :created, :deadline, :created, :orderNo, :paymentNo, :waybillNo,"
            " '天猫国际', :buyer, :idNo, :buyer, '9610', 1, '广州云仓供应链有限公司', :total, :orderTotal, :total, '婴儿奶粉', :orderNo, :idNo,"
            " :buyer, :buyer, :paymentNo, :orderNo, :idNo, :payer, :waybillNo, :orderNo, :buyer)")))
        return q.lastError().text();
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    for (const FixtureManifest &m : manifests) {
        const qint64 created = m.createdAt ? m.createdAt : now - 3600;
        q.bindValue(QStringLiteral(":id"), m.id);
        q.bindValue(QStringLiteral(":number"), QStringLiteral("5141202690%1").arg(m.id, 8, 10, QLatin1Char('0')));
        q.bindValue(QStringLiteral(":state"), m.state);
        q.bindValue(QStringLiteral(":assignee"), Storage::notNullText(m.assignee));
        q.bindValue(QStringLiteral(":version"), m.state == QLatin1String("received") ? 1 : 2);
        q.bindValue(QStringLiteral(":created"), created);
        q.bindValue(QStringLiteral(":deadline"), created + 86400);
        q.bindValue(QStringLiteral(":orderNo"), fixtureOrderNo(m.id));
        q.bindValue(QStringLiteral(":paymentNo"), QStringLiteral("PAY2026%1").arg(m.id, 8, 10, QLatin1Char('0')));
        q.bindValue(QStringLiteral(":waybillNo"), QStringLiteral("SF2026%1").arg(m.id, 8, 10, QLatin1Char('0')));
        q.bindValue(QStringLiteral(":buyer"), m.buyerName);
        q.bindValue(QStringLiteral(":idNo"), m.buyerIdNo);
        q.bindValue(QStringLiteral(":total"), m.total);
        q.bindValue(QStringLiteral(":orderTotal"), m.orderTotal >= 0 ? m.orderTotal : m.total);
        q.bindValue(QStringLiteral(":payer"), m.payerName.isEmpty() ? m.buyerName : m.payerName);
        if (!q.exec())
            return q.lastError().text();
    }
    return Storage::commit(db, &error) ? QString() : error;
}

} // namespace Clearway::Tests
