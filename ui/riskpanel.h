#pragma once

#include "storage/riskrouting.h"

#include <QPointer>
#include <QSet>
#include <QWidget>

class QLabel;
class QPushButton;
class QTextBrowser;

namespace Clearway::Storage {
class Cache;
}
namespace Clearway::Sync {
class SyncClient;
}

namespace Clearway::Ui {

// The detail pane's "Risk" tab for a declaration: its lane now, how the rules routed it on arrival
// (rule-set version, when, by whom) and each reason in words: the rule, its instruction to the
// examiner, the goods line, the unit value against the reference, the random selection draw.
// Read from the cache; when the cache does not know them, asked from the server (risk_reasons) and
// kept in the cache, so a declaration seen once is explained offline too.
class RiskPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RiskPanel)

public:
    explicit RiskPanel(QWidget *parent = nullptr);

    void setCache(Storage::Cache *cache) { m_cache = cache; }
    void setSync(Sync::SyncClient *sync);

    // Shows declaration `id` (read again from the cache: after a re-route, say).
    void showDeclaration(qint64 id);
    qint64 declarationId() const { return m_id; }
    Models::Channel currentChannel() const { return m_current; }
    QString number() const { return m_number; }

    // The officer's own sentence for a reason (HTML), for the pane and the rule editor's dry run.
    static QString reasonHtml(const Models::RiskHit &hit);
    static QString reasonSummary(const Models::RiskHit &hit); // one line: "VAL-1 Shrimp … → Red"

Q_SIGNALS:
    void changeChannelRequested();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void render(const Storage::DeclarationRisk &risk);
    void ask(qint64 id);
    void showStatus(const QString &text, bool problem);

    Storage::Cache *m_cache = nullptr;
    QPointer<Sync::SyncClient> m_sync;
    qint64 m_id = 0;
    Models::Channel m_current = Models::Channel::Unassessed;
    QString m_number;
    qint64 m_asking = 0;        // the declaration whose reasons are being asked for
    bool m_askWhenShown = false; // the server is asked only when the tab is on screen
    QSet<qint64> m_notRouted;   // declarations the server did not route (imported): not asked again
    QLabel *m_lane;
    QLabel *m_routed;
    QLabel *m_status;
    QPushButton *m_change;
    QTextBrowser *m_reasons;
};

} // namespace Clearway::Ui
