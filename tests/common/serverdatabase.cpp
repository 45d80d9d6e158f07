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

QString createPostgresDatabase(const QString &serverUrl, QString *error)
{
    const QUrl url(serverUrl);
    const QString name = QStringLiteral("clearway_test_%1").arg(QRandomGenerator::global()->generate64(), 16, 16, QLatin1Char('0'));
    const QString connection = QStringLiteral("clearway-test-admin-") + name;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
        db.setHostName(url.host());
        db.setPort(url.port(5432));
        db.setUserName(url.userName());
        db.setPassword(url.password());
        db.setDatabaseName(url.path().mid(1));
        db.setConnectOptions(QStringLiteral("connect_timeout=10"));
        if (!db.open()) {
            *error = QStringLiteral("cannot connect to the test PostgreSQL server %1: %2").arg(serverUrl, db.lastError().text());
        } else {
            QSqlQuery q(db);
            if (!q.exec(QStringLiteral("CREATE DATABASE ") + name))
                *error = q.lastError().text();
        }
    }
    QSqlDatabase::removeDatabase(connection);
    if (!error->isEmpty())
        return {};
    QUrl created = url;
    created.setPath(QLatin1Char('/') + name);
    return created.toString();
}

ServerDatabase prepareServerDatabase(const QString &serverExe, const QString &dir, int declarations, const QDateTime &now,
                                     const std::function<QString(const QString &fixture)> &addRows)
{
    ServerDatabase out;
    QString serverUrl;
    out.postgres = testPostgresUrl(&serverUrl, &out.error);
    if (!out.error.isEmpty())
        return out;
    const QString fixture = QDir(dir).filePath(out.postgres ? QStringLiteral("fixture.sqlite") : QStringLiteral("server.sqlite"));
    out.error = writeFixtureCache(fixture, declarations, now);
    if (out.error.isEmpty() && addRows)
        out.error = addRows(fixture);
    if (!out.error.isEmpty() || !out.postgres) {
        out.database = fixture;
        return out;
    }
    out.database = createPostgresDatabase(serverUrl, &out.error);
    if (out.database.isEmpty())
        return out;
    QProcess import;
    import.start(serverExe, {QStringLiteral("import"), QStringLiteral("--from"), fixture, QStringLiteral("--database"), out.database});
    if (!import.waitForFinished(60000) || import.exitStatus() != QProcess::NormalExit || import.exitCode() != 0) {
        import.kill();
        out.error = QStringLiteral("clearway-server import failed: ") + QString::fromUtf8(import.readAllStandardError());
    }
    return out;
}

} // namespace Clearway::Tests
