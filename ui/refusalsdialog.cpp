#include "ui/refusalsdialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Clearway::Ui {

RefusalsDialog::RefusalsDialog(QWidget *parent)
    : QDialog(parent)
    , m_table(new QTableWidget(this))
    , m_show(new QPushButton(tr("&Show the item"), this))
{
    setObjectName(QStringLiteral("refusalsDialog"));
    setWindowTitle(tr("Refused by the server"));
    auto *intro = new QLabel(tr("These actions of yours were not done: the server decided otherwise. Each item shows what it holds now; "
                                "look at it again and decide anew."),
                             this);
    intro->setWordWrap(true);
    m_table->setObjectName(QStringLiteral("refusalsTableWidget"));
    m_table->setColumnCount(5);
    m_table->setHorizontalHeaderLabels({tr("Time"), tr("Work"), tr("Number"), tr("Action"), tr("Why")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_show->setObjectName(QStringLiteral("showItemButton"));
    m_show->setDefault(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *clear = buttons->addButton(tr("C&lear the list"), QDialogButtonBox::ResetRole);
    clear->setObjectName(QStringLiteral("clearRefusalsButton"));
    buttons->addButton(m_show, QDialogButtonBox::ActionRole);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(900, 360);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(clear, &QPushButton::clicked, this, &RefusalsDialog::clearRequested);
    connect(m_show, &QPushButton::clicked, this, &RefusalsDialog::showCurrent);
    connect(m_table, &QTableWidget::cellDoubleClicked, this, &RefusalsDialog::showCurrent);
    connect(m_table, &QTableWidget::currentCellChanged, this, [this](int row) { m_show->setEnabled(row >= 0); });
}

void RefusalsDialog::setRefusals(const QList<Refusal> &refusals)
{
    m_refusals = refusals;
    m_table->setRowCount(int(refusals.size()));
    const QLocale locale;
    for (int row = 0; row < refusals.size(); ++row) {
        const Refusal &r = refusals.at(row);
        const QDateTime local = r.at.toLocalTime();
        const QString time = local.date() == QDate::currentDate() ? locale.toString(local.time(), QLocale::ShortFormat)
                                                                  : locale.toString(local, QLocale::ShortFormat);
        const QStringList cells{time, Models::workKindLabel(r.kind), r.number.isEmpty() ? QString::number(r.itemId) : r.number, r.action, r.why};
        for (int c = 0; c < cells.size(); ++c) {
            auto *item = new QTableWidgetItem(cells.at(c));
            item->setToolTip(cells.at(c));
            m_table->setItem(row, c, item);
        }
    }
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->resizeRowsToContents();
    if (!refusals.isEmpty())
        m_table->selectRow(0);
    m_show->setEnabled(!refusals.isEmpty());
}

void RefusalsDialog::showCurrent()
{
    const int row = m_table->currentRow();
    if (row < 0 || row >= m_refusals.size())
        return;
    Q_EMIT showItemRequested(m_refusals.at(row));
}

} // namespace Clearway::Ui
