#include "models/reasons.h"

#include <QCoreApplication>
#include <QHash>

namespace Clearway::Models {

namespace {

#define R(code, text) ReasonOption{QStringLiteral(code), QT_TRANSLATE_NOOP("Clearway::Models::Reasons", text)}

ReasonOption other() { return {QStringLiteral("other"), QT_TRANSLATE_NOOP("Clearway::Models::Reasons", "Other (say what)"), true}; }

using Key = QString; // "<kind>/<command>"
Key key(WorkKind kind, const QString &command) { return QString::number(int(kind)) + QLatin1Char('/') + command; }

const QHash<Key, QList<ReasonOption>> &catalogues()
{
    // Drawn from the return, hold and selectivity reasons window officers record (domain.md and the
    // seeds): the first ones are those chosen most often.
    static const QHash<Key, QList<ReasonOption>> all = [] {
        QHash<Key, QList<ReasonOption>> c;
        const auto d = [](const char *command) { return key(WorkKind::Declaration, QString::fromLatin1(command)); };
        const auto m = [](const char *command) { return key(WorkKind::Manifest, QString::fromLatin1(command)); };
        c.insert(d("return_for_correction"),
                 {R("classification", "HS code classification is wrong"), R("value", "Declared value is not supported by the invoice"),
                  R("quantity", "Quantity or unit of measure is wrong"), R("origin", "Country of origin does not match the certificate"),
                  R("trade_mode", "Trade mode (supervision mode) is wrong"), R("licence", "A required licence or certificate is missing"),
                  R("documents", "Attached documents are missing or illegible"),
                  R("guarantee", "Two-step declaration without a valid guarantee"), R("consistency", "Fields contradict each other")});
        c.insert(d("hold"),
                 {R("await_documents", "Waiting for documents from the enterprise"), R("price_consultation", "Price consultation with the enterprise"),
                  R("await_lab", "Waiting for a laboratory result"), R("ipr", "Suspected infringement of intellectual property"),
                  R("await_payment", "Duties or guarantee not yet paid")});
        c.insert(d("route_to_inspection"),
                 {R("risk_instruction", "Risk instruction (red channel)"), R("value_doubt", "Doubt about value or quantity"),
                  R("classification_doubt", "Doubt about classification"), R("quarantine", "Quarantine inspection required"),
                  R("random", "Random selection"), R("intelligence", "Intelligence or a tip-off")});
        c.insert(d("escalate"),
                 {R("high_value", "High value or high duty at stake"), R("policy", "Policy question needs the chief's decision"),
                  R("smuggling", "Suspected smuggling or fraud"), R("dispute", "The enterprise disputes the decision")});
        c.insert(m("return_for_modification"),
                 {R("documents_mismatch", "Order, payment and waybill do not agree"), R("buyer_identity", "Buyer's name or ID number is wrong"),
                  R("quota", "Over the buyer's personal quota"), R("not_on_list", "Goods not on the positive list for retail import"),
                  R("price", "Price is not credible")});
        c.insert(m("delete"), {R("duplicate", "Declared twice"), R("order_cancelled", "Order cancelled by the buyer")});
        c.insert(m("transfer_anti_smuggling"),
                 {R("identity_theft", "Buyer's identity used without consent"), R("split_orders", "Orders split to stay under the quota"),
                  R("false_trade", "Trade is not genuine (goods resold)")});
        for (auto it = c.begin(); it != c.end(); ++it)
            it->append(other());
        return c;
    }();
    return all;
}

#undef R

} // namespace

QString ReasonOption::text() const { return QCoreApplication::translate("Clearway::Models::Reasons", label); }

QList<ReasonOption> reasonCatalogue(WorkKind kind, const QString &command) { return catalogues().value(key(kind, command)); }

QString composeReason(const QStringList &chosenLabels, const QString &details)
{
    QStringList parts;
    for (const QString &label : chosenLabels) {
        if (!label.trimmed().isEmpty())
            parts << label.trimmed();
    }
    if (!details.trimmed().isEmpty())
        parts << details.trimmed();
    return parts.join(QStringLiteral("; "));
}

} // namespace Clearway::Models
