#pragma once

#include "models/entities.h"
#include "models/servicecatalogue.h"
#include "storage/valueformat.h"
#include "ui/receipt.h"

#include <QDialog>
#include <QElapsedTimer>
#include <QHash>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTimer;

namespace Clearway::Storage {
class Cache;
}
namespace Clearway::Sync {
class SyncClient;
}

namespace Clearway::Ui {

// Intake at the service window: the officer picks the service item, enters the applicant, ticks
// the documents brought and submits; the server gives the number (application_receive) and the
// receipt can be printed or saved as PDF. A running timer shows how long the intake takes (stored
// with the application), beside the officer's own average. Not modal: the officer can look at
// the queues meanwhile. Nothing typed is lost when the server refuses or cannot be reached.
class IntakeDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IntakeDialog)

public:
    IntakeDialog(Storage::Cache *cache, Sync::SyncClient *sync, const Models::Officer &officer, const Storage::OfficerNames &officers,
                 QWidget *parent = nullptr);
    ~IntakeDialog() override;

    // The receipt of the application received last (empty number before one was).
    const ApplicationReceipt &receipt() const { return m_receipt; }
    bool saveReceipt(const QString &path, QString *error) const;
    // Clears the form for the next applicant and starts the timer again.
    void startNextIntake();
    // Re-reads the officer's average acceptance time from the cache.
    void refreshAverage();
    // "3 min 28 s"
    static QString formatDuration(qint64 seconds);

Q_SIGNALS:
    void applicationReceived(const QString &number);

private:
    Models::ApplicationIntake intake() const;
    void onServiceChanged();
    void submit();
    void onReply(const QJsonObject &reply, const Models::ApplicationIntake &sent);
    void fieldEdited(const QString &field);
    void showIssues(const QList<Models::FieldIssue> &issues);
    void clearIssues();
    void setStatus(const QString &text, bool error);
    void setReceived(bool received);
    void updateTimer();
    void printReceipt();
    void saveReceiptAs();

    Storage::Cache *m_cache;
    Sync::SyncClient *m_sync;
    Models::Officer m_officer;
    Storage::OfficerNames m_officers;
    QComboBox *m_service;
    QLabel *m_serviceInfo;
    QLineEdit *m_applicantName;
    QLineEdit *m_applicantId;
    QLineEdit *m_contact;
    QLineEdit *m_window;
    QListWidget *m_documents;
    QPlainTextEdit *m_notes;
    QLabel *m_timerLabel;
    QLabel *m_averageLabel;
    QLabel *m_status;
    QPushButton *m_receiveButton;
    QPushButton *m_printButton;
    QPushButton *m_saveButton;
    QPushButton *m_nextButton;
    QHash<QString, QLabel *> m_errorLabels; // by field
    QTimer *m_tick;
    QElapsedTimer m_elapsed;
    qint64 m_takenSeconds = -1; // the last intake's, once received
    bool m_submitting = false;
    ApplicationReceipt m_receipt;
};

} // namespace Clearway::Ui
