#include "tests/common/syncharness.h"

#include "storage/cache.h"
#include "storage/cachewriter.h"
#include "storage/database.h"
#include "sync/syncclient.h"
#include "tests/common/cachefixture.h"

#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace Clearway::Tests {

Models::Officer officerWang()
{
    return {QStringLiteral("wang.jianguo"), QStringLiteral("王建国"), QStringLiteral("5141"), Models::Role::WindowOfficer};
}

Models::Officer officerLi() { return {QStringLiteral("li.na"), QStringLiteral("李娜"), QStringLiteral("5141"), Models::Role::WindowOfficer}; }

int runServerCommand(const QStringList &args, const QByteArray &input, QByteArray *output)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral(CLEARWAY_SERVER_EXE), args);
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    const bool finished = p.waitForFinished(60000);
    if (output)
        *output = p.readAll();
    if (!finished) {
        p.kill();
        p.waitForFinished();
        return -1;
    }
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

QString createServerDatabase(const QString &path, int declarations, const QDateTime &now)
{
    const QString written = writeFixtureCache(path, declarations, now);
    return written.isEmpty() ? addOfficers(path) : written;
}

ServerDatabase newServerDatabase(const QString &dir, const QString &name, int declarations, const QDateTime &now,
                                 const std::function<QString(const QString &fixture)> &addRows)
{
    ServerDatabase out = prepareServerDatabase(QStringLiteral(CLEARWAY_SERVER_EXE), dir, declarations, now, addRows, name);
    if (out.error.isEmpty())
        out.error = addOfficers(out.database);
    return out;
}

QString addOfficers(const QString &path)
{
    for (const Models::Officer &o : {officerWang(), officerLi()}) {
        if (const QString error = addUser(path, o, QStringLiteral("window"), kPassword); !error.isEmpty())
            return error;
    }
    return {};
}

QString addUser(const QString &database, const Models::Officer &officer, const QString &roles, const QByteArray &password,
                const QString &permissions)
{
    QByteArray output;
    QStringList args{QStringLiteral("add-user"), QStringLiteral("--database"), database, QStringLiteral("--id"), officer.id,
                     QStringLiteral("--name"), officer.name, QStringLiteral("--office"), officer.office, QStringLiteral("--roles"),
                     roles, QStringLiteral("--password-stdin")};
    if (!permissions.isEmpty())
        args << QStringLiteral("--permissions") << permissions;
    const int rc = runServerCommand(args, password + '\n', &output);
    return rc == 0 ? QString() : QStringLiteral("add-user %1 failed (%2): %3").arg(officer.id).arg(rc).arg(QString::fromUtf8(output));
}

QVariant queryValue(const QString &databasePath, const QString &sql, const QVariantList &binds)
{
    return ServerConnection(databasePath).value(sql, binds);
}

ServerProcess::ServerProcess(QObject *parent)
    : QObject(parent)
{
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
}

ServerProcess::~ServerProcess()
{
    if (isRunning())
        stop();
}

bool ServerProcess::start(const QString &database, const QStringList &extra, QString *error)
{
    QStringList args{QStringLiteral("serve"), QStringLiteral("--database"), database, QStringLiteral("--port"), QString::number(m_port)};
    if (!extra.contains(QLatin1String("--cert")))
        args << QStringLiteral("--insecure");
    m_process.start(QStringLiteral(CLEARWAY_SERVER_EXE), args + extra);
    if (!m_process.waitForStarted(10000) || !m_process.waitForReadyRead(10000)) {
        *error = QStringLiteral("clearway-server did not start: ") + m_process.errorString();
        return false;
    }
    const QByteArray line = m_process.readLine().trimmed();
    if (!line.startsWith("listening on")) {
        *error = QStringLiteral("clearway-server said: ") + QString::fromUtf8(line);
        return false;
    }
    m_port = line.mid(line.lastIndexOf(':') + 1).toUShort();
    return true;
}

bool ServerProcess::stop()
{
    m_process.terminate();
    return m_process.waitForFinished(10000);
}

void ServerProcess::kill()
{
    m_process.kill();
    m_process.waitForFinished(10000);
}

QUrl ServerProcess::url() const { return QUrl(QStringLiteral("ws://127.0.0.1:%1/sync").arg(m_port)); }

LoopbackProxy::LoopbackProxy(quint16 targetPort, QObject *parent)
    : QObject(parent)
    , m_listener(new QTcpServer(this))
    , m_flaky(new QTimer(this))
    , m_target(targetPort)
{
    m_flaky->setSingleShot(true);
    connect(m_listener, &QTcpServer::newConnection, this, &LoopbackProxy::onNewConnection);
    connect(m_flaky, &QTimer::timeout, this, [this] {
        cut();
        scheduleFlakyCut();
    });
}

LoopbackProxy::~LoopbackProxy()
{
    const auto links = m_links;
    for (Link *l : links)
        closeLink(l);
}

bool LoopbackProxy::listen(QString *error)
{
    if (m_listener->listen(QHostAddress::LocalHost, 0))
        return true;
    *error = m_listener->errorString();
    return false;
}

QUrl LoopbackProxy::url() const { return QUrl(QStringLiteral("ws://127.0.0.1:%1/sync").arg(m_listener->serverPort())); }

void LoopbackProxy::setUp(bool up)
{
    m_up = up;
    if (!up)
        cut();
}

void LoopbackProxy::cut()
{
    ++m_cuts;
    const auto links = m_links;
    for (Link *l : links)
        closeLink(l);
    Q_EMIT wasCut();
}

void LoopbackProxy::cutAfter(Direction direction, qint64 bytes, int times)
{
    m_cutEvery[direction] = bytes;
    m_cutAt[direction] = m_bytes[direction] + bytes;
    m_cutsLeft[direction] = times;
}

void LoopbackProxy::setFlaky(int minMs, int maxMs)
{
    m_flakyMin = minMs;
    m_flakyMax = maxMs;
    m_flaky->stop();
    if (maxMs > 0)
        scheduleFlakyCut();
}

void LoopbackProxy::scheduleFlakyCut()
{
    if (m_flakyMax > 0)
        m_flaky->start(int(QRandomGenerator::global()->bounded(m_flakyMin, m_flakyMax + 1)));
}

void LoopbackProxy::onNewConnection()
{
    while (QTcpSocket *client = m_listener->nextPendingConnection()) {
        if (!m_up) {
            client->abort();
            client->deleteLater();
            continue;
        }
        ++m_connections;
        auto *link = new Link{client, new QTcpSocket(this)};
        m_links.append(link);
        connect(link->server, &QTcpSocket::connected, this, [this, link] { forward(link, Up); });
        connect(link->client, &QTcpSocket::readyRead, this, [this, link] { forward(link, Up); });
        connect(link->server, &QTcpSocket::readyRead, this, [this, link] { forward(link, Down); });
        connect(link->client, &QTcpSocket::disconnected, this, [this, link] { closeLink(link); });
        connect(link->server, &QTcpSocket::disconnected, this, [this, link] { closeLink(link); });
        connect(link->server, &QTcpSocket::errorOccurred, this, [this, link] { closeLink(link); });
        link->server->connectToHost(QHostAddress::LocalHost, m_target);
    }
}

void LoopbackProxy::forward(Link *link, Direction direction)
{
    QTcpSocket *from = direction == Up ? link->client : link->server;
    QTcpSocket *to = direction == Up ? link->server : link->client;
    if (to->state() != QAbstractSocket::ConnectedState)
        return; // what the client sent waits until the server side is connected
    QByteArray data = from->readAll();
    if (data.isEmpty())
        return;
    // A cut armed in this direction lets exactly its bytes through; the rest is lost with the link.
    const bool cutNow = m_cutAt[direction] >= 0 && m_bytes[direction] + data.size() >= m_cutAt[direction];
    if (cutNow) {
        data.truncate(m_cutAt[direction] - m_bytes[direction]);
        m_cutAt[direction] = --m_cutsLeft[direction] > 0 ? m_cutAt[direction] + m_cutEvery[direction] : -1;
    }
    m_bytes[direction] += data.size();
    if (!(direction == Down && m_dropDown))
        to->write(data);
    if (cutNow)
        cut();
}

void LoopbackProxy::closeLink(Link *link)
{
    if (!m_links.removeOne(link))
        return;
    link->client->disconnect(this);
    link->server->disconnect(this);
    // What was forwarded before the cut still goes out; the rest is lost.
    link->client->flush();
    link->server->flush();
    link->client->abort();
    link->server->abort();
    link->client->deleteLater();
    link->server->deleteLater();
    delete link;
}

bool Desk::open(const QString &path, int declarations, const QDateTime &now, QString *error)
{
    if (declarations > 0) {
        *error = writeFixtureCache(path, declarations, now);
        if (!error->isEmpty())
            return false;
    }
    cache = std::make_unique<Storage::Cache>();
    const Storage::OpenResult r = cache->open(path);
    if (!r.ok()) {
        *error = r.message + QLatin1Char(' ') + r.detail;
        return false;
    }
    sync = std::make_unique<Sync::SyncClient>(cache->writer());
    return true;
}

void Desk::start(const QUrl &url, const Models::Officer &officer) { sync->start(url, officer.id, QString::fromLatin1(kPassword)); }

void Desk::issue(const Models::Officer &actor, const QString &name, qint64 item, const QString &reason)
{
    Models::Command c;
    c.kind = Models::WorkKind::Declaration;
    c.itemId = item;
    c.name = name;
    c.reason = reason;
    cache->writer()->apply(c, actor);
}

QVariant Desk::value(const QString &sql, const QVariantList &binds) const
{
    QSqlQuery q(QSqlDatabase::database(cache->connectionName(), false));
    q.prepare(sql);
    for (const QVariant &b : binds)
        q.addBindValue(b);
    return q.exec() && q.next() ? q.value(0) : QVariant();
}

bool Desk::execBeside(const QString &sql) const
{
    Storage::Connection beside;
    // Read-write (`migrate`: the cache is at this build's schema already, so nothing is migrated).
    const Storage::OpenResult opened = beside.open(cache->path(), QStringLiteral("beside"), true);
    QString error = opened.ok() ? QString() : opened.message + QLatin1Char(' ') + opened.detail;
    QSqlDatabase db = beside.database();
    if (error.isEmpty() && Storage::exec(db, sql, &error))
        return true;
    qWarning("%s: %s", qPrintable(sql), qPrintable(error));
    return false;
}

QString Desk::itemState(qint64 item) const
{
    return value(QStringLiteral("SELECT state || '/' || assignee || '/' || pending FROM declarations WHERE id = ?"), {item}).toString();
}

} // namespace Clearway::Tests
