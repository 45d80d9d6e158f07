// The failed sign-in throttle on its own, with a clock the test moves.
#include "server/signinthrottle.h"

#include <QTest>

using Clearway::Server::SignInThrottle;

class TestSignInThrottle final : public QObject
{
    Q_OBJECT

private slots:
    void blocksAnAccountAfterItsLimitForAGrowingDelay();
    void blocksAnAddressAcrossAccounts();
    void countsOnlyTheLastMinute();
    void aCorrectPasswordClearsItsAccountOnly();
    void forgetsKeysQuietForAQuarterOfAnHour();
    void countsPasswordsBeingCheckedAsFailuresToCome();
};

namespace {
constexpr qint64 kSecond = 1000;
const QString kAccount = QStringLiteral("wang.jianguo");
const QString kAddress = QStringLiteral("10.1.2.3");
} // namespace

void TestSignInThrottle::blocksAnAccountAfterItsLimitForAGrowingDelay()
{
    SignInThrottle t({3, 100, 30 * kSecond});
    bool forAccount = false;
    QVERIFY(t.failed(kAccount, kAddress, 0).isEmpty());
    QVERIFY(t.failed(kAccount, kAddress, 1).isEmpty());
    const QList<SignInThrottle::Block> third = t.failed(kAccount, kAddress, 2);
    QCOMPARE(third.size(), 1);
    QVERIFY(third.first().account);
    QCOMPARE(third.first().ms, 30 * kSecond);
    QCOMPARE(third.first().failures, 3);
    QCOMPARE(t.retryAfterMs(kAccount, kAddress, 2, &forAccount), 30 * kSecond);
    QVERIFY(forAccount);
    QCOMPARE(t.retryAfterMs(kAccount, kAddress, 2 + 30 * kSecond, &forAccount), 0);
    // After a block, one more failure blocks again, twice as long, up to 15 minutes.
    qint64 now = 2 + 30 * kSecond;
    for (qint64 expected : {60, 120, 240, 480, 900, 900}) {
        const QList<SignInThrottle::Block> again = t.failed(kAccount, kAddress, now);
        QCOMPARE(again.size(), 1);
        QCOMPARE(again.first().ms, expected * kSecond);
        now += expected * kSecond;
    }
    // Another account is not concerned.
    QCOMPARE(t.retryAfterMs(QStringLiteral("li.na"), kAddress, 2, &forAccount), 0);
}

void TestSignInThrottle::blocksAnAddressAcrossAccounts()
{
    SignInThrottle t({5, 4, 10 * kSecond});
    for (int i = 0; i < 3; ++i)
        QVERIFY(t.failed(QStringLiteral("nobody.%1").arg(i), kAddress, i).isEmpty());
    const QList<SignInThrottle::Block> fourth = t.failed(QStringLiteral("nobody.3"), kAddress, 3);
    QCOMPARE(fourth.size(), 1);
    QVERIFY(!fourth.first().account);
    bool forAccount = true;
    QCOMPARE(t.retryAfterMs(QStringLiteral("li.na"), kAddress, 3, &forAccount), 10 * kSecond);
    QVERIFY(!forAccount);
    QCOMPARE(t.retryAfterMs(QStringLiteral("li.na"), QStringLiteral("10.1.2.4"), 3, &forAccount), 0);
}

void TestSignInThrottle::countsOnlyTheLastMinute()
{
    SignInThrottle t({3, 100, 30 * kSecond});
    QVERIFY(t.failed(kAccount, kAddress, 0).isEmpty());
    QVERIFY(t.failed(kAccount, kAddress, 30 * kSecond).isEmpty());
    // The first has left the minute.
    QVERIFY(t.failed(kAccount, kAddress, 61 * kSecond).isEmpty());
    QCOMPARE(t.failed(kAccount, kAddress, 62 * kSecond).size(), 1);
}

void TestSignInThrottle::aCorrectPasswordClearsItsAccountOnly()
{
    SignInThrottle t({2, 3, 30 * kSecond});
    t.failed(kAccount, kAddress, 0);
    t.failed(kAccount, kAddress, 1);
    bool forAccount = false;
    QVERIFY(t.retryAfterMs(kAccount, kAddress, 2, &forAccount) > 0);
    t.succeeded(kAccount, kAddress);
    QCOMPARE(t.retryAfterMs(kAccount, kAddress, 2, &forAccount), 0);
    // The address keeps its two failures: one more blocks it.
    QCOMPARE(t.failed(QStringLiteral("li.na"), kAddress, 3).size(), 1);
    QVERIFY(t.retryAfterMs(kAccount, kAddress, 4, &forAccount) > 0);
    QVERIFY(!forAccount);
}

void TestSignInThrottle::forgetsKeysQuietForAQuarterOfAnHour()
{
    SignInThrottle t({2, 100, 30 * kSecond});
    t.failed(kAccount, kAddress, 0);
    QCOMPARE(t.failed(kAccount, kAddress, 1).size(), 1);
    QCOMPARE(t.size(), 2);
    // The address was never blocked: quiet from its last failure. The account from the end of its
    // block (1 ms + 30 s).
    t.prune(SignInThrottle::kQuietMs + 30 * kSecond);
    QCOMPARE(t.size(), 1);
    t.prune(SignInThrottle::kQuietMs + 30 * kSecond + 1);
    QCOMPARE(t.size(), 0);
    // Quiet for long enough, a failure starts again from nothing, even before a prune.
    t.failed(kAccount, kAddress, 2 * SignInThrottle::kQuietMs);
    QCOMPARE(t.failed(kAccount, kAddress, 3 * SignInThrottle::kQuietMs + 10).size(), 0);
}

void TestSignInThrottle::countsPasswordsBeingCheckedAsFailuresToCome()
{
    // Guesses sent at once on many connections: while they are checked, no more than the limit
    // are taken.
    SignInThrottle t({3, 5, 30 * kSecond});
    bool forAccount = false;
    t.failed(kAccount, kAddress, 0);
    t.checking(kAccount, kAddress);
    QCOMPARE(t.retryAfterMs(kAccount, kAddress, 1, &forAccount), 0);
    t.checking(kAccount, kAddress);
    QCOMPARE(t.retryAfterMs(kAccount, kAddress, 1, &forAccount), SignInThrottle::kBusyMs);
    QVERIFY(forAccount);
    // Another account from the address: two more checks reach the address's limit.
    const QString other = QStringLiteral("li.na");
    QCOMPARE(t.retryAfterMs(other, kAddress, 1, &forAccount), 0);
    t.checking(other, kAddress);
    t.checking(other, kAddress);
    QCOMPARE(t.retryAfterMs(other, kAddress, 1, &forAccount), SignInThrottle::kBusyMs);
    QVERIFY(!forAccount);
    // The checks end: one wrong password blocks the account (three failures), the other clears it.
    QCOMPARE(t.failed(kAccount, kAddress, 2).size(), 0);
    QCOMPARE(t.failed(kAccount, kAddress, 3).size(), 1);
    t.succeeded(other, kAddress);
    t.succeeded(other, kAddress);
    QCOMPARE(t.retryAfterMs(other, kAddress, 4, &forAccount), 0);
    QVERIFY(t.retryAfterMs(kAccount, kAddress, 4, &forAccount) > SignInThrottle::kBusyMs);
    // Nothing being checked is forgotten by a prune while it is.
    SignInThrottle u({3, 5, 30 * kSecond});
    u.checking(kAccount, kAddress);
    u.prune(SignInThrottle::kQuietMs * 2);
    QCOMPARE(u.size(), 2);
}

QTEST_GUILESS_MAIN(TestSignInThrottle)
#include "tst_signinthrottle.moc"
