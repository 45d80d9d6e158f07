#include "ui/reasondialog.h"

#include "models/lifecycle.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Clearway::Ui {

namespace {
constexpr int kCodeRole = Qt::UserRole;
}

ReasonDialog::ReasonDialog(Models::WorkKind kind, const QString &command, QWidget *parent)
    : QDialog(parent)
    , m_options(Models::reasonCatalogue(kind, command))
    , m_list(new QListWidget(this))
    , m_details(new QPlainTextEdit(this))
    , m_hint(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("reasonDialog"));
    const QString label = Models::Lifecycle::of(kind).commandLabel(command);
    setWindowTitle(tr("%1: reason").arg(label));

    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(m_options.isEmpty() ? tr("Say why. It is recorded in the item's history, with your name and the time.")
                                                 : tr("Tick every reason that applies, and add details where they help. "
                                                      "It is recorded in the item's history, with your name and the time."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_list->setObjectName(QStringLiteral("reasonList"));
    for (int i = 0; i < m_options.size(); ++i) {
        const Models::ReasonOption &o = m_options.at(i);
        // Alt+1…9 tick the first nine without the mouse.
        auto *item = new QListWidgetItem(i < 9 ? tr("%1  %2").arg(i + 1).arg(o.text()) : o.text(), m_list);
        item->setData(kCodeRole, o.code);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        item->setCheckState(Qt::Unchecked);
    }
    m_list->setVisible(!m_options.isEmpty());
    m_list->setMinimumHeight(m_options.isEmpty() ? 0 : std::min<int>(int(m_options.size()), 10) * m_list->fontMetrics().height() * 3 / 2);
    layout->addWidget(m_list, 1);

    auto *detailsLabel = new QLabel(m_options.isEmpty() ? tr("&Reason:") : tr("&Details:"), this);
    detailsLabel->setBuddy(m_details);
    layout->addWidget(detailsLabel);
    m_details->setObjectName(QStringLiteral("reasonDetailsEdit"));
    m_details->setTabChangesFocus(true);
    m_details->setPlaceholderText(tr("For example: which line, which document, what the enterprise must change"));
    m_details->setMaximumHeight(m_details->fontMetrics().height() * 5);
    layout->addWidget(m_details);

    m_hint->setObjectName(QStringLiteral("reasonHintLabel"));
    m_hint->setWordWrap(true);
    m_hint->setEnabled(false);
    layout->addWidget(m_hint);

    m_buttons->button(QDialogButtonBox::Ok)->setText(label);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QListWidget::itemChanged, this, &ReasonDialog::updateState);
    connect(m_list, &QListWidget::itemActivated, this, [](QListWidgetItem *item) {
        item->setCheckState(item->checkState() == Qt::Checked ? Qt::Unchecked : Qt::Checked);
    });
    connect(m_details, &QPlainTextEdit::textChanged, this, &ReasonDialog::updateState);
    for (int i = 0; i < std::min<int>(int(m_options.size()), 9); ++i) {
        auto *toggle = new QAction(this);
        toggle->setShortcut(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_1 + i)));
        connect(toggle, &QAction::triggered, this, [this, i] {
            QListWidgetItem *item = m_list->item(i);
            item->setCheckState(item->checkState() == Qt::Checked ? Qt::Unchecked : Qt::Checked);
        });
        addAction(toggle);
    }
    if (m_options.isEmpty())
        m_details->setFocus();
    else
        m_list->setCurrentRow(0);
    resize(520, sizeHint().height());
    updateState();
}

QString ReasonDialog::reason() const
{
    QStringList chosen;
    bool needsDetails = false;
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->checkState() != Qt::Checked)
            continue;
        const Models::ReasonOption &o = m_options.at(i);
        needsDetails |= o.needsDetails;
        if (!o.needsDetails)
            chosen << o.text();
    }
    const QString details = m_details->toPlainText().trimmed();
    if (needsDetails && details.isEmpty())
        return {};
    return Models::composeReason(chosen, details);
}

void ReasonDialog::choose(const QString &code, bool chosen)
{
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->data(kCodeRole).toString() == code)
            m_list->item(i)->setCheckState(chosen ? Qt::Checked : Qt::Unchecked);
    }
}

void ReasonDialog::setDetails(const QString &text) { m_details->setPlainText(text); }

void ReasonDialog::updateState()
{
    const QString r = reason();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!r.isEmpty());
    bool otherChosen = false;
    for (int i = 0; i < m_list->count(); ++i)
        otherChosen |= m_list->item(i)->checkState() == Qt::Checked && m_options.at(i).needsDetails;
    if (otherChosen && m_details->toPlainText().trimmed().isEmpty())
        m_hint->setText(tr("\"Other\" needs details: say what."));
    else if (r.isEmpty())
        m_hint->setText(m_options.isEmpty() ? tr("A reason is needed.") : tr("Tick a reason or write one."));
    else
        m_hint->setText(tr("Recorded as: %1").arg(r));
}

std::optional<QString> askReason(QWidget *parent, Models::WorkKind kind, const QString &command)
{
    ReasonDialog dialog(kind, command, parent);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    const QString r = dialog.reason();
    if (r.isEmpty())
        return std::nullopt;
    return r;
}

} // namespace Clearway::Ui
