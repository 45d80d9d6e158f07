#pragma once

#include <QDateTime>
#include <QSqlDatabase>
#include <QString>
#include <QVariant>

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

// A connection of the test's own to a server's database, beside the server: an SQLite file (read
// only, waiting for the writer's locks) or a postgresql:// URL. Removed when it goes.
class ServerConnection final
{
public:
    explicit ServerConnection(const QString &database);
    ~ServerConnection();
    Q_DISABLE_COPY_MOVE(ServerConnection)

    bool isOpen() const { return m_error.isEmpty(); }
    QString error() const { return m_error; } // why it did not open
    QSqlDatabase database() const;
    // The first column of the first row, or an invalid QVariant when the query fails (or has no row).
    QVariant value(const QString &sql, const QVariantList &binds = {}) const;
    // Runs a statement; empty on success, else the error.
    QString exec(const QString &sql) const;

private:
    QString m_name;
    QString m_error;
};

// A new, empty PostgreSQL database on the test server (`owner`, when given, owns it): its URL, or
// empty with *error.
QString createPostgresDatabase(const QString &serverUrl, QString *error, const QString &owner = {});
// Drops a database createPostgresDatabase() made, ending the connections still on it; nothing for
// an SQLite file (its temporary folder goes with the test). Empty on success, else the error.
QString dropServerDatabase(const QString &database);
// Fills the PostgreSQL database `database` from the SQLite file `fixture` with `clearway-server import`.
QString importFixture(const QString &serverExe, const QString &fixture, const QString &database);

// `addRows`, when given, writes more rows into the fixture file before it is served or imported
// (e.g. writeManifests()); it returns an error or nothing. `name` tells a test's databases apart:
// the SQLite file is `dir`/<name>.sqlite, PostgreSQL's fixture `dir`/<name>-fixture.sqlite
// ("server": server.sqlite and fixture.sqlite).
ServerDatabase prepareServerDatabase(const QString &serverExe, const QString &dir, int declarations, const QDateTime &now,
                                     const std::function<QString(const QString &fixture)> &addRows = {},
                                     const QString &name = QStringLiteral("server"));

} // namespace Clearway::Tests
