#include "models/types.h"

#include <QCoreApplication>
#include <QLocale>
#include <QStringList>

namespace Clearway::Models {

namespace {
constexpr const char *kContext = "Clearway::Models";
QString translated(const char *text) { return QCoreApplication::translate(kContext, text); }
} // namespace

QString workKindKey(WorkKind kind)
{
    switch (kind) {
    case WorkKind::Declaration: return QStringLiteral("declaration");
    case WorkKind::Manifest: return QStringLiteral("manifest");
    case WorkKind::InspectionTask: return QStringLiteral("inspection");
    case WorkKind::VideoSession: return QStringLiteral("video");
    case WorkKind::Certificate: return QStringLiteral("certificate");
    case WorkKind::ServiceApplication: return QStringLiteral("application");
    }
    return {};
}

std::optional<WorkKind> workKindFromKey(const QString &key)
{
    for (int i = 0; i < WorkKindCount; ++i) {
        const auto kind = static_cast<WorkKind>(i);
        if (workKindKey(kind) == key)
            return kind;
    }
    return std::nullopt;
}

QString workKindLabel(WorkKind kind)
{
    switch (kind) {
    case WorkKind::Declaration: return translated(QT_TRANSLATE_NOOP("Clearway::Models", "Declarations"));
    case WorkKind::Manifest: return translated(QT_TRANSLATE_NOOP("Clearway::Models", "E-commerce manifests"));
    case WorkKind::InspectionTask: return translated(QT_TRANSLATE_NOOP("Clearway::Models", "Inspection tasks"));
    case WorkKind::VideoSession: return translated(QT_TRANSLATE_NOOP("Clearway::Models", "Remote inspections"));
    case WorkKind::Certificate: return translated(QT_TRANSLATE_NOOP("Clearway::Models", "Certificates"));
    case WorkKind::ServiceApplication: return translated(QT_TRANSLATE_NOOP("Clearway::Models", "Service applications"));
    }
    return {};
}

QString roleLabel(Role role)
{
    switch (role) {
    case Role::None: return translated(QT_TRANSLATE_NOOP("Clearway::Models", "No role"));
    case Role::WindowOfficer: return translated(QT_TRANSLATE_NOOP("Clearway::Models", "Window officer"));
    case Role::Inspector: return translated(QT_TRANSLATE_NOOP("Clearway::Models", "Inspector"));
    case Role::RemoteInspector: return translated(QT_TRANSLATE_NOOP("Clearway::Models", "Remote inspector"));
    case Role::CertificateOfficer: return translated(QT_TRANSLATE_NOOP("Clearway::Models", "Certificate officer"));
    case Role::Supervisor: return translated(QT_TRANSLATE_NOOP("Clearway::Models", "Supervisor"));
    case Role::System: return translated(QT_TRANSLATE_NOOP("Clearway::Models", "System"));
    }
    return {};
}

QString rolesLabel(Roles roles)
{
    QStringList names;
    for (Role role : {Role::WindowOfficer, Role::Inspector, Role::RemoteInspector, Role::CertificateOfficer,
                      Role::Supervisor, Role::System}) {
        if (roles.testFlag(role))
            names << roleLabel(role);
    }
    return names.isEmpty() ? roleLabel(Role::None) : names.join(QStringLiteral(", "));
}

QString channelLabel(Channel channel)
{
    switch (channel) {
    case Channel::Unassessed: return translated(QT_TRANSLATE_NOOP("Clearway::Models", "Not assessed"));
    case Channel::Green: return translated(QT_TRANSLATE_NOOP("Clearway::Models", "Green"));
    case Channel::Yellow: return translated(QT_TRANSLATE_NOOP("Clearway::Models", "Yellow"));
    case Channel::Red: return translated(QT_TRANSLATE_NOOP("Clearway::Models", "Red"));
    case Channel::Blue: return translated(QT_TRANSLATE_NOOP("Clearway::Models", "Blue"));
    }
    return {};
}

QString directionLabel(Direction direction)
{
    return direction == Direction::Import ? translated(QT_TRANSLATE_NOOP("Clearway::Models", "Import"))
                                          : translated(QT_TRANSLATE_NOOP("Clearway::Models", "Export"));
}

QString creditClassLabel(CreditClass credit)
{
    switch (credit) {
    case CreditClass::AdvancedCertified: return translated(QT_TRANSLATE_NOOP("Clearway::Models", "Advanced certified (AEO)"));
    case CreditClass::GeneralCertified: return translated(QT_TRANSLATE_NOOP("Clearway::Models", "General certified"));
    case CreditClass::General: return translated(QT_TRANSLATE_NOOP("Clearway::Models", "General credit"));
    case CreditClass::Dishonest: return translated(QT_TRANSLATE_NOOP("Clearway::Models", "Dishonest"));
    }
    return {};
}

QString declarationModeLabel(DeclarationMode mode)
{
    switch (mode) {
    case DeclarationMode::Standard: return translated(QT_TRANSLATE_NOOP("Clearway::Models", "Standard"));
    case DeclarationMode::Advance: return translated(QT_TRANSLATE_NOOP("Clearway::Models", "Advance declaration"));
    case DeclarationMode::TwoStep: return translated(QT_TRANSLATE_NOOP("Clearway::Models", "Two-step declaration"));
    case DeclarationMode::TwoStageAccess: return translated(QT_TRANSLATE_NOOP("Clearway::Models", "Two-stage access"));
    }
    return {};
}

QString transportLabel(Transport transport)
{
    switch (transport) {
    case Transport::Sea: return translated(QT_TRANSLATE_NOOP("Clearway::Models", "Sea"));
    case Transport::Air: return translated(QT_TRANSLATE_NOOP("Clearway::Models", "Air"));
    case Transport::Rail: return translated(QT_TRANSLATE_NOOP("Clearway::Models", "Rail"));
    case Transport::Road: return translated(QT_TRANSLATE_NOOP("Clearway::Models", "Road"));
    case Transport::Mail: return translated(QT_TRANSLATE_NOOP("Clearway::Models", "Mail and express"));
    }
    return {};
}

QString guaranteeLabel(GuaranteeKind guarantee)
{
    switch (guarantee) {
    case GuaranteeKind::None: return translated(QT_TRANSLATE_NOOP("Clearway::Models", "None"));
    case GuaranteeKind::CashDeposit: return translated(QT_TRANSLATE_NOOP("Clearway::Models", "Cash deposit"));
    case GuaranteeKind::BankGuarantee: return translated(QT_TRANSLATE_NOOP("Clearway::Models", "Bank guarantee"));
    case GuaranteeKind::GeneralGuarantee: return translated(QT_TRANSLATE_NOOP("Clearway::Models", "General guarantee"));
    case GuaranteeKind::TariffInsurance: return translated(QT_TRANSLATE_NOOP("Clearway::Models", "Tariff guarantee insurance"));
    case GuaranteeKind::FinanceCompany: return translated(QT_TRANSLATE_NOOP("Clearway::Models", "Group finance company"));
    case GuaranteeKind::ThirdPartyCredit: return translated(QT_TRANSLATE_NOOP("Clearway::Models", "Third-party credit"));
    }
    return {};
}

QString inspectionMethodLabel(InspectionMethod method)
{
    switch (method) {
    case InspectionMethod::Manual: return translated(QT_TRANSLATE_NOOP("Clearway::Models", "Manual opening"));
    case InspectionMethod::XRay: return translated(QT_TRANSLATE_NOOP("Clearway::Models", "X-ray (H986)"));
    case InspectionMethod::CT: return translated(QT_TRANSLATE_NOOP("Clearway::Models", "CT"));
    case InspectionMethod::Sampling: return translated(QT_TRANSLATE_NOOP("Clearway::Models", "Sampling and lab test"));
    case InspectionMethod::Quarantine: return translated(QT_TRANSLATE_NOOP("Clearway::Models", "Quarantine treatment"));
    case InspectionMethod::Destination: return translated(QT_TRANSLATE_NOOP("Clearway::Models", "Destination inspection"));
    case InspectionMethod::RemoteVideo: return translated(QT_TRANSLATE_NOOP("Clearway::Models", "Remote video"));
    }
    return {};
}

QString certificateTypeLabel(CertificateType type)
{
    switch (type) {
    case CertificateType::Origin: return translated(QT_TRANSLATE_NOOP("Clearway::Models", "Certificate of origin"));
    case CertificateType::SpecialItems: return translated(QT_TRANSLATE_NOOP("Clearway::Models", "Special items approval"));
    case CertificateType::TradeFairRegistration: return translated(QT_TRANSLATE_NOOP("Clearway::Models", "Trade fair temporary registration"));
    case CertificateType::CccExemption: return translated(QT_TRANSLATE_NOOP("Clearway::Models", "CCC exemption statement"));
    }
    return {};
}

QString slaStateLabel(SlaState state)
{
    switch (state) {
    case SlaState::Overdue: return translated(QT_TRANSLATE_NOOP("Clearway::Models", "Overdue"));
    case SlaState::DueToday: return translated(QT_TRANSLATE_NOOP("Clearway::Models", "Due today"));
    case SlaState::Later: return translated(QT_TRANSLATE_NOOP("Clearway::Models", "Later"));
    }
    return {};
}

int currencyMinorDigits(const QString &currency)
{
    // ISO 4217 exponents that are not 2 (the standard's list; iso-codes does not carry them).
    static const QStringList none = {
        QStringLiteral("BIF"), QStringLiteral("CLP"), QStringLiteral("DJF"), QStringLiteral("GNF"), QStringLiteral("ISK"),
        QStringLiteral("JPY"), QStringLiteral("KMF"), QStringLiteral("KRW"), QStringLiteral("PYG"), QStringLiteral("RWF"),
        QStringLiteral("UGX"), QStringLiteral("UYI"), QStringLiteral("VND"), QStringLiteral("VUV"), QStringLiteral("XAF"),
        QStringLiteral("XOF"), QStringLiteral("XPF"),
    };
    static const QStringList three = {
        QStringLiteral("BHD"), QStringLiteral("IQD"), QStringLiteral("JOD"), QStringLiteral("KWD"),
        QStringLiteral("LYD"), QStringLiteral("OMR"), QStringLiteral("TND"),
    };
    if (none.contains(currency))
        return 0;
    if (three.contains(currency))
        return 3;
    return 2;
}

QString formatMoney(qint64 minorUnits, const QString &currency)
{
    const int digits = currencyMinorDigits(currency);
    qint64 divisor = 1;
    for (int i = 0; i < digits; ++i)
        divisor *= 10;
    const QLocale locale;
    const qint64 whole = minorUnits / divisor;
    QString out = (minorUnits < 0 && whole == 0) ? locale.negativeSign() : QString();
    out += locale.toString(whole);
    if (digits > 0)
        out += locale.decimalPoint() % QStringLiteral("%1").arg(qAbs(minorUnits % divisor), digits, 10, QLatin1Char('0'));
    if (!currency.isEmpty())
        out += QLatin1Char(' ') % currency;
    return out;
}

} // namespace Clearway::Models
