#include "ui/queuedelegate.h"

#include "models/types.h"
#include "storage/queuemodel.h"

#include <QPainter>
#include <QPixmap>

namespace Clearway::Ui {

using Storage::QueueModel;

namespace {
const QColor kOverdueText(0xA3, 0x10, 0x1A);
const QColor kOverdueBackground(0xFD, 0xEC, 0xEC);
const QColor kDueTodayText(0x8A, 0x5A, 0x00);

QIcon dot(const QColor &color)
{
    QPixmap pixmap(12, 12);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(color.darker(130));
    p.setBrush(color);
    p.drawEllipse(QRectF(1.5, 1.5, 9, 9));
    return QIcon(pixmap);
}
} // namespace

QueueItemDelegate::QueueItemDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
    for (int channel = 0; channel <= static_cast<int>(Models::Channel::Blue); ++channel)
        m_channelIcons << dot(channelColor(channel));
}

QColor QueueItemDelegate::channelColor(int channel)
{
    switch (static_cast<Models::Channel>(channel)) {
    case Models::Channel::Green:
        return QColor(0x2E, 0x9E, 0x44);
    case Models::Channel::Yellow:
        return QColor(0xF2, 0xC0, 0x1E);
    case Models::Channel::Red:
        return QColor(0xD6, 0x28, 0x28);
    case Models::Channel::Blue:
        return QColor(0x23, 0x6B, 0xD9);
    case Models::Channel::Unassessed:
        break;
    }
    return QColor(0xB0, 0xB0, 0xB0);
}

void QueueItemDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const auto sla = static_cast<Models::SlaState>(index.data(QueueModel::SlaRole).toInt());
    if (sla == Models::SlaState::Overdue) {
        option->backgroundBrush = kOverdueBackground;
        option->palette.setColor(QPalette::Text, kOverdueText);
        if (index.column() == m_deadlineColumn)
            option->font.setBold(true);
    } else if (sla == Models::SlaState::DueToday && index.column() == m_deadlineColumn) {
        option->palette.setColor(QPalette::Text, kDueTodayText);
        option->font.setBold(true);
    }
    if (index.data(QueueModel::PendingRole).toInt() > 0)
        option->font.setItalic(true);
    if (index.column() == m_channelColumn) {
        const int channel = index.data(QueueModel::SortValueRole).toInt();
        if (channel >= 0 && channel < m_channelIcons.size()) {
            option->icon = m_channelIcons.at(channel);
            option->features |= QStyleOptionViewItem::HasDecoration;
            option->decorationSize = QSize(12, 12);
        }
    }
}

} // namespace Clearway::Ui
