#pragma once

#include "models/types.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTimeZone>

#include <optional>

namespace Clearway::Models {

// Plain values. Identity is the server-assigned integer id; the customs number is the natural key.

struct Officer
{
    QString id;     // login name, e.g. "gz.wang"
    QString name;   // display name, e.g. "王建国"
    QString office; // customs district code, e.g. "5141"
    Roles roles;
    // false once the account is disabled (clearway-server disable-user): the officer's name stays
    // in the history, but no work can be handed to the officer and no sign-in is accepted.
    bool active = true;

    bool hasRole(Role role) const { return roles.testFlag(role); }

    // As the protocol writes an officer: {"id", "name", "office", "roles": <Role bits>, "active"}.
    // fromJson() refuses an object without a non-empty id, with a field of the wrong type or with
    // role bits no Role has; a missing "active" is true.
    QJsonObject toJson() const;
    static std::optional<Officer> fromJson(const QJsonObject &o);
    friend bool operator==(const Officer &, const Officer &) = default;
};

// What part of the server's work a workstation keeps (docs/protocol.md, "Scopes"): the work items of
// some offices and some kinds; empty lists mean every office, every kind. An item's office and kind
// never change, so an item is in a scope or out of it for good.
struct SyncScope
{
    QStringList offices;
    QList<WorkKind> kinds;

    bool isEverything() const { return offices.isEmpty() && kinds.isEmpty(); }
    bool covers(WorkKind kind) const { return kinds.isEmpty() || kinds.contains(kind); }
    bool covers(WorkKind kind, const QString &office) const { return covers(kind) && (offices.isEmpty() || offices.contains(office)); }
    // Sorted and without repeats, so that equal scopes compare equal.
    SyncScope normalized() const;
    // As docs/protocol.md writes it: {"offices": [...], "kinds": ["declaration", ...]}, each list
    // only when restricted. fromJson() skips what it does not know (sync/message.h's readScope()
    // checks what a peer sends).
    QJsonObject toJson() const;
    static SyncScope fromJson(const QJsonObject &o);
    friend bool operator==(const SyncScope &, const SyncScope &) = default;

    // Whether every item of this scope is in `allowed`.
    bool within(const SyncScope &allowed) const;
    // This scope, kept to what `allowed` holds (a list this one leaves open takes allowed's; one
    // with nothing in common with allowed's becomes allowed's).
    SyncScope narrowedTo(const SyncScope &allowed) const;
    // What `officer` may keep on a workstation: the work of their own office, or every office's
    // for the System's accounts and those granted kAllOfficesPermission.
    static SyncScope mayKeep(const Officer &officer, const QStringList &permissions);
};

// The permission to keep every office's work on a workstation (an analyst at headquarters).
inline constexpr char kAllOfficesPermission[] = "scope.all";

struct Enterprise
{
    qint64 id = 0;
    QString code; // unified social credit code, 18 characters
    QString name;
    CreditClass credit = CreditClass::General;
};

struct GoodsLine
{
    int lineNo = 0;
    QString hsCode; // 10 digits
    QString description;
    double quantity = 0;
    QString unit;
    qint64 value = 0; // minor units of currency
    QString currency; // ISO 4217 alpha-3
    QString origin;   // ISO 3166-1 alpha-2
};

// State every work item shares: where it is in its lifecycle, who holds it, and how fresh it is.
struct WorkItemState
{
    QString state;
    QString assignee; // officer id, empty when unassigned
    QString office;
    qint64 version = 0;
};

struct Declaration
{
    qint64 id = 0;
    QString entryNo; // 18 digits
    QString district; // 关区代码, 4 digits
    Direction direction = Direction::Import;
    DeclarationMode mode = DeclarationMode::Standard;
    QString tradeMode; // 4-digit code, e.g. "0110" general trade, "1210" bonded e-commerce
    Transport transport = Transport::Sea;
    QString vessel;
    QString voyage;
    QString billNo;
    QString manifestNo;
    Enterprise enterprise;
    qint64 totalValue = 0;
    QString currency;
    qint64 duties = 0; // CNY fen
    GuaranteeKind guarantee = GuaranteeKind::None;
    Channel channel = Channel::Unassessed;
    QDateTime declaredAt;
    QDateTime arrivalAt;
    QDateTime deadline;
    WorkItemState work;
    QList<GoodsLine> goods;
};

struct Manifest
{
    qint64 id = 0;
    QString manifestNo;
    QString orderNo;
    QString paymentNo;
    QString waybillNo;
    QString platform; // e-commerce platform
    QString buyerName;
    QString buyerIdNo; // masked for display by the UI
    QString consignee;
    qint64 totalValue = 0; // CNY fen
    qint64 orderTotal = 0;
    qint64 paymentAmount = 0;
    QString tradeMode; // "9610" or "1210"
    Enterprise enterprise;
    QDateTime declaredAt;
    QDateTime deadline;
    WorkItemState work;
    QList<GoodsLine> goods;
};

struct InspectionTask
{
    qint64 id = 0;
    QString taskNo;
    QString entryNo;
    QString enterpriseName;
    QString manifestNo;
    QString billNo;
    QString vessel;
    QString voyage;
    QString containerNo;
    QString site;
    InspectionMethod method = InspectionMethod::Manual;
    QString checkType; // quarantine / inspection / testing
    QDateTime notifiedAt;
    QDateTime inPositionAt;
    QDateTime deadline;
    QString result; // empty until completed
    WorkItemState work;
};

struct VideoSession
{
    qint64 id = 0;
    QString sessionNo;
    QString entryNo;
    QString enterpriseName;
    QString site;
    QDateTime scheduledAt;
    int durationMinutes = 0;
    QString recordingSha256;
    WorkItemState work;
};

struct Certificate
{
    qint64 id = 0;
    QString certificateNo;
    CertificateType type = CertificateType::Origin;
    QString applicantName;
    QString destinationCountry; // ISO 3166-1 alpha-2
    QString reviewOutcome;      // pass / return / manual / investigation, empty until reviewed
    QDateTime submittedAt;
    QDateTime deadline;
    WorkItemState work;
};

struct ServiceApplication
{
    qint64 id = 0;
    QString applicationNo;
    QString serviceItem; // catalogue key
    QString applicantName;
    QString handlingOffice;
    QDateTime receivedAt;
    QDateTime deadline;
    WorkItemState work;
};

// One accepted change to a work item, as the server's change log records it and the change stream
// carries it to every workstation.
struct ItemChange
{
    qint64 cursor = 0; // server-assigned, strictly increasing
    WorkKind kind = WorkKind::Declaration;
    qint64 itemId = 0;
    qint64 version = 0; // the item's version after the change
    QString state;
    QString assignee;
    qint64 at = 0; // UTC seconds
    QString actor;
    QString command;
    QString fromState;
    QString reason;
    // Columns the change sets beyond state, holder and version, for the items whose data changes on
    // the server: a new declaration ("declare": {"row", "goods", "enterprise"}, the whole item) or a
    // re-routed one ("reroute": {"row": {"channel": 3}}). Empty for lifecycle commands.
    QJsonObject fields{};
    // The item's office, which the server reads with the change to send it only to the
    // workstations whose scope holds it; not sent on the wire.
    QString office{};
    // Set for a change to the officer directory instead of a work item (an account added, changed
    // or disabled on the server): every workstation keeps it, whatever its scope; kind, item,
    // version and event are not used.
    std::optional<Officer> officer{};
};

// China's time zone (Asia/Shanghai): customs deadlines and calendar years are counted in it,
// whatever the zone of the machine.
QTimeZone chinaTimeZone();

// Where a deadline stands for an officer looking at the queue at `now` (local time).
SlaState slaStateAt(const QDateTime &deadline, const QDateTime &now);

} // namespace Clearway::Models
