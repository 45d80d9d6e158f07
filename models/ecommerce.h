#pragma once

#include "models/entities.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace Clearway::Models {

// Cross-border e-commerce retail import (跨境电商零售进口): the three-document comparison of a
// manifest, and the buyer's personal quota. Pure code over values; amounts are CNY fen.

// The three documents the platform, the payment company and the logistics company send.
struct EcommerceOrder
{
    QString orderNo;
    QString buyerIdNo;
    QString buyerName;
    QString consignee;
    qint64 total = 0; // fen
};

struct EcommercePayment
{
    QString paymentNo;
    QString orderNo;
    QString payerIdNo;
    QString payerName;
    qint64 amount = 0; // fen
};

struct EcommerceWaybill
{
    QString waybillNo;
    QString orderNo;
    QString consignee;
};

// One disagreement between two documents.
struct DocumentMismatch
{
    QString field;     // "order_no", "payment_no", "waybill_no", "buyer_id", "buyer_name", "consignee", "amount"
    QString document;  // the document found wrong: "order", "payment", "waybill" (or "manifest")
    QString value;     // what it says (amounts formatted)
    QString reference; // the document it was compared with
    QString expected;  // what that one says
    QString message;   // translated, both values named
};

// Compares the order, the payment and the waybill with the manifest (三单比对): the same order
// number on all three; the manifest names the payment and the waybill; the buyer's ID number and
// name identical on order, payment and manifest; the waybill's consignee the order's; the order
// total, the payment amount and the manifest total equal to the fen. Values are compared exactly,
// as sent. Every mismatch is listed; empty when the documents agree.
QList<DocumentMismatch> compareDocuments(const Manifest &manifest, const EcommerceOrder &order, const EcommercePayment &payment,
                                         const EcommerceWaybill &waybill);

// Personal quota (national policy): 5,000 CNY a transaction and 26,000 CNY a calendar year per
// buyer ID; both limits inclusive; years counted in China's time zone.
inline constexpr qint64 kQuotaPerTransactionFen = 500000;
inline constexpr qint64 kQuotaPerYearFen = 2600000;

// The calendar year in Asia/Shanghai of a moment; 0 when it is invalid.
int quotaYear(const QDateTime &at);

// One accepted manifest's use of a buyer's quota.
struct QuotaEntry
{
    QString buyerIdNo;
    QString orderNo;
    QString manifestNo;
    qint64 amount = 0; // fen
    QDateTime at;      // when the manifest was declared
    QString theftCase; // the confirmed identity-theft case that restored it; empty while it counts

    bool restored() const { return !theftCase.isEmpty(); }
};

// What restoring stolen orders gave back.
struct QuotaRestoration
{
    QStringList restored;        // order numbers restored now
    QStringList alreadyRestored; // order numbers an earlier case restored (left as they were)
    QHash<int, qint64> restoredFen; // per calendar year
};

// The quota used per buyer, as a list of uses. The server keeps it; these are its rules.
class QuotaLedger
{
public:
    // Records a use. Refused (false, `error` says why, nothing changes) when the buyer ID or the
    // order number is empty, the amount is not above zero, the time is invalid, or the buyer's
    // order is already recorded.
    bool record(const QuotaEntry &entry, QString *error);

    // What the buyer has used in a year, without restored uses and without `exceptOrderNo` (so a
    // manifest checked again does not count twice).
    qint64 used(const QString &buyerIdNo, int year, const QString &exceptOrderNo = QString()) const;

    QList<QuotaEntry> entries(const QString &buyerIdNo) const;

    // A confirmed identity-theft case: the buyer's stolen orders stop counting. All or nothing: when
    // the case reference is empty or an order is not in the buyer's ledger, nothing changes and
    // `error` names it.
    bool restoreStolen(const QString &buyerIdNo, const QStringList &orderNos, const QString &caseRef, QuotaRestoration *result, QString *error);

private:
    QHash<QString, QList<QuotaEntry>> m_entries; // by buyer ID
};

struct QuotaCheck
{
    bool valid = true;            // false: amount not above zero, no buyer ID or an invalid time
    bool overTransaction = false; // above 5,000 CNY
    bool overYear = false;        // used + amount above 26,000 CNY
    int year = 0;
    qint64 amount = 0;
    qint64 usedFen = 0;      // in `year`, before this manifest
    qint64 remainingFen = 0; // in `year`, before this manifest
    QString message;         // translated; empty when within the limits

    bool flagged() const { return !valid || overTransaction || overYear; }
};

QuotaCheck checkQuota(const QuotaLedger &ledger, const QString &buyerIdNo, const QString &orderNo, qint64 amount, const QDateTime &at);
QuotaCheck checkQuota(const QuotaLedger &ledger, const Manifest &manifest);

// A manifest beside the three documents as their senders sent them.
struct ManifestDocuments
{
    Manifest manifest;
    EcommerceOrder order;
    EcommercePayment payment;
    EcommerceWaybill waybill;
    QString quotaCase; // the identity-theft case that restored this manifest's quota use; empty while it counts
};

// What the server (and, before sending, the workstation) checks before a manifest is released: the
// three documents agree, and the buyer's quota takes it. The documents are checked first: a
// manifest whose documents disagree is refused as such even when it is also over the quota.
struct ReleaseCheck
{
    QString code;    // "ok", "documents_disagree", "quota_exceeded" or "quota_unchecked" (no buyer ID, amount or time)
    QString message; // translated: the fields that disagree, or the used and remaining amounts
    QList<DocumentMismatch> mismatches;
    QuotaCheck quota;

    bool ok() const { return code == u"ok"; }
};

// `ledger` holds the buyer's released manifests (this one included or not: it is left out).
ReleaseCheck checkRelease(const ManifestDocuments &documents, const QuotaLedger &ledger);

// An identity number as shown on screen: every character but the last four replaced by '*'.
QString maskIdNumber(const QString &idNo);

} // namespace Clearway::Models
