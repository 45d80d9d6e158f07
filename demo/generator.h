#pragma once

#include "models/entities.h"

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>

namespace Clearway::Demo {

struct Options
{
    qint64 declarations = 20000;
    quint64 seed = 20261122;
    QDateTime now; // deadlines are spread around it; invalid means the current time
};

struct Result
{
    bool ok = false;
    QString error;                 // translated, when !ok
    QMap<QString, qint64> counts;  // rows written per table
    qint64 elapsedMs = 0;
};

// The demo officers of office 5141, one or more for every role.
QList<Models::Officer> demoOfficers();

// Writes a demo cache with `options.declarations` declarations and the other work kinds in
// proportion (manifests N/10, inspection tasks N/20, video sessions N/200, certificates N/50,
// service applications N/100, each at least 40). The same seed and `now` give the same content.
// Writes `path`.partial and renames it when complete, so `path` is never half written; an
// existing `path` is replaced only with `overwrite`.
Result generate(const QString &path, const Options &options, bool overwrite);

} // namespace Clearway::Demo
