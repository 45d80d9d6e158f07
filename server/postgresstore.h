#pragma once

#include "server/store.h"

#include <QElapsedTimer>
#include <QHash>
#include <QTimer>
#include <QUrl>

namespace Clearway::Server {

// The server's database on PostgreSQL (Qt's QPSQL driver), for when one machine is not enough:
// several `serve` instances share one database, and each tells the others of the changes it
// commits with NOTIFY (they LISTEN and publish them to their own subscribers).
//
// The work-item tables are those of the cache schema (storage/schema.cpp), translated to
// PostgreSQL types when the database is created, so snapshot pages have the same columns and the
// same bytes as from SQLite; every open checks that the columns still match.
//
// Concurrency (docs/architecture.md, "PostgreSQL backend"): a command locks, in this order, its
// client's seq row, its item row, and then the single row of log_head, which hands out the change
// cursor and the audit sequence and holds the audit chain's head. That last lock is held until
// COMMIT, so transactions that append to the change log commit one after the other in cursor
// order: a reader that sees cursor N has already been able to see every cursor below N, and the
// change stream never skips a row committed out of order.
class PostgresStore final : public Store
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PostgresStore)

public:
    explicit PostgresStore(QObject *parent = nullptr);
    ~PostgresStore() override;

    // `url`: postgresql://[user[:password]@]host[:port]/dbname[?libpq options]. Without a password
    // libpq reads PGPASSWORD or ~/.pgpass. Creates the schema in an empty database.
    bool open(const QString &url, QString *error) override;
    void close() override;

    QList<ApplyResult> applyBatch(const QList<CommandRequest> &requests) override;

    // True when no work item is in the database yet (seed-demo and import fill only such a one).
    bool isEmpty(bool *empty, QString *error) const;
    // Copies the snapshot tables (work items, officers, enterprises, goods lines, events) of a
    // Clearway cache file into this database, which must hold no work items and no enterprises, in
    // one transaction. *rows: the rows copied. Officers this database holds already (add-user may
    // run first) are kept as they are, not copied over: *kept counts them.
    bool importCache(const QString &sqliteFile, qint64 *rows, qint64 *kept, QString *error);

protected:
    QSqlDatabase database() const override;
    bool beginCommands(QString *error) override;
    bool applyInTransaction(const CommandRequest &request, ApplyResult *result, QString *error) override;
    bool commitCommands(QString *error) override;
    void rollbackCommands() override;
    bool lockLog(QString *error) override;
    bool lockDeclaration(qint64 id, QString *error) override;
    bool appendLog(const LogEntry &entry, qint64 *cursor, QString *error) override;
    QStringList snapshotColumns(const QString &table, QString *error) const override;
    bool readSnapshotRows(const Storage::SnapshotTable &table, const QStringList &columns, const QJsonArray &afterKey, int limit,
                          const Storage::RowFilter &filter, Storage::PackedPage *page, QString *error) const override;

private:
    // The QSqlDatabase connection m_name for m_url, not opened yet.
    void addConnection();
    // Replaces a lost (or refused) connection with a new, unopened one.
    void renewConnection();
    // The steps of open() and of each reconnection: the connection with its session settings;
    // then (open) createOrCheckSchema() or (reconnection) isSameDatabase(); then listenForChanges(): the
    // log head read, and LISTEN.
    bool connectDatabase(QString *error);
    bool isSameDatabase(QString *error);
    bool listenForChanges(QString *error);
    // A lost connection (PostgreSQL restarted, the connection dropped): closed, and reconnect()
    // tried again and again with a growing delay. Meanwhile every command and snapshot page fails
    // at once, and the hub answers them with "internal ... retry".
    void checkConnection();
    void scheduleReconnect();
    // On success LISTENs again and announces the change log (changesCommitted()): a NOTIFY missed
    // while away loses nothing.
    void reconnect();
    bool createOrCheckSchema(QString *error);
    void onNotification(bool fromOtherInstance);
    void pollChanges() override;

    // The log head as the open transaction has locked and advanced it.
    struct Head
    {
        bool locked = false;
        qint64 lastCursor = 0;
        qint64 auditSeq = 0;
        QString auditHash;
    };
    Head m_head;
    QString m_name;         // the QSqlDatabase connection name
    QUrl m_url;
    QString m_displayUrl;   // for messages: the URL without its password
    qint64 m_knownCursor = 0; // the last cursor this instance has published or been told of
    static constexpr int kMaxReconnectDelayMs = 5000;
    bool m_connected = false;
    QTimer *m_watch;        // checkConnection() every second while connected
    QTimer *m_reconnect;    // the next attempt, while not connected
    int m_attempts = 0;     // reconnection attempts since the connection was lost
    QElapsedTimer m_lostFor;
};

} // namespace Clearway::Server
