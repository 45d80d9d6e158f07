#include "models/declarationcheck.h"

#include "models/codes.h"

#include <QCoreApplication>

#include <cmath>
#include <limits>

namespace Clearway::Models {

namespace {

constexpr const char *kContext = "Clearway::Models::DeclarationCheck";
QString translated(const char *text) { return QCoreApplication::translate(kContext, text); }

class Issues
{
public:
    void add(const QString &field, const char *code, QString reason) { m_list.append({field, QString::fromLatin1(code), std::move(reason)}); }
    QList<FieldIssue> take() { return std::move(m_list); }

private:
    QList<FieldIssue> m_list;
};

QString lineField(qsizetype index, const char *name) { return QStringLiteral("goods[%1].").arg(index + 1) + QLatin1String(name); }

// Adds, or reports that the sum no longer fits in a qint64.
bool addChecked(qint64 *sum, qint64 value)
{
    if ((value > 0 && *sum > std::numeric_limits<qint64>::max() - value) || (value < 0 && *sum < std::numeric_limits<qint64>::min() - value))
        return false;
    *sum += value;
    return true;
}

} // namespace

bool needsGuarantee(const Declaration &declaration)
{
    return declaration.mode == DeclarationMode::TwoStep && declaration.enterprise.credit != CreditClass::AdvancedCertified;
}

QDateTime twoStepFullDeclarationDue(const QDateTime &arrival)
{
    if (!arrival.isValid())
        return {};
    const QTimeZone china = chinaTimeZone();
    return QDateTime(arrival.toTimeZone(china).date().addDays(14), QTime(0, 0), china);
}

QList<FieldIssue> checkDeclaration(const Declaration &d)
{
    Issues issues;
    const QString entryNo = QStringLiteral("entryNo");
    if (d.entryNo.isEmpty())
        issues.add(entryNo, "missing", translated(QT_TRANSLATE_NOOP("Clearway::Models::DeclarationCheck", "The declaration number is missing.")));
    else if (!isEntryNumber(d.entryNo))
        issues.add(entryNo, "malformed", translated(QT_TRANSLATE_NOOP("Clearway::Models::DeclarationCheck", "The declaration number \"%1\" must have 18 digits.")).arg(d.entryNo));

    const QString district = QStringLiteral("district");
    if (d.district.isEmpty())
        issues.add(district, "missing", translated(QT_TRANSLATE_NOOP("Clearway::Models::DeclarationCheck", "The customs district is missing.")));
    else if (!isDistrictCode(d.district))
        issues.add(district, "malformed", translated(QT_TRANSLATE_NOOP("Clearway::Models::DeclarationCheck", "The customs district \"%1\" must have 4 digits.")).arg(d.district));

    if (d.enterprise.code.isEmpty() && d.enterprise.name.trimmed().isEmpty()) {
        issues.add(QStringLiteral("enterprise"), "missing", translated(QT_TRANSLATE_NOOP("Clearway::Models::DeclarationCheck", "The declaring enterprise is missing.")));
    } else if (d.enterprise.code.isEmpty()) {
        issues.add(QStringLiteral("enterprise.code"), "missing",
                   translated(QT_TRANSLATE_NOOP("Clearway::Models::DeclarationCheck", "The enterprise's unified social credit code is missing.")));
    } else if (!isCreditCode(d.enterprise.code)) {
        issues.add(QStringLiteral("enterprise.code"), "malformed",
                   translated(QT_TRANSLATE_NOOP("Clearway::Models::DeclarationCheck", "\"%1\" is not a unified social credit code (18 digits and capital letters).")).arg(d.enterprise.code));
    }

    const QString tradeMode = QStringLiteral("tradeMode");
    if (d.tradeMode.isEmpty())
        issues.add(tradeMode, "missing", translated(QT_TRANSLATE_NOOP("Clearway::Models::DeclarationCheck", "The trade mode is missing.")));
    else if (!isTradeModeCode(d.tradeMode))
        issues.add(tradeMode, "malformed", translated(QT_TRANSLATE_NOOP("Clearway::Models::DeclarationCheck", "The trade mode \"%1\" must have 4 digits.")).arg(d.tradeMode));

    const QString currency = QStringLiteral("currency");
    const bool currencyKnown = isCurrencyCode(d.currency);
    if (d.currency.isEmpty())
        issues.add(currency, "missing", translated(QT_TRANSLATE_NOOP("Clearway::Models::DeclarationCheck", "The currency is missing.")));
    else if (!currencyKnown)
        issues.add(currency, "unknown_currency", translated(QT_TRANSLATE_NOOP("Clearway::Models::DeclarationCheck", "\"%1\" is not an ISO 4217 currency code.")).arg(d.currency));

    const QString total = QStringLiteral("totalValue");
    if (d.totalValue < 0)
        issues.add(total, "negative", translated(QT_TRANSLATE_NOOP("Clearway::Models::DeclarationCheck", "The total value cannot be negative.")));

    if (d.goods.isEmpty())
        issues.add(QStringLiteral("goods"), "missing", translated(QT_TRANSLATE_NOOP("Clearway::Models::DeclarationCheck", "The declaration has no goods lines.")));

    qint64 sum = 0;
    bool summable = currencyKnown; // every line in the declaration's currency
    bool overflow = false;
    for (qsizetype i = 0; i < d.goods.size(); ++i) {
        const GoodsLine &g = d.goods.at(i);
        if (!isHsCode(g.hsCode)) {
            issues.add(lineField(i, "hsCode"), g.hsCode.isEmpty() ? "missing" : "malformed",
                       translated(QT_TRANSLATE_NOOP("Clearway::Models::DeclarationCheck", "Goods line %1: the HS code \"%2\" must have 10 digits.")).arg(i + 1).arg(g.hsCode));
        }
        if (!isCountryCode(g.origin)) {
            issues.add(lineField(i, "origin"), g.origin.isEmpty() ? "missing" : "unknown_country",
                       translated(QT_TRANSLATE_NOOP("Clearway::Models::DeclarationCheck", "Goods line %1: \"%2\" is not an ISO 3166-1 country code.")).arg(i + 1).arg(g.origin));
        }
        if (!(g.quantity > 0) || !std::isfinite(g.quantity)) {
            issues.add(lineField(i, "quantity"), "quantity",
                       translated(QT_TRANSLATE_NOOP("Clearway::Models::DeclarationCheck", "Goods line %1: the quantity must be above zero (declared: %2).")).arg(i + 1).arg(g.quantity));
        }
        if (g.unit.trimmed().isEmpty())
            issues.add(lineField(i, "unit"), "missing", translated(QT_TRANSLATE_NOOP("Clearway::Models::DeclarationCheck", "Goods line %1: the unit of quantity is missing.")).arg(i + 1));
        if (g.value < 0) {
            issues.add(lineField(i, "value"), "negative", translated(QT_TRANSLATE_NOOP("Clearway::Models::DeclarationCheck", "Goods line %1: the value cannot be negative.")).arg(i + 1));
        }
        if (!isCurrencyCode(g.currency)) {
            issues.add(lineField(i, "currency"), g.currency.isEmpty() ? "missing" : "unknown_currency",
                       translated(QT_TRANSLATE_NOOP("Clearway::Models::DeclarationCheck", "Goods line %1: \"%2\" is not an ISO 4217 currency code.")).arg(i + 1).arg(g.currency));
            summable = false;
        } else if (currencyKnown && g.currency != d.currency) {
            issues.add(lineField(i, "currency"), "currency_differs",
                       translated(QT_TRANSLATE_NOOP("Clearway::Models::DeclarationCheck", "Goods line %1 is in %2, the declaration in %3: one currency per declaration.")).arg(i + 1).arg(g.currency, d.currency));
            summable = false;
        }
        overflow = overflow || !addChecked(&sum, g.value);
    }
    if (summable && overflow) {
        issues.add(total, "total_overflow", translated(QT_TRANSLATE_NOOP("Clearway::Models::DeclarationCheck", "The goods lines' values are too large to add up.")));
    } else if (summable && !d.goods.isEmpty() && sum != d.totalValue) {
        issues.add(total, "total_mismatch",
                   translated(QT_TRANSLATE_NOOP("Clearway::Models::DeclarationCheck", "The goods lines add up to %1, but the total value declared is %2."))
                       .arg(formatMoney(sum, d.currency), formatMoney(d.totalValue, d.currency)));
    }

    if (needsGuarantee(d) && d.guarantee == GuaranteeKind::None) {
        issues.add(QStringLiteral("guarantee"), "guarantee_required",
                   translated(QT_TRANSLATE_NOOP("Clearway::Models::DeclarationCheck", "A two-step declaration needs a guarantee unless the enterprise is advanced certified (AEO).")));
    }
    return issues.take();
}

} // namespace Clearway::Models
