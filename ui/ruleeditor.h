#pragma once

#include "models/riskrules.h"

#include <QJsonObject>
#include <QPlainTextEdit>
#include <QPointer>
#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTimer;

namespace Clearway::Storage {
class TextTableModel;
}
namespace Clearway::Sync {
class SyncClient;
}

namespace Clearway::Ui {

// A plain-text editor with line numbers in a monospace font, for rule text.
class RuleTextEdit final : public QPlainTextEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RuleTextEdit)

public:
    explicit RuleTextEdit(QWidget *parent = nullptr);

    int lineNumberWidth() const;
    void paintLineNumbers(QPaintEvent *event);
    // Marks these 1-based lines as wrong (a tinted background).
    void setErrorLines(const QList<int> &lines);
    void goToLine(int line);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    QWidget *m_numbers;
};

// The supervisor's risk rule editor (docs/workflows/risk.md): loads the rule set in force
// (rules_get), parses the text as it is typed and lists every problem with its line, dry-runs the
// text over the last declarations (rules_dry_run) and publishes it (rules_publish) after a
// confirmation naming the version. Offline it opens with the text it last loaded (kept in
// `keptPath`), without dry run or publishing. Closing with unpublished edits asks first.
class RuleEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RuleEditor)

public:
    RuleEditor(Sync::SyncClient *sync, const QString &keptPath, QWidget *parent = nullptr);
    ~RuleEditor() override;

    RuleTextEdit *editor() const { return m_text; }
    bool isModified() const;
    qint64 versionInForce() const { return m_inForce.value(QStringLiteral("version")).toInteger(); }

Q_SIGNALS:
    void published(qint64 version, const QString &name);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void load();
    void takeRules(const QJsonObject &rules, bool fromServer);
    bool readKept(QJsonObject *rules) const;
    void keep(const QJsonObject &rules);
    void parseNow();
    void showProblems(const QList<Models::RuleSetError> &errors);
    void updateActions();
    void showStatus(const QString &text, bool problem);
    void dryRun();
    void showDryRun(const QJsonObject &report);
    void confirmPublish();
    void publish();
    void showRefusal(const QJsonObject &reply, const QString &what);
    QString inForceText() const;

    QPointer<Sync::SyncClient> m_sync;
    QString m_keptPath;
    QJsonObject m_inForce; // the last rules reply (version, name, text, publishedAt, publishedBy)
    QString m_baseText;    // the text the edits started from
    bool m_loaded = false;     // some text (the server's or the kept one) is in the editor
    bool m_fromServer = false; // ... and it came from the server in this session
    bool m_busy = false;       // a dry run or publish is waiting for the server
    bool m_closeConfirmed = false;
    int m_problemCount = 0;
    QString m_candidateName; // the text's version statement, when it parses

    QLabel *m_inForceLabel;
    RuleTextEdit *m_text;
    QTabWidget *m_tabs;
    QListWidget *m_problems;
    QSpinBox *m_last;
    QPushButton *m_dryRun;
    QPushButton *m_publish;
    QLabel *m_dryRunSummary;
    Storage::TextTableModel *m_lanes;
    Storage::TextTableModel *m_changes;
    QLabel *m_status;
    QTimer *m_parseDelay;
};

} // namespace Clearway::Ui
