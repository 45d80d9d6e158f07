#include "ui/officerpicker.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace Clearway::Ui {

OfficerPicker::OfficerPicker(const QList<Models::Officer> &officers, QWidget *parent)
    : QDialog(parent)
    , m_officers(officers)
    , m_list(new QListWidget(this))
{
    setObjectName(QStringLiteral("officerPickerDialog"));
    setWindowTitle(tr("Clearway — choose an officer"));
    m_list->setObjectName(QStringLiteral("officerListWidget"));
    for (const Models::Officer &o : officers)
        m_list->addItem(tr("%1 (%2) — %3, office %4").arg(o.name, o.id, Models::rolesLabel(o.roles), o.office));
    m_list->setCurrentRow(0);

    auto *intro = new QLabel(tr("Open the workstation as one of the demo officers in this cache. "
                                "Accounts and passwords arrive with the server connection."),
                             this);
    intro->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Open"));
    buttons->button(QDialogButtonBox::Ok)->setEnabled(!officers.isEmpty());
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QListWidget::itemActivated, this, &QDialog::accept);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_list, 1);
    layout->addWidget(buttons);
    resize(560, 360);
}

Models::Officer OfficerPicker::selectedOfficer() const
{
    const int row = m_list->currentRow();
    return row >= 0 && row < m_officers.size() ? m_officers.at(row) : Models::Officer{};
}

} // namespace Clearway::Ui
