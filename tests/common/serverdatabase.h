#pragma once

#include <QDateTime>
#include <QString>

#include <functional>

namespace Clearway::Tests {

// The database an integration test gives clearway-server, holding the fixture of
// writeFixtureCache(): by default the SQLite file `dir`/server.sqlite. When the environment names a
// PostgreSQL server, a new database on it instead, filled with the same fixture through
// `clearway-server import`:
//  - CLEARWAY_TEST_DATABASE: a postgresql:// URL of a server on which the test may create databases;
//  - CLEARWAY_TEST_DATABASE_URL_FILE: a file holding that URL (written by the postgres_start
//    fixture, tools/pgtest.sh). A named file that is missing or empty is an error, never a quiet
//    fallback to SQLite.
struct ServerDatabase
{
    QString database; // a file path or a postgresql:// URL, for --database
    QString error;    // empty on success
    bool postgres = false;
};

// Whether the environment asks for PostgreSQL; the server's URL in *url (or why not in *error).
bool testPostgresUrl(QString *url, QString *error);

// A new, empty PostgreSQL database on the test server: its URL, or empty with *error.
QString createPostgresDatabase(const QString &serverUrl, QString *error);

// `addRows`, when given, writes more rows into the fixture file before it is served or imported
// (e.g. writeManifests()); it returns an error or nothing.
ServerDatabase prepareServerDatabase(const QString &serverExe, const QString &dir, int declarations, const QDateTime &now,
                                     const std::function<QString(const QString &fixture)> &addRows = {});

} // namespace Clearway::Tests
