// The SyncClient against a scripted server in this process: what a real clearway-server never
// sends, to see that the workstation loses nothing when a server (a newer one, or a broken one)
// sends a change it cannot read.
#include "storage/cache.h"
#include "storage/cachewriter.h"
#include "storage/database.h"
#include "sync/message.h"
#include "sync/syncclient.h"
#include "tests/common/cachefixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace Clearway;

namespace {

// Answers hello, login and subscribe as the protocol says, and on each subscribe sends the
// changes `changesFor(subscription number, cursor)` gives.
class ScriptedServer final : public QObject
{
    Q_OBJECT

public:
    std::function<QJsonArray(int subscription, qint64 cursor)> changesFor;
    QList<qint64> subscribedFrom; // the cursor of each subscribe, in order

    ScriptedServer()
        : m_server(QStringLiteral("scripted"), QWebSocketServer::NonSecureMode)
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QWebSocketServer::newConnection, this, [this] {
            QWebSocket *socket = m_server.nextPendingConnection();
            socket->setParent(this);
            connect(socket, &QWebSocket::textMessageReceived, this, [this, socket](const QString &text) { answer(socket, text); });
        });
    }
    QUrl url() const { return QUrl(QStringLiteral("ws://127.0.0.1:%1/sync").arg(m_server.serverPort())); }

private:
    void answer(QWebSocket *socket, const QString &text)
    {
        const QJsonObject m = QJsonDocument::fromJson(text.toUtf8()).object();
        const QString type = m.value(QStringLiteral("type")).toString();
        const qint64 id = m.value(QStringLiteral("id")).toInteger();
        auto send = [socket](const QJsonObject &o) { socket->sendTextMessage(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact))); };
        if (type == QLatin1String("hello")) {
            send({{QStringLiteral("type"), QStringLiteral("welcome")}, {QStringLiteral("re"), id}, {QStringLiteral("protocol"), Sync::kProtocolVersion},
                  {QStringLiteral("epoch"), QStringLiteral("scripted-epoch")}, {QStringLiteral("time"), QDateTime::currentSecsSinceEpoch()}});
        } else if (type == QLatin1String("login")) {
            send({{QStringLiteral("type"), QStringLiteral("session")}, {QStringLiteral("re"), id}, {QStringLiteral("token"), QStringLiteral("t")},
                  {QStringLiteral("expires"), QDateTime::currentSecsSinceEpoch() + 3600},
                  {QStringLiteral("officer"), QJsonObject{{QStringLiteral("id"), QStringLiteral("wang.jianguo")}, {QStringLiteral("name"), QStringLiteral("王建国")},
                                                          {QStringLiteral("office"), QStringLiteral("5141")}, {QStringLiteral("roles"), 1}}}});
        } else if (type == QLatin1String("subscribe")) {
            const qint64 cursor = m.value(QStringLiteral("cursor")).toInteger();
            subscribedFrom << cursor;
            send({{QStringLiteral("type"), QStringLiteral("subscribed")}, {QStringLiteral("re"), id}});
            send({{QStringLiteral("type"), QStringLiteral("changes")}, {QStringLiteral("changes"), changesFor(int(subscribedFrom.size()), cursor)}});
        } else if (type == QLatin1String("ping")) {
            send({{QStringLiteral("type"), QStringLiteral("pong")}, {QStringLiteral("re"), id}});
        }
    }

    QWebSocketServer m_server;
};

QJsonObject claimChange(qint64 cursor, qint64 item)
{
    return {{QStringLiteral("cursor"), cursor}, {QStringLiteral("kind"), QStringLiteral("declaration")}, {QStringLiteral("itemId"), item},
            {QStringLiteral("version"), 2}, {QStringLiteral("state"), QStringLiteral("under_review")}, {QStringLiteral("assignee"), QStringLiteral("li.na")},
            {QStringLiteral("event"), QJsonObject{{QStringLiteral("at"), 1795353700}, {QStringLiteral("actor"), QStringLiteral("li.na")},
                                                  {QStringLiteral("command"), QStringLiteral("claim")}, {QStringLiteral("from"), QStringLiteral("received")},
                                                  {QStringLiteral("to"), QStringLiteral("under_review")}, {QStringLiteral("reason"), QString()}}}};
}

} // namespace

class TestSyncClient final : public QObject
{
    Q_OBJECT

private slots:
    void anUnreadableChangeStopsTheStreamAndNothingPassesIt();
};

void TestSyncClient::anUnreadableChangeStopsTheStreamAndNothingPassesIt()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cache.sqlite"));
    QCOMPARE(Tests::writeFixtureCache(path, 30, QDateTime::currentDateTime()), QString());
    {
        // A complete copy from the scripted server's database, followed up to cursor 10.
        Storage::Connection c;
        QVERIFY(c.open(path, QStringLiteral("setup"), true).ok());
        QString error;
        QSqlDatabase db = c.database();
        QVERIFY2(Storage::exec(db,
                               QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES ('snapshot_epoch', 'scripted-epoch'),"
                                              " ('snapshot_complete', '1'), ('sync_cursor', '10')"),
                               &error),
                 qPrintable(error));
    }
    Storage::Cache cache;
    QVERIFY(cache.open(path).ok());
    Sync::SyncClient client(cache.writer());

    // The first time, change 11 cannot be read (its version is a string), and change 12 behind it
    // can; from the second subscribe on, change 11 is whole.
    ScriptedServer server;
    server.changesFor = [](int subscription, qint64 cursor) {
        QJsonObject eleven = claimChange(11, 1);
        if (subscription == 1)
            eleven.insert(QStringLiteral("version"), QStringLiteral("two"));
        QJsonArray out;
        if (cursor < 11)
            out << eleven;
        out << claimChange(12, 8);
        return out;
    };
    QSignalSpy stalled(&client, &Sync::SyncClient::stalledChanged);
    client.start(server.url(), QStringLiteral("wang.jianguo"), QStringLiteral("correct horse"));
    QTRY_VERIFY(client.isStalled());
    QVERIFY2(client.stallReason().contains(QStringLiteral("could not be read")), qPrintable(client.stallReason()));
    auto value = [&cache](const QString &sql) {
        QSqlQuery q(QSqlDatabase::database(cache.connectionName(), false));
        return Storage::execRetrying(q, sql) && q.next() ? q.value(0).toString() : QString();
    };
    // Change 12 was not taken past the one before it, and the cursor stayed.
    QCOMPARE(value(QStringLiteral("SELECT state FROM declarations WHERE id = 8")), QStringLiteral("received"));
    QCOMPARE(value(QStringLiteral("SELECT value FROM meta WHERE key = 'sync_cursor'")), QStringLiteral("10"));

    // Asked for again from the stored cursor: both arrive, in order, and the stream goes on.
    QTRY_VERIFY_WITH_TIMEOUT(server.subscribedFrom.size() >= 2, 10000);
    QCOMPARE(server.subscribedFrom.at(1), 10);
    QTRY_COMPARE(value(QStringLiteral("SELECT value FROM meta WHERE key = 'sync_cursor'")), QStringLiteral("12"));
    QCOMPARE(value(QStringLiteral("SELECT state || '/' || assignee FROM declarations WHERE id = 1")), QStringLiteral("under_review/li.na"));
    QCOMPARE(value(QStringLiteral("SELECT state || '/' || assignee FROM declarations WHERE id = 8")), QStringLiteral("under_review/li.na"));
    QTRY_VERIFY(!client.isStalled());
    QCOMPARE(stalled.size(), 2); // stalled once, then going again
    client.stop();
}

QTEST_GUILESS_MAIN(TestSyncClient)
#include "tst_syncclient.moc"
