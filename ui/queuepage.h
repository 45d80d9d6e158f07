#pragma once

#include "models/entities.h"
#include "storage/queuemodel.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

namespace Clearway::Storage {
class Cache;
struct CommandOutcome;
}

namespace Clearway::Ui {

class BatchActionBar;
class DetailPane;
class QueueItemDelegate;

// One queue on screen: the filter bar, the sortable table, and the selected item's details with
// the commands the officer may issue on it.
class QueuePage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueuePage)

public:
    QueuePage(Storage::Cache *cache, const Models::Officer &officer, const Storage::OfficerNames &officers, QWidget *parent = nullptr);
    ~QueuePage() override;

    void showQueue(Models::WorkKind kind, Storage::Scope scope, std::optional<Models::SlaState> sla = std::nullopt);
    void focusSearch();
    // Finds the item by its number in the queue shown and selects it.
    void findItem(qint64 id, const QString &number);
    // Re-reads rows and the selected item after the cache changed.
    void refresh();
    void setOfficerNames(const Storage::OfficerNames &officers);

    Storage::QueueModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    DetailPane *detailPane() const { return m_details; }
    BatchActionBar *batchActions() const { return m_batch; }
    qint64 currentItemId() const { return m_currentId; }

Q_SIGNALS:
    void countChanged(qint64 rows, bool exact);
    // A command was stored in the cache (the navigation counts are stale).
    void cacheWritten();
    void statusMessage(const QString &text);

private:
    void rebuildFilterChoices(Models::WorkKind kind);
    Storage::QueueFilter currentFilter() const;
    void applyFilter();
    void onCurrentRowChanged(const QModelIndex &current);
    void loadCurrentItem();
    void onCommandRequested(const QString &command);
    void onCommandApplied(const Storage::CommandOutcome &outcome);
    void moveSelection(int delta);
    void selectId(qint64 id, int fallbackRow);

    Storage::Cache *m_cache;
    Models::Officer m_officer;
    Storage::OfficerNames m_officerNames;
    Storage::QueueModel *m_model;
    QueueItemDelegate *m_delegate;
    Storage::Scope m_scope = Storage::Scope::Open;
    qint64 m_currentId = 0;

    QLineEdit *m_search;
    QComboBox *m_state;
    QComboBox *m_channel;
    QComboBox *m_direction;
    QComboBox *m_sla;
    QLabel *m_emptyLabel;
    QTableView *m_table;
    DetailPane *m_details;
    BatchActionBar *m_batch;
    QTimer *m_searchDelay;
    bool m_updatingFilters = false;
};

} // namespace Clearway::Ui
