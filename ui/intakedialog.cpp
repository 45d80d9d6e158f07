#include "ui/intakedialog.h"

#include "storage/applications.h"
#include "storage/cache.h"
#include "sync/syncclient.h"

#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPrintPreviewDialog>
#include <QPrinter>
#include <QPushButton>
#include <QSettings>
#include <QSqlDatabase>
#include <QStandardPaths>
#include <QTextDocument>
#include <QTimer>
#include <QVBoxLayout>

#include <memory>

namespace Clearway::Ui {

namespace {

const QString kWindowSetting = QStringLiteral("windowServices/window");

QLabel *errorLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: #a3101a;"));
    label->hide();
    return label;
}

// A field and, under it, the label that says what is wrong with it.
QWidget *withError(QWidget *field, QLabel *error)
{
    auto *box = new QWidget(field->parentWidget());
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(field);
    layout->addWidget(error);
    return box;
}

} // namespace

IntakeDialog::IntakeDialog(Storage::Cache *cache, Sync::SyncClient *sync, const Models::Officer &officer, const Storage::OfficerNames &officers,
                           QWidget *parent)
    : QDialog(parent)
    , m_cache(cache)
    , m_sync(sync)
    , m_officer(officer)
    , m_officers(officers)
    , m_service(new QComboBox(this))
    , m_serviceInfo(new QLabel(this))
    , m_applicantName(new QLineEdit(this))
    , m_applicantId(new QLineEdit(this))
    , m_contact(new QLineEdit(this))
    , m_window(new QLineEdit(this))
    , m_documents(new QListWidget(this))
    , m_notes(new QPlainTextEdit(this))
    , m_timerLabel(new QLabel(this))
    , m_averageLabel(new QLabel(this))
    , m_status(new QLabel(this))
    , m_receiveButton(new QPushButton(tr("&Receive application"), this))
    , m_printButton(new QPushButton(tr("&Print receipt…"), this))
    , m_saveButton(new QPushButton(tr("&Save receipt as PDF…"), this))
    , m_nextButton(new QPushButton(tr("&Next application"), this))
    , m_tick(new QTimer(this))
{
    setObjectName(QStringLiteral("intakeDialog"));
    setWindowTitle(tr("Receive an application"));
    m_service->setObjectName(QStringLiteral("serviceComboBox"));
    m_serviceInfo->setObjectName(QStringLiteral("serviceInfoLabel"));
    m_serviceInfo->setWordWrap(true);
    m_applicantName->setObjectName(QStringLiteral("applicantNameLineEdit"));
    m_applicantName->setMaxLength(Models::kMaxApplicantName);
    m_applicantId->setObjectName(QStringLiteral("applicantIdLineEdit"));
    m_applicantId->setMaxLength(18);
    m_applicantId->setPlaceholderText(tr("18 characters"));
    m_contact->setObjectName(QStringLiteral("contactLineEdit"));
    m_contact->setMaxLength(Models::kMaxContact);
    m_window->setObjectName(QStringLiteral("windowLineEdit"));
    m_window->setMaxLength(Models::kMaxWindow);
    m_window->setText(QSettings().value(kWindowSetting).toString());
    m_documents->setObjectName(QStringLiteral("documentsListWidget"));
    m_notes->setObjectName(QStringLiteral("notesPlainTextEdit"));
    m_notes->setFixedHeight(72);
    m_timerLabel->setObjectName(QStringLiteral("intakeTimerLabel"));
    m_timerLabel->setStyleSheet(QStringLiteral("font-size: 16pt; font-weight: bold;"));
    m_averageLabel->setObjectName(QStringLiteral("intakeAverageLabel"));
    m_status->setObjectName(QStringLiteral("intakeStatusLabel"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_receiveButton->setObjectName(QStringLiteral("receiveButton"));
    m_receiveButton->setDefault(true);
    m_printButton->setObjectName(QStringLiteral("printReceiptButton"));
    m_saveButton->setObjectName(QStringLiteral("saveReceiptButton"));
    m_nextButton->setObjectName(QStringLiteral("nextApplicationButton"));

    for (const Models::ServiceItem &item : Models::ServiceCatalogue::items())
        m_service->addItem(item.label(), item.key);
    m_service->setCurrentIndex(-1);
    m_service->setPlaceholderText(tr("Choose the service item"));

    const QStringList fields = {QStringLiteral("service"), QStringLiteral("applicantName"), QStringLiteral("applicantId"), QStringLiteral("contact"),
                                QStringLiteral("window"), QStringLiteral("documents"), QStringLiteral("notes"), QStringLiteral("intakeSeconds")};
    for (const QString &f : fields)
        m_errorLabels.insert(f, errorLabel(f + QStringLiteral("ErrorLabel"), this));

    auto *timerRow = new QHBoxLayout;
    timerRow->addWidget(m_timerLabel);
    timerRow->addStretch();
    timerRow->addWidget(m_averageLabel);

    auto *form = new QFormLayout;
    form->addRow(tr("Service item:"), withError(m_service, m_errorLabels.value(QStringLiteral("service"))));
    form->addRow(QString(), m_serviceInfo);
    form->addRow(tr("Applicant:"), withError(m_applicantName, m_errorLabels.value(QStringLiteral("applicantName"))));
    form->addRow(tr("Credit code / ID number:"), withError(m_applicantId, m_errorLabels.value(QStringLiteral("applicantId"))));
    form->addRow(tr("Contact telephone:"), withError(m_contact, m_errorLabels.value(QStringLiteral("contact"))));
    form->addRow(tr("Documents brought:"), withError(m_documents, m_errorLabels.value(QStringLiteral("documents"))));
    form->addRow(tr("Notes:"), withError(m_notes, m_errorLabels.value(QStringLiteral("notes"))));
    form->addRow(tr("Window:"), withError(m_window, m_errorLabels.value(QStringLiteral("window"))));
    form->addRow(QString(), m_errorLabels.value(QStringLiteral("intakeSeconds")));

    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_receiveButton, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_printButton, QDialogButtonBox::ActionRole);
    buttons->addButton(m_saveButton, QDialogButtonBox::ActionRole);
    buttons->addButton(m_nextButton, QDialogButtonBox::ResetRole);
    buttons->addButton(QDialogButtonBox::Close);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(timerRow);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(660, 600);

    connect(m_service, &QComboBox::currentIndexChanged, this, &IntakeDialog::onServiceChanged);
    // What the officer corrects is no longer marked wrong.
    const auto clearWhenEdited = [this](QLineEdit *edit, const QString &field) {
        connect(edit, &QLineEdit::textEdited, this, [this, field] { fieldEdited(field); });
    };
    clearWhenEdited(m_applicantName, QStringLiteral("applicantName"));
    clearWhenEdited(m_applicantId, QStringLiteral("applicantId"));
    clearWhenEdited(m_contact, QStringLiteral("contact"));
    clearWhenEdited(m_window, QStringLiteral("window"));
    connect(m_documents, &QListWidget::itemChanged, this, [this] { fieldEdited(QStringLiteral("documents")); });
    connect(m_notes, &QPlainTextEdit::textChanged, this, [this] { fieldEdited(QStringLiteral("notes")); });
    connect(m_receiveButton, &QPushButton::clicked, this, &IntakeDialog::submit);
    connect(m_printButton, &QPushButton::clicked, this, &IntakeDialog::printReceipt);
    connect(m_saveButton, &QPushButton::clicked, this, &IntakeDialog::saveReceiptAs);
    connect(m_nextButton, &QPushButton::clicked, this, &IntakeDialog::startNextIntake);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_tick, &QTimer::timeout, this, &IntakeDialog::updateTimer);
    m_tick->setInterval(1000);
    startNextIntake();
}

IntakeDialog::~IntakeDialog() = default;

QString IntakeDialog::formatDuration(qint64 seconds)
{
    if (seconds < 60)
        return tr("%1 s").arg(seconds);
    return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
}

void IntakeDialog::startNextIntake()
{
    m_service->setCurrentIndex(-1);
    m_applicantName->clear();
    m_applicantId->clear();
    m_contact->clear();
    m_notes->clear();
    onServiceChanged();
    clearIssues();
    setStatus(QString(), false);
    m_receipt = {};
    m_takenSeconds = -1;
    setReceived(false);
    m_elapsed.start();
    m_tick->start();
    updateTimer();
    refreshAverage();
    m_service->setFocus();
}

void IntakeDialog::refreshAverage()
{
    QList<Storage::IntakeAverage> averages;
    QString error;
    if (!Storage::loadIntakeAverages(QSqlDatabase::database(m_cache->connectionName(), false), m_officer.office, m_officer.id, &averages, &error)) {
        m_averageLabel->setText(tr("Your average could not be read: %1").arg(error));
        return;
    }
    if (averages.isEmpty()) {
        m_averageLabel->setText(tr("Your average: no applications received yet"));
        return;
    }
    const Storage::IntakeAverage &a = averages.constFirst();
    m_averageLabel->setText(tr("Your average: %1 over %n application(s)", nullptr, int(a.applications)).arg(formatDuration(qRound64(a.averageSeconds))));
}

void IntakeDialog::updateTimer()
{
    const qint64 seconds = m_takenSeconds >= 0 ? m_takenSeconds : m_elapsed.elapsed() / 1000;
    m_timerLabel->setText(tr("Intake time %1:%2").arg(seconds / 60, 2, 10, QLatin1Char('0')).arg(seconds % 60, 2, 10, QLatin1Char('0')));
}

void IntakeDialog::fieldEdited(const QString &field)
{
    m_errorLabels.value(field)->hide();
    for (const QLabel *label : std::as_const(m_errorLabels)) {
        if (!label->isHidden())
            return;
    }
    if (m_receipt.number.isEmpty() && !m_submitting)
        setStatus(QString(), false); // every field marked wrong was corrected
}

void IntakeDialog::onServiceChanged()
{
    fieldEdited(QStringLiteral("service"));
    fieldEdited(QStringLiteral("documents"));
    m_documents->clear();
    const Models::ServiceItem *item = Models::ServiceCatalogue::find(m_service->currentData().toString());
    if (!item) {
        m_serviceInfo->setText(tr("The documents to check appear once the service item is chosen."));
        return;
    }
    m_serviceInfo->setText(tr("Time limit: %n working day(s). Handled by: %1.", nullptr, item->timeLimitDays).arg(item->officeLabel()));
    for (const Models::ServiceDocument &d : item->documents) {
        auto *row = new QListWidgetItem(d.required ? d.label() : tr("%1 (if applicable)").arg(d.label()), m_documents);
        row->setData(Qt::UserRole, d.key);
        row->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        row->setCheckState(Qt::Unchecked);
    }
}

Models::ApplicationIntake IntakeDialog::intake() const
{
    Models::ApplicationIntake in;
    in.serviceKey = m_service->currentData().toString();
    in.applicantName = m_applicantName->text().trimmed();
    in.applicantId = m_applicantId->text().trimmed().toUpper();
    in.contact = m_contact->text().trimmed();
    for (int i = 0; i < m_documents->count(); ++i) {
        if (m_documents->item(i)->checkState() == Qt::Checked)
            in.documents << m_documents->item(i)->data(Qt::UserRole).toString();
    }
    in.window = m_window->text().trimmed();
    in.notes = m_notes->toPlainText();
    in.intakeSeconds = m_elapsed.elapsed() / 1000;
    return in;
}

void IntakeDialog::submit()
{
    if (m_submitting || !m_receipt.number.isEmpty())
        return;
    clearIssues();
    const Models::ApplicationIntake in = intake();
    const QList<Models::FieldIssue> issues = Models::checkApplicationIntake(in);
    if (!issues.isEmpty()) {
        showIssues(issues);
        setStatus(tr("Correct the fields marked in red; nothing was sent."), true);
        return;
    }
    if (!m_sync) {
        setStatus(tr("This workstation is not connected to a server: applications cannot be received here."), true);
        return;
    }
    QSettings().setValue(kWindowSetting, in.window);
    m_submitting = true;
    m_receiveButton->setEnabled(false);
    setStatus(tr("Sending to the server…"), false);
    m_sync->request({{QStringLiteral("type"), QStringLiteral("application_receive")}, {QStringLiteral("application"), in.toJson()}}, this,
                    [this, in](const QJsonObject &reply) { onReply(reply, in); });
}

void IntakeDialog::onReply(const QJsonObject &reply, const Models::ApplicationIntake &sent)
{
    m_submitting = false;
    m_receiveButton->setEnabled(true);
    const QString type = reply.value(QStringLiteral("type")).toString();
    if (type == QLatin1String("application_refused")) {
        QList<Models::FieldIssue> issues;
        for (const QJsonValue &v : reply.value(QStringLiteral("issues")).toArray()) {
            const QJsonObject o = v.toObject();
            issues.append({o.value(QStringLiteral("field")).toString(), o.value(QStringLiteral("code")).toString(), o.value(QStringLiteral("reason")).toString()});
        }
        showIssues(issues);
        setStatus(reply.value(QStringLiteral("code")).toString() == QLatin1String("day_full")
                      ? tr("The server refused the application: this office has used all of today's application numbers.")
                      : tr("The server refused the application; correct the fields marked in red. Nothing was stored."),
                  true);
        return;
    }
    if (type != QLatin1String("application_received")) {
        const QString code = reply.value(QStringLiteral("code")).toString();
        if (code == QLatin1String("offline") || code == QLatin1String("disconnected") || code == QLatin1String("timeout"))
            setStatus(tr("The application was not received: %1 The application number comes from the server, so intake needs a "
                         "connection. What you entered is kept; press Receive again once the status bar says online.")
                          .arg(reply.value(QStringLiteral("message")).toString()),
                      true);
        else if (code == QLatin1String("forbidden"))
            setStatus(tr("Your account may not receive applications (window officers and section chiefs may)."), true);
        else
            setStatus(tr("The server could not receive the application (%1). What you entered is kept; try again.")
                          .arg(reply.value(QStringLiteral("message")).toString()),
                      true);
        return;
    }
    m_takenSeconds = sent.intakeSeconds;
    m_tick->stop();
    updateTimer();
    const Models::ServiceItem *item = Models::ServiceCatalogue::find(sent.serviceKey);
    const QLocale locale;
    m_receipt.number = reply.value(QStringLiteral("number")).toString();
    m_receipt.service = item->label();
    m_receipt.officialService = item->officialName;
    m_receipt.applicant = sent.applicantName;
    m_receipt.applicantId = sent.applicantId;
    m_receipt.contact = sent.contact;
    m_receipt.documents.clear();
    for (const QString &key : sent.documents)
        m_receipt.documents << item->document(key)->label();
    m_receipt.timeLimitDays = item->timeLimitDays;
    const QDateTime received = QDateTime::fromSecsSinceEpoch(qint64(reply.value(QStringLiteral("receivedAt")).toDouble()));
    const QDateTime due = QDateTime::fromSecsSinceEpoch(qint64(reply.value(QStringLiteral("due")).toDouble()), Models::chinaTimeZone());
    m_receipt.receivedAt = locale.toString(received, QLocale::ShortFormat);
    // Due at the end of the last working day: the receipt names that day.
    m_receipt.due = locale.toString(due.addSecs(-1).date(), QLocale::LongFormat);
    m_receipt.officer = QStringLiteral("%1 (%2)").arg(m_officer.name, m_officer.id);
    m_receipt.window = sent.window;
    m_receipt.office = m_officer.office;
    m_receipt.handlingOffice = item->officeLabel();
    setReceived(true);
    setStatus(tr("Application %1 received. Due by %2. Print the receipt or save it for the applicant.").arg(m_receipt.number, m_receipt.due), false);
    emit applicationReceived(m_receipt.number);
}

void IntakeDialog::setReceived(bool received)
{
    for (QWidget *w : std::initializer_list<QWidget *>{m_service, m_applicantName, m_applicantId, m_contact, m_window, m_documents, m_notes})
        w->setEnabled(!received);
    m_receiveButton->setVisible(!received);
    m_printButton->setVisible(received);
    m_saveButton->setVisible(received);
    m_nextButton->setVisible(received);
    if (received)
        m_printButton->setFocus();
}

void IntakeDialog::showIssues(const QList<Models::FieldIssue> &issues)
{
    QHash<QString, QStringList> byField;
    for (const Models::FieldIssue &issue : issues)
        byField[m_errorLabels.contains(issue.field) ? issue.field : QStringLiteral("intakeSeconds")] << issue.reason;
    for (auto it = byField.cbegin(); it != byField.cend(); ++it) {
        QLabel *label = m_errorLabels.value(it.key());
        label->setText(it.value().join(QLatin1Char('\n')));
        label->show();
    }
}

void IntakeDialog::clearIssues()
{
    for (QLabel *label : std::as_const(m_errorLabels)) {
        label->clear();
        label->hide();
    }
}

void IntakeDialog::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #a3101a; font-weight: bold;") : QStringLiteral("color: #1a6b2a;"));
}

bool IntakeDialog::saveReceipt(const QString &path, QString *error) const
{
    if (m_receipt.number.isEmpty()) {
        *error = tr("No application has been received yet.");
        return false;
    }
    return ReceiptPrinter::writePdf(m_receipt, path, error);
}

void IntakeDialog::printReceipt()
{
    QPrinter printer(QPrinter::HighResolution);
    printer.setDocName(m_receipt.number);
    printer.setPageSize(QPageSize(QPageSize::A5));
    QPrintPreviewDialog preview(&printer, this);
    preview.setObjectName(QStringLiteral("receiptPrintPreviewDialog"));
    preview.setWindowTitle(tr("Receipt %1").arg(m_receipt.number));
    connect(&preview, &QPrintPreviewDialog::paintRequested, this, [this](QPrinter *target) {
        std::unique_ptr<QTextDocument> doc(ReceiptPrinter::document(m_receipt));
        doc->print(target);
    });
    preview.exec();
}

void IntakeDialog::saveReceiptAs()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getSaveFileName(this, tr("Save receipt"), dir + QStringLiteral("/%1.pdf").arg(m_receipt.number), tr("PDF (*.pdf)"));
    if (path.isEmpty())
        return;
    QString error;
    if (saveReceipt(path, &error))
        setStatus(tr("Receipt saved to %1.").arg(path), false);
    else
        setStatus(error, true);
}

} // namespace Clearway::Ui
