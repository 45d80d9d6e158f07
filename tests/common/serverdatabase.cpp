#include "tests/common/serverdatabase.h"

#include "tests/common/cachefixture.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

namespace Clearway::Tests {

bool testPostgresUrl(QString *url, QString *error)
{
    const QString direct = qEnvironmentVariable("CLEARWAY_TEST_DATABASE");
    const QString file = qEnvironmentVariable("CLEARWAY_TEST_DATABASE_URL_FILE");
    if (!direct.isEmpty()) {
        *url = direct;
        return true;
    }
    if (file.isEmpty())
        return false;
    QFile f(file);
    if (f.open(QIODevice::ReadOnly))
        *url = QString::fromUtf8(f.readAll()).trimmed();
    if (url->isEmpty())
        *error = QStringLiteral("CLEARWAY_TEST_DATABASE_URL_FILE names %1, which holds no URL: the test PostgreSQL cluster did not start "
                                "(see the postgres_start test's output; tools/pgtest.sh)")
                     .arg(file);
    return true;
}

namespace {
// The server's rule (Server::Store::isPostgresUrl(); this library does not link the server's).
bool isPostgres(const QString &database)
{
    return database.startsWith(QLatin1String("postgresql://")) || database.startsWith(QLatin1String("postgres://"));
}
} // namespace

ServerConnection::ServerConnection(const QString &database)
    : m_name(QStringLiteral("clearway-test-") + QString::number(QRandomGenerator::global()->generate64(), 16))
{
    QSqlDatabase db;
    if (isPostgres(database)) {
        const QUrl url(database);
        db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_name);
        db.setHostName(url.host());
        db.setPort(url.port(5432));
        db.setUserName(url.userName());
        db.setPassword(url.password());
        db.setDatabaseName(url.path().mid(1));
        db.setConnectOptions(QStringLiteral("connect_timeout=10"));
    } else {
        db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(database);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
    }
    if (!db.open())
        m_error = QStringLiteral("cannot open %1: %2").arg(database, db.lastError().text());
}

ServerConnection::~ServerConnection()
{
    QSqlDatabase::database(m_name, false).close();
    QSqlDatabase::removeDatabase(m_name);
}

QSqlDatabase ServerConnection::database() const { return QSqlDatabase::database(m_name, false); }

QVariant ServerConnection::value(const QString &sql, const QVariantList &binds) const
{
    QSqlQuery q(database());
    q.prepare(sql);
    for (const QVariant &b : binds)
        q.addBindValue(b);
    return q.exec() && q.next() ? q.value(0) : QVariant();
}

QString ServerConnection::exec(const QString &sql) const
{
    if (!isOpen())
        return m_error;
    QSqlQuery q(database());
    return q.exec(sql) ? QString() : q.lastError().text() + QStringLiteral(" [") + sql + QLatin1Char(']');
}

QString createPostgresDatabase(const QString &serverUrl, QString *error, const QString &owner)
{
    const QString name = QStringLiteral("clearway_test_%1").arg(QRandomGenerator::global()->generate64(), 16, 16, QLatin1Char('0'));
    {
        const ServerConnection server(serverUrl);
        *error = server.exec(QStringLiteral("CREATE DATABASE ") + name + (owner.isEmpty() ? QString() : QStringLiteral(" OWNER ") + owner));
    }
    if (!error->isEmpty())
        return {};
    QUrl created(serverUrl);
    created.setPath(QLatin1Char('/') + name);
    return created.toString();
}

QString dropServerDatabase(const QString &database)
{
    if (!isPostgres(database))
        return {};
    // From the server's maintenance database: one cannot drop the database one is connected to.
    QUrl maintenance(database);
    const QString name = maintenance.path().mid(1);
    maintenance.setPath(QStringLiteral("/postgres"));
    const ServerConnection server(maintenance.toString());
    return server.exec(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(name));
}

QString importFixture(const QString &serverExe, const QString &fixture, const QString &database)
{
    QProcess import;
    import.start(serverExe, {QStringLiteral("import"), QStringLiteral("--from"), fixture, QStringLiteral("--database"), database});
    if (import.waitForFinished(60000) && import.exitStatus() == QProcess::NormalExit && import.exitCode() == 0)
        return {};
    import.kill();
    return QStringLiteral("clearway-server import failed: ") + QString::fromUtf8(import.readAllStandardError());
}

ServerDatabase prepareServerDatabase(const QString &serverExe, const QString &dir, int declarations, const QDateTime &now,
                                     const std::function<QString(const QString &fixture)> &addRows, const QString &name)
{
    ServerDatabase out;
    QString serverUrl;
    out.postgres = testPostgresUrl(&serverUrl, &out.error);
    if (!out.error.isEmpty())
        return out;
    const bool plain = name == QLatin1String("server");
    const QString fixture = QDir(dir).filePath(out.postgres ? (plain ? QStringLiteral("fixture.sqlite") : name + QStringLiteral("-fixture.sqlite"))
                                                            : name + QStringLiteral(".sqlite"));
    out.error = writeFixtureCache(fixture, declarations, now);
    if (out.error.isEmpty() && addRows)
        out.error = addRows(fixture);
    if (!out.error.isEmpty() || !out.postgres) {
        out.database = fixture;
        return out;
    }
    out.database = createPostgresDatabase(serverUrl, &out.error);
    if (!out.database.isEmpty())
        out.error = importFixture(serverExe, fixture, out.database);
    return out;
}

} // namespace Clearway::Tests
