// Starts the real clearway binary on a fixture cache and checks what it tells the officer.
#include "tests/common/cachefixture.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

class TestStartup final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void startsAndPaintsTheQueue();
    void missingChineseFontIsReportedAndStartupGoesOn();
    void unknownLanguageIsReportedAndStartupGoesOn();
    void rebaseCacheFromTheCommandLine();

private:
    QByteArray run(const QStringList &extraArgs, const QProcessEnvironment &env, int *exitCode);

    QTemporaryDir m_dir;
    QString m_cache;
};

void TestStartup::initTestCase()
{
    m_cache = m_dir.filePath(QStringLiteral("cache.sqlite"));
    QCOMPARE(Clearway::Tests::writeFixtureCache(m_cache, 300, QDateTime::currentDateTime()), QString());
}

QByteArray TestStartup::run(const QStringList &extraArgs, const QProcessEnvironment &env, int *exitCode)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(CLEARWAY_EXE), QStringList{QStringLiteral("--cache"), m_cache, QStringLiteral("--officer"), QStringLiteral("wang.jianguo"),
                                                      QStringLiteral("--quit-after-first-paint")}
                                              + extraArgs);
    if (!p.waitForFinished(60000)) {
        p.kill();
        *exitCode = -1;
        return {};
    }
    *exitCode = p.exitCode();
    return p.readAllStandardOutput() + p.readAllStandardError();
}

void TestStartup::startsAndPaintsTheQueue()
{
    int rc = 0;
    const QByteArray out = run({}, QProcessEnvironment::systemEnvironment(), &rc);
    QCOMPARE(rc, 0);
    QVERIFY2(out.contains("first-paint-ms "), out.constData());
    QVERIFY2(!out.contains("fonts-noto-cjk"), out.constData());
}

void TestStartup::missingChineseFontIsReportedAndStartupGoesOn()
{
    // A fontconfig setup with no fonts at all.
    const QString conf = m_dir.filePath(QStringLiteral("fonts.conf"));
    QFile f(conf);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("<?xml version=\"1.0\"?><!DOCTYPE fontconfig SYSTEM \"fonts.dtd\"><fontconfig><cachedir>");
    f.write(m_dir.filePath(QStringLiteral("fc-cache")).toUtf8());
    f.write("</cachedir></fontconfig>");
    f.close();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("FONTCONFIG_FILE"), conf);
    int rc = 0;
    const QByteArray out = run({}, env, &rc);
    QCOMPARE(rc, 0);
    QVERIFY2(out.contains("fonts-noto-cjk"), out.constData());
    QVERIFY(out.contains("first-paint-ms "));
}

void TestStartup::unknownLanguageIsReportedAndStartupGoesOn()
{
    int rc = 0;
    const QByteArray out = run({QStringLiteral("--lang"), QStringLiteral("tlh")}, QProcessEnvironment::systemEnvironment(), &rc);
    QCOMPARE(rc, 0);
    QVERIFY2(out.contains("\"tlh\" is not available"), out.constData());
    QVERIFY(out.contains("first-paint-ms "));
}

// clearway --rebase-cache, as a support script runs it: no display, the old cache kept beside the
// new one with its unsent commands carried over; --only-from-epoch leaves other caches alone.
void TestStartup::rebaseCacheFromTheCommandLine()
{
    const QString cache = m_dir.filePath(QStringLiteral("rebase.sqlite"));
    QCOMPARE(Clearway::Tests::writeFixtureCache(cache, 50, QDateTime::currentDateTime()), QString());
    const QString epoch = QStringLiteral("0f1e2d3c-0000-4000-8000-000000000001");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("rebase-fixture"));
        db.setDatabaseName(cache);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES ('snapshot_epoch', '%1'), ('snapshot_complete', '1')").arg(epoch)));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO outbox (client_id, item_kind, item_id, command, payload, base_version, created_at)"
                                      " VALUES ('old-client', 0, 1, 'claim', '{\"command\":\"claim\",\"actor\":\"wang.jianguo\"}', 0, 1)")));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("rebase-fixture"));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    const auto rebase = [&](const QStringList &extra, int *exitCode) -> QByteArray {
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(CLEARWAY_EXE), QStringList{QStringLiteral("--cache"), cache, QStringLiteral("--rebase-cache"), QStringLiteral("--lang"),
                                                          QStringLiteral("en")}
                                                  + extra);
        if (!p.waitForFinished(60000)) {
            p.kill();
            *exitCode = -1;
            return QByteArray();
        }
        *exitCode = p.exitCode();
        return p.readAllStandardOutput() + p.readAllStandardError();
    };
    const auto kept = [this] { return QDir(m_dir.path()).entryList({QStringLiteral("rebase.epoch-*.sqlite")}); };

    int rc = -1;
    QByteArray out;
    {
        // Still open in another program (this test, as a running clearway would): refused, untouched.
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("rebase-open"));
        db.setDatabaseName(cache);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM outbox")) && q.next());
        out = rebase({}, &rc);
        QCOMPARE(rc, 1);
        QVERIFY2(out.contains("another program has it open"), out.constData());
        QVERIFY(kept().isEmpty());
    }
    QSqlDatabase::removeDatabase(QStringLiteral("rebase-open"));
    out = rebase({QStringLiteral("--only-from-epoch"), QStringLiteral("another")}, &rc);
    QCOMPARE(rc, 0);
    QVERIFY2(out.contains("left as it is"), out.constData());
    QVERIFY(kept().isEmpty());

    out = rebase({QStringLiteral("--only-from-epoch"), epoch}, &rc);
    QCOMPARE(rc, 0);
    QCOMPARE(kept().size(), 1);
    QVERIFY2(kept().constFirst().contains(epoch), qPrintable(kept().constFirst()));
    QVERIFY2(out.contains(QDir::toNativeSeparators(m_dir.filePath(kept().constFirst())).toUtf8()), out.constData());
    QVERIFY2(out.contains("1 unsent action(s) carried over"), out.constData());
    QVERIFY(QFile::exists(cache));

    // The new cache was never filled from a server: nothing to start again from, nothing changed.
    out = rebase({}, &rc);
    QCOMPARE(rc, 1);
    QVERIFY2(out.contains("never filled"), out.constData());
    QCOMPARE(kept().size(), 1);
}

QTEST_GUILESS_MAIN(TestStartup)
#include "tst_startup.moc"
