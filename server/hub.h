#pragma once

#include "models/entities.h"

#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QObject>
#include <QSslConfiguration>

#include <optional>

class QWebSocket;
class QWebSocketServer;

namespace Clearway::Server {

class SqliteStore;

struct HubOptions
{
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 0;           // 0: any free port
    int loginTimeoutMs = 10000; // a connection must sign in within this
    int maxConnections = 2000;
    int maxMessagesPerSecond = 500;
    int maxMalformedInARow = 3;
    int sessionHours = 12;
    int snapshotPageRows = 4000; // rows per snapshot page: about 2 MB of declarations
    std::optional<QSslConfiguration> tls; // wss:// with this; plain ws:// without (tests, loopback only)
};

// The WebSocket endpoint of docs/protocol.md: handshake, sign-in, commands, the change stream.
class Hub final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Hub)

public:
    Hub(SqliteStore *store, const HubOptions &options, QObject *parent = nullptr);
    ~Hub() override;

    bool listen(QString *error);
    quint16 port() const;
    void close();

private:
    struct Connection;
    struct SessionToken
    {
        QString user;
        qint64 expires = 0;
    };

    void onNewConnection();
    void onMessage(Connection *c, const QString &text);
    void handle(Connection *c, const QString &type, qint64 id, const QJsonObject &body);
    void signIn(Connection *c, qint64 id, const QString &user, qint64 expires, const QString &token);
    void send(Connection *c, const QJsonObject &message);
    void sendError(Connection *c, qint64 re, const QString &code, const QString &message);
    void publishChanges();
    void drop(Connection *c);

    SqliteStore *m_store;
    HubOptions m_options;
    QWebSocketServer *m_server;
    QHash<QWebSocket *, Connection *> m_connections;
    QHash<QString, SessionToken> m_tokens;
};

} // namespace Clearway::Server
