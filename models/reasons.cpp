#include "models/reasons.h"

#include <QCoreApplication>
#include <QHash>

namespace Clearway::Models {

namespace {

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
                 {ReasonOption{QStringLiteral("classification"), QT_TRANSLATE_NOOP("Clearway::Models::Reasons", "HS code classification is wrong")}, ReasonOption{QStringLiteral("value"), QT_TRANSLATE_NOOP("Clearway::Models::Reasons", "Declared value is not supported by the invoice")},
                  ReasonOption{QStringLiteral("quantity"), QT_TRANSLATE_NOOP("Clearway::Models::Reasons", "Quantity or unit of measure is wrong")}, ReasonOption{QStringLiteral("origin"), QT_TRANSLATE_NOOP("Clearway::Models::Reasons", "Country of origin does not match the certificate")},
                  ReasonOption{QStringLiteral("trade_mode"), QT_TRANSLATE_NOOP("Clearway::Models::Reasons", "Trade mode (supervision mode) is wrong")}, ReasonOption{QStringLiteral("licence"), QT_TRANSLATE_NOOP("Clearway::Models::Reasons", "A required licence or certificate is missing")},
                  ReasonOption{QStringLiteral("documents"), QT_TRANSLATE_NOOP("Clearway::Models::Reasons", "Attached documents are missing or illegible")},
                  ReasonOption{QStringLiteral("guarantee"), QT_TRANSLATE_NOOP("Clearway::Models::Reasons", "Two-step declaration without a valid guarantee")}, ReasonOption{QStringLiteral("consistency"), QT_TRANSLATE_NOOP("Clearway::Models::Reasons", "Fields contradict each other")}});
        c.insert(d("hold"),
                 {ReasonOption{QStringLiteral("await_documents"), QT_TRANSLATE_NOOP("Clearway::Models::Reasons", "Waiting for documents from the enterprise")}, ReasonOption{QStringLiteral("price_consultation"), QT_TRANSLATE_NOOP("Clearway::Models::Reasons", "Price consultation with the enterprise")},
                  ReasonOption{QStringLiteral("await_lab"), QT_TRANSLATE_NOOP("Clearway::Models::Reasons", "Waiting for a laboratory result")}, ReasonOption{QStringLiteral("ipr"), QT_TRANSLATE_NOOP("Clearway::Models::Reasons", "Suspected infringement of intellectual property")},
                  ReasonOption{QStringLiteral("await_payment"), QT_TRANSLATE_NOOP("Clearway::Models::Reasons", "Duties or guarantee not yet paid")}});
        c.insert(d("route_to_inspection"),
                 {ReasonOption{QStringLiteral("risk_instruction"), QT_TRANSLATE_NOOP("Clearway::Models::Reasons", "Risk instruction (red channel)")}, ReasonOption{QStringLiteral("value_doubt"), QT_TRANSLATE_NOOP("Clearway::Models::Reasons", "Doubt about value or quantity")},
                  ReasonOption{QStringLiteral("classification_doubt"), QT_TRANSLATE_NOOP("Clearway::Models::Reasons", "Doubt about classification")}, ReasonOption{QStringLiteral("quarantine"), QT_TRANSLATE_NOOP("Clearway::Models::Reasons", "Quarantine inspection required")},
                  ReasonOption{QStringLiteral("random"), QT_TRANSLATE_NOOP("Clearway::Models::Reasons", "Random selection")}, ReasonOption{QStringLiteral("intelligence"), QT_TRANSLATE_NOOP("Clearway::Models::Reasons", "Intelligence or a tip-off")}});
        c.insert(d("escalate"),
                 {ReasonOption{QStringLiteral("high_value"), QT_TRANSLATE_NOOP("Clearway::Models::Reasons", "High value or high duty at stake")}, ReasonOption{QStringLiteral("policy"), QT_TRANSLATE_NOOP("Clearway::Models::Reasons", "Policy question needs the chief's decision")},
                  ReasonOption{QStringLiteral("smuggling"), QT_TRANSLATE_NOOP("Clearway::Models::Reasons", "Suspected smuggling or fraud")}, ReasonOption{QStringLiteral("dispute"), QT_TRANSLATE_NOOP("Clearway::Models::Reasons", "The enterprise disputes the decision")}});
        c.insert(m("return_for_modification"),
                 {ReasonOption{QStringLiteral("documents_mismatch"), QT_TRANSLATE_NOOP("Clearway::Models::Reasons", "Order, payment and waybill do not agree")}, ReasonOption{QStringLiteral("buyer_identity"), QT_TRANSLATE_NOOP("Clearway::Models::Reasons", "Buyer's name or ID number is wrong")},
                  ReasonOption{QStringLiteral("quota"), QT_TRANSLATE_NOOP("Clearway::Models::Reasons", "Over the buyer's personal quota")}, ReasonOption{QStringLiteral("not_on_list"), QT_TRANSLATE_NOOP("Clearway::Models::Reasons", "Goods not on the positive list for retail import")},
                  ReasonOption{QStringLiteral("price"), QT_TRANSLATE_NOOP("Clearway::Models::Reasons", "Price is not credible")}});
        c.insert(m("delete"), {ReasonOption{QStringLiteral("duplicate"), QT_TRANSLATE_NOOP("Clearway::Models::Reasons", "Declared twice")}, ReasonOption{QStringLiteral("order_cancelled"), QT_TRANSLATE_NOOP("Clearway::Models::Reasons", "Order cancelled by the buyer")}});
        c.insert(m("transfer_anti_smuggling"),
                 {ReasonOption{QStringLiteral("identity_theft"), QT_TRANSLATE_NOOP("Clearway::Models::Reasons", "Buyer's identity used without consent")}, ReasonOption{QStringLiteral("split_orders"), QT_TRANSLATE_NOOP("Clearway::Models::Reasons", "Orders split to stay under the quota")},
                  ReasonOption{QStringLiteral("false_trade"), QT_TRANSLATE_NOOP("Clearway::Models::Reasons", "Trade is not genuine (goods resold)")}});
        for (auto it = c.begin(); it != c.end(); ++it)
            it->append(other());
        return c;
    }();
    return all;
}

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
