#include "sync/message.h"
#include "tests/common/wsclient.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QTest>

namespace Clearway::Tests {

WsClient::WsClient(quint16 port, bool tls)
{
    QObject::connect(&m_socket, &QWebSocket::textMessageReceived, &m_socket, [this](const QString &t) {
        const QJsonObject o = QJsonDocument::fromJson(t.toUtf8()).object();
        if (typeOf(o) != QLatin1String("changes")) {
            m_inbox << o;
            return;
        }
        // The tests read the change stream one change at a time.
        for (const QJsonValue &v : o.value(QStringLiteral("changes")).toArray()) {
            QJsonObject change = v.toObject();
            change.insert(QStringLiteral("type"), QStringLiteral("change"));
            m_inbox << change;
        }
    });
    QObject::connect(&m_socket, &QWebSocket::binaryMessageReceived, &m_socket, [this](const QByteArray &frame) { m_binary << frame; });
    if (tls) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.setPeerVerifyMode(QSslSocket::VerifyNone);
        m_socket.setSslConfiguration(ssl);
    }
    m_socket.open(QUrl(QStringLiteral("%1://127.0.0.1:%2/sync").arg(tls ? QStringLiteral("wss") : QStringLiteral("ws")).arg(port)));
}

bool WsClient::connected()
{
    QSignalSpy spy(&m_socket, &QWebSocket::connected);
    return m_socket.state() == QAbstractSocket::ConnectedState || spy.wait(5000);
}

void WsClient::sendRaw(const QByteArray &text) { m_socket.sendTextMessage(QString::fromUtf8(text)); }

void WsClient::sendBinary(const QByteArray &data) { m_socket.sendBinaryMessage(data); }

qint64 WsClient::post(QJsonObject message)
{
    const qint64 id = ++m_id;
    message.insert(QStringLiteral("id"), id);
    sendRaw(QJsonDocument(message).toJson(QJsonDocument::Compact));
    return id;
}

QJsonObject WsClient::request(QJsonObject message)
{
    const qint64 id = post(std::move(message));
    return waitFor([id](const QJsonObject &o) { return o.value(QStringLiteral("re")).toInteger() == id; });
}

QJsonObject WsClient::waitFor(const std::function<bool(const QJsonObject &)> &match, int timeoutMs)
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

bool WsClient::waitClosed(int timeoutMs)
{
    QSignalSpy spy(&m_socket, &QWebSocket::disconnected);
    return m_socket.state() == QAbstractSocket::UnconnectedState || spy.wait(timeoutMs);
}

QJsonObject WsClient::signIn(const QString &clientId, const QString &password, const QString &user)
{
    request({{QStringLiteral("type"), QStringLiteral("hello")}, {QStringLiteral("protocol"), QJsonArray{Sync::kProtocolVersion}}, {QStringLiteral("clientId"), clientId}});
    return request({{QStringLiteral("type"), QStringLiteral("login")}, {QStringLiteral("user"), user}, {QStringLiteral("password"), password}});
}

QJsonObject declarationCommand(qint64 seq, const char *name, qint64 item)
{
    return {{QStringLiteral("type"), QStringLiteral("command")}, {QStringLiteral("seq"), seq}, {QStringLiteral("kind"), QStringLiteral("declaration")},
            {QStringLiteral("itemId"), item}, {QStringLiteral("name"), QString::fromLatin1(name)}, {QStringLiteral("baseVersion"), 1}};
}

QJsonObject officeSubscribe(qint64 cursor)
{
    return {{QStringLiteral("type"), QStringLiteral("subscribe")},
            {QStringLiteral("cursor"), cursor},
            {QStringLiteral("scope"), QJsonObject{{QStringLiteral("offices"), QJsonArray{QStringLiteral("5141")}}}}};
}

namespace {
QString str(const char *s) { return QString::fromUtf8(s); }
} // namespace

QJsonObject declaration(const char *entryNo, const char *enterpriseCode, const char *credit, qint64 valueCents, const char *hs)
{
    const QJsonObject line{{QStringLiteral("hsCode"), str(hs)},       {QStringLiteral("description"), str("冻虾仁")}, {QStringLiteral("quantity"), 1000},
                           {QStringLiteral("unit"), str("千克")},      {QStringLiteral("value"), valueCents},         {QStringLiteral("currency"), str("USD")},
                           {QStringLiteral("origin"), str("VN")}};
    return {{QStringLiteral("entryNo"), str(entryNo)},
            {QStringLiteral("district"), str("5141")},
            {QStringLiteral("direction"), str("import")},
            {QStringLiteral("mode"), str("standard")},
            {QStringLiteral("tradeMode"), str("0110")},
            {QStringLiteral("transport"), str("sea")},
            {QStringLiteral("billNo"), str("COSU6210455120")},
            {QStringLiteral("enterprise"),
             QJsonObject{{QStringLiteral("code"), str(enterpriseCode)}, {QStringLiteral("name"), str("广州测试海产品有限公司")}, {QStringLiteral("credit"), str(credit)}}},
            {QStringLiteral("totalValue"), valueCents},
            {QStringLiteral("currency"), str("USD")},
            {QStringLiteral("goods"), QJsonArray{line}}};
}

} // namespace Clearway::Tests
