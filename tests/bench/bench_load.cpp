// Load benchmark: one clearway-server (SQLite) holding many connected workstations, each
// subscribed to the change stream, while they send commands at a fixed total rate; then all of
// them reconnecting at once, after a network gap and after a server restart.
//
//   bench_load [--clients 1000] [--rate 2000] [--seconds 10] [--gap-seconds 5] [--gap-rate 200]
//
// Workstations are lightweight protocol clients in this process (a QWebSocket each, no cache), so
// the figures are the server's: ack latency (command sent to its ack), how long after the last
// command every workstation has every change, the server's peak memory (VmHWM), and the time from
// reconnecting (or from the restarted server listening) until every workstation has caught up to
// the change log's head. Baseline in the same run: the ack latency of the same commands with one
// connected workstation.
#include "tests/bench/benchutil.h"
#include "sync/message.h"
#include "tests/common/syncharness.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTimer>
#include <QWebSocket>
#include <QtEndian>

#include <cstdio>
#include <functional>
#include <memory>

using namespace Clearway;
using Bench::percentile;

namespace {

bool waitFor(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 20);
    return done();
}

// kB from /proc/<pid>/status ("VmHWM": peak resident memory).
qint64 procStatus(qint64 pid, const QByteArray &key)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(QByteArray(key + ':')))
            return line.mid(key.size() + 1).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

// One workstation: resumes the shared session, subscribes, claims its own declaration and then
// unclaims and claims it again, and follows the change stream in deflated frames, as the
// workstation asks for them (only the last cursor of each frame is read).
class Workstation final : public QObject
{
public:
    Workstation(int index, qint64 item, const QString &token, QObject *parent)
        : QObject(parent)
        , m_item(item)
        , m_token(token)
        , m_clientId(QStringLiteral("load-%1").arg(index))
    {
        connect(&m_socket, &QWebSocket::connected, this, [this] {
            send({{QStringLiteral("type"), QStringLiteral("hello")},
                  {QStringLiteral("protocol"), QJsonArray{Sync::kProtocolVersion}},
                  {QStringLiteral("clientId"), m_clientId},
                  {QStringLiteral("changeFrames"), QLatin1String(Sync::kDeflateChanges)}});
            send({{QStringLiteral("type"), QStringLiteral("resume")}, {QStringLiteral("token"), m_token}});
        });
        connect(&m_socket, &QWebSocket::disconnected, this, [this] {
            m_following = false;
            m_inflight = false;
            if (m_reconnect) // as soon as it can: the worst case for the server
                QTimer::singleShot(m_socket.error() == QAbstractSocket::ConnectionRefusedError ? 100 : 0, this, &Workstation::open);
        });
        connect(&m_socket, &QWebSocket::textMessageReceived, this, &Workstation::onMessage);
        // Change frames are most of the traffic: read the last change's cursor from the header.
        connect(&m_socket, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &frame) {
            if (!Sync::isDeflatedChangesFrame(frame) || frame.size() < 8)
                return;
            const quint32 length = qFromBigEndian<quint32>(frame.constData() + 4);
            const QJsonObject header = QJsonDocument::fromJson(frame.mid(8, length)).object();
            m_cursor = qMax(m_cursor, header.value(QStringLiteral("last")).toInteger());
        });
    }
    void open()
    {
        m_reconnect = true;
        m_socket.open(m_url);
    }
    void setUrl(const QUrl &url) { m_url = url; }
    void hangUp()
    {
        m_reconnect = false;
        m_socket.abort();
    }
    bool ready() const { return m_found; }
    bool following() const { return m_following; }
    bool busy() const { return m_inflight || !m_following || !m_found; }
    qint64 cursor() const { return m_cursor; }
    qint64 lastAckCursor() const { return m_ackCursor; }
    // Claims or unclaims its item; the ack's latency goes to `latenciesMs`.
    void command(QList<double> *latenciesMs)
    {
        m_latencies = latenciesMs;
        m_inflight = true;
        m_sent.start();
        issue(m_claimed ? "unclaim" : "claim");
    }
    qint64 rejected = 0;
    qint64 errors = 0;

private:
    void send(QJsonObject m)
    {
        m.insert(QStringLiteral("id"), ++m_id);
        m_socket.sendTextMessage(QString::fromUtf8(QJsonDocument(m).toJson(QJsonDocument::Compact)));
    }
    void issue(const char *name)
    {
        send({{QStringLiteral("type"), QStringLiteral("command")}, {QStringLiteral("seq"), ++m_seq}, {QStringLiteral("kind"), QStringLiteral("declaration")},
              {QStringLiteral("itemId"), m_item}, {QStringLiteral("name"), QString::fromLatin1(name)}, {QStringLiteral("baseVersion"), 1}});
    }
    void onMessage(const QString &text)
    {
        const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
        const QString type = o.value(QStringLiteral("type")).toString();
        if (type == QLatin1String("session")) {
            send({{QStringLiteral("type"), QStringLiteral("subscribe")},
                  {QStringLiteral("cursor"), m_cursor},
                  {QStringLiteral("scope"), QJsonObject{{QStringLiteral("offices"), QJsonArray{QStringLiteral("5141")}}}}}); // as a desk of office 5141
        } else if (type == QLatin1String("subscribed")) {
            m_following = true;
            if (!m_found && !m_probing) {
                m_probing = true;
                issue("claim");
            }
        } else if (type == QLatin1String("ack") || type == QLatin1String("reject")) {
            const bool ack = type == QLatin1String("ack");
            if (ack)
                m_ackCursor = qMax(m_ackCursor, o.value(QStringLiteral("cursor")).toInteger());
            if (!m_found) {
                m_found = ack;
                m_claimed = ack;
                if (!ack)
                    std::fprintf(stderr, "%s cannot claim declaration %lld: %s\n", qPrintable(m_clientId), m_item, qPrintable(text));
                return;
            }
            if (m_inflight && m_latencies)
                m_latencies->append(m_sent.nsecsElapsed() / 1e6);
            m_inflight = false;
            if (ack)
                m_claimed = !m_claimed;
            else
                ++rejected;
        } else if (type == QLatin1String("error")) {
            ++errors;
            m_inflight = false;
            if (errors <= 3)
                std::fprintf(stderr, "%s: %s\n", qPrintable(m_clientId), qPrintable(text));
        }
    }

    QWebSocket m_socket;
    QUrl m_url;
    qint64 m_item;
    QString m_token;
    QString m_clientId;
    qint64 m_id = 0;
    qint64 m_seq = 0;
    qint64 m_cursor = 0;
    qint64 m_ackCursor = 0;
    bool m_found = false;
    bool m_probing = false;
    bool m_claimed = false;
    bool m_inflight = false;
    bool m_following = false;
    bool m_reconnect = false;
    QElapsedTimer m_sent;
    QList<double> *m_latencies = nullptr;
};

// Declarations waiting to be claimed, one for each workstation.
QList<qint64> claimableDeclarations(const QString &path, int count)
{
    QList<qint64> ids;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bench"));
        db.setDatabaseName(path);
        QSqlQuery q(db);
        if (db.open() && q.exec(QStringLiteral("SELECT id FROM declarations WHERE state = 'received' AND assignee = '' AND office = '5141'"
                                               " ORDER BY id LIMIT %1")
                                    .arg(count))) {
            while (q.next())
                ids << q.value(0).toLongLong();
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("bench"));
    return ids;
}

// Sends `rate` commands a second for `seconds`, spread over `senders` round robin (one in flight
// each; a sender still waiting for its ack is passed over and the command counted as not sent).
struct LoadResult
{
    QList<double> latenciesMs;
    qint64 sent = 0;
    qint64 skipped = 0;
    double seconds = 0;
};

LoadResult drive(const QList<Workstation *> &senders, double rate, double seconds)
{
    LoadResult r;
    QElapsedTimer clock;
    clock.start();
    qsizetype next = 0;
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    QObject::connect(&tick, &QTimer::timeout, [&] {
        const qint64 due = qint64(rate * clock.nsecsElapsed() / 1e9);
        while (r.sent + r.skipped < due) {
            Workstation *w = senders.at(next++ % senders.size());
            if (w->busy()) {
                ++r.skipped;
                continue;
            }
            w->command(&r.latenciesMs);
            ++r.sent;
        }
    });
    tick.start(1);
    waitFor([&] { return clock.elapsed() >= qint64(seconds * 1000); }, int(seconds * 1000) + 1000);
    tick.stop();
    r.seconds = clock.nsecsElapsed() / 1e9;
    // The last acks.
    waitFor([&] { return qint64(r.latenciesMs.size()) >= r.sent; }, 10000);
    return r;
}

qint64 head(const QList<Workstation *> &all)
{
    qint64 h = 0;
    for (const Workstation *w : all)
        h = qMax(h, w->lastAckCursor());
    return h;
}

// Milliseconds until every workstation has every change up to `target`; -1 after `timeoutMs`.
qint64 caughtUp(const QList<Workstation *> &all, qint64 target, int timeoutMs, const QElapsedTimer &since)
{
    const bool ok = waitFor(
        [&] {
            for (const Workstation *w : all) {
                if (w->cursor() < target)
                    return false;
            }
            return true;
        },
        timeoutMs);
    return ok ? since.elapsed() : -1;
}

void printLoad(const char *label, const LoadResult &r)
{
    std::printf("%-34s %6lld commands in %.1f s (%.0f/s; %lld not sent, sender busy)  ack p50 %.1f ms  p99 %.1f ms  max %.1f ms\n", label,
                qlonglong(r.sent), r.seconds, r.sent / r.seconds, qlonglong(r.skipped), percentile(r.latenciesMs, 0.5), percentile(r.latenciesMs, 0.99),
                percentile(r.latenciesMs, 1.0));
}

} // namespace

int main(int argc, char **argv)
{
    // A thousand sockets in one process: Qt's own event dispatcher, as the server uses (GLib's
    // walks a list of every socket notifier each time one is turned on or off).
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption clientsOption(QStringLiteral("clients"), QStringLiteral("Connected workstations."), QStringLiteral("n"), QStringLiteral("1000"));
    const QCommandLineOption rateOption(QStringLiteral("rate"), QStringLiteral("Commands a second, in all."), QStringLiteral("r"), QStringLiteral("2000"));
    const QCommandLineOption secondsOption(QStringLiteral("seconds"), QStringLiteral("Length of the load."), QStringLiteral("s"), QStringLiteral("10"));
    const QCommandLineOption gapOption(QStringLiteral("gap-seconds"), QStringLiteral("How long the workstations are away."), QStringLiteral("s"),
                                       QStringLiteral("5"));
    const QCommandLineOption gapRateOption(QStringLiteral("gap-rate"), QStringLiteral("Commands a second from others meanwhile."), QStringLiteral("r"),
                                           QStringLiteral("200"));
    parser.addOptions({clientsOption, rateOption, secondsOption, gapOption, gapRateOption});
    parser.process(app);
    const int clients = parser.value(clientsOption).toInt();
    const double rate = parser.value(rateOption).toDouble();
    const double seconds = parser.value(secondsOption).toDouble();
    const double gapSeconds = parser.value(gapOption).toDouble();
    const double gapRate = parser.value(gapRateOption).toDouble();
    constexpr int kWriters = 20; // the colleagues still working while the others are away

    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("server.sqlite"));
    // Enough declarations for each workstation to have one of its own to claim.
    if (const QString error = Tests::createServerDatabase(db, 16 * (clients + kWriters), QDateTime::currentDateTime()); !error.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    Tests::ServerProcess server;
    QString error;
    const QStringList serveOptions{QStringLiteral("--max-connections"), QString::number(clients + kWriters + 100), QStringLiteral("--log-rules"),
                                   QStringLiteral("clearway.*.info=false")};
    if (!server.start(db, serveOptions, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    // One sign-in (Argon2id) for the session every workstation resumes.
    QString token;
    {
        QWebSocket s;
        QObject::connect(&s, &QWebSocket::connected, [&] {
            s.sendTextMessage(QStringLiteral(R"({"type":"hello","id":1,"protocol":[%1],"clientId":"load-login"})").arg(Sync::kProtocolVersion));
            s.sendTextMessage(QStringLiteral(R"({"type":"login","id":2,"user":"wang.jianguo","password":"%1"})").arg(QLatin1String(Tests::kPassword)));
        });
        QObject::connect(&s, &QWebSocket::textMessageReceived, [&](const QString &t) {
            const QJsonObject o = QJsonDocument::fromJson(t.toUtf8()).object();
            if (o.value(QStringLiteral("type")).toString() == QLatin1String("session"))
                token = o.value(QStringLiteral("token")).toString();
        });
        s.open(server.url());
        if (!waitFor([&] { return !token.isEmpty(); }, 10000)) {
            std::fprintf(stderr, "cannot sign in\n");
            return 1;
        }
    }

    QObject owner;
    const int total = clients + kWriters;
    const QList<qint64> claimable = claimableDeclarations(db, total);
    if (claimable.size() < total) {
        std::fprintf(stderr, "only %lld declarations to claim for %d workstations\n", qlonglong(claimable.size()), total);
        return 1;
    }
    QList<Workstation *> all, desks, writers;
    for (int i = 0; i < total; ++i) {
        auto *w = new Workstation(i, claimable.at(i), token, &owner);
        w->setUrl(server.url());
        (i < kWriters ? writers : desks) << w;
        all << w;
    }
    std::printf("server pid %lld, %d workstations + %d colleagues, %.0f commands/s for %.0f s\n", server.pid(), clients, kWriters, rate, seconds);
    // Baseline: the same commands from one workstation, alone on the server.
    all.first()->open();
    if (!waitFor([&] { return all.first()->ready(); }, 10000)) {
        std::fprintf(stderr, "the first workstation never found an item\n");
        return 1;
    }
    const LoadResult alone = drive({all.first()}, 200, 3);

    QElapsedTimer connecting;
    connecting.start();
    for (Workstation *w : all)
        w->open();
    if (!waitFor(
            [&] {
                for (const Workstation *w : all) {
                    if (!w->ready())
                        return false;
                }
                return true;
            },
            120000)) {
        std::fprintf(stderr, "not every workstation connected and found an item in 120 s\n");
        return 1;
    }
    std::printf("%d connections signed in, subscribed and each holding an item in %lld ms; server memory %lld MB\n", total, connecting.elapsed(),
                procStatus(server.pid(), "VmRSS") / 1024);

    printLoad("one workstation, 200/s (baseline)", alone);
    const LoadResult loaded = drive(all, rate, seconds);
    printLoad("all connected, under load", loaded);
    QElapsedTimer fanOut;
    fanOut.start();
    const qint64 lastCursor = head(all);
    const qint64 fanOutMs = caughtUp(all, lastCursor, 30000, fanOut);
    std::printf("every workstation had every change %lld ms after the last ack (%lld changes)\n", fanOutMs, lastCursor);
    std::printf("ack p99 under load / alone: %.2fx\n", percentile(loaded.latenciesMs, 0.99) / qMax(0.001, percentile(alone.latenciesMs, 0.99)));
    std::printf("server peak memory (VmHWM) %lld MB\n", procStatus(server.pid(), "VmHWM") / 1024);

    // A network gap: the workstations are cut off while colleagues keep working, then all come back at once.
    for (Workstation *w : desks)
        w->hangUp();
    const LoadResult during = drive(writers, gapRate, gapSeconds);
    const qint64 gapHead = head(all);
    QElapsedTimer back;
    back.start();
    for (Workstation *w : desks)
        w->open();
    const qint64 reconnectMs = caughtUp(desks, gapHead, 60000, back);
    std::printf("%d workstations back after %.0f s away (%lld changes missed each): all caught up in %lld ms\n", clients, gapSeconds,
                qlonglong(during.sent), reconnectMs);

    // A server restart: everyone reconnects as soon as it listens again and resumes its session.
    const qint64 before = head(all);
    if (!server.stop()) {
        std::fprintf(stderr, "the server did not stop\n");
        return 1;
    }
    waitFor(
        [&] {
            for (const Workstation *w : all) {
                if (w->following())
                    return false;
            }
            return true;
        },
        10000);
    QElapsedTimer restart;
    if (!server.start(db, serveOptions, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    restart.start();
    const bool resumed = waitFor(
        [&] {
            for (const Workstation *w : all) {
                if (!w->following())
                    return false;
            }
            return true;
        },
        60000);
    const qint64 resumedMs = resumed ? restart.elapsed() : -1;
    const LoadResult after = drive(writers, gapRate, 1);
    const qint64 restartMs = caughtUp(all, head(all), 60000, restart);
    std::printf("server restarted: %d connections resumed and subscribed in %lld ms; caught up with %lld new changes in %lld ms (last before: %lld)\n",
                total, resumedMs, qlonglong(after.sent), restartMs, before);
    std::printf("server peak memory after the restart (VmHWM) %lld MB\n", procStatus(server.pid(), "VmHWM") / 1024);
    qint64 rejected = 0, errors = 0;
    for (const Workstation *w : all) {
        rejected += w->rejected;
        errors += w->errors;
    }
    std::printf("refused commands %lld, error replies %lld\n", rejected, errors);
    server.stop();
    return 0;
}
