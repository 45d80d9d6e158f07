// Two workstations (caches + sync clients in this process) and a real clearway-server process.
#include "storage/cache.h"
#include "storage/cachewriter.h"
#include "sync/syncclient.h"
#include "tests/common/cachefixture.h"
#include "tests/common/serverdatabase.h"

#include <QProcess>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Clearway;

class TestSync final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void anActionOnOneWorkstationShowsOnTheOther();
    void theLoserOfARaceIsToldWhy();
    void workDoneWhileTheServerIsDownConverges();

private:
    struct Desk
    {
        std::unique_ptr<Storage::Cache> cache;
        std::unique_ptr<Sync::SyncClient> sync;
    };
    void startServer();
    void stopServer();
    Desk openDesk(const QString &name);
    void issue(Desk &desk, const char *name, qint64 item);
    static QString itemState(Desk &desk, qint64 item);

    QTemporaryDir m_dir;
    QString m_db;
    QProcess m_server;
    quint16 m_port = 0;
    QDateTime m_now = QDateTime::currentDateTime();
    Desk m_a, m_b;
    Models::Officer m_wang{QStringLiteral("wang.jianguo"), QStringLiteral("王建国"), QStringLiteral("5141"), Models::Role::WindowOfficer};
    Models::Officer m_li{QStringLiteral("li.na"), QStringLiteral("李娜"), QStringLiteral("5141"), Models::Role::WindowOfficer};
};

void TestSync::startServer()
{
    m_server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_server.start(QStringLiteral(CLEARWAY_SERVER_EXE), {QStringLiteral("serve"), QStringLiteral("--database"), m_db, QStringLiteral("--port"),
                                                         QString::number(m_port), QStringLiteral("--insecure")});
    QVERIFY(m_server.waitForReadyRead(10000));
    const QByteArray line = m_server.readLine().trimmed();
    QVERIFY2(line.startsWith("listening on"), line.constData());
    m_port = line.mid(line.lastIndexOf(':') + 1).toUShort();
}

void TestSync::stopServer()
{
    m_server.terminate();
    QVERIFY(m_server.waitForFinished(10000));
}

TestSync::Desk TestSync::openDesk(const QString &name)
{
    Desk d;
    const QString path = m_dir.filePath(name + QStringLiteral(".sqlite"));
    if (Tests::writeFixtureCache(path, 100, m_now).isEmpty()) {
        d.cache = std::make_unique<Storage::Cache>();
        if (d.cache->open(path).ok())
            d.sync = std::make_unique<Sync::SyncClient>(d.cache->writer());
    }
    return d;
}

void TestSync::issue(Desk &desk, const char *name, qint64 item)
{
    Models::Command c;
    c.kind = Models::WorkKind::Declaration;
    c.itemId = item;
    c.name = QString::fromLatin1(name);
    desk.cache->writer()->apply(c, desk.cache->officers().isEmpty() ? m_wang : m_wang);
}

QString TestSync::itemState(Desk &desk, qint64 item)
{
    QSqlDatabase db = QSqlDatabase::database(desk.cache->connectionName(), false);
    QSqlQuery q(db);
    q.exec(QStringLiteral("SELECT state || '/' || assignee || '/' || pending FROM declarations WHERE id = %1").arg(item));
    return q.next() ? q.value(0).toString() : QString();
}

void TestSync::initTestCase()
{
    const Tests::ServerDatabase db = Tests::prepareServerDatabase(QStringLiteral(CLEARWAY_SERVER_EXE), m_dir.path(), 100, m_now);
    QVERIFY2(db.error.isEmpty(), qPrintable(db.error));
    m_db = db.database;
    for (const auto &[id, name] : {std::pair{"wang.jianguo", "王建国"}, std::pair{"li.na", "李娜"}}) {
        QProcess p;
        p.start(QStringLiteral(CLEARWAY_SERVER_EXE),
                {QStringLiteral("add-user"), QStringLiteral("--database"), m_db, QStringLiteral("--id"), QString::fromLatin1(id), QStringLiteral("--name"),
                 QString::fromUtf8(name), QStringLiteral("--office"), QStringLiteral("5141"), QStringLiteral("--roles"), QStringLiteral("window"),
                 QStringLiteral("--password-stdin")});
        p.write("correct horse\n");
        p.closeWriteChannel();
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
    }
    startServer();
    m_a = openDesk(QStringLiteral("desk-a"));
    m_b = openDesk(QStringLiteral("desk-b"));
    QVERIFY(m_a.sync && m_b.sync);
    const QUrl url(QStringLiteral("ws://127.0.0.1:%1/sync").arg(m_port));
    m_a.sync->start(url, m_wang.id, QStringLiteral("correct horse"));
    m_b.sync->start(url, m_li.id, QStringLiteral("correct horse"));
    QTRY_COMPARE(m_a.sync->state(), Sync::SyncClient::State::Online);
    QTRY_COMPARE(m_b.sync->state(), Sync::SyncClient::State::Online);
}

void TestSync::cleanupTestCase()
{
    m_a.sync.reset();
    m_b.sync.reset();
    if (m_server.state() != QProcess::NotRunning)
        stopServer();
}

void TestSync::anActionOnOneWorkstationShowsOnTheOther()
{
    QCOMPARE(itemState(m_b, 8), QStringLiteral("received//0"));
    issue(m_a, "claim", 8);
    // Optimistic at once on A, pending until the server acknowledges.
    QTRY_COMPARE(itemState(m_a, 8), QStringLiteral("under_review/wang.jianguo/0"));
    QTRY_COMPARE(itemState(m_b, 8), QStringLiteral("under_review/wang.jianguo/0"));
}

void TestSync::theLoserOfARaceIsToldWhy()
{
    // B goes offline, claims item 15; meanwhile A claims it online.
    m_b.sync->stop();
    Models::Command c;
    c.kind = Models::WorkKind::Declaration;
    c.itemId = 15;
    c.name = QStringLiteral("claim");
    m_b.cache->writer()->apply(c, m_li);
    QTRY_COMPARE(itemState(m_b, 15), QStringLiteral("under_review/li.na/1"));
    issue(m_a, "claim", 15);
    QTRY_COMPARE(itemState(m_a, 15), QStringLiteral("under_review/wang.jianguo/0"));

    QSignalSpy refused(m_b.sync.get(), &Sync::SyncClient::commandRefused);
    m_b.sync->start(QUrl(QStringLiteral("ws://127.0.0.1:%1/sync").arg(m_port)), m_li.id, QStringLiteral("correct horse"));
    QTRY_COMPARE(refused.size(), 1);
    // The server decided on its state: A had already taken the item under review.
    QVERIFY2(refused.at(0).at(1).toString().contains(QStringLiteral("Under review")), qPrintable(refused.at(0).at(1).toString()));
    // The server's rule decided: B now shows A's claim, and nothing is left pending.
    QTRY_COMPARE(itemState(m_b, 15), QStringLiteral("under_review/wang.jianguo/0"));
}

void TestSync::workDoneWhileTheServerIsDownConverges()
{
    stopServer();
    QTRY_COMPARE(m_a.sync->state() == Sync::SyncClient::State::Online, false);
    issue(m_a, "claim", 22);
    QTRY_COMPARE(itemState(m_a, 22), QStringLiteral("under_review/wang.jianguo/1"));
    startServer(); // same port: the clients find it by themselves
    QTRY_COMPARE_WITH_TIMEOUT(itemState(m_a, 22), QStringLiteral("under_review/wang.jianguo/0"), 40000);
    QTRY_COMPARE_WITH_TIMEOUT(itemState(m_b, 22), QStringLiteral("under_review/wang.jianguo/0"), 40000);
}

QTEST_GUILESS_MAIN(TestSync)
#include "tst_sync.moc"
