#include "storage/database.h"
#include "storage/schema.h"

#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_LINUX
#include <fcntl.h>
#include <unistd.h>
#endif

using namespace Clearway::Storage;

class TestCacheDatabase final : public QObject
{
    Q_OBJECT

private slots:
    void gramsAreTheCharactersAndPairsInHex_data();
    void gramsAreTheCharactersAndPairsInHex();
    void createsAndMigratesAFreshCache();
    void reopensWithoutMigratingAgain();
    void refusesAFileThatIsNotSqlite();
    void refusesAForeignDatabase();
    void refusesANewerSchemaAndLeavesItUntouched();
    void readOnlyConnectionDoesNotCreateFiles();
    void anotherConnectionKeepsTheLocksOfTheFirst();

private:
    QTemporaryDir m_dir;
    QString path(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)); }
};

void TestCacheDatabase::createsAndMigratesAFreshCache()
{
    Connection c;
    const OpenResult r = c.open(path("fresh.db"), QStringLiteral("test"), true);
    QVERIFY2(r.ok(), qPrintable(r.message + r.detail));
    QCOMPARE(r.schemaVersion, kSchemaVersion);
    QSqlDatabase db = c.database();
    QSqlQuery q(db);
    QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
    QVERIFY(q.exec(QStringLiteral("PRAGMA application_id")) && q.next());
    QCOMPARE(q.value(0).toInt(), kApplicationId);
    QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_keys")) && q.next());
    QCOMPARE(q.value(0).toInt(), 1);
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM sqlite_schema WHERE name = 'declarations_fts'")) && q.next());
    QCOMPARE(q.value(0).toInt(), 1);
}

void TestCacheDatabase::reopensWithoutMigratingAgain()
{
    {
        Connection c;
        QVERIFY(c.open(path("again.db"), QStringLiteral("test"), true).ok());
        QSqlDatabase db = c.database();
        QVERIFY(exec(db, QStringLiteral("INSERT INTO meta VALUES ('probe', 'kept')"), nullptr));
    }
    Connection c;
    const OpenResult r = c.open(path("again.db"), QStringLiteral("test"), true);
    QVERIFY2(r.ok(), qPrintable(r.message + r.detail));
    QSqlQuery q(c.database());
    QVERIFY(q.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'probe'")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("kept"));
}

void TestCacheDatabase::refusesAFileThatIsNotSqlite()
{
    const QString p = path("notes.db");
    QFile f(p);
    QVERIFY(f.open(QIODevice::WriteOnly));
    const QByteArray original("these are an officer's notes, not a database\n");
    f.write(original);
    f.close();

    Connection c;
    const OpenResult r = c.open(p, QStringLiteral("test"), true);
    QCOMPARE(r.error, OpenError::NotADatabase);
    QVERIFY(!r.message.isEmpty());
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), original);
}

void TestCacheDatabase::refusesAForeignDatabase()
{
    const QString p = path("foreign.db");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("foreign"));
        db.setDatabaseName(p);
        QVERIFY(db.open());
        QVERIFY(exec(db, QStringLiteral("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)"), nullptr));
        QVERIFY(exec(db, QStringLiteral("INSERT INTO photos VALUES (1, 'holiday')"), nullptr));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("foreign"));

    Connection c;
    const OpenResult r = c.open(p, QStringLiteral("test"), true);
    QCOMPARE(r.error, OpenError::ForeignFile);

    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("foreign2"));
    db.setDatabaseName(p);
    QVERIFY(db.open());
    {
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("SELECT name FROM photos")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("holiday"));
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM sqlite_schema")) && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
    }
    db.close();
    db = {};
    QSqlDatabase::removeDatabase(QStringLiteral("foreign2"));
}

void TestCacheDatabase::refusesANewerSchemaAndLeavesItUntouched()
{
    const QString p = path("newer.db");
    {
        Connection c;
        QVERIFY(c.open(p, QStringLiteral("test"), true).ok());
        QSqlDatabase db = c.database();
        QVERIFY(exec(db, QStringLiteral("PRAGMA user_version = %1").arg(kSchemaVersion + 1), nullptr));
    }
    Connection c;
    const OpenResult r = c.open(p, QStringLiteral("test"), true);
    QCOMPARE(r.error, OpenError::NewerSchema);
    QCOMPARE(r.schemaVersion, kSchemaVersion + 1);
    QVERIFY(r.message.contains(QString::number(kSchemaVersion + 1)));
}

void TestCacheDatabase::readOnlyConnectionDoesNotCreateFiles()
{
    Connection c;
    const OpenResult r = c.open(path("absent.db"), QStringLiteral("test"), false);
    QCOMPARE(r.error, OpenError::CannotOpen);
    QVERIFY(!QFile::exists(path("absent.db")));
}

// clearway_grams() against the definition written in SQL (which built the index before the
// function did, thirty times slower): every character and every pair, ASCII lower-cased, in hex.
void TestCacheDatabase::gramsAreTheCharactersAndPairsInHex_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::newRow("ASCII, mixed case") << QStringLiteral("CoSU 619-18") << QStringLiteral("x");
    QTest::newRow("Chinese") << QStringLiteral("冻虾仁") << QStringLiteral("宁波市联合电子科技有限公司");
    QTest::newRow("mixed, with a supplementary character") << QStringLiteral("Cu冻🦐A") << QStringLiteral("ÄÖ ß");
    QTest::newRow("one character each") << QStringLiteral("Z") << QStringLiteral("钢");
    QTest::newRow("empty and NULL") << QStringLiteral("") << QString();
}

void TestCacheDatabase::gramsAreTheCharactersAndPairsInHex()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    Connection c;
    QVERIFY(c.open(m_dir.filePath(QStringLiteral("grams.sqlite")), QStringLiteral("grams"), true).ok());
    QSqlDatabase db = c.database();
    QSqlQuery q(db);
    QVERIFY(q.exec(QStringLiteral("CREATE TEMP TABLE positions (n INTEGER PRIMARY KEY)")));
    QVERIFY(q.exec(QStringLiteral("INSERT INTO positions WITH RECURSIVE p(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM p WHERE n < 100) SELECT n FROM p")));
    const QString one = QStringLiteral("coalesce((SELECT group_concat(hex(lower(substr(%1, n, 1))) || ' ' || hex(lower(substr(%1, n, 2))), ' ')"
                                       " FROM positions WHERE n <= length(%1)), '')");
    QVERIFY(q.prepare(QStringLiteral("SELECT clearway_grams(:a, :b), %1 || ' ' || %2")
                          .arg(one.arg(QStringLiteral(":a")), one.arg(QStringLiteral(":b")))));
    q.bindValue(QStringLiteral(":a"), a);
    q.bindValue(QStringLiteral(":b"), b.isNull() ? QVariant() : QVariant(b));
    QVERIFY2(q.exec() && q.next(), qPrintable(q.lastError().text()));
    QCOMPARE(q.value(0).toString(), q.value(1).toString());
}

// SQLite's POSIX locks belong to the process and go with the first close() of any descriptor of the
// file: opening a second connection must not read the file's header through a descriptor of its
// own while the first has it open (that let another process take the database for unused and
// remove its WAL). Checked with an open file description lock (Linux), which conflicts with the
// process's own POSIX locks.
void TestCacheDatabase::anotherConnectionKeepsTheLocksOfTheFirst()
{
#ifdef Q_OS_LINUX
    const QString file = path("locks.db");
    Connection writer;
    QVERIFY(writer.open(file, QStringLiteral("writer"), true).ok());
    QSqlDatabase db = writer.database();
    QSqlQuery q(db);
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM meta")) && q.next()); // a read: the shared lock is held from here on
    q.finish();
    const int fd = ::open(QFile::encodeName(file).constData(), O_RDONLY);
    QVERIFY(fd >= 0);
    const auto sharedLockHeld = [fd] {
        // SQLite's SHARED range: from PENDING_BYTE + 2, 510 bytes.
        struct flock probe = {};
        probe.l_type = F_WRLCK;
        probe.l_whence = SEEK_SET;
        probe.l_start = 0x40000000 + 2;
        probe.l_len = 510;
        return ::fcntl(fd, F_OFD_GETLK, &probe) == 0 && probe.l_type != F_UNLCK;
    };
    QVERIFY(sharedLockHeld());
    {
        Connection reader;
        QVERIFY(reader.open(file, QStringLiteral("reader"), false).ok());
        QVERIFY(sharedLockHeld());
    }
    QVERIFY(sharedLockHeld());
    ::close(fd);
#else
    QSKIP("open file description locks are Linux's");
#endif
}

QTEST_GUILESS_MAIN(TestCacheDatabase)
#include "tst_cachedatabase.moc"
