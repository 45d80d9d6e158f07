#include "ui/detailpane.h"

#include "models/lifecycle.h"
#include "ui/manifestdocuments.h"
#include "storage/valueformat.h"
#include "ui/riskpanel.h"
#include "ui/texttableview.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace Clearway::Ui {

DetailPane::DetailPane(QWidget *parent)
    : QWidget(parent)
    , m_stack(new QStackedWidget(this))
    , m_placeholder(new QLabel(this))
    , m_title(new QLabel(this))
    , m_subtitle(new QLabel(this))
    , m_message(new QLabel(this))
    , m_commandLayout(new QHBoxLayout)
    , m_tabs(new QTabWidget(this))
    , m_summaryGrid(new QGridLayout)
    , m_goods(new Storage::TextTableModel(this))
    , m_documents(new Storage::TextTableModel(this))
    , m_history(new Storage::TextTableModel(this))
    , m_risk(new RiskPanel(this))
    , m_manifestDocuments(new ManifestDocumentsView(this))
{
    setObjectName(QStringLiteral("detailPane"));
    m_placeholder->setObjectName(QStringLiteral("detailPlaceholderLabel"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setEnabled(false);

    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(8, 4, 4, 4);
    m_title->setObjectName(QStringLiteral("detailTitleLabel"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_subtitle->setObjectName(QStringLiteral("detailSubtitleLabel"));
    m_subtitle->setWordWrap(true);
    m_message->setObjectName(QStringLiteral("commandMessageLabel"));
    m_message->setWordWrap(true);
    m_message->hide();
    m_commandLayout->setContentsMargins(0, 0, 0, 0);
    m_commandLayout->addStretch();
    layout->addWidget(m_title);
    layout->addWidget(m_subtitle);
    layout->addLayout(m_commandLayout);
    layout->addWidget(m_message);

    m_tabs->setObjectName(QStringLiteral("detailTabWidget"));
    auto *summary = new QWidget;
    // Two columns of label: value pairs, so a declaration's twenty fields fit without scrolling.
    m_summaryGrid->setHorizontalSpacing(12);
    m_summaryGrid->setColumnStretch(1, 1);
    m_summaryGrid->setColumnStretch(3, 1);
    summary->setLayout(m_summaryGrid);
    auto *scroll = new QScrollArea;
    scroll->setObjectName(QStringLiteral("summaryScrollArea"));
    scroll->setWidget(summary);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_tabs->addTab(scroll, tr("Summary"));
    m_tabs->addTab(makeTable(m_goods, QStringLiteral("goodsTableView"), this), tr("Goods"));
    m_tabs->addTab(makeTable(m_documents, QStringLiteral("documentsTableView"), this), tr("Documents"));
    m_tabs->addTab(makeTable(m_history, QStringLiteral("historyTableView"), this), tr("History"));
    m_riskTab = m_tabs->addTab(m_risk, tr("Risk"));
    m_manifestDocuments->hide();
    layout->addWidget(m_tabs, 1);

    m_goods->setHeaders({tr("No."), tr("HS code"), tr("Description"), tr("Quantity"), tr("Unit"), tr("Value"), tr("Origin")});
    m_goods->setNumericColumns({0, 3, 5});
    m_documents->setHeaders({tr("Document"), tr("Number"), tr("Status")});
    m_history->setHeaders({tr("Time"), tr("Officer"), tr("Action"), tr("From"), tr("To"), tr("Reason")});

    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(page);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_stack);
    showPlaceholder(tr("Select an item in the queue to see its details."));
}

QKeySequence DetailPane::commandShortcut(const QString &command, int position)
{
    // The everyday decisions keep the same keys in every queue; anything else is Ctrl+Alt+<n>.
    static const QHash<QString, QKeySequence> fixed = {
        {QStringLiteral("claim"), QKeySequence(Qt::CTRL | Qt::Key_M)},
        {QStringLiteral("unclaim"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M)},
        {QStringLiteral("release"), QKeySequence(Qt::CTRL | Qt::Key_R)},
        {QStringLiteral("hold"), QKeySequence(Qt::CTRL | Qt::Key_H)},
        {QStringLiteral("resume"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H)},
        {QStringLiteral("return_for_correction"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R)},
        {QStringLiteral("route_to_inspection"), QKeySequence(Qt::CTRL | Qt::Key_I)},
        {QStringLiteral("escalate"), QKeySequence(Qt::CTRL | Qt::Key_E)},
        // Never offered together: assign is for unclaimed work, reassign for held work.
        {QStringLiteral("assign"), QKeySequence(Qt::CTRL | Qt::Key_G)},
        {QStringLiteral("reassign"), QKeySequence(Qt::CTRL | Qt::Key_G)},
    };
    const auto it = fixed.constFind(command);
    if (it != fixed.constEnd())
        return *it;
    return QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key(Qt::Key_1 + std::min(position, 8)));
}

void DetailPane::clearCommands()
{
    qDeleteAll(m_commandButtons);
    m_commandButtons.clear();
    m_commands.clear();
}

void DetailPane::showPlaceholder(const QString &text)
{
    m_itemId = 0;
    clearCommands();
    m_placeholder->setText(text);
    m_stack->setCurrentWidget(m_placeholder);
}

void DetailPane::showMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("color: #a3101a;") : QStringLiteral("color: #1e6b34;"));
    m_message->setVisible(!text.isEmpty());
}

void DetailPane::showDetails(const Storage::ItemDetails &details, const QStringList &commands)
{
    const Models::Lifecycle &lifecycle = Models::Lifecycle::of(details.kind);
    if (details.id != m_itemId)
        showMessage({}, false);
    m_itemId = details.id;
    if (details.kind != Models::WorkKind::Manifest && m_tabs->indexOf(m_manifestDocuments) >= 0)
        m_tabs->removeTab(m_tabs->indexOf(m_manifestDocuments));
    m_title->setText(Models::workKindLabel(details.kind) + QLatin1Char(' ') + details.number);
    const QString &holder = details.holderName;
    m_subtitle->setText(holder.isEmpty()
                            ? tr("%1 · in the shared queue").arg(lifecycle.stateLabel(details.work.state))
                            : tr("%1 · held by %2").arg(lifecycle.stateLabel(details.work.state), holder));

    // The same actions keep their buttons: a change arriving from the server while the officer
    // reaches for a shortcut must not take the shortcut away for a moment.
    if (commands != m_commands || details.kind != m_commandsKind)
        clearCommands();
    m_commandsKind = details.kind;
    for (int i = m_commandButtons.isEmpty() ? 0 : int(commands.size()); i < commands.size(); ++i) {
        const QString &key = commands.at(i);
        const QKeySequence shortcut = commandShortcut(key, i);
        auto *button = new QPushButton(lifecycle.commandLabel(key), this);
        button->setObjectName(key + QStringLiteral("Button"));
        button->setShortcut(shortcut);
        button->setToolTip(tr("%1 (%2)").arg(lifecycle.commandLabel(key), shortcut.toString(QKeySequence::NativeText)));
        connect(button, &QPushButton::clicked, this, [this, key] { Q_EMIT commandRequested(key); });
        m_commandLayout->insertWidget(i, button);
        m_commandButtons << button;
    }
    m_commands = commands;

    qDeleteAll(m_summaryWidgets);
    m_summaryWidgets.clear();
    const int perColumn = int(details.summary.size() + 1) / 2;
    for (int i = 0; i < details.summary.size(); ++i) {
        const Storage::SummaryField &f = details.summary.at(i);
        auto *label = new QLabel(f.label + QLatin1Char(':'));
        label->setAlignment(Qt::AlignRight | Qt::AlignTop);
        label->setEnabled(false);
        auto *value = new QLabel(f.value.isEmpty() ? QStringLiteral("—") : f.value);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        value->setWordWrap(true);
        const int row = i % perColumn;
        const int column = i / perColumn * 2;
        m_summaryGrid->addWidget(label, row, column);
        m_summaryGrid->addWidget(value, row, column + 1);
        m_summaryWidgets << label << value;
    }
    m_summaryGrid->setRowStretch(perColumn, 1);

    const QLocale locale;
    QList<QStringList> goods;
    for (const Models::GoodsLine &g : details.goods) {
        goods.append({QString::number(g.lineNo), g.hsCode, g.description, locale.toString(g.quantity, 'g', 10), g.unit,
                      Models::formatMoney(g.value, g.currency), g.origin});
    }
    m_goods->setRows(goods);

    QList<QStringList> documents;
    for (const Storage::RelatedDocument &d : details.documents)
        documents.append({d.type, d.number, d.note});
    m_documents->setRows(documents);

    QList<QStringList> history;
    for (const Storage::HistoryEntry &h : details.history) {
        QString time = Storage::formatTimestamp(h.at);
        if (h.pending)
            time += QLatin1Char(' ') + tr("(not yet synced)");
        history.append({time, h.actor, lifecycle.commandLabel(h.command), lifecycle.stateLabel(h.fromState),
                        lifecycle.stateLabel(h.toState), h.reason});
    }
    m_history->setRows(history);
    m_tabs->setTabText(1, tr("Goods (%1)").arg(details.goods.size()));
    m_tabs->setTabText(2, tr("Documents (%1)").arg(details.documents.size()));
    m_tabs->setTabText(3, tr("History (%1)").arg(details.history.size()));
    const bool declaration = details.kind == Models::WorkKind::Declaration;
    m_tabs->setTabVisible(m_riskTab, declaration);
    if (declaration)
        m_risk->showDeclaration(details.id);
    m_stack->setCurrentIndex(1);
}

void DetailPane::showManifestDocuments(const Models::ManifestDocuments &documents, const Models::ReleaseCheck &check)
{
    m_manifestDocuments->showDocuments(documents, check);
    const QString title = check.mismatches.isEmpty() ? tr("Three documents") : tr("Three documents (%1)").arg(check.mismatches.size());
    if (m_tabs->indexOf(m_manifestDocuments) < 0)
        m_tabs->addTab(m_manifestDocuments, title);
    m_tabs->setTabText(m_tabs->indexOf(m_manifestDocuments), title);
}

void DetailPane::showManifestDocumentsError(const QString &message)
{
    m_manifestDocuments->showError(message);
    if (m_tabs->indexOf(m_manifestDocuments) < 0)
        m_tabs->addTab(m_manifestDocuments, tr("Three documents"));
}

} // namespace Clearway::Ui
