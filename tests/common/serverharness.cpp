#include "tests/common/serverharness.h"

#include "tests/common/cachefixture.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

namespace Clearway::Tests {

int addUser(const QString &database, const QString &id, const QString &name, const QString &office, const QString &roles, const QByteArray &password)
{
    return runServerCommand({QStringLiteral("add-user"), QStringLiteral("--database"), database, QStringLiteral("--id"), id, QStringLiteral("--name"), name,
                             QStringLiteral("--office"), office, QStringLiteral("--roles"), roles, QStringLiteral("--password-stdin")},
                            password + '\n');
}

QString prepareServerDatabase(const QString &database, int declarations)
{
    if (const QString error = writeFixtureCache(database, declarations, QDateTime::currentDateTime()); !error.isEmpty())
        return error;
    if (runServerCommand({QStringLiteral("init"), QStringLiteral("--database"), database}) != 0)
        return QStringLiteral("clearway-server init failed");
    if (addUser(database, QStringLiteral("wang.jianguo"), QStringLiteral("王建国"), QStringLiteral("5141"), QStringLiteral("window"), "correct horse") != 0)
        return QStringLiteral("clearway-server add-user failed");
    return {};
}

quint16 startServer(QProcess *server, const QString &database, const QStringList &extraArgs, QString *error)
{
    server->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    server->start(QStringLiteral(CLEARWAY_SERVER_EXE), QStringList{QStringLiteral("serve"), QStringLiteral("--database"), database,
                                                                   QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--insecure")}
                                                           + extraArgs);
    if (!server->waitForReadyRead(10000)) {
        *error = QStringLiteral("the server did not start: ") + server->errorString();
        return 0;
    }
    const QByteArray line = server->readLine().trimmed();
    const quint16 port = line.startsWith("listening on 127.0.0.1:") ? line.mid(line.lastIndexOf(':') + 1).toUShort() : 0;
    if (port == 0)
        *error = QStringLiteral("unexpected first line: ") + QString::fromUtf8(line);
    return port;
}

} // namespace Clearway::Tests
