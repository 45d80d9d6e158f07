#include "ui/manifestdocuments.h"

#include "storage/manifestdocuments.h"
#include "ui/detailpane.h"

#include <QBrush>
#include <QFont>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QScrollArea>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Clearway::Ui {

namespace {

enum Document { Manifest, Order, Payment, Waybill, DocumentCount };

int documentColumn(const QString &document)
{
    if (document == u"order")
        return Order;
    if (document == u"payment")
        return Payment;
    if (document == u"waybill")
        return Waybill;
    return Manifest;
}

struct FieldRow
{
    const char *key; // DocumentMismatch::field
    QString label;
    std::array<std::optional<QString>, DocumentCount> values; // nullopt: the document does not carry it
};

QString money(qint64 fen) { return Models::formatMoney(fen, QStringLiteral("CNY")); }

const QColor kDisagree(0xf8, 0xd7, 0xda);
const QColor kDisagreeText(0x8a, 0x10, 0x1a);

} // namespace

ManifestDocumentsView::ManifestDocumentsView(QWidget *parent)
    : QWidget(parent)
    , m_table(new QTableWidget(this))
    , m_verdict(new QLabel(this))
    , m_mismatches(new QLabel(this))
    , m_quota(new QLabel(this))
{
    setObjectName(QStringLiteral("manifestDocumentsView"));
    m_table->setObjectName(QStringLiteral("threeDocumentsTableWidget"));
    m_table->setColumnCount(DocumentCount);
    m_table->setHorizontalHeaderLabels({tr("Manifest"), tr("Order"), tr("Payment"), tr("Waybill")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);

    m_verdict->setObjectName(QStringLiteral("documentsVerdictLabel"));
    QFont bold = m_verdict->font();
    bold.setBold(true);
    m_verdict->setFont(bold);
    m_mismatches->setObjectName(QStringLiteral("mismatchesLabel"));
    m_mismatches->setWordWrap(true);
    m_mismatches->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_quota->setObjectName(QStringLiteral("quotaLabel"));
    m_quota->setWordWrap(true);
    m_quota->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *quotaBox = new QGroupBox(tr("Buyer's personal quota"), this);
    quotaBox->setObjectName(QStringLiteral("quotaGroupBox"));
    auto *quotaLayout = new QVBoxLayout(quotaBox);
    quotaLayout->addWidget(m_quota);

    // The comparison on the left, what it means on the right: the pane is wide and not tall.
    auto *findings = new QVBoxLayout;
    findings->addWidget(m_verdict);
    findings->addWidget(m_mismatches);
    findings->addWidget(quotaBox);
    findings->addStretch(1);
    auto *content = new QWidget;
    auto *columns = new QHBoxLayout(content);
    columns->setContentsMargins(4, 4, 4, 4);
    columns->addWidget(m_table, 3, Qt::AlignTop);
    columns->addLayout(findings, 2);
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("manifestDocumentsScrollArea"));
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);
}

void ManifestDocumentsView::showError(const QString &message)
{
    m_table->setRowCount(0);
    m_verdict->setText(message);
    m_verdict->setStyleSheet(QStringLiteral("color: #a3101a;"));
    m_mismatches->clear();
    m_quota->clear();
}

void ManifestDocumentsView::showDocuments(const Models::ManifestDocuments &d, const Models::ReleaseCheck &check)
{
    const Models::Manifest &m = d.manifest;
    using Models::maskIdNumber;
    const QList<FieldRow> rows = {
        {"order_no", tr("Order number"), {m.orderNo, d.order.orderNo, d.payment.orderNo, d.waybill.orderNo}},
        {"payment_no", tr("Payment number"), {m.paymentNo, std::nullopt, d.payment.paymentNo, std::nullopt}},
        {"waybill_no", tr("Waybill number"), {m.waybillNo, std::nullopt, std::nullopt, d.waybill.waybillNo}},
        {"buyer_id", tr("Buyer's ID number"), {maskIdNumber(m.buyerIdNo), maskIdNumber(d.order.buyerIdNo), maskIdNumber(d.payment.payerIdNo), std::nullopt}},
        {"buyer_name", tr("Buyer's name"), {m.buyerName, d.order.buyerName, d.payment.payerName, std::nullopt}},
        {"consignee", tr("Consignee"), {m.consignee, d.order.consignee, std::nullopt, d.waybill.consignee}},
        {"amount", tr("Amount"), {money(m.totalValue), money(d.order.total), money(d.payment.amount), std::nullopt}},
    };
    m_table->setRowCount(int(rows.size()));
    // Every field in view without scrolling the table itself.
    m_table->setFixedHeight(m_table->horizontalHeader()->sizeHint().height() + int(rows.size()) * (fontMetrics().height() + 8) + 4);
    for (int r = 0; r < rows.size(); ++r) {
        const FieldRow &row = rows.at(r);
        m_table->setVerticalHeaderItem(r, new QTableWidgetItem(row.label));
        for (int c = 0; c < DocumentCount; ++c) {
            const std::optional<QString> &v = row.values.at(size_t(c));
            auto *item = new QTableWidgetItem(v ? (v->isEmpty() ? tr("(empty)") : *v) : QStringLiteral("—"));
            if (!v)
                item->setForeground(QBrush(Qt::gray));
            m_table->setItem(r, c, item);
        }
    }
    // The document found wrong is marked in its cell, with the sentence that says against what.
    for (const Models::DocumentMismatch &mm : check.mismatches) {
        for (int r = 0; r < rows.size(); ++r) {
            if (QLatin1String(rows.at(r).key) != mm.field)
                continue;
            if (QTableWidgetItem *item = m_table->item(r, documentColumn(mm.document))) {
                item->setBackground(kDisagree);
                item->setForeground(kDisagreeText);
                item->setData(Qt::UserRole, true);
                item->setToolTip(item->toolTip().isEmpty() ? mm.message : item->toolTip() + QLatin1Char('\n') + mm.message);
            }
        }
    }

    if (check.mismatches.isEmpty()) {
        m_verdict->setText(tr("The order, the payment and the waybill agree with the manifest."));
        m_verdict->setStyleSheet(QStringLiteral("color: #1e6b34;"));
        m_mismatches->clear();
        m_mismatches->hide();
    } else {
        m_verdict->setText(tr("%n disagreement(s): the manifest cannot be released until they are corrected.", nullptr, int(check.mismatches.size())));
        m_verdict->setStyleSheet(QStringLiteral("color: #a3101a;"));
        QStringList lines;
        for (const Models::DocumentMismatch &mm : check.mismatches)
            lines << QStringLiteral("• ") + mm.message;
        m_mismatches->setText(lines.join(QLatin1Char('\n')));
        m_mismatches->show();
    }

    const Models::QuotaCheck &q = check.quota;
    QString quota;
    if (!q.valid) {
        quota = q.message;
    } else {
        quota = tr("%1: used %2, remaining %3; this manifest %4.").arg(QString::number(q.year), money(q.usedFen), money(q.remainingFen), money(q.amount));
        if (!d.quotaCase.isEmpty())
            quota += QLatin1Char('\n') + tr("Restored by identity-theft case %1: this order does not count.").arg(d.quotaCase);
        if (q.flagged())
            quota += QLatin1Char('\n') + q.message;
        else
            quota += QLatin1Char('\n') + tr("Within the limits of %1 a transaction and %2 a year.").arg(money(Models::kQuotaPerTransactionFen), money(Models::kQuotaPerYearFen));
    }
    m_quota->setText(quota);
    m_quota->setStyleSheet(q.flagged() ? QStringLiteral("color: #a3101a;") : QString());
}

void showManifestDocuments(DetailPane *pane, QSqlDatabase db, qint64 id)
{
    Models::ManifestDocuments documents;
    Models::ReleaseCheck check;
    QString error;
    if (Storage::checkManifestRelease(db, id, &documents, &check, &error))
        pane->showManifestDocuments(documents, check);
    else
        pane->showManifestDocumentsError(error);
}

} // namespace Clearway::Ui
