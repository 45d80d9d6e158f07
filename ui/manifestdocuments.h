#pragma once

#include "models/ecommerce.h"

#include <QSqlDatabase>
#include <QWidget>

class QLabel;
class QTableWidget;

namespace Clearway::Ui {

// The detail pane's "Three documents" tab of an e-commerce manifest: each compared field against
// the manifest, the order, the payment and the waybill, the cells that disagree highlighted; every
// disagreement in words; the buyer's quota this year (used, remaining, this manifest) with its
// flags. Identity numbers are masked but for the last four characters.
class ManifestDocumentsView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ManifestDocumentsView)

public:
    explicit ManifestDocumentsView(QWidget *parent = nullptr);

    void showDocuments(const Models::ManifestDocuments &documents, const Models::ReleaseCheck &check);
    // Nothing to compare (the manifest could not be read): says why.
    void showError(const QString &message);

private:
    QTableWidget *m_table;
    QLabel *m_verdict;
    QLabel *m_mismatches;
    QLabel *m_quota;
};

class DetailPane;

// Reads manifest `id`'s documents and its buyer's quota from `db` and shows them in the pane's
// "Three documents" tab (or why they cannot be read).
void showManifestDocuments(DetailPane *pane, QSqlDatabase db, qint64 id);

} // namespace Clearway::Ui
