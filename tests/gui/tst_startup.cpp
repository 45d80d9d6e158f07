// Starts the real clearway binary on a fixture cache and checks what it tells the officer.
#include "tests/common/cachefixture.h"

#include <QFile>
#include <QProcess>
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

QTEST_GUILESS_MAIN(TestStartup)
#include "tst_startup.moc"
