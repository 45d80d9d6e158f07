#pragma once

#include <QJsonObject>
#include <QList>
#include <QWebSocket>

#include <functional>
#include <utility>

namespace Clearway::Tests {

// One workstation's socket to a clearway-server on loopback (ws://): sends a message and waits for
// the reply to it, or for any message that matches. Each change of a "changes" frame arrives in the
// inbox as a message of its own, of type "change".
class WsClient final
{
public:
    // tls: over wss://, trusting the server's certificate whatever it is (a test's own, on loopback).
    explicit WsClient(quint16 port, bool tls = false);
    Q_DISABLE_COPY_MOVE(WsClient)

    bool connected();
    void sendRaw(const QByteArray &text);
    void sendBinary(const QByteArray &data);
    // Sends `message` with the next id; does not wait.
    qint64 post(QJsonObject message);
    QJsonObject request(QJsonObject message);
    QJsonObject waitFor(const std::function<bool(const QJsonObject &)> &match, int timeoutMs = 5000);
    bool waitClosed(int timeoutMs);
    // Binary frames received (snapshot pages, blob chunks), oldest first; taken out of the inbox.
    QList<QByteArray> takeBinary() { return std::exchange(m_binary, {}); }
    QWebSocketProtocol::CloseCode closeCode() const { return m_socket.closeCode(); }
    QString closeReason() const { return m_socket.closeReason(); }
    // hello with `clientId`, then login.
    QJsonObject signIn(const QString &clientId, const QString &password = QStringLiteral("correct horse"),
                       const QString &user = QStringLiteral("wang.jianguo"));

private:
    QWebSocket m_socket;
    QList<QJsonObject> m_inbox;
    QList<QByteArray> m_binary;
    qint64 m_id = 0;
};

QJsonObject declarationCommand(qint64 seq, const char *name, qint64 item);
// A subscribe from `cursor` to the changes of the fixture's office (5141), all an officer of it may
// follow (Models::SyncScope::mayKeep()).
QJsonObject officeSubscribe(qint64 cursor);
// A `declare`'s declaration (docs/protocol.md): 1,000 kg of frozen shrimp (HS `hs`) from Vietnam,
// worth `valueCents` US cents, by the enterprise of that code and credit class.
QJsonObject declaration(const char *entryNo, const char *enterpriseCode, const char *credit, qint64 valueCents, const char *hs = "0306170000");
inline QString typeOf(const QJsonObject &o) { return o.value(QStringLiteral("type")).toString(); }
inline QString codeOf(const QJsonObject &o) { return o.value(QStringLiteral("code")).toString(); }

} // namespace Clearway::Tests
