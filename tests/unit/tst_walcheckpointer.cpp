// The write-ahead log's checkpoints beside the writer (storage/walcheckpointer.h): while a
// WalCheckpointer lives, the writer's commits leave the copying into the database file to its
// thread; once it is gone, the writer's own commits checkpoint again.
#include "storage/walcheckpointer.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using Clearway::Storage::WalCheckpointer;

class TestWalCheckpointer final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void theLogIsCheckpointedBesideTheWriter();
    void theWriterCheckpointsAgainAfterwards();
    void withoutAConnectionTheWriterKeepsItsCheckpoints();

private:
    // One transaction of `rows` rows of 4,000 bytes: about a page each.
    void writeRows(int rows);
    qint64 databaseBytes() const { return QFileInfo(m_path).size(); }
    qint64 rowCount(const QString &path) const;

    QTemporaryDir m_dir;
    QString m_path;
    sqlite3 *m_writer = nullptr;
};

void TestWalCheckpointer::init()
{
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath(QStringLiteral("%1.sqlite").arg(QString::fromLatin1(QTest::currentTestFunction())));
    QCOMPARE(sqlite3_open_v2(m_path.toUtf8().constData(), &m_writer, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr), SQLITE_OK);
    QCOMPARE(sqlite3_exec(m_writer,
                          "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                          " CREATE TABLE t (id INTEGER PRIMARY KEY, payload BLOB NOT NULL)",
                          nullptr, nullptr, nullptr),
             SQLITE_OK);
}

void TestWalCheckpointer::cleanup()
{
    sqlite3_close(m_writer);
    m_writer = nullptr;
}

void TestWalCheckpointer::writeRows(int rows)
{
    QCOMPARE(sqlite3_exec(m_writer, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_stmt *insert = nullptr;
    QCOMPARE(sqlite3_prepare_v2(m_writer, "INSERT INTO t (payload) VALUES (randomblob(4000))", -1, &insert, nullptr), SQLITE_OK);
    for (int i = 0; i < rows; ++i) {
        QCOMPARE(sqlite3_step(insert), SQLITE_DONE);
        sqlite3_reset(insert);
    }
    sqlite3_finalize(insert);
    QCOMPARE(sqlite3_exec(m_writer, "COMMIT", nullptr, nullptr, nullptr), SQLITE_OK);
}

qint64 TestWalCheckpointer::rowCount(const QString &path) const
{
    sqlite3 *db = nullptr;
    sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt *count = nullptr;
    qint64 n = -1;
    if (sqlite3_prepare_v2(db, "SELECT count(*) FROM t", -1, &count, nullptr) == SQLITE_OK && sqlite3_step(count) == SQLITE_ROW)
        n = sqlite3_column_int64(count, 0);
    sqlite3_finalize(count);
    sqlite3_close(db);
    return n;
}

void TestWalCheckpointer::theLogIsCheckpointedBesideTheWriter()
{
    const qint64 empty = databaseBytes();
    WalCheckpointer checkpointer(m_writer, m_path);
    QVERIFY(checkpointer.active());
    // Past the 1,000 pages at which SQLite would checkpoint in the writer's COMMIT.
    for (int i = 0; i < 6; ++i)
        writeRows(300);
    // The rows reach the database file, copied there by the checkpointer's thread.
    QTRY_VERIFY_WITH_TIMEOUT(checkpointer.checkpoints() > 0 && databaseBytes() > empty + 4'000'000, 10000);
    QCOMPARE(rowCount(m_path), 1800);
}

void TestWalCheckpointer::theWriterCheckpointsAgainAfterwards()
{
    {
        WalCheckpointer checkpointer(m_writer, m_path);
        QVERIFY(checkpointer.active());
        writeRows(10);
    }
    const qint64 before = databaseBytes();
    // No thread any more: the COMMIT that takes the log past 1,000 pages copies them itself, so
    // they are in the database file when it returns.
    writeRows(1200);
    QVERIFY2(databaseBytes() > before + 4'000'000, qPrintable(QStringLiteral("%1 bytes").arg(databaseBytes())));
    QCOMPARE(rowCount(m_path), 1210);
}

void TestWalCheckpointer::withoutAConnectionTheWriterKeepsItsCheckpoints()
{
    WalCheckpointer checkpointer(m_writer, m_dir.filePath(QStringLiteral("no/such/folder/cache.sqlite")));
    QVERIFY(!checkpointer.active());
    const qint64 before = databaseBytes();
    writeRows(1200);
    QVERIFY2(databaseBytes() > before + 4'000'000, qPrintable(QStringLiteral("%1 bytes").arg(databaseBytes())));
}

QTEST_GUILESS_MAIN(TestWalCheckpointer)
#include "tst_walcheckpointer.moc"
