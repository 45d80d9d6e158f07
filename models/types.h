#pragma once

#include <QFlags>
#include <QMetaType>
#include <QString>
#include <QtCore/qobjectdefs.h>

#include <optional>

namespace Clearway::Models {
Q_NAMESPACE

// The kinds of work item an officer finds in a queue.
enum class WorkKind : int {
    Declaration,
    Manifest,
    InspectionTask,
    VideoSession,
    Certificate,
    ServiceApplication,
};
Q_ENUM_NS(WorkKind)
inline constexpr int WorkKindCount = 6;

enum class Role : unsigned {
    None = 0x0,
    WindowOfficer = 0x1,
    Inspector = 0x2,
    RemoteInspector = 0x4,
    CertificateOfficer = 0x8,
    Supervisor = 0x10,
    // Rules and the enterprise side (resubmission, system routing). Never held by an officer.
    System = 0x20,
};
Q_DECLARE_FLAGS(Roles, Role)
Q_FLAG_NS(Roles)

// ASYCUDA's four selectivity lanes; Unassessed until the risk engine has run.
enum class Channel : int { Unassessed = 0, Green = 1, Yellow = 2, Red = 3, Blue = 4 };
Q_ENUM_NS(Channel)

enum class Direction : int { Import = 0, Export = 1 };
Q_ENUM_NS(Direction)

enum class CreditClass : int { AdvancedCertified = 0, GeneralCertified = 1, General = 2, Dishonest = 3 };
Q_ENUM_NS(CreditClass)

enum class DeclarationMode : int { Standard = 0, Advance = 1, TwoStep = 2, TwoStageAccess = 3 };
Q_ENUM_NS(DeclarationMode)

enum class Transport : int { Sea = 0, Air = 1, Rail = 2, Road = 3, Mail = 4 };
Q_ENUM_NS(Transport)

enum class GuaranteeKind : int {
    None = 0,
    CashDeposit = 1,
    BankGuarantee = 2,
    GeneralGuarantee = 3,
    TariffInsurance = 4,
    FinanceCompany = 5,
    ThirdPartyCredit = 6,
};
Q_ENUM_NS(GuaranteeKind)

enum class InspectionMethod : int { Manual = 0, XRay = 1, CT = 2, Sampling = 3, Quarantine = 4, Destination = 5, RemoteVideo = 6 };
Q_ENUM_NS(InspectionMethod)

enum class CertificateType : int { Origin = 0, SpecialItems = 1, TradeFairRegistration = 2, CccExemption = 3 };
Q_ENUM_NS(CertificateType)

// Where a work item stands against its deadline, relative to "now" in the officer's time zone.
enum class SlaState : int { Overdue = 0, DueToday = 1, Later = 2 };
Q_ENUM_NS(SlaState)

// Stable, untranslated keys used in the cache, the wire protocol and on the command line.
QString workKindKey(WorkKind kind);
std::optional<WorkKind> workKindFromKey(const QString &key);

// Translated, user-facing names.
QString workKindLabel(WorkKind kind);
QString roleLabel(Role role);
QString rolesLabel(Roles roles);
QString channelLabel(Channel channel);
QString directionLabel(Direction direction);
QString creditClassLabel(CreditClass credit);
QString declarationModeLabel(DeclarationMode mode);
QString transportLabel(Transport transport);
QString guaranteeLabel(GuaranteeKind guarantee);
QString inspectionMethodLabel(InspectionMethod method);
QString certificateTypeLabel(CertificateType type);
QString slaStateLabel(SlaState state);

// Money is carried in fen (0.01 CNY, or the currency's minor unit): never in floating point.
// How many decimals the currency's minor unit has (ISO 4217: 2 for most, 0 for JPY, 3 for KWD).
int currencyMinorDigits(const QString &currency);
QString formatMoney(qint64 minorUnits, const QString &currency);

} // namespace Clearway::Models

Q_DECLARE_OPERATORS_FOR_FLAGS(Clearway::Models::Roles)
