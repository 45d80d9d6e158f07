// Row packs, the initial snapshot's page format: every value survives the trip, a malformed page
// writes nothing, and local work is never overwritten by an older copy.
#include "storage/database.h"
#include "storage/snapshot.h"
#include "tests/common/cachefixture.h"

#include <QCryptographicHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace Clearway;
using Storage::SnapshotTable;

class TestRowPack final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void everyTableSurvivesInSmallPages();
    void extremeValuesSurvive();
    void malformedPagesWriteNothing_data();
    void malformedPagesWriteNothing();
    void localWorkIsNotOverwritten();
    void aLocalEventKeepsItsPlaceBesideTheServers();

private:
    // Reads the whole table from `from` in pages of `pageRows` and writes it into `to`.
    static bool copyTable(Storage::Connection &from, Storage::Connection &to, const SnapshotTable &table, int pageRows, int *pages);
    static QString digest(Storage::Connection &c, const QString &table);
    static QVariant value(Storage::Connection &c, const QString &sql);
    static Storage::PackedPage declarationPage(Storage::Connection &c, int rows);

    QTemporaryDir m_dir;
    Storage::Connection m_source;
    Storage::Connection m_target;
};

bool TestRowPack::copyTable(Storage::Connection &from, Storage::Connection &to, const SnapshotTable &table, int pageRows, int *pages)
{
    QString error;
    const QStringList columns = Storage::tableColumns(from.database(), table.name, &error);
    QJsonArray after;
    *pages = 0;
    for (;;) {
        Storage::PackedPage page;
        if (!Storage::readRowPack(from.database(), table, columns, after, pageRows, {}, &page, &error)) {
            qWarning() << error;
            return false;
        }
        QSqlDatabase db = to.database();
        if (!Storage::beginImmediate(db, &error) || !Storage::writeRowPack(db, table, columns, page.body, page.rows, &error)
            || !Storage::commit(db, &error)) {
            qWarning() << error;
            return false;
        }
        ++*pages;
        if (page.rows < pageRows)
            return true;
        after = page.lastKey;
    }
}

QString TestRowPack::digest(Storage::Connection &c, const QString &table)
{
    QSqlQuery q(c.database());
    if (!q.exec(QStringLiteral("SELECT * FROM %1 ORDER BY 1, 2, 3").arg(table)))
        return q.lastError().text();
    QCryptographicHash hash(QCryptographicHash::Sha256);
    while (q.next()) {
        for (int i = 0; i < q.record().count(); ++i) {
            const QVariant v = q.value(i);
            hash.addData(QByteArray(QByteArray(v.typeName() ? v.typeName() : "null") + ':' + v.toString().toUtf8() + '\x1f'));
        }
    }
    return QString::fromLatin1(hash.result().toHex());
}

QVariant TestRowPack::value(Storage::Connection &c, const QString &sql)
{
    QSqlQuery q(c.database());
    return q.exec(sql) && q.next() ? q.value(0) : QVariant();
}

Storage::PackedPage TestRowPack::declarationPage(Storage::Connection &c, int rows)
{
    QString error;
    const SnapshotTable *t = Storage::snapshotTable(QStringLiteral("declarations"));
    Storage::PackedPage page;
    Storage::readRowPack(c.database(), *t, Storage::tableColumns(c.database(), t->name, &error), {}, rows, {}, &page, &error);
    return page;
}

void TestRowPack::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString source = m_dir.filePath(QStringLiteral("source.sqlite"));
    QCOMPARE(Tests::writeFixtureCache(source, 60, QDateTime::currentDateTime()), QString());
    QVERIFY(m_source.open(source, QStringLiteral("source"), true).ok());
    QVERIFY(m_target.open(m_dir.filePath(QStringLiteral("target.sqlite")), QStringLiteral("target"), true).ok());
}

void TestRowPack::everyTableSurvivesInSmallPages()
{
    for (const SnapshotTable &t : Storage::snapshotTables()) {
        const int rows = value(m_source, QStringLiteral("SELECT count(*) FROM %1").arg(t.name)).toInt();
        int pages = 0;
        QVERIFY2(copyTable(m_source, m_target, t, 7, &pages), qPrintable(t.name));
        QCOMPARE(pages, rows / 7 + 1); // the last page is short, possibly empty
        QCOMPARE(digest(m_target, t.name), digest(m_source, t.name));
    }
    QVERIFY(value(m_target, QStringLiteral("SELECT count(*) FROM declarations")).toInt() == 60);
}

void TestRowPack::extremeValuesSurvive()
{
    QSqlQuery q(m_source.database());
    q.prepare(QStringLiteral("INSERT INTO goods_lines VALUES (0, 1, 99, ?, ?, ?, ?, ?, ?, ?)"));
    for (const QVariant &v : QVariantList{QStringLiteral("0000000000"), QStringLiteral("冻虾仁 \"quoted\" \t tab, 🦐 and \u0000 nul"), -0.125e-300,
                                          QStringLiteral("件"), std::numeric_limits<qint64>::min(), QStringLiteral(""), QStringLiteral("CN")})
        q.addBindValue(v);
    QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
    q.prepare(QStringLiteral("INSERT INTO goods_lines VALUES (0, 1, 100, '1', '', 1e308, 'kg', ?, 'CNY', '')"));
    q.addBindValue(std::numeric_limits<qint64>::max());
    QVERIFY(q.exec());
    const SnapshotTable *t = Storage::snapshotTable(QStringLiteral("goods_lines"));
    int pages = 0;
    QVERIFY(copyTable(m_source, m_target, *t, 1000, &pages));
    QCOMPARE(digest(m_target, t->name), digest(m_source, t->name));
    QCOMPARE(value(m_target, QStringLiteral("SELECT value FROM goods_lines WHERE line_no = 99")).toLongLong(), std::numeric_limits<qint64>::min());
    QCOMPARE(value(m_target, QStringLiteral("SELECT value FROM goods_lines WHERE line_no = 100")).toLongLong(), std::numeric_limits<qint64>::max());
    QCOMPARE(value(m_target, QStringLiteral("SELECT quantity FROM goods_lines WHERE line_no = 99")).toDouble(), -0.125e-300);

    // SQL NULL stays NULL (not 0, not '').
    QVERIFY(q.exec(QStringLiteral("UPDATE declarations SET deadline = NULL, arrival_at = NULL WHERE id = 5")));
    QVERIFY(copyTable(m_source, m_target, *Storage::snapshotTable(QStringLiteral("declarations")), 1000, &pages));
    QVERIFY(value(m_target, QStringLiteral("SELECT deadline IS NULL AND arrival_at IS NULL FROM declarations WHERE id = 5")).toBool());
    QCOMPARE(digest(m_target, QStringLiteral("declarations")), digest(m_source, QStringLiteral("declarations")));
}

void TestRowPack::malformedPagesWriteNothing_data()
{
    QTest::addColumn<int>("cut");        // bytes removed from the end
    QTest::addColumn<QByteArray>("extra"); // bytes appended
    QTest::addColumn<int>("rowsDelta");  // rows claimed beyond those present
    QTest::newRow("truncated by one byte") << 1 << QByteArray() << 0;
    QTest::newRow("truncated inside a text") << 7 << QByteArray() << 0;
    QTest::newRow("trailing bytes") << 0 << QByteArray("\x01\x02", 2) << 0;
    QTest::newRow("one more row claimed") << 0 << QByteArray() << 1;
    QTest::newRow("an unknown tag where a row should be") << 0 << QByteArray("\x09", 1) << 1;
    QTest::newRow("a text longer than the page") << 0 << QByteArray("\x03\xff\xff\xff\x0f", 5) << 1;
    QTest::newRow("an integer that never ends") << 0 << QByteArray(11, '\x81').prepend('\x01') << 1;
}

void TestRowPack::malformedPagesWriteNothing()
{
    QFETCH(int, cut);
    QFETCH(QByteArray, extra);
    QFETCH(int, rowsDelta);

    const QString path = m_dir.filePath(QStringLiteral("empty-%1.sqlite").arg(QString::fromLatin1(QTest::currentDataTag())).replace(QLatin1Char(' '), QLatin1Char('-')));
    Storage::Connection empty;
    QVERIFY(empty.open(path, QStringLiteral("empty"), true).ok());
    Storage::PackedPage page = declarationPage(m_source, 3);
    QCOMPARE(page.rows, 3);
    page.body.chop(cut);
    page.body.append(extra);

    QString error;
    QSqlDatabase db = empty.database();
    QVERIFY(Storage::beginImmediate(db, &error));
    QString columnsError;
    const QStringList columns = Storage::tableColumns(db, QStringLiteral("declarations"), &columnsError);
    QVERIFY(!Storage::writeRowPack(db, *Storage::snapshotTable(QStringLiteral("declarations")), columns, page.body, page.rows + rowsDelta, &error));
    QVERIFY2(!error.isEmpty(), "a refusal says why");
    QCOMPARE(value(empty, QStringLiteral("SELECT count(*) FROM declarations")).toInt(), 0);
    Storage::rollback(db);
}

void TestRowPack::localWorkIsNotOverwritten()
{
    // Item 1 has an officer's unacknowledged command here; item 2 is newer here than in the page.
    QSqlQuery q(m_target.database());
    QVERIFY(q.exec(QStringLiteral("UPDATE declarations SET state = 'held', pending = 1 WHERE id = 1")));
    QVERIFY(q.exec(QStringLiteral("UPDATE declarations SET state = 'released', version = version + 5 WHERE id = 2")));
    QVERIFY(q.exec(QStringLiteral("UPDATE declarations SET state = 'stale copy' WHERE id = 3")));
    const Storage::PackedPage page = declarationPage(m_source, 3);

    QString error;
    QSqlDatabase db = m_target.database();
    QVERIFY(Storage::beginImmediate(db, &error));
    QVERIFY2(Storage::writeRowPack(db, *Storage::snapshotTable(QStringLiteral("declarations")),
                                   Storage::tableColumns(db, QStringLiteral("declarations"), &error), page.body, page.rows, &error),
             qPrintable(error));
    QVERIFY(Storage::commit(db, &error));
    QCOMPARE(value(m_target, QStringLiteral("SELECT state || pending FROM declarations WHERE id = 1")).toString(), QStringLiteral("held1"));
    QCOMPARE(value(m_target, QStringLiteral("SELECT state FROM declarations WHERE id = 2")).toString(), QStringLiteral("released"));
    // An item with nothing pending and no newer version takes the server's copy.
    QCOMPARE(value(m_target, QStringLiteral("SELECT state FROM declarations WHERE id = 3")),
             value(m_source, QStringLiteral("SELECT state FROM declarations WHERE id = 3")));
}

// A note written here while the copy runs (a refusal, say) takes the next local id, which may be
// the id of an event the server has not sent yet: the server's event must not replace it.
void TestRowPack::aLocalEventKeepsItsPlaceBesideTheServers()
{
    Storage::Connection fresh;
    QVERIFY(fresh.open(m_dir.filePath(QStringLiteral("events.sqlite")), QStringLiteral("events"), true).ok());
    QSqlQuery source(m_source.database());
    for (int i = 1; i <= 5; ++i) {
        QVERIFY(source.exec(QStringLiteral("INSERT INTO events (item_kind, item_id, at, actor, command, from_state, to_state, cursor)"
                                           " VALUES (0, %1, %1, 'li.na', 'claim', 'received', 'under_review', %1)").arg(i)));
    }
    const qint64 sourceEvents = value(m_source, QStringLiteral("SELECT count(*) FROM events")).toLongLong();
    QVERIFY(value(m_source, QStringLiteral("SELECT count(*) FROM events WHERE id = 2")).toInt() == 1);
    QSqlQuery q(fresh.database());
    QVERIFY(q.exec(QStringLiteral("INSERT INTO events (id, item_kind, item_id, at, actor, command, from_state, to_state, reason)"
                                  " VALUES (2, 0, 1, 0, 'clearway-server', 'claim', 'received', 'received', 'Refused by the server')")));
    int pages = 0;
    QVERIFY(copyTable(m_source, fresh, *Storage::snapshotTable(QStringLiteral("events")), 1000, &pages));
    QCOMPARE(value(fresh, QStringLiteral("SELECT reason FROM events WHERE id = 2")).toString(), QStringLiteral("Refused by the server"));
    QCOMPARE(value(fresh, QStringLiteral("SELECT count(*) FROM events")).toLongLong(), sourceEvents + 1);
    // Copied again (a page sent twice), server events with a cursor are kept once.
    QVERIFY(copyTable(m_source, fresh, *Storage::snapshotTable(QStringLiteral("events")), 1000, &pages));
    QCOMPARE(value(fresh, QStringLiteral("SELECT count(*) FROM events WHERE cursor IS NOT NULL")).toLongLong(),
             value(m_source, QStringLiteral("SELECT count(*) FROM events WHERE cursor IS NOT NULL")).toLongLong());
}

QTEST_GUILESS_MAIN(TestRowPack)
#include "tst_rowpack.moc"
