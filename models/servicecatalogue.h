#pragma once

#include "models/declarationcheck.h"

#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace Clearway::Models {

// A document the applicant brings to the window for a service item.
struct ServiceDocument
{
    QString key;        // stable, on the wire and in the cache: "business_licence"
    const char *name;   // English source text (QT_TRANSLATE_NOOP, context Clearway::Models::ServiceCatalogue)
    bool required = true;

    QString label() const; // translated
};

// One window service (一窗通办): what the applicant brings, how long customs has by law, and which
// section of the office handles it after the window has received it.
struct ServiceItem
{
    QString key;              // stable: "certificate_of_origin"
    const char *name;         // English source text, translated by label()
    QString officialName;     // the item's name as customs publishes it (stored with the application)
    QList<ServiceDocument> documents;
    int timeLimitDays = 0;    // statutory time limit, working days after the day of receipt
    const char *office;       // the handling section, English source text
    QString officialOffice;   // ... as the office names it (stored with the application)

    QString label() const;        // translated name
    QString officeLabel() const;  // translated handling section
    const ServiceDocument *document(const QString &key) const;
    QStringList requiredDocuments() const; // keys
};

// The service items a window receives, in the order the intake form lists them.
namespace ServiceCatalogue {
const QList<ServiceItem> &items();
const ServiceItem *find(const QString &key);
// The translated name of a stored item: by its key, else the stored official name as it is.
QString itemLabel(const QString &key, const QString &storedName);
} // namespace ServiceCatalogue

// What the window officer enters at intake (docs/protocol.md "Window services").
struct ApplicationIntake
{
    QString serviceKey;
    QString applicantName;
    QString applicantId;  // unified social credit code (enterprises) or resident ID number (people)
    QString contact;      // telephone
    QStringList documents; // keys of the documents brought
    QString window;       // the service window, e.g. "3"
    QString notes;
    qint64 intakeSeconds = 0; // from opening the form to submitting it

    QJsonObject toJson() const;
};

// Limits of the intake's fields.
inline constexpr int kMaxApplicantName = 200;
inline constexpr int kMaxContact = 40;
inline constexpr int kMaxWindow = 32;
inline constexpr int kMaxApplicationNotes = 2000;
inline constexpr qint64 kMaxIntakeSeconds = 24 * 3600;

enum class ApplicantIdKind { Invalid, CreditCode, ResidentId };
// An 18-character unified social credit code (GB 32100, its check character verified) or an
// 18-character resident identity number (GB 11643, its check digit verified); Invalid otherwise.
ApplicantIdKind applicantIdKind(const QString &id);

// Every field-level problem of an intake (field names as in the JSON: "service", "applicantId",
// "documents", ...); empty when the window may receive it.
QList<FieldIssue> checkApplicationIntake(const ApplicationIntake &intake);
// The intake in a request's "application" object; wrong JSON types and unknown keys are issues.
ApplicationIntake applicationIntakeFromJson(const QJsonObject &json, QList<FieldIssue> *issues);

// The day a time limit of `workingDays` ends: the day of receipt does not count, then Monday to
// Friday count (public holidays are not taken into account).
QDate addWorkingDays(const QDate &received, int workingDays);
// When an application received at `receivedAt` is due: the end of the last working day of its time
// limit (midnight starting the next day), Asia/Shanghai.
QDateTime applicationDue(const QDateTime &receivedAt, int workingDays);

// Application numbers: the office, the day of receipt (Asia/Shanghai) and the day's sequence from 1,
// e.g. "5141-20261123-0007". The sequence has four digits (at most 9,999 a day per office).
inline constexpr int kMaxApplicationsPerDay = 9999;
QString applicationNumberPrefix(const QString &office, const QDate &day);
QString applicationNumber(const QString &office, const QDate &day, int sequence);
// The sequence of a number with `prefix`, or 0 when it is not one.
int applicationSequence(const QString &number, const QString &prefix);

} // namespace Clearway::Models
