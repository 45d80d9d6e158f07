#pragma once

#include <QList>
#include <QString>

namespace Clearway::Tests {

// One e-commerce manifest of a test database, its three documents agreeing unless a field below
// says otherwise. Numbers follow from the id (manifest 5141202690<id>, order TM2026<id>, ...).
struct FixtureManifest
{
    qint64 id = 0;
    QString state = QStringLiteral("received");
    QString assignee;
    QString buyerName;
    QString buyerIdNo;
    qint64 total = 0;          // fen
    qint64 orderTotal = -1;    // the order's total; -1: the manifest's
    QString payerName;         // the payment's payer; empty: the buyer
    qint64 createdAt = 0;      // UTC seconds; 0: an hour ago
};

QString fixtureOrderNo(qint64 id);

// Writes the manifests into the cache-schema database `path` (a server database before it serves,
// or a cache) through the cache's own connection (it registers the SQL functions the search
// triggers use). Empty on success, else the error.
QString writeManifests(const QString &path, const QList<FixtureManifest> &manifests);

} // namespace Clearway::Tests
