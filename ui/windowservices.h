#pragma once

#include "models/entities.h"
#include "storage/applications.h"
#include "storage/valueformat.h"

#include <QDialog>
#include <QObject>
#include <QPointer>

class QDateEdit;
class QLabel;
class QLineEdit;
class QMenu;
class QTableView;
class QTableWidget;

namespace Clearway::Storage {
class Cache;
class TextTableModel;
}
namespace Clearway::Sync {
class SyncClient;
}

namespace Clearway::Ui {

class IntakeDialog;

// Progress of one application, looked up by its number in the cache (so it works offline too):
// its state, each stage with time and officer, and the time left against its time limit (red
// once overdue).
class ProgressDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProgressDialog)

public:
    ProgressDialog(Storage::Cache *cache, const Storage::OfficerNames &officers, QWidget *parent = nullptr);

    // Looks `number` up (and puts it in the field); false when the cache has no such application.
    bool lookUp(const QString &number);
    // The same number again (the server's changes arrived).
    void refresh();

private:
    void display(const Storage::ApplicationRecord &a);

    Storage::Cache *m_cache;
    Storage::OfficerNames m_officers;
    QLineEdit *m_number;
    QLabel *m_summary;
    QLabel *m_state;
    QLabel *m_remaining;
    QTableWidget *m_stages;
    QString m_shown;
};

// The hand-off ledger of the officer's office: every hand-off from a window to a handling section
// in a period, and who took it there and when; for section chiefs also each window officer's
// average acceptance time.
class LedgerDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LedgerDialog)

public:
    LedgerDialog(Storage::Cache *cache, const Models::Officer &officer, const Storage::OfficerNames &officers, QWidget *parent = nullptr);

    void setPeriod(const QDate &from, const QDate &to);
    void refresh();
    int entryCount() const { return m_entries.size(); }

private:
    Storage::Cache *m_cache;
    Models::Officer m_officer;
    Storage::OfficerNames m_officers;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QTableView *m_table;
    Storage::TextTableModel *m_model;
    QLabel *m_count;
    QTableView *m_averagesTable = nullptr;
    Storage::TextTableModel *m_averages = nullptr;
    QList<Storage::HandOffEntry> m_entries;
};

// The Window services menu of the main window: receive an application (Ctrl+Shift+N), look up
// progress (Ctrl+Shift+P), the hand-off ledger (Ctrl+Shift+L). One dialog of each at a time.
class WindowServices final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WindowServices)

public:
    WindowServices(Storage::Cache *cache, const Models::Officer &officer, QWidget *window);

    // Whether the officer's roles use the menu (window officers, certificate officers, chiefs).
    static bool isFor(const Models::Officer &officer);
    void addMenu(QMenu *menu);
    void setSync(Sync::SyncClient *sync) { m_sync = sync; }
    void setOfficerNames(const Storage::OfficerNames &officers) { m_officers = officers; }

    IntakeDialog *openIntake();
    ProgressDialog *openProgress();
    LedgerDialog *openLedger();

private:
    void refreshOpenDialogs();

    Storage::Cache *m_cache;
    Models::Officer m_officer;
    QWidget *m_window;
    Sync::SyncClient *m_sync = nullptr;
    Storage::OfficerNames m_officers;
    QPointer<IntakeDialog> m_intake;
    QPointer<ProgressDialog> m_progress;
    QPointer<LedgerDialog> m_ledger;
};

} // namespace Clearway::Ui
