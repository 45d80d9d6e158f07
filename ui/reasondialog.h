#pragma once

#include "models/reasons.h"

#include <QDialog>

#include <optional>

class QDialogButtonBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;

namespace Clearway::Ui {

// Asks why, for a decision that needs a reason: the catalogue's reasons to tick (several may
// apply) and the officer's own words. OK is enabled once something is given; "Other" needs words.
class ReasonDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReasonDialog)

public:
    ReasonDialog(Models::WorkKind kind, const QString &command, QWidget *parent = nullptr);

    // The reason as recorded (Models::composeReason); empty until something valid is given.
    QString reason() const;
    // Ticks the catalogue option `code` (for keyboard users' shortcuts and tests).
    void choose(const QString &code, bool chosen = true);
    void setDetails(const QString &text);

private:
    void updateState();

    QList<Models::ReasonOption> m_options;
    QListWidget *m_list;
    QPlainTextEdit *m_details;
    QLabel *m_hint;
    QDialogButtonBox *m_buttons;
};

// Shows a ReasonDialog for `command` on `kind`; the reason, or nothing when the officer cancelled.
std::optional<QString> askReason(QWidget *parent, Models::WorkKind kind, const QString &command);

} // namespace Clearway::Ui
