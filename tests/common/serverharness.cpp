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

Client::Client(quint16 port)
{
    QObject::connect(&m_socket, &QWebSocket::textMessageReceived, &m_socket,
                     [this](const QString &t) { m_inbox << QJsonDocument::fromJson(t.toUtf8()).object(); });
    m_socket.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/sync").arg(port)));
}

bool Client::connected()
{
    QSignalSpy spy(&m_socket, &QWebSocket::connected);
    return m_socket.state() == QAbstractSocket::ConnectedState || spy.wait(5000);
}

void Client::sendRaw(const QByteArray &text) { m_socket.sendTextMessage(QString::fromUtf8(text)); }

void Client::sendBinary(const QByteArray &data) { m_socket.sendBinaryMessage(data); }

QJsonObject Client::request(QJsonObject message)
{
    const qint64 id = ++m_id;
    message.insert(QStringLiteral("id"), id);
    sendRaw(QJsonDocument(message).toJson(QJsonDocument::Compact));
    return waitFor([id](const QJsonObject &o) { return o.value(QStringLiteral("re")).toInteger() == id; });
}

QJsonObject Client::waitFor(const std::function<bool(const QJsonObject &)> &match, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < timeoutMs) {
        for (int i = 0; i < m_inbox.size(); ++i) {
            if (match(m_inbox.at(i)))
                return m_inbox.takeAt(i);
        }
        QTest::qWait(5);
    }
    return {};
}

bool Client::waitClosed(int timeoutMs)
{
    QSignalSpy spy(&m_socket, &QWebSocket::disconnected);
    return m_socket.state() == QAbstractSocket::UnconnectedState || spy.wait(timeoutMs);
}

QJsonObject Client::signIn(const QString &clientId, const QString &password, const QString &user)
{
    request({{QStringLiteral("type"), QStringLiteral("hello")}, {QStringLiteral("protocol"), QJsonArray{1}}, {QStringLiteral("clientId"), clientId}});
    return request({{QStringLiteral("type"), QStringLiteral("login")}, {QStringLiteral("user"), user}, {QStringLiteral("password"), password}});
}

QJsonObject command(qint64 seq, const char *name, qint64 item)
{
    return {{QStringLiteral("type"), QStringLiteral("command")}, {QStringLiteral("seq"), seq}, {QStringLiteral("kind"), QStringLiteral("declaration")},
            {QStringLiteral("itemId"), item}, {QStringLiteral("name"), QString::fromLatin1(name)}, {QStringLiteral("baseVersion"), 1}};
}

} // namespace Clearway::Tests
