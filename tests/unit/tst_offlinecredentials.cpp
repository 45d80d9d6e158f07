// The workstation's offline sign-in file: verifiers made here, per server and officer, expiry,
// refusals, the growing wait after wrong passwords, and a damaged file.
#include "storage/offlinecredentials.h"
#include "storage/passwordhash.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Clearway;
using Storage::OfflineAccount;
using Storage::OfflineCheck;
using Storage::OfflineCredentials;
using Outcome = OfflineCheck::Outcome;

namespace {

constexpr qint64 kNow = 1795353600;
constexpr qint64 kWeek = 7 * 86400;
const QUrl kServer(QStringLiteral("wss://clearway.example:8765/sync"));
const QString kPassword = QStringLiteral("correct horse");

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

Models::Officer wang()
{
    return {QStringLiteral("wang.jianguo"), QStringLiteral("王建国"), QStringLiteral("5141"), Models::Role::WindowOfficer};
}

} // namespace

class TestOfflineCredentials final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void theRightPasswordSignsInWithTheOfficerKept();
    void theVerifierIsMadeHereAndTheFileIsTheOwnersOnly();
    void aWrongPasswordIsRefusedAndTheWaitGrows();
    void delaysGrowToACeiling_data();
    void delaysGrowToACeiling();
    void anExpiredVerifierIsRefusedAndErased();
    void verifiersBelongToOneServer_data();
    void verifiersBelongToOneServer();
    void anOfficerWhoNeverSignedInHereIsRefused();
    void theServerMayTurnOfflineSignInOff();
    void aPasswordTheServerRefusesIsForgottenButNotATypo();
    void aDisabledAccountIsRevokedUnderEveryAddress();
    void aDamagedFileRefusesAndIsSetAsideByTheNextSignIn();
    void anExpiredTokenIsNotHandedOut();

private:
    void remember(const QString &password = kPassword, qint64 validFor = kWeek, qint64 now = kNow);
    OfflineCheck check(const QString &password, qint64 now = kNow, const QUrl &server = kServer, const QString &user = wang().id);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

void TestOfflineCredentials::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = OfflineCredentials::besideCache(m_dir->filePath(QStringLiteral("cache.sqlite")));
    QCOMPARE(m_path, m_dir->filePath(QStringLiteral("cache.signin.json")));
}

void TestOfflineCredentials::remember(const QString &password, qint64 validFor, qint64 now)
{
    QString error;
    QVERIFY2(OfflineCredentials(m_path).remember(kServer, wang(), password, validFor, QStringLiteral("token-1"), now + 3600, now, &error),
             qPrintable(error));
}

OfflineCheck TestOfflineCredentials::check(const QString &password, qint64 now, const QUrl &server, const QString &user)
{
    return OfflineCredentials(m_path).check(server, user, password, now);
}

void TestOfflineCredentials::theRightPasswordSignsInWithTheOfficerKept()
{
    remember();
    const OfflineCheck c = check(kPassword, kNow + 60);
    QCOMPARE(c.outcome, Outcome::Accepted);
    QCOMPARE(c.account.officer.id, wang().id);
    QCOMPARE(c.account.officer.name, wang().name);
    QCOMPARE(c.account.officer.office, wang().office);
    QCOMPARE(c.account.officer.roles, wang().roles);
    QCOMPARE(c.account.validUntil, kNow + kWeek); // the period the server set, from the sign-in
    QCOMPARE(c.account.token, QStringLiteral("token-1"));
    QVERIFY(c.account.verifier.isEmpty()); // the hash stays in the file
    // The last second of the period still signs in.
    QCOMPARE(check(kPassword, kNow + kWeek - 1).outcome, Outcome::Accepted);
}

void TestOfflineCredentials::theVerifierIsMadeHereAndTheFileIsTheOwnersOnly()
{
    remember();
    struct stat st {};
    QCOMPARE(::stat(QFile::encodeName(m_path).constData(), &st), 0);
    QCOMPARE(st.st_mode & 0777, 0600u);
    const QByteArray first = fileBytes(m_path);
    QVERIFY(!first.contains(kPassword.toUtf8()));
    QVERIFY2(first.contains("$argon2id$v=19$m=262144,t=3,p=1$"), first.constData()); // moderate limits
    // A new sign-in makes a new verifier (a new salt), and the file keeps its mode.
    remember();
    const QByteArray second = fileBytes(m_path);
    QVERIFY(!second.isEmpty());
    QVERIFY(first != second);
    QCOMPARE(::stat(QFile::encodeName(m_path).constData(), &st), 0);
    QCOMPARE(st.st_mode & 0777, 0600u);
}

void TestOfflineCredentials::aWrongPasswordIsRefusedAndTheWaitGrows()
{
    remember();
    OfflineCheck c = check(QStringLiteral("correct horse "));
    QCOMPARE(c.outcome, Outcome::WrongPassword);
    QCOMPARE(c.retryAfter, kNow); // one typo costs nothing
    c = check(QStringLiteral("Correct horse"));
    QCOMPARE(c.outcome, Outcome::WrongPassword);
    QCOMPARE(c.retryAfter, kNow + 5);
    // Before then even the right password is not tried.
    c = check(kPassword, kNow + 4);
    QCOMPARE(c.outcome, Outcome::TooSoon);
    QCOMPARE(c.retryAfter, kNow + 5);
    c = check(QStringLiteral("wrong"), kNow + 5);
    QCOMPARE(c.outcome, Outcome::WrongPassword);
    QCOMPARE(c.retryAfter, kNow + 5 + 10);
    // A clock set far back does not lengthen the wait beyond the longest.
    QCOMPARE(check(kPassword, kNow - 86400).retryAfter, kNow - 86400 + OfflineCredentials::kMaxDelaySeconds);
    // The right password, in time, signs in and forgets the failures.
    QCOMPARE(check(kPassword, kNow + 15).outcome, Outcome::Accepted);
    QCOMPARE(check(QStringLiteral("wrong"), kNow + 16).retryAfter, kNow + 16);
}

void TestOfflineCredentials::delaysGrowToACeiling_data()
{
    QTest::addColumn<int>("failures");
    QTest::addColumn<qint64>("seconds");
    QTest::newRow("none") << 0 << qint64(0);
    QTest::newRow("one typo") << 1 << qint64(0);
    QTest::newRow("two") << 2 << qint64(5);
    QTest::newRow("three") << 3 << qint64(10);
    QTest::newRow("six") << 6 << qint64(80);
    QTest::newRow("eight: the ceiling") << 8 << qint64(300);
    QTest::newRow("a thousand") << 1000 << qint64(300);
}

void TestOfflineCredentials::delaysGrowToACeiling()
{
    QFETCH(int, failures);
    QFETCH(qint64, seconds);
    QCOMPARE(OfflineCredentials::delayAfter(failures), seconds);
}

void TestOfflineCredentials::anExpiredVerifierIsRefusedAndErased()
{
    remember(kPassword, 3600);
    QCOMPARE(check(kPassword, kNow + 3600).outcome, Outcome::Expired);
    std::optional<OfflineAccount> kept;
    QString error;
    QVERIFY(OfflineCredentials(m_path).find(kServer, wang().id, &kept, &error));
    QVERIFY(kept);
    QCOMPARE(kept->revoked, OfflineAccount::Revoked::Expired);
    QVERIFY(kept->verifier.isEmpty());
    QVERIFY(kept->token.isEmpty());
    QCOMPARE(kept->officer.name, wang().name); // who it was stays, so the officer is told why
    // Erased, so a clock set back does not bring it back.
    QCOMPARE(check(kPassword, kNow).outcome, Outcome::Expired);
    // The next sign-in with the server makes a new one.
    remember();
    QCOMPARE(check(kPassword).outcome, Outcome::Accepted);
}

void TestOfflineCredentials::verifiersBelongToOneServer_data()
{
    QTest::addColumn<QString>("server");
    QTest::addColumn<bool>("same");
    QTest::newRow("the same address") << QStringLiteral("wss://clearway.example:8765/sync") << true;
    QTest::newRow("host and scheme in capitals, a trailing slash") << QStringLiteral("WSS://Clearway.Example:8765/sync/") << true;
    QTest::newRow("another port") << QStringLiteral("wss://clearway.example:8766/sync") << false;
    QTest::newRow("another host") << QStringLiteral("wss://other.example:8765/sync") << false;
    QTest::newRow("plain ws") << QStringLiteral("ws://clearway.example:8765/sync") << false;
}

void TestOfflineCredentials::verifiersBelongToOneServer()
{
    QFETCH(QString, server);
    QFETCH(bool, same);
    remember();
    QCOMPARE(check(kPassword, kNow, QUrl(server)).outcome, same ? Outcome::Accepted : Outcome::NeverSignedIn);
    QCOMPARE(OfflineCredentials::serverKey(QUrl(QStringLiteral("wss://h:443/sync"))), OfflineCredentials::serverKey(QUrl(QStringLiteral("wss://h/sync"))));
}

void TestOfflineCredentials::anOfficerWhoNeverSignedInHereIsRefused()
{
    QCOMPARE(check(kPassword).outcome, Outcome::NeverSignedIn); // no file at all
    QVERIFY(!QFile::exists(m_path));
    remember();
    QCOMPARE(check(kPassword, kNow, kServer, QStringLiteral("li.na")).outcome, Outcome::NeverSignedIn);
    QCOMPARE(check(kPassword, kNow, kServer, QStringLiteral("Wang.Jianguo")).outcome, Outcome::NeverSignedIn);
}

void TestOfflineCredentials::theServerMayTurnOfflineSignInOff()
{
    remember();
    remember(kPassword, 0); // the server's offline-sign-in-days is now 0
    QCOMPARE(check(kPassword).outcome, Outcome::TurnedOff);
    QVERIFY(!fileBytes(m_path).isEmpty());
    QVERIFY(!fileBytes(m_path).contains("argon2id"));
    std::optional<OfflineAccount> kept;
    QString error;
    QVERIFY(OfflineCredentials(m_path).find(kServer, wang().id, &kept, &error));
    QVERIFY(kept && kept->verifier.isEmpty());
}

void TestOfflineCredentials::aPasswordTheServerRefusesIsForgottenButNotATypo()
{
    remember();
    bool revoked = true;
    QString error;
    // A typo refused by the server: the verifier would refuse it too, and stays.
    QVERIFY2(OfflineCredentials(m_path).forgetRefused(kServer, wang().id, QStringLiteral("correct hose"), &revoked, &error), qPrintable(error));
    QVERIFY(!revoked);
    QCOMPARE(check(kPassword).outcome, Outcome::Accepted);
    // The password that was right here is refused there: changed on the server, or the account disabled.
    QVERIFY2(OfflineCredentials(m_path).forgetRefused(kServer, wang().id, kPassword, &revoked, &error), qPrintable(error));
    QVERIFY(revoked);
    QCOMPARE(check(kPassword).outcome, Outcome::Refused);
    // Another officer, or nothing kept: nothing to do, no error.
    QVERIFY(OfflineCredentials(m_path).forgetRefused(kServer, QStringLiteral("li.na"), kPassword, &revoked, &error));
    QVERIFY(!revoked);
}

void TestOfflineCredentials::aDisabledAccountIsRevokedUnderEveryAddress()
{
    QStringList revoked{QStringLiteral("stale")};
    QString error;
    // No file yet: nothing to revoke, no error, no file made.
    QVERIFY2(OfflineCredentials(m_path).forgetDisabled({wang().id}, &revoked, &error), qPrintable(error));
    QCOMPARE(revoked, QStringList());
    QVERIFY(!QFile::exists(m_path));

    // wang.jianguo signed in here under two addresses of the server, li.na under one.
    const QUrl byAddress(QStringLiteral("wss://10.0.0.5:8765/sync"));
    Models::Officer li = wang();
    li.id = QStringLiteral("li.na");
    remember();
    QVERIFY2(OfflineCredentials(m_path).remember(byAddress, wang(), kPassword, kWeek, QStringLiteral("token-2"), kNow + 3600, kNow, &error),
             qPrintable(error));
    QVERIFY2(OfflineCredentials(m_path).remember(kServer, li, kPassword, kWeek, QStringLiteral("token-3"), kNow + 3600, kNow, &error),
             qPrintable(error));

    QVERIFY2(OfflineCredentials(m_path).forgetDisabled({wang().id, QStringLiteral("nobody")}, &revoked, &error), qPrintable(error));
    QCOMPARE(revoked, QStringList{wang().id});
    QCOMPARE(check(kPassword).outcome, Outcome::Refused);
    QCOMPARE(check(kPassword, kNow, byAddress).outcome, Outcome::Refused);
    QCOMPARE(check(kPassword, kNow, kServer, li.id).outcome, Outcome::Accepted);
    // Again: nothing left to revoke.
    QVERIFY2(OfflineCredentials(m_path).forgetDisabled({wang().id}, &revoked, &error), qPrintable(error));
    QCOMPARE(revoked, QStringList());
}

void TestOfflineCredentials::aDamagedFileRefusesAndIsSetAsideByTheNextSignIn()
{
    QFile file(m_path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"format\": 1, \"accounts\": [");
    file.close();
    OfflineCheck c = check(kPassword);
    QCOMPARE(c.outcome, Outcome::Unreadable);
    QVERIFY2(c.error.contains(m_path), qPrintable(c.error));
    // A file from a newer Clearway is not read either.
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"format\": 2, \"accounts\": []}");
    file.close();
    c = check(kPassword);
    QCOMPARE(c.outcome, Outcome::Unreadable);
    QVERIFY2(c.error.contains(QStringLiteral("format 2")), qPrintable(c.error));
    // The next sign-in with the server writes a new file and keeps the old bytes beside it.
    remember();
    QCOMPARE(check(kPassword).outcome, Outcome::Accepted);
    QCOMPARE(fileBytes(m_path + QStringLiteral(".damaged")), QByteArray("{\"format\": 2, \"accounts\": []}"));
}

void TestOfflineCredentials::anExpiredTokenIsNotHandedOut()
{
    remember();
    QCOMPARE(check(kPassword, kNow + 3599).account.token, QStringLiteral("token-1"));
    QCOMPARE(check(kPassword, kNow + 3600).account.token, QString()); // the password signs in instead
}

QTEST_GUILESS_MAIN(TestOfflineCredentials)
#include "tst_offlinecredentials.moc"
