// Commands per second and ack latency through a real clearway-server, on PostgreSQL and on SQLite
// in the same run: N workstations (WebSockets on loopback), each sending its next command when the
// previous one is acknowledged (claim, unclaim, claim, ... on an item of its own).
//
//   bench_pg_commands [--clients 8] [--commands 1000] [--instances 1] [--pg-url postgresql://...]
//
// Without --pg-url it starts a throwaway PostgreSQL 15 cluster with tools/pgtest.sh (durable:
// fsync and synchronous_commit on, as in production) and stops it afterwards.
#include "sync/message.h"
#include "tests/common/cachefixture.h"
#include "tests/common/serverdatabase.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>
#include <QWebSocket>

#include <algorithm>
#include <cstdio>
#include <memory>

using namespace Clearway;

namespace {

constexpr int kDeclarations = 4000;

struct Figures
{
    qint64 commands = 0;
    qint64 rejected = 0;
    double seconds = 0;
    double p50Ms = 0;
    double p99Ms = 0;
};

int runServer(const QStringList &args, const QByteArray &input = {})
{
    QProcess p;
    p.setProcessChannelMode(QProcess::ForwardedChannels);
    p.start(QStringLiteral(CLEARWAY_SERVER_EXE), args);
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(300000))
        p.kill();
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

quint16 startServer(QProcess &server, const QString &database)
{
    server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    server.start(QStringLiteral(CLEARWAY_SERVER_EXE), {QStringLiteral("serve"), QStringLiteral("--database"), database, QStringLiteral("--port"),
                                                       QStringLiteral("0"), QStringLiteral("--insecure"), QStringLiteral("--max-messages-per-second"),
                                                       QStringLiteral("100000"), QStringLiteral("--log-rules"), QStringLiteral("clearway.*.info=false")});
    if (!server.waitForReadyRead(20000))
        return 0;
    const QByteArray line = server.readLine().trimmed();
    return line.startsWith("listening on") ? line.mid(line.lastIndexOf(':') + 1).toUShort() : 0;
}

// One workstation: signs in, finds a claimable item of its own (items k, k + n, k + 2n, ...), then
// claims and unclaims it, one command in flight at a time.
class Desk final : public QObject
{
public:
    Desk(int index, int stride, quint16 port, int commands, QList<qint64> *latenciesNs, QObject *parent)
        : QObject(parent)
        , m_item(index + 1)
        , m_stride(stride)
        , m_commands(commands)
        , m_latencies(latenciesNs)
        , m_clientId(QStringLiteral("bench-%1").arg(index))
    {
        connect(&m_socket, &QWebSocket::textMessageReceived, this, &Desk::onMessage);
        connect(&m_socket, &QWebSocket::connected, this, [this] {
            send({{QStringLiteral("type"), QStringLiteral("hello")}, {QStringLiteral("protocol"), QJsonArray{Sync::kProtocolVersion}}, {QStringLiteral("clientId"), m_clientId}});
            send({{QStringLiteral("type"), QStringLiteral("login")}, {QStringLiteral("user"), QStringLiteral("wang.jianguo")},
                  {QStringLiteral("password"), QStringLiteral("correct horse")}});
        });
        m_socket.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/sync").arg(port)));
    }
    bool done() const { return m_finished; }
    bool measuring() const { return m_measuring; }
    void start()
    {
        m_measuring = true;
        next();
    }
    qint64 rejected() const { return m_rejected; }

    std::function<void()> onReady; // the item is found: waiting for start()
    std::function<void()> onDone;

private:
    void send(QJsonObject m)
    {
        m.insert(QStringLiteral("id"), ++m_id);
        m_socket.sendTextMessage(QString::fromUtf8(QJsonDocument(m).toJson(QJsonDocument::Compact)));
    }
    void command(const char *name)
    {
        m_sent.start();
        send({{QStringLiteral("type"), QStringLiteral("command")}, {QStringLiteral("seq"), ++m_seq}, {QStringLiteral("kind"), QStringLiteral("declaration")},
              {QStringLiteral("itemId"), m_item}, {QStringLiteral("name"), QString::fromLatin1(name)}, {QStringLiteral("baseVersion"), 1}});
    }
    void next()
    {
        if (m_done >= m_commands) {
            m_finished = true;
            m_socket.close();
            if (onDone)
                onDone();
            return;
        }
        command(m_claimed ? "unclaim" : "claim");
    }
    void onMessage(const QString &text)
    {
        const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
        const QString type = o.value(QStringLiteral("type")).toString();
        if (type == QLatin1String("session")) {
            command("claim"); // probing for an item of its own
            return;
        }
        if (type != QLatin1String("ack") && type != QLatin1String("reject")) {
            if (type == QLatin1String("error"))
                std::fprintf(stderr, "%s: %s\n", qPrintable(m_clientId), qPrintable(text));
            return;
        }
        const bool ack = type == QLatin1String("ack");
        if (!m_ready) {
            if (!ack) {
                m_item += m_stride;
                command("claim");
                return;
            }
            m_ready = true;
            m_claimed = true;
            if (onReady)
                onReady();
            return;
        }
        m_latencies->append(m_sent.nsecsElapsed());
        ++m_done;
        if (ack)
            m_claimed = !m_claimed;
        else
            ++m_rejected;
        next();
    }

    QWebSocket m_socket;
    qint64 m_item;
    int m_stride;
    int m_commands;
    QList<qint64> *m_latencies;
    QString m_clientId;
    qint64 m_id = 0;
    qint64 m_seq = 0;
    int m_done = 0;
    qint64 m_rejected = 0;
    bool m_ready = false;
    bool m_claimed = false;
    bool m_measuring = false;
    bool m_finished = false;
    QElapsedTimer m_sent;
};

Figures measure(const QList<quint16> &ports, int clients, int commands)
{
    QList<qint64> latencies;
    QObject owner;
    QList<Desk *> desks;
    int ready = 0, finished = 0;
    QEventLoop loop;
    QElapsedTimer wall;
    for (int i = 0; i < clients; ++i) {
        auto *d = new Desk(i, clients, ports.at(i % ports.size()), commands, &latencies, &owner);
        d->onReady = [&] {
            if (++ready == clients) {
                wall.start();
                for (Desk *x : std::as_const(desks))
                    x->start();
            }
        };
        d->onDone = [&] {
            if (++finished == clients)
                loop.quit();
        };
        desks << d;
    }
    QTimer::singleShot(600000, &loop, &QEventLoop::quit); // bounded in time
    loop.exec();
    Figures f;
    f.seconds = wall.isValid() ? wall.nsecsElapsed() / 1e9 : 0;
    f.commands = latencies.size();
    for (const Desk *d : std::as_const(desks))
        f.rejected += d->rejected();
    std::sort(latencies.begin(), latencies.end());
    if (!latencies.isEmpty()) {
        f.p50Ms = latencies.at(latencies.size() / 2) / 1e6;
        f.p99Ms = latencies.at(std::min<qsizetype>(latencies.size() - 1, latencies.size() * 99 / 100)) / 1e6;
    }
    if (finished < clients)
        std::fprintf(stderr, "bench: only %d of %d workstations finished in time\n", finished, clients);
    return f;
}

Figures runBackend(const QString &database, int instances, int clients, int commands)
{
    if (runServer({QStringLiteral("add-user"), QStringLiteral("--database"), database, QStringLiteral("--id"), QStringLiteral("wang.jianguo"),
                   QStringLiteral("--name"), QStringLiteral("Bench"), QStringLiteral("--office"), QStringLiteral("5141"), QStringLiteral("--roles"),
                   QStringLiteral("window"), QStringLiteral("--password-stdin")},
                  "correct horse\n")
        != 0)
        return {};
    std::vector<std::unique_ptr<QProcess>> servers;
    QList<quint16> ports;
    for (int i = 0; i < instances; ++i) {
        servers.push_back(std::make_unique<QProcess>());
        const quint16 port = startServer(*servers.back(), database);
        if (port == 0) {
            std::fprintf(stderr, "bench: clearway-server did not start on %s\n", qPrintable(database));
            return {};
        }
        ports << port;
    }
    const Figures f = measure(ports, clients, commands);
    for (auto &s : servers) {
        s->terminate();
        if (!s->waitForFinished(10000))
            s->kill();
    }
    return f;
}

void print(const char *name, const Figures &f)
{
    std::printf("%-28s %8lld commands in %6.2f s: %7.0f commands/s, ack latency p50 %6.2f ms, p99 %6.2f ms%s\n", name,
                static_cast<long long>(f.commands), f.seconds, f.seconds > 0 ? f.commands / f.seconds : 0.0, f.p50Ms, f.p99Ms,
                f.rejected ? qPrintable(QStringLiteral(" (%1 rejected)").arg(f.rejected)) : "");
    std::fflush(stdout);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Commands/s and ack latency through clearway-server: PostgreSQL vs SQLite."));
    parser.addHelpOption();
    const QCommandLineOption clients(QStringLiteral("clients"), QStringLiteral("Workstations sending at once (default 8)."), QStringLiteral("n"),
                                     QStringLiteral("8"));
    const QCommandLineOption commands(QStringLiteral("commands"), QStringLiteral("Commands per workstation (default 1000)."), QStringLiteral("n"),
                                      QStringLiteral("1000"));
    const QCommandLineOption instances(QStringLiteral("instances"), QStringLiteral("PostgreSQL: serve instances too (default 1; 2 adds a run)."),
                                       QStringLiteral("n"), QStringLiteral("2"));
    const QCommandLineOption pgUrl(QStringLiteral("pg-url"), QStringLiteral("A PostgreSQL server to create the database on (default: a throwaway one)."),
                                   QStringLiteral("url"));
    parser.addOptions({clients, commands, instances, pgUrl});
    parser.process(app);
    const int nClients = std::max(1, parser.value(clients).toInt());
    const int nCommands = std::max(1, parser.value(commands).toInt());
    const int nInstances = std::max(1, parser.value(instances).toInt());

    QTemporaryDir dir;
    const QString state = dir.filePath(QStringLiteral("pg"));
    QString serverUrl = parser.value(pgUrl);
    const bool ownCluster = serverUrl.isEmpty();
    if (ownCluster) {
        if (QProcess::execute(QStringLiteral("bash"), {QStringLiteral(CLEARWAY_SOURCE_DIR "/tools/pgtest.sh"), QStringLiteral("start"), state,
                                                       QStringLiteral("--durable")})
            != 0)
            return 1;
        QFile f(state + QStringLiteral("/url"));
        if (f.open(QIODevice::ReadOnly))
            serverUrl = QString::fromUtf8(f.readAll()).trimmed();
    }
    std::printf("%d workstations x %d commands each (claim/unclaim, one in flight per workstation), %d declarations\n", nClients, nCommands,
                kDeclarations);

    int rc = 0;
    // The same work items on both: a fixture cache as the SQLite server database, and a pristine
    // copy of it imported into PostgreSQL.
    const QString sqlite = dir.filePath(QStringLiteral("server.sqlite"));
    const QString fixture = dir.filePath(QStringLiteral("fixture.sqlite"));
    const QDateTime now = QDateTime::currentDateTime();
    if (!Tests::writeFixtureCache(sqlite, kDeclarations, now).isEmpty() || !Tests::writeFixtureCache(fixture, kDeclarations, now).isEmpty())
        return 1;
    const Figures onSqlite = runBackend(sqlite, 1, nClients, nCommands);
    print("SQLite, 1 instance", onSqlite);

    for (int n = 1; n <= nInstances; ++n) {
        QString error;
        const QString database = Tests::createPostgresDatabase(serverUrl, &error);
        if (database.isEmpty() || runServer({QStringLiteral("import"), QStringLiteral("--from"), fixture, QStringLiteral("--database"), database}) != 0) {
            std::fprintf(stderr, "bench: %s\n", qPrintable(error));
            rc = 1;
            break;
        }
        const Figures onPg = runBackend(database, n, nClients, nCommands);
        print(qPrintable(QStringLiteral("PostgreSQL, %1 instance%2").arg(n).arg(n > 1 ? QStringLiteral("s") : QString())), onPg);
        if (onSqlite.seconds > 0 && onPg.seconds > 0)
            std::printf("%-28s %.2f x SQLite's commands/s\n", "", (onPg.commands / onPg.seconds) / (onSqlite.commands / onSqlite.seconds));
        std::fflush(stdout);
    }
    if (ownCluster)
        QProcess::execute(QStringLiteral("bash"), {QStringLiteral(CLEARWAY_SOURCE_DIR "/tools/pgtest.sh"), QStringLiteral("stop"), state});
    return rc;
}
