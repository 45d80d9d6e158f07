#pragma once

#include "storage/itemdetails.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace Clearway::Storage {

// One window-service application as the cache holds it (docs/workflows/window-services.md).
struct ApplicationRecord
{
    qint64 id = 0;
    QString number;
    QString state;
    QString assignee;
    QString office;
    QString serviceKey;  // catalogue key; empty for applications recorded before the catalogue
    QString serviceItem; // the item's official name
    QString applicantName;
    QString applicantId;
    QString contact;
    QStringList documents; // keys
    QString notes;
    QString handlingOffice;
    QString receivedBy;
    QString window;
    qint64 intakeSeconds = 0;
    int timeLimitDays = 0;
    qint64 receivedAt = 0; // UTC seconds
    qint64 deadline = 0;   // 0: none
    QList<HistoryEntry> stages; // the item's events, oldest first
};

// An application by its number, with its history. false with *error empty when the cache has no
// application of that number, with *error set when the cache cannot be read.
bool loadApplication(QSqlDatabase db, const QString &number, ApplicationRecord *out, QString *error);

// One hand-off from a window to a handling section, and who took it there.
struct HandOffEntry
{
    qint64 at = 0;
    qint64 applicationId = 0;
    QString number;
    QString serviceKey;
    QString serviceItem;
    QString fromOfficer;
    QString toOffice;
    QString takenBy; // empty while nobody has claimed it
    qint64 takenAt = 0;
    bool pending = false; // recorded here, not yet acknowledged by the server
};

// The hand-offs of `office`'s applications in [from, to) (UTC seconds), newest first.
bool loadHandOffLedger(QSqlDatabase db, const QString &office, qint64 from, qint64 to, QList<HandOffEntry> *out, QString *error);

// An officer's acceptance time at the window over the applications the officer received.
struct IntakeAverage
{
    QString officer;
    qint64 applications = 0;
    double averageSeconds = 0;
};

// Per receiving officer of `office`, by officer id; `officer` non-empty: that officer only.
bool loadIntakeAverages(QSqlDatabase db, const QString &office, const QString &officer, QList<IntakeAverage> *out, QString *error);

} // namespace Clearway::Storage
