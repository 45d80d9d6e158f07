#pragma once

#include "models/types.h"

#include <QDialog>
#include <QPointer>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;

namespace Clearway::Sync {
class SyncClient;
}

namespace Clearway::Ui {

// "Change channel…": asks for the new lane and the reason (mandatory, recorded in the history and
// the audit chain) and sends `reroute` (docs/protocol.md, "Re-routing"). The dialog stays open
// until the server answers: accepted closes it (the change then arrives through the change
// stream), a refusal is shown in words and the officer may correct the reason or cancel.
class RerouteDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RerouteDialog)

public:
    RerouteDialog(Sync::SyncClient *sync, qint64 declarationId, const QString &number, Models::Channel current, QWidget *parent = nullptr);

    // The server's refusal of a re-route, in the officer's words.
    static QString refusalText(const QString &code, const QString &serverMessage);

Q_SIGNALS:
    void rerouted(qint64 declarationId, Models::Channel to);

private:
    void updateButton();
    void submit();

    QPointer<Sync::SyncClient> m_sync;
    qint64 m_id;
    Models::Channel m_current;
    QComboBox *m_channel;
    QPlainTextEdit *m_reason;
    QLabel *m_status;
    QDialogButtonBox *m_buttons;
    bool m_sending = false;
};

} // namespace Clearway::Ui
