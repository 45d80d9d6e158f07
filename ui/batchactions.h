#pragma once

#include "models/entities.h"
#include "storage/cachewriter.h"

#include <QDialog>
#include <QList>
#include <QPointer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;
class QTreeWidget;

namespace Clearway::Storage {
class Cache;
class QueueModel;
} // namespace Clearway::Storage

namespace Clearway::Ui {

// The words for a group of refused items: "12 held by another officer", "37 three documents
// disagree", ... by the refusal's code.
QString refusalGroupLabel(const QString &code, int count);

// What became of a batch decision: done, refused grouped by reason (each group lists its items:
// double-click one to select it in the queue), not tried. Not modal: the officer keeps working.
class BatchSummaryDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BatchSummaryDialog)

public:
    BatchSummaryDialog(const QString &commandLabel, const Storage::BatchOutcome &outcome, QWidget *parent = nullptr);

Q_SIGNALS:
    void itemActivated(qint64 itemId);

private:
    QTreeWidget *m_refused;
};

// The batch actions of a queue (e-commerce manifests): many items selected in the table, or every
// item the filter shows, decided in one action on the writer thread (CacheWriter::applyBatch),
// with a progress bar, cancel, and a summary at the end.
class BatchActionBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BatchActionBar)

public:
    BatchActionBar(Storage::Cache *cache, const Models::Officer &officer, Storage::QueueModel *model, QTableView *table, QWidget *parent = nullptr);

    // The commands offered for a batch of `kind`; empty when the kind has no batch actions.
    static QStringList batchCommands(Models::WorkKind kind);

    // Follows the table's selection and the queue's count (the queue page calls it on both).
    void updateSelection();
    // Every item the current filter shows, read from the cache, not only the rows on screen.
    void selectAllInFilter();
    // Decides `command` on the selection; asks for a reason first where one is needed.
    void run(const QString &command);
    bool isRunning() const { return m_batchId != 0; }
    QList<qint64> selectedIds() const;
    BatchSummaryDialog *lastSummary() const { return m_summary.data(); }

Q_SIGNALS:
    void finished(const Clearway::Storage::BatchOutcome &outcome);
    void itemActivated(qint64 itemId);
    void statusMessage(const QString &text);

private:
    void onProgress(quint64 batchId, int processed, int total);
    void onFinished(const Storage::BatchOutcome &outcome);

    Storage::Cache *m_cache;
    Models::Officer m_officer;
    Storage::QueueModel *m_model;
    QTableView *m_table;
    QList<qint64> m_allInFilter; // set by selectAllInFilter() until the selection changes
    bool m_selectingAll = false;
    quint64 m_batchId = 0;
    QString m_command;
    QLabel *m_selection;
    QPushButton *m_selectAll;
    QList<QPushButton *> m_commandButtons;
    QProgressBar *m_progress;
    QPushButton *m_cancel;
    QPointer<BatchSummaryDialog> m_summary;
};

} // namespace Clearway::Ui
