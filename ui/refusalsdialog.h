#pragma once

#include "models/types.h"

#include <QDateTime>
#include <QDialog>
#include <QList>

class QTableWidget;
class QPushButton;

namespace Clearway::Ui {

// One of the officer's commands the server refused, as the status bar's list keeps it.
struct Refusal
{
    QDateTime at;
    Models::WorkKind kind = Models::WorkKind::Declaration;
    qint64 itemId = 0;
    QString number; // the item's number, as the cache has it (empty when it has none)
    QString action; // the command's label
    QString why;    // in the officer's words
};

// The commands the server refused since the workstation started, newest first, so that a refusal
// that came while the officer looked elsewhere (offline work sent an hour later) is not missed:
// what, on which item, why, and the way to the item.
class RefusalsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RefusalsDialog)

public:
    explicit RefusalsDialog(QWidget *parent = nullptr);

    void setRefusals(const QList<Refusal> &refusals);
    QTableWidget *table() const { return m_table; }

Q_SIGNALS:
    void showItemRequested(const Clearway::Ui::Refusal &refusal);
    void clearRequested();

private:
    void showCurrent();

    QList<Refusal> m_refusals;
    QTableWidget *m_table;
    QPushButton *m_show;
};

} // namespace Clearway::Ui
