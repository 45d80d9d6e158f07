#pragma once

#include <QIcon>
#include <QStyledItemDelegate>

namespace Clearway::Ui {

// Paints queue rows: overdue work in red with its deadline in bold, due-today deadlines in amber,
// the risk channel as a coloured dot, and items with commands not yet acknowledged in italics.
class QueueItemDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueueItemDelegate)

public:
    explicit QueueItemDelegate(QObject *parent = nullptr);

    void setChannelColumn(int column) { m_channelColumn = column; }
    void setDeadlineColumn(int column) { m_deadlineColumn = column; }

    static QColor channelColor(int channel);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    int m_channelColumn = -1;
    int m_deadlineColumn = -1;
    QList<QIcon> m_channelIcons;
};

} // namespace Clearway::Ui
