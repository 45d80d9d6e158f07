#include "models/servicecatalogue.h"

#include "models/entities.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>

namespace Clearway::Models {

namespace {

constexpr const char *kContext = "Clearway::Models::ServiceCatalogue";
QString translated(const char *text) { return QCoreApplication::translate(kContext, text); }
QString u(const char *utf8) { return QString::fromUtf8(utf8); }

ServiceDocument doc(const char *key, const char *name, bool required = true) { return {QString::fromLatin1(key), name, required}; }

QList<ServiceItem> buildCatalogue()
{
    // Official names and handling sections as office 5141 publishes them; documents and time limits
    // from the service guides (办事指南) of the items. Time limits are working days after receipt.
    return {
        {QStringLiteral("consignor_consignee_registration"), QT_TRANSLATE_NOOP("Clearway::Models::ServiceCatalogue", "Consignor/consignee registration"),
         u("进出口货物收发货人备案"),
         {doc("registration_form", QT_TRANSLATE_NOOP("Clearway::Models::ServiceCatalogue", "Registration form for customs declaration entities")),
          doc("business_licence", QT_TRANSLATE_NOOP("Clearway::Models::ServiceCatalogue", "Business licence (copy)")),
          doc("representative_id", QT_TRANSLATE_NOOP("Clearway::Models::ServiceCatalogue", "Legal representative's identity document")),
          doc("power_of_attorney", QT_TRANSLATE_NOOP("Clearway::Models::ServiceCatalogue", "Power of attorney (when an agent applies)"), false)},
         1, QT_TRANSLATE_NOOP("Clearway::Models::ServiceCatalogue", "Enterprise Management and Audit Section"), u("企业管理和稽查科")},
        {QStringLiteral("food_cosmetics_importer_filing"), QT_TRANSLATE_NOOP("Clearway::Models::ServiceCatalogue", "Importer filing for food and cosmetics"),
         u("进口食品化妆品进口商备案"),
         {doc("filing_form", QT_TRANSLATE_NOOP("Clearway::Models::ServiceCatalogue", "Importer filing form")),
          doc("business_licence", QT_TRANSLATE_NOOP("Clearway::Models::ServiceCatalogue", "Business licence (copy)")),
          doc("food_safety_system", QT_TRANSLATE_NOOP("Clearway::Models::ServiceCatalogue", "Food safety management system")),
          doc("contact_id", QT_TRANSLATE_NOOP("Clearway::Models::ServiceCatalogue", "Contact person's identity document"))},
         3, QT_TRANSLATE_NOOP("Clearway::Models::ServiceCatalogue", "General Operations Section 1"), u("综合业务一科")},
        {QStringLiteral("certificate_of_origin"), QT_TRANSLATE_NOOP("Clearway::Models::ServiceCatalogue", "Certificate of origin issuance"),
         u("原产地证书签发"),
         {doc("origin_application", QT_TRANSLATE_NOOP("Clearway::Models::ServiceCatalogue", "Application for a certificate of origin")),
          doc("commercial_invoice", QT_TRANSLATE_NOOP("Clearway::Models::ServiceCatalogue", "Commercial invoice")),
          doc("certificate_draft", QT_TRANSLATE_NOOP("Clearway::Models::ServiceCatalogue", "Draft certificate")),
          doc("packing_list", QT_TRANSLATE_NOOP("Clearway::Models::ServiceCatalogue", "Packing list"), false)},
         1, QT_TRANSLATE_NOOP("Clearway::Models::ServiceCatalogue", "General Operations Section 2"), u("综合业务二科")},
        {QStringLiteral("special_items_approval"), QT_TRANSLATE_NOOP("Clearway::Models::ServiceCatalogue", "Special items approval"),
         u("特殊物品审批"),
         {doc("approval_application", QT_TRANSLATE_NOOP("Clearway::Models::ServiceCatalogue", "Health quarantine approval application for special items")),
          doc("item_description", QT_TRANSLATE_NOOP("Clearway::Models::ServiceCatalogue", "Description of the special items")),
          doc("risk_assessment", QT_TRANSLATE_NOOP("Clearway::Models::ServiceCatalogue", "Risk assessment report")),
          doc("authority_approval", QT_TRANSLATE_NOOP("Clearway::Models::ServiceCatalogue", "Approval of the competent authority"), false)},
         20, QT_TRANSLATE_NOOP("Clearway::Models::ServiceCatalogue", "Health Quarantine Section"), u("卫生检疫科")},
        {QStringLiteral("consumer_quota_restoration"), QT_TRANSLATE_NOOP("Clearway::Models::ServiceCatalogue", "Consumer quota restoration"),
         u("个人年度交易额度恢复"),
         {doc("restoration_application", QT_TRANSLATE_NOOP("Clearway::Models::ServiceCatalogue", "Application for quota restoration")),
          doc("identity_document", QT_TRANSLATE_NOOP("Clearway::Models::ServiceCatalogue", "Identity document of the consumer")),
          doc("police_report", QT_TRANSLATE_NOOP("Clearway::Models::ServiceCatalogue", "Police report receipt of the identity theft")),
          doc("statement", QT_TRANSLATE_NOOP("Clearway::Models::ServiceCatalogue", "Statement of the orders not placed by the consumer"))},
         5, QT_TRANSLATE_NOOP("Clearway::Models::ServiceCatalogue", "General Operations Section 1"), u("综合业务一科")},
    };
}

class Issues
{
public:
    void add(const char *field, const char *code, QString reason)
    {
        m_list.append({QString::fromLatin1(field), QString::fromLatin1(code), std::move(reason)});
    }
    QList<FieldIssue> take() { return std::move(m_list); }

private:
    QList<FieldIssue> m_list;
};

const QLatin1String kCreditCodeChars("0123456789ABCDEFGHJKLMNPQRTUWXY");

bool isCreditCode(const QString &id)
{
    static const int weights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    int sum = 0;
    for (int i = 0; i < 17; ++i) {
        const qsizetype v = kCreditCodeChars.indexOf(id.at(i));
        if (v < 0)
            return false;
        sum += int(v) * weights[i];
    }
    const qsizetype check = kCreditCodeChars.indexOf(id.at(17));
    return check >= 0 && check == (31 - sum % 31) % 31;
}

bool isResidentId(const QString &id)
{
    static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; ++i) {
        const QChar c = id.at(i);
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return false;
        sum += c.digitValue() * weights[i];
    }
    if (!QDate::fromString(id.mid(6, 8), QStringLiteral("yyyyMMdd")).isValid())
        return false;
    return id.at(17) == QLatin1Char("10X98765432"[sum % 11]);
}

} // namespace

QString ServiceDocument::label() const { return translated(name); }

QString ServiceItem::label() const { return translated(name); }

QString ServiceItem::officeLabel() const { return translated(office); }

const ServiceDocument *ServiceItem::document(const QString &documentKey) const
{
    for (const ServiceDocument &d : documents) {
        if (d.key == documentKey)
            return &d;
    }
    return nullptr;
}

QStringList ServiceItem::requiredDocuments() const
{
    QStringList out;
    for (const ServiceDocument &d : documents) {
        if (d.required)
            out << d.key;
    }
    return out;
}

const QList<ServiceItem> &ServiceCatalogue::items()
{
    static const QList<ServiceItem> all = buildCatalogue();
    return all;
}

const ServiceItem *ServiceCatalogue::find(const QString &key)
{
    for (const ServiceItem &item : items()) {
        if (item.key == key)
            return &item;
    }
    return nullptr;
}

QString ServiceCatalogue::itemLabel(const QString &key, const QString &storedName)
{
    const ServiceItem *item = find(key);
    return item ? item->label() : storedName;
}

QJsonObject ApplicationIntake::toJson() const
{
    return {{QStringLiteral("service"), serviceKey},     {QStringLiteral("applicantName"), applicantName},
            {QStringLiteral("applicantId"), applicantId}, {QStringLiteral("contact"), contact},
            {QStringLiteral("documents"), QJsonArray::fromStringList(documents)},
            {QStringLiteral("window"), window},           {QStringLiteral("notes"), notes},
            {QStringLiteral("intakeSeconds"), intakeSeconds}};
}

ApplicantIdKind applicantIdKind(const QString &id)
{
    if (id.size() != 18)
        return ApplicantIdKind::Invalid;
    if (isResidentId(id))
        return ApplicantIdKind::ResidentId;
    if (isCreditCode(id))
        return ApplicantIdKind::CreditCode;
    return ApplicantIdKind::Invalid;
}

QList<FieldIssue> checkApplicationIntake(const ApplicationIntake &in)
{
    Issues issues;
    const ServiceItem *item = ServiceCatalogue::find(in.serviceKey);
    if (in.serviceKey.isEmpty())
        issues.add("service", "missing", translated(QT_TRANSLATE_NOOP("Clearway::Models::ServiceCatalogue", "Choose the service item.")));
    else if (!item)
        issues.add("service", "unknown_service",
                   translated(QT_TRANSLATE_NOOP("Clearway::Models::ServiceCatalogue", "\"%1\" is not a service item of the catalogue.")).arg(in.serviceKey));

    const QString name = in.applicantName.trimmed();
    if (name.isEmpty())
        issues.add("applicantName", "missing", translated(QT_TRANSLATE_NOOP("Clearway::Models::ServiceCatalogue", "Enter the applicant's name.")));
    else if (name.size() > kMaxApplicantName)
        issues.add("applicantName", "too_long",
                   translated(QT_TRANSLATE_NOOP("Clearway::Models::ServiceCatalogue", "The applicant's name is at most %1 characters.")).arg(kMaxApplicantName));

    if (in.applicantId.trimmed().isEmpty())
        issues.add("applicantId", "missing",
                   translated(QT_TRANSLATE_NOOP("Clearway::Models::ServiceCatalogue",
                                                "Enter the unified social credit code of the enterprise or the ID number of the person.")));
    else if (applicantIdKind(in.applicantId.trimmed().toUpper()) == ApplicantIdKind::Invalid)
        issues.add("applicantId", "malformed",
                   translated(QT_TRANSLATE_NOOP("Clearway::Models::ServiceCatalogue",
                                                "\"%1\" is neither a unified social credit code nor a resident ID number (18 characters, with a valid check character)."))
                       .arg(in.applicantId.trimmed()));

    static const QRegularExpression phone(QStringLiteral("^\\+?[0-9][0-9 -]{4,38}[0-9]$"));
    if (in.contact.trimmed().isEmpty())
        issues.add("contact", "missing", translated(QT_TRANSLATE_NOOP("Clearway::Models::ServiceCatalogue", "Enter a telephone number to reach the applicant.")));
    else if (in.contact.trimmed().size() > kMaxContact || !phone.match(in.contact.trimmed()).hasMatch())
        issues.add("contact", "malformed",
                   translated(QT_TRANSLATE_NOOP("Clearway::Models::ServiceCatalogue", "\"%1\" is not a telephone number (digits, spaces, \"-\", a leading \"+\").")).arg(in.contact.trimmed()));

    if (item) {
        for (const QString &key : in.documents) {
            if (!item->document(key))
                issues.add("documents", "unknown_document",
                           translated(QT_TRANSLATE_NOOP("Clearway::Models::ServiceCatalogue", "\"%1\" is not a document of this service item.")).arg(key));
        }
        QStringList missing;
        for (const ServiceDocument &d : item->documents) {
            if (d.required && !in.documents.contains(d.key))
                missing << d.label();
        }
        if (!missing.isEmpty())
            issues.add("documents", "missing_document",
                       translated(QT_TRANSLATE_NOOP("Clearway::Models::ServiceCatalogue", "The applicant has not brought: %1. Tell the applicant everything that is missing at once."))
                           .arg(missing.join(translated(QT_TRANSLATE_NOOP("Clearway::Models::ServiceCatalogue", "; ")))));
    }

    if (in.window.trimmed().isEmpty())
        issues.add("window", "missing", translated(QT_TRANSLATE_NOOP("Clearway::Models::ServiceCatalogue", "Enter the window you serve at.")));
    else if (in.window.trimmed().size() > kMaxWindow)
        issues.add("window", "too_long", translated(QT_TRANSLATE_NOOP("Clearway::Models::ServiceCatalogue", "The window is at most %1 characters.")).arg(kMaxWindow));
    if (in.notes.size() > kMaxApplicationNotes)
        issues.add("notes", "too_long", translated(QT_TRANSLATE_NOOP("Clearway::Models::ServiceCatalogue", "The notes are at most %1 characters.")).arg(kMaxApplicationNotes));
    if (in.intakeSeconds < 0 || in.intakeSeconds > kMaxIntakeSeconds)
        issues.add("intakeSeconds", "out_of_range",
                   translated(QT_TRANSLATE_NOOP("Clearway::Models::ServiceCatalogue", "The intake time must be between 0 and %1 seconds.")).arg(kMaxIntakeSeconds));
    return issues.take();
}

ApplicationIntake applicationIntakeFromJson(const QJsonObject &json, QList<FieldIssue> *issues)
{
    ApplicationIntake in;
    static const QStringList strings = {QStringLiteral("service"), QStringLiteral("applicantName"), QStringLiteral("applicantId"),
                                        QStringLiteral("contact"), QStringLiteral("window"), QStringLiteral("notes")};
    QString *targets[] = {&in.serviceKey, &in.applicantName, &in.applicantId, &in.contact, &in.window, &in.notes};
    for (auto it = json.begin(); it != json.end(); ++it) {
        const QString key = it.key();
        const qsizetype index = strings.indexOf(key);
        if (index >= 0) {
            if (!it.value().isString())
                issues->append({key, QStringLiteral("type"), translated(QT_TRANSLATE_NOOP("Clearway::Models::ServiceCatalogue", "This field must be text."))});
            else
                *targets[index] = it.value().toString();
        } else if (key == QLatin1String("documents")) {
            const QJsonArray list = it.value().toArray();
            bool ok = it.value().isArray();
            for (const QJsonValue &v : list) {
                ok = ok && v.isString();
                if (v.isString() && !in.documents.contains(v.toString()))
                    in.documents << v.toString();
            }
            if (!ok)
                issues->append({key, QStringLiteral("type"), translated(QT_TRANSLATE_NOOP("Clearway::Models::ServiceCatalogue", "This field must be a list of document keys."))});
        } else if (key == QLatin1String("intakeSeconds")) {
            const double v = it.value().toDouble(-1);
            if (!it.value().isDouble() || v != double(qint64(v)))
                issues->append({key, QStringLiteral("type"), translated(QT_TRANSLATE_NOOP("Clearway::Models::ServiceCatalogue", "This field must be a whole number."))});
            else
                in.intakeSeconds = qint64(v);
        } else {
            issues->append({key, QStringLiteral("unknown_field"), translated(QT_TRANSLATE_NOOP("Clearway::Models::ServiceCatalogue", "This field is not part of an application."))});
        }
    }
    in.applicantId = in.applicantId.trimmed().toUpper();
    return in;
}

QDate addWorkingDays(const QDate &received, int workingDays)
{
    QDate day = received;
    for (int counted = 0; counted < workingDays;) {
        day = day.addDays(1);
        if (day.dayOfWeek() <= 5)
            ++counted;
    }
    return day;
}

QDateTime applicationDue(const QDateTime &receivedAt, int workingDays)
{
    const QTimeZone china = chinaTimeZone();
    const QDate last = addWorkingDays(receivedAt.toTimeZone(china).date(), workingDays);
    return QDateTime(last.addDays(1), QTime(0, 0), china);
}

QString applicationNumberPrefix(const QString &office, const QDate &day)
{
    return office + QLatin1Char('-') + day.toString(QStringLiteral("yyyyMMdd")) + QLatin1Char('-');
}

QString applicationNumber(const QString &office, const QDate &day, int sequence)
{
    return applicationNumberPrefix(office, day) + QStringLiteral("%1").arg(sequence, 4, 10, QLatin1Char('0'));
}

int applicationSequence(const QString &number, const QString &prefix)
{
    if (!number.startsWith(prefix) || number.size() != prefix.size() + 4)
        return 0;
    bool ok = false;
    const int n = QStringView(number).mid(prefix.size()).toInt(&ok);
    return ok ? n : 0;
}

} // namespace Clearway::Models
