#pragma once

// What the sync tests share: a real clearway-server process on 127.0.0.1, a loopback TCP proxy the
// test can cut, and a workstation ("desk": cache + sync client) in the test's own process.

#include "models/lifecycle.h"
#include "tests/common/serverdatabase.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QProcess>
#include <QUrl>
#include <QVariant>

#include <memory>

class QTcpServer;
class QTcpSocket;
class QTimer;

namespace Clearway::Storage {
class Cache;
}
namespace Clearway::Sync {
class SyncClient;
}

namespace Clearway::Tests {

inline constexpr auto kPassword = "correct horse";

// The two window officers of office 5141 that the fixture and the server database know.
Models::Officer officerWang();
Models::Officer officerLi();

// Writes a server database with the fixture's `declarations` (see cachefixture.h) and accounts for
// wang.jianguo and li.na (password kPassword). Empty on success, else the error.
QString createServerDatabase(const QString &path, int declarations, const QDateTime &now);
// The same on the backend the environment names (serverdatabase.h): the SQLite file `dir`/<name>.sqlite,
// or a new PostgreSQL database filled with the same fixture (CLEARWAY_TEST_DATABASE_URL_FILE), with
// the two accounts. `addRows` writes more rows into the fixture first (prepareServerDatabase()).
ServerDatabase newServerDatabase(const QString &dir, const QString &name, int declarations, const QDateTime &now,
                                 const std::function<QString(const QString &fixture)> &addRows = {});
// Adds those two accounts to an existing server database (a file or a postgresql:// URL).
QString addOfficers(const QString &database);
// `clearway-server add-user`, the password on standard input: empty on success, else what failed.
// `permissions`: comma-separated, as add-user takes them (e.g. "scope.all").
QString addUser(const QString &database, const Models::Officer &officer, const QString &roles, const QByteArray &password,
                const QString &permissions = {});

// Runs `clearway-server args...` to the end (add-user, backup, restore). Its exit code, -1 when it
// did not finish in 60 s; *output gets standard output and error.
int runServerCommand(const QStringList &args, const QByteArray &input = {}, QByteArray *output = nullptr);

// One value from an SQLite file, read through a read-only connection of its own (the server's
// database or a cache another process writes), or from a postgresql:// database. An invalid
// QVariant when the query fails.
QVariant queryValue(const QString &databasePath, const QString &sql, const QVariantList &binds = {});

// A clearway-server process serving plain ws:// on 127.0.0.1.
class ServerProcess final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServerProcess)

public:
    explicit ServerProcess(QObject *parent = nullptr);
    ~ServerProcess() override;

    // Serves `database`: the first time on a free port, after a restart on the same port again.
    // Waits for "listening on". `extra`: more options (limits, --snapshot-page-rows); without
    // --cert, the server is told --insecure.
    bool start(const QString &database, const QStringList &extra, QString *error);
    bool start(const QString &database, QString *error) { return start(database, {}, error); }
    bool stop(); // SIGTERM, then waits
    void kill(); // SIGKILL, then waits
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }

    quint16 port() const { return m_port; }
    QUrl url() const;
    qint64 pid() const { return m_process.processId(); }

private:
    QProcess m_process;
    quint16 m_port = 0;
};

// A TCP proxy on 127.0.0.1 between workstations and a server, for network failures: the test cuts
// it, takes it down, loses the server's replies or cuts it at random intervals.
class LoopbackProxy final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoopbackProxy)

public:
    enum Direction { Up, Down }; // client to server, server to client

    explicit LoopbackProxy(quint16 targetPort, QObject *parent = nullptr);
    ~LoopbackProxy() override;

    bool listen(QString *error);
    QUrl url() const; // ws://127.0.0.1:<proxy port>/sync
    void setTarget(quint16 port) { m_target = port; }

    // Down: the open connections are cut and new ones are refused (the network is gone).
    void setUp(bool up);
    // The open connections are cut now (a drop); new ones pass.
    void cut();
    // Bytes from the server vanish (the replies to what the client sends are lost) while set.
    void setDownstreamDropped(bool dropped) { m_dropDown = dropped; }
    // Cuts the connections once exactly `bytes` more have passed in `direction` (what follows is
    // lost with them), `times` times over.
    void cutAfter(Direction direction, qint64 bytes, int times = 1);
    // Cuts the open connections at random intervals in [minMs, maxMs]; 0, 0 stops.
    void setFlaky(int minMs, int maxMs);

    qint64 bytes(Direction direction) const { return m_bytes[direction]; }
    int connections() const { return m_connections; }
    int cuts() const { return m_cuts; }

Q_SIGNALS:
    void wasCut();

private:
    struct Link
    {
        QTcpSocket *client = nullptr;
        QTcpSocket *server = nullptr;
    };
    void onNewConnection();
    void forward(Link *link, Direction direction);
    void closeLink(Link *link);
    void scheduleFlakyCut();

    QTcpServer *m_listener;
    QTimer *m_flaky;
    quint16 m_target;
    QList<Link *> m_links;
    bool m_up = true;
    bool m_dropDown = false;
    qint64 m_bytes[2] = {0, 0};
    qint64 m_cutEvery[2] = {0, 0};
    qint64 m_cutAt[2] = {-1, -1};
    int m_cutsLeft[2] = {0, 0};
    int m_flakyMin = 0;
    int m_flakyMax = 0;
    int m_connections = 0;
    int m_cuts = 0;
};

// A workstation in the test's process: its cache (writer thread) and its sync client.
struct Desk
{
    std::unique_ptr<Storage::Cache> cache;
    std::unique_ptr<Sync::SyncClient> sync;

    // Opens the cache at `path`, first written by the fixture with `declarations` rows (0: an
    // empty cache, filled by the server's snapshot). false with *error.
    bool open(const QString &path, int declarations, const QDateTime &now, QString *error);
    void start(const QUrl &url, const Models::Officer &officer);
    void issue(const Models::Officer &actor, const QString &name, qint64 item, const QString &reason = {});
    // "state/assignee/pending" of a declaration, as the officer sees it.
    QString itemState(qint64 item) const;
    QVariant value(const QString &sql, const QVariantList &binds = {}) const;
    // Runs `sql` on the cache file through a connection of its own, as another program would (e.g.
    // a trigger that makes the writer fail). false when it failed.
    bool execBeside(const QString &sql) const;
    qint64 outboxSize() const { return value(QStringLiteral("SELECT count(*) FROM outbox")).toLongLong(); }
};

} // namespace Clearway::Tests
