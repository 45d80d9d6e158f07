#pragma once

#include "models/entities.h"

#include <QDialog>

class QListWidget;

namespace Clearway::Ui {

// Chooses which demo officer the workstation opens as. Accounts and sign-in belong to the server;
// until a workstation is connected, the officers come from the cache.
class OfficerPicker final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OfficerPicker)

public:
    explicit OfficerPicker(const QList<Models::Officer> &officers, QWidget *parent = nullptr);

    Models::Officer selectedOfficer() const;

private:
    QList<Models::Officer> m_officers;
    QListWidget *m_list;
};

} // namespace Clearway::Ui
