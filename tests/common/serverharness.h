#pragma once

#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QStringList>
#include <QWebSocket>

#include "tests/common/syncharness.h" // runServerCommand

#include <functional>

namespace Clearway::Tests {


// `add-user` with the password on standard input; returns the exit code.
int addUser(const QString &database, const QString &id, const QString &name, const QString &office, const QString &roles,
            const QByteArray &password);

// Writes the fixture cache (cachefixture.h) with `declarations` declarations as a server database,
// initialises it and adds the fixture officer wang.jianguo (window officer in office 5141, password
// "correct horse"). Returns an empty string on success, else what failed.
QString prepareServerDatabase(const QString &database, int declarations);

// Starts `clearway-server serve --insecure` over `database` on a free loopback port, with `extraArgs`.
// Returns the port, or 0 with `error` set.
quint16 startServer(QProcess *server, const QString &database, const QStringList &extraArgs, QString *error);

// One workstation's socket to a test server: sends a message and waits for the reply to it (or
// for any message matching a predicate).
class Client final
{
    Q_DISABLE_COPY_MOVE(Client)

public:
    explicit Client(quint16 port);

    bool connected();
    void sendRaw(const QByteArray &text);
    void sendBinary(const QByteArray &data);
    QJsonObject request(QJsonObject message);
    QJsonObject waitFor(const std::function<bool(const QJsonObject &)> &match, int timeoutMs = 5000);
    bool waitClosed(int timeoutMs);
    QWebSocketProtocol::CloseCode closeCode() const { return m_socket.closeCode(); }
    QString closeReason() const { return m_socket.closeReason(); }
    // hello, then login as wang.jianguo (or `user`); returns the reply to the login.
    QJsonObject signIn(const QString &clientId, const QString &password = QStringLiteral("correct horse"),
                       const QString &user = QStringLiteral("wang.jianguo"));

private:
    QWebSocket m_socket;
    QList<QJsonObject> m_inbox;
    qint64 m_id = 0;
};

// A declaration command as the outbox sends it (without the request id).
QJsonObject command(qint64 seq, const char *name, qint64 item);

inline QString type(const QJsonObject &o) { return o.value(QStringLiteral("type")).toString(); }
inline QString code(const QJsonObject &o) { return o.value(QStringLiteral("code")).toString(); }

} // namespace Clearway::Tests
