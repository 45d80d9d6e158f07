#include "models/ecommerce.h"

#include <QCoreApplication>

#include <algorithm>

namespace Clearway::Models {

namespace {

constexpr const char *kContext = "Clearway::Models::Ecommerce";
QString translated(const char *text) { return QCoreApplication::translate(kContext, text); }

QString documentLabel(const QString &document)
{
    if (document == u"order")
        return translated(QT_TRANSLATE_NOOP("Clearway::Models::Ecommerce", "order"));
    if (document == u"payment")
        return translated(QT_TRANSLATE_NOOP("Clearway::Models::Ecommerce", "payment"));
    if (document == u"waybill")
        return translated(QT_TRANSLATE_NOOP("Clearway::Models::Ecommerce", "waybill"));
    return translated(QT_TRANSLATE_NOOP("Clearway::Models::Ecommerce", "manifest"));
}

QString fieldLabel(const QString &field)
{
    if (field == u"order_no")
        return translated(QT_TRANSLATE_NOOP("Clearway::Models::Ecommerce", "Order number"));
    if (field == u"payment_no")
        return translated(QT_TRANSLATE_NOOP("Clearway::Models::Ecommerce", "Payment number"));
    if (field == u"waybill_no")
        return translated(QT_TRANSLATE_NOOP("Clearway::Models::Ecommerce", "Waybill number"));
    if (field == u"buyer_id")
        return translated(QT_TRANSLATE_NOOP("Clearway::Models::Ecommerce", "Buyer's ID number"));
    if (field == u"buyer_name")
        return translated(QT_TRANSLATE_NOOP("Clearway::Models::Ecommerce", "Buyer's name"));
    if (field == u"consignee")
        return translated(QT_TRANSLATE_NOOP("Clearway::Models::Ecommerce", "Consignee"));
    return translated(QT_TRANSLATE_NOOP("Clearway::Models::Ecommerce", "Amount"));
}

QString shown(const QString &value)
{
    return value.isEmpty() ? translated(QT_TRANSLATE_NOOP("Clearway::Models::Ecommerce", "(empty)")) : value;
}

QString yuan(qint64 fen) { return formatMoney(fen, QStringLiteral("CNY")); }

class DocumentComparison
{
public:
    void same(const char *field, const char *document, const QString &value, const char *reference, const QString &expected)
    {
        if (value == expected)
            return;
        DocumentMismatch m{QString::fromLatin1(field), QString::fromLatin1(document), value, QString::fromLatin1(reference), expected, {}};
        // The message is for the screen: identity numbers in it are masked but for the last four.
        const bool identity = m.field == u"buyer_id";
        const QString said = identity ? maskIdNumber(m.value) : m.value;
        const QString against = identity ? maskIdNumber(m.expected) : m.expected;
        m.message = translated(QT_TRANSLATE_NOOP("Clearway::Models::Ecommerce", "%1 differs: the %2 says \"%3\", the %4 says \"%5\"."))
                        .arg(fieldLabel(m.field), documentLabel(m.document), shown(said), documentLabel(m.reference), shown(against));
        m_list.append(m);
    }
    void sameAmount(const char *document, qint64 value, const char *reference, qint64 expected)
    {
        if (value != expected)
            same("amount", document, yuan(value), reference, yuan(expected));
    }
    QList<DocumentMismatch> take() { return std::move(m_list); }

private:
    QList<DocumentMismatch> m_list;
};

QString quotaMessage(const QuotaCheck &c)
{
    if (!c.valid)
        return translated(QT_TRANSLATE_NOOP("Clearway::Models::Ecommerce", "The quota cannot be checked: the buyer's ID number, an amount above zero and the declaration time are needed."));
    QStringList parts;
    if (c.overTransaction) {
        parts << translated(QT_TRANSLATE_NOOP("Clearway::Models::Ecommerce", "%1 is above the limit of %2 for one transaction."))
                     .arg(yuan(c.amount), yuan(kQuotaPerTransactionFen));
    }
    if (c.overYear) {
        parts << translated(QT_TRANSLATE_NOOP("Clearway::Models::Ecommerce", "%1 would take the buyer above the yearly limit of %2 for %3."))
                     .arg(yuan(c.amount), yuan(kQuotaPerYearFen))
                     .arg(c.year);
    }
    if (parts.isEmpty())
        return {};
    parts << translated(QT_TRANSLATE_NOOP("Clearway::Models::Ecommerce", "Used in %1: %2; remaining: %3."))
                 .arg(c.year)
                 .arg(yuan(c.usedFen), yuan(c.remainingFen));
    return parts.join(QLatin1Char(' '));
}

} // namespace

QList<DocumentMismatch> compareDocuments(const Manifest &manifest, const EcommerceOrder &order, const EcommercePayment &payment,
                                         const EcommerceWaybill &waybill)
{
    DocumentComparison c;
    c.same("order_no", "order", order.orderNo, "manifest", manifest.orderNo);
    c.same("order_no", "payment", payment.orderNo, "manifest", manifest.orderNo);
    c.same("order_no", "waybill", waybill.orderNo, "manifest", manifest.orderNo);
    c.same("payment_no", "payment", payment.paymentNo, "manifest", manifest.paymentNo);
    c.same("waybill_no", "waybill", waybill.waybillNo, "manifest", manifest.waybillNo);
    c.same("buyer_id", "order", order.buyerIdNo, "manifest", manifest.buyerIdNo);
    c.same("buyer_id", "payment", payment.payerIdNo, "manifest", manifest.buyerIdNo);
    c.same("buyer_name", "order", order.buyerName, "manifest", manifest.buyerName);
    c.same("buyer_name", "payment", payment.payerName, "manifest", manifest.buyerName);
    c.same("consignee", "waybill", waybill.consignee, "order", order.consignee);
    c.sameAmount("order", order.total, "manifest", manifest.totalValue);
    c.sameAmount("payment", payment.amount, "manifest", manifest.totalValue);
    return c.take();
}

int quotaYear(const QDateTime &at) { return at.isValid() ? at.toTimeZone(chinaTimeZone()).date().year() : 0; }

bool QuotaLedger::record(const QuotaEntry &entry, QString *error)
{
    auto refuse = [error](const char *text) {
        if (error)
            *error = translated(text);
        return false;
    };
    if (entry.buyerIdNo.isEmpty() || entry.orderNo.isEmpty())
        return refuse(QT_TRANSLATE_NOOP("Clearway::Models::Ecommerce", "A quota use needs the buyer's ID number and the order number."));
    if (entry.amount <= 0)
        return refuse(QT_TRANSLATE_NOOP("Clearway::Models::Ecommerce", "A quota use needs an amount above zero."));
    if (!entry.at.isValid())
        return refuse(QT_TRANSLATE_NOOP("Clearway::Models::Ecommerce", "A quota use needs the time of the declaration."));
    QList<QuotaEntry> &list = m_entries[entry.buyerIdNo];
    for (const QuotaEntry &e : std::as_const(list)) {
        if (e.orderNo == entry.orderNo)
            return refuse(QT_TRANSLATE_NOOP("Clearway::Models::Ecommerce", "This order is already counted in the buyer's quota."));
    }
    list.append(entry);
    return true;
}

qint64 QuotaLedger::used(const QString &buyerIdNo, int year, const QString &exceptOrderNo) const
{
    qint64 sum = 0;
    for (const QuotaEntry &e : m_entries.value(buyerIdNo)) {
        if (!e.restored() && e.orderNo != exceptOrderNo && quotaYear(e.at) == year)
            sum += e.amount;
    }
    return sum;
}

QList<QuotaEntry> QuotaLedger::entries(const QString &buyerIdNo) const { return m_entries.value(buyerIdNo); }

bool QuotaLedger::restoreStolen(const QString &buyerIdNo, const QStringList &orderNos, const QString &caseRef, QuotaRestoration *result,
                                QString *error)
{
    if (caseRef.trimmed().isEmpty() || orderNos.isEmpty()) {
        if (error)
            *error = translated(QT_TRANSLATE_NOOP("Clearway::Models::Ecommerce", "Restoring a quota needs the identity-theft case and the stolen orders."));
        return false;
    }
    const auto it = m_entries.find(buyerIdNo);
    QStringList missing;
    for (const QString &orderNo : orderNos) {
        const bool found = it != m_entries.end()
            && std::any_of(it->cbegin(), it->cend(), [&orderNo](const QuotaEntry &e) { return e.orderNo == orderNo; });
        if (!found)
            missing << orderNo;
    }
    if (!missing.isEmpty()) {
        if (error)
            *error = translated(QT_TRANSLATE_NOOP("Clearway::Models::Ecommerce", "These orders are not in the buyer's quota: %1. Nothing was restored."))
                         .arg(missing.join(QStringLiteral(", ")));
        return false;
    }
    QuotaRestoration out;
    for (QuotaEntry &e : *it) {
        if (!orderNos.contains(e.orderNo))
            continue;
        if (e.restored()) {
            out.alreadyRestored << e.orderNo;
            continue;
        }
        e.theftCase = caseRef.trimmed();
        out.restored << e.orderNo;
        out.restoredFen[quotaYear(e.at)] += e.amount;
    }
    if (result)
        *result = out;
    return true;
}

QuotaCheck checkQuota(const QuotaLedger &ledger, const QString &buyerIdNo, const QString &orderNo, qint64 amount, const QDateTime &at)
{
    QuotaCheck c;
    c.amount = amount;
    c.year = quotaYear(at);
    c.valid = !buyerIdNo.isEmpty() && amount > 0 && at.isValid();
    if (c.valid) {
        c.usedFen = ledger.used(buyerIdNo, c.year, orderNo);
        c.remainingFen = qMax<qint64>(0, kQuotaPerYearFen - c.usedFen);
        c.overTransaction = amount > kQuotaPerTransactionFen;
        c.overYear = amount > c.remainingFen;
    }
    c.message = quotaMessage(c);
    return c;
}

QuotaCheck checkQuota(const QuotaLedger &ledger, const Manifest &manifest)
{
    return checkQuota(ledger, manifest.buyerIdNo, manifest.orderNo, manifest.totalValue, manifest.declaredAt);
}

ReleaseCheck checkRelease(const ManifestDocuments &documents, const QuotaLedger &ledger)
{
    ReleaseCheck c;
    c.mismatches = compareDocuments(documents.manifest, documents.order, documents.payment, documents.waybill);
    c.quota = checkQuota(ledger, documents.manifest);
    if (!c.mismatches.isEmpty()) {
        QStringList lines;
        for (const DocumentMismatch &m : std::as_const(c.mismatches))
            lines << m.message;
        c.code = QStringLiteral("documents_disagree");
        c.message = translated(QT_TRANSLATE_NOOP("Clearway::Models::Ecommerce", "The three documents disagree with the manifest: %1"))
                        .arg(lines.join(QLatin1Char(' ')));
    } else if (!c.quota.valid) {
        c.code = QStringLiteral("quota_unchecked");
        c.message = c.quota.message;
    } else if (c.quota.flagged()) {
        c.code = QStringLiteral("quota_exceeded");
        c.message = c.quota.message;
    } else {
        c.code = QStringLiteral("ok");
    }
    return c;
}

QString maskIdNumber(const QString &idNo)
{
    if (idNo.size() <= 4)
        return QString(idNo.size(), QLatin1Char('*'));
    return QString(idNo.size() - 4, QLatin1Char('*')) + idNo.right(4);
}

} // namespace Clearway::Models
