#pragma once

#include "models/ecommerce.h"
#include "storage/itemdetails.h"

#include <QWidget>

class QGridLayout;
class QHBoxLayout;
class QLabel;
class QStackedWidget;
class QTabWidget;
class QTableView;

namespace Clearway::Ui {

class RiskPanel;
class ManifestDocumentsView;

// The selected item: a header with its number, state and holder, the commands the officer may
// issue now (each with a shortcut), and tabs for the summary, goods lines, documents and history.
class DetailPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DetailPane)

public:
    explicit DetailPane(QWidget *parent = nullptr);

    void showDetails(const Storage::ItemDetails &details, const QStringList &commands);
    void showPlaceholder(const QString &text);
    // The "Three documents" tab of a manifest (shown until another kind's details come).
    void showManifestDocuments(const Models::ManifestDocuments &documents, const Models::ReleaseCheck &check);
    void showManifestDocumentsError(const QString &message);
    ManifestDocumentsView *manifestDocuments() const { return m_manifestDocuments; }
    // A line under the header: what became of the last command.
    void showMessage(const QString &text, bool error);

    qint64 itemId() const { return m_itemId; }
    // The "Risk" tab of a declaration (why this lane).
    RiskPanel *riskPanel() const { return m_risk; }

    // The shortcut of a command button; every command has one.
    static QKeySequence commandShortcut(const QString &command, int position);

Q_SIGNALS:
    void commandRequested(const QString &command);

private:
    void clearCommands();

    qint64 m_itemId = 0;
    QStackedWidget *m_stack;
    QLabel *m_placeholder;
    QLabel *m_title;
    QLabel *m_subtitle;
    QLabel *m_message;
    QHBoxLayout *m_commandLayout;
    QList<QWidget *> m_commandButtons;
    QStringList m_commands; // what m_commandButtons offer, for an item of m_commandsKind
    Models::WorkKind m_commandsKind = Models::WorkKind::Declaration;
    QTabWidget *m_tabs;
    QGridLayout *m_summaryGrid;
    QList<QWidget *> m_summaryWidgets;
    Storage::TextTableModel *m_goods;
    Storage::TextTableModel *m_documents;
    Storage::TextTableModel *m_history;
    RiskPanel *m_risk;
    int m_riskTab = -1;
    ManifestDocumentsView *m_manifestDocuments;
};

} // namespace Clearway::Ui
