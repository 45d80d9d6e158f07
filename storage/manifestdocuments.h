#pragma once

#include "models/ecommerce.h"
#include "models/lifecycle.h"

#include <QSqlDatabase>

namespace Clearway::Storage {

// The e-commerce manifest checks over the work-item tables, the same SQL on the cache, the
// server's SQLite file and PostgreSQL (placeholders only, no SQLite functions).

// A manifest row with its three documents (schema 6). false with *error when it is not there or
// the database fails.
bool loadManifestDocuments(QSqlDatabase db, qint64 id, Models::ManifestDocuments *out, QString *error);

// The buyer's quota ledger: every released manifest of the buyer, declared at its created_at, the
// restored ones with their identity-theft case. (Released is the only state that uses the quota.)
bool loadQuotaLedger(QSqlDatabase db, const QString &buyerIdNo, Models::QuotaLedger *out, QString *error);

// Both, and Models::checkRelease() over them: what a release of manifest `id` meets.
bool checkManifestRelease(QSqlDatabase db, qint64 id, Models::ManifestDocuments *documents, Models::ReleaseCheck *out, QString *error);

// The checks on the rows a command names beyond its item, for a command that the lifecycle
// accepted: a hand-over to an officer who is not there or whose account is disabled becomes a
// refusal ("unknown_officer", "officer_disabled"), and so does a manifest's release that the
// documents or the quota stop (the release check's code and message). Other commands pass
// unchanged. false only on a database error.
bool vetDecision(QSqlDatabase db, const Models::Command &command, Models::Decision *decision, QString *error);

} // namespace Clearway::Storage
