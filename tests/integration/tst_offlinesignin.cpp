// Offline sign-in against a real clearway-server process: verifiers made at online sign-ins, sign-in
// while the server is down or out of reach, refusals, expiry, and the work done offline reaching the
// server once it is back (with the kept session token, with the password, or with a new password
// the officer types again).
#include "storage/cache.h"
#include "storage/cachewriter.h"
#include "storage/offlinecredentials.h"
#include "storage/queuemodel.h"
#include "sync/signin.h"
#include "sync/syncclient.h"
#include "tests/common/syncharness.h"

#include <QMetaEnum>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Clearway;
using Sync::SignIn;
using Tests::Desk;

namespace {

constexpr qint64 kDay = 86400;
const QString kPassword = QString::fromLatin1(Tests::kPassword);
const QString kNewPassword = QStringLiteral("battery staple");

// What a sign-in came to.
struct Outcome
{
    bool signedIn = false;
    Models::Officer officer;
    bool offline = false;
    qint64 validUntil = 0;
    SignIn::Failure failure = SignIn::Failure::OfflineUnreadable;
};

} // namespace

class TestOfflineSignIn final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void anOnlineSignInKeepsAVerifierForThePeriodTheServerSets();
    void aPasswordMistypedOnlineIsRefusedWithoutGoingOfflineAndKeepsTheVerifier();
    void aThrottledSignInSaysHowLongToWaitWithoutGoingOfflineAndKeepsTheVerifier();
    void outOfReachTheKeptTokenResumesWhenTheServerIsBack();
    void anExpiredVerifierDoesNotSignIn();
    void withTheServerStoppedAWrongPasswordIsRefused();
    void withTheServerStoppedAnOfficerWhoNeverSignedInHereIsRefused();
    void withTheServerStoppedTheRightPasswordOpensTheCache();
    void workDoneOfflineReachesTheServerWhenItStartsAgain();
    void anAccountAddedOrDisabledReachesTheDeskAndADisabledOneSignsInThereNoMore();
    void aPasswordChangedOnTheServerIsAskedForAndTheOutboxWaits();
    void aDisabledAccountIsRefusedAndItsVerifierDropped();

private:
    // A workstation started anew on its cache: a new sync client (nothing in memory) and sign-in.
    void restart(Desk &desk, std::unique_ptr<SignIn> &signIn, std::function<qint64()> clock = {});
    // Signs in and waits for the outcome; false when none came.
    bool signIn(SignIn &signIn, const QUrl &url, const QString &user, const QString &password, Outcome *outcome);
    std::optional<Storage::OfflineAccount> kept(const SignIn &signIn, const QUrl &url, const QString &user);
    QVariant serverValue(const QString &sql, const QVariantList &binds = {}) { return Tests::queryValue(m_db, sql, binds); }

    QTemporaryDir m_dir;
    QString m_db;
    Tests::ServerProcess m_server;
    std::unique_ptr<Tests::LoopbackProxy> m_proxy;
    Desk m_a; // wang.jianguo, straight to the server
    Desk m_b; // li.na, through a proxy the test takes down while the server runs
    std::unique_ptr<SignIn> m_signInA;
    std::unique_ptr<SignIn> m_signInB;
    QDateTime m_now = QDateTime::currentDateTime();
};

void TestOfflineSignIn::initTestCase()
{
    // SQLite, or PostgreSQL when the environment names one (tst_offlinesignin_postgres).
    const Tests::ServerDatabase db = Tests::newServerDatabase(m_dir.path(), QStringLiteral("server"), 100, m_now);
    QVERIFY2(db.error.isEmpty(), qPrintable(db.error));
    m_db = db.database;
    QString error;
    // A short period, so the test can see the one the server set.
    QVERIFY2(m_server.start(m_db, {QStringLiteral("--offline-sign-in-days"), QStringLiteral("1")}, &error), qPrintable(error));
    m_proxy = std::make_unique<Tests::LoopbackProxy>(m_server.port());
    QVERIFY2(m_proxy->listen(&error), qPrintable(error));
    // Empty caches: what they hold comes from the server.
    QVERIFY2(m_a.open(m_dir.filePath(QStringLiteral("desk-a.sqlite")), 0, m_now, &error), qPrintable(error));
    QVERIFY2(m_b.open(m_dir.filePath(QStringLiteral("desk-b.sqlite")), 0, m_now, &error), qPrintable(error));
    restart(m_a, m_signInA);
    restart(m_b, m_signInB);
}

void TestOfflineSignIn::cleanupTestCase()
{
    m_signInA.reset();
    m_signInB.reset();
    m_a.sync.reset();
    m_b.sync.reset();
    m_server.stop();
    QCOMPARE(Tests::dropServerDatabase(m_db), QString());
}

void TestOfflineSignIn::restart(Desk &desk, std::unique_ptr<SignIn> &signIn, std::function<qint64()> clock)
{
    signIn.reset();
    desk.sync = std::make_unique<Sync::SyncClient>(desk.cache->writer());
    signIn = std::make_unique<SignIn>(desk.sync.get(), Storage::OfflineCredentials::besideCache(desk.cache->path()));
    if (clock)
        signIn->setClock(std::move(clock));
}

bool TestOfflineSignIn::signIn(SignIn &signIn, const QUrl &url, const QString &user, const QString &password, Outcome *outcome)
{
    QSignalSpy succeeded(&signIn, &SignIn::succeeded);
    QSignalSpy failed(&signIn, &SignIn::failed);
    signIn.start(url, user, password);
    if (!QTest::qWaitFor([&] { return succeeded.size() + failed.size() > 0; }, 30000))
        return false;
    *outcome = {};
    if (!failed.isEmpty())
        qInfo("sign-in failed: %s", QMetaEnum::fromType<SignIn::Failure>().valueToKey(int(failed.at(0).at(0).value<SignIn::Failure>())));
    outcome->signedIn = !succeeded.isEmpty();
    if (outcome->signedIn) {
        outcome->officer = succeeded.at(0).at(0).value<Models::Officer>();
        outcome->offline = succeeded.at(0).at(1).toBool();
        outcome->validUntil = succeeded.at(0).at(2).toLongLong();
    } else {
        outcome->failure = failed.at(0).at(0).value<SignIn::Failure>();
    }
    return true;
}

std::optional<Storage::OfflineAccount> TestOfflineSignIn::kept(const SignIn &signIn, const QUrl &url, const QString &user)
{
    std::optional<Storage::OfflineAccount> account;
    QString error;
    if (!Storage::OfflineCredentials(signIn.credentialsPath()).find(url, user, &account, &error))
        qWarning("%s", qPrintable(error));
    return account;
}

void TestOfflineSignIn::anOnlineSignInKeepsAVerifierForThePeriodTheServerSets()
{
    for (auto [desk, signIn, url, officer] : {std::tuple{&m_a, m_signInA.get(), m_server.url(), Tests::officerWang()},
                                              std::tuple{&m_b, m_signInB.get(), m_proxy->url(), Tests::officerLi()}}) {
        QSignalSpy stored(signIn, &SignIn::verifierStored);
        QSignalSpy checking(signIn, &SignIn::checkingOffline);
        const qint64 before = QDateTime::currentSecsSinceEpoch();
        Outcome outcome;
        QVERIFY(this->signIn(*signIn, url, officer.id, kPassword, &outcome));
        QVERIFY(outcome.signedIn);
        QCOMPARE(outcome.officer.name, officer.name);
        QCOMPARE(outcome.offline, false);
        QCOMPARE(checking.size(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(stored.size(), 1, 10000);
        QCOMPARE(stored.at(0).at(0).toString(), QString());
        const std::optional<Storage::OfflineAccount> account = kept(*signIn, url, officer.id);
        QVERIFY(account);
        QCOMPARE(account->officer.office, officer.office);
        QVERIFY2(account->validUntil >= before + kDay && account->validUntil <= QDateTime::currentSecsSinceEpoch() + kDay,
                 qPrintable(QString::number(account->validUntil - before)));
        // This workstation's own hash, not the server's.
        const QString serverHash = serverValue(QStringLiteral("SELECT password_hash FROM users WHERE id = ?"), {officer.id}).toString();
        QVERIFY(serverHash.startsWith(QLatin1String("$argon2id$")));
        QVERIFY(account->verifier.startsWith(QLatin1String("$argon2id$")));
        QVERIFY(account->verifier != serverHash);
        QVERIFY(!account->token.isEmpty());
        // The initial copy fills the cache the officer will work from offline.
        QTRY_VERIFY_WITH_TIMEOUT(!desk->sync->isSnapshotting() && desk->value(QStringLiteral("SELECT count(*) FROM declarations")).toInt() == 100,
                                 30000);
    }
}

void TestOfflineSignIn::aPasswordMistypedOnlineIsRefusedWithoutGoingOfflineAndKeepsTheVerifier()
{
    QSignalSpy checking(m_signInA.get(), &SignIn::checkingOffline);
    QSignalSpy recorded(m_signInA.get(), &SignIn::refusalRecorded);
    Outcome outcome;
    QVERIFY(signIn(*m_signInA, m_server.url(), Tests::officerWang().id, QStringLiteral("correct horse battery"), &outcome));
    QCOMPARE(outcome.failure, SignIn::Failure::WrongPassword);
    QCOMPARE(checking.size(), 0); // the server answered: no offline sign-in
    QCOMPARE(m_a.sync->state(), Sync::SyncClient::State::Stopped);
    QTRY_COMPARE(recorded.size(), 1);
    QCOMPARE(recorded.at(0).at(0).toBool(), false);
    const std::optional<Storage::OfflineAccount> account = kept(*m_signInA, m_server.url(), Tests::officerWang().id);
    QVERIFY(account && account->revoked == Storage::OfflineAccount::Revoked::No && !account->verifier.isEmpty());
}

void TestOfflineSignIn::aThrottledSignInSaysHowLongToWaitWithoutGoingOfflineAndKeepsTheVerifier()
{
    // A second server on the database that takes no password for an account for a minute after one
    // failure.
    Tests::ServerProcess throttling;
    QString error;
    QVERIFY2(throttling.start(m_db,
                              {QStringLiteral("--offline-sign-in-days"), QStringLiteral("1"), QStringLiteral("--sign-in-failures-per-account"),
                               QStringLiteral("1"), QStringLiteral("--sign-in-lockout"), QStringLiteral("60")},
                              &error),
             qPrintable(error));
    const QString wang = Tests::officerWang().id;
    QSignalSpy stored(m_signInA.get(), &SignIn::verifierStored);
    Outcome outcome;
    QVERIFY(signIn(*m_signInA, throttling.url(), wang, kPassword, &outcome));
    QVERIFY(outcome.signedIn);
    QTRY_COMPARE_WITH_TIMEOUT(stored.size(), 1, 10000);
    QVERIFY(signIn(*m_signInA, throttling.url(), wang, QStringLiteral("correct horse battery"), &outcome));
    QCOMPARE(outcome.failure, SignIn::Failure::WrongPassword);
    // The right password, now: the server takes none for this account, and says for how long.
    QSignalSpy checking(m_signInA.get(), &SignIn::checkingOffline);
    QSignalSpy recorded(m_signInA.get(), &SignIn::refusalRecorded);
    QSignalSpy failed(m_signInA.get(), &SignIn::failed);
    const qint64 before = QDateTime::currentSecsSinceEpoch();
    QVERIFY(signIn(*m_signInA, throttling.url(), wang, kPassword, &outcome));
    QCOMPARE(outcome.failure, SignIn::Failure::Throttled);
    const qint64 retryAfter = failed.at(0).at(1).toLongLong();
    QVERIFY2(retryAfter > before + 50 && retryAfter <= QDateTime::currentSecsSinceEpoch() + 60, qPrintable(QString::number(retryAfter - before)));
    QCOMPARE(checking.size(), 0); // the server answered: no offline sign-in
    QCOMPARE(m_a.sync->state(), Sync::SyncClient::State::Stopped);
    // No verdict on the password: the verifier, which this password matches, stays.
    QTest::qWait(200);
    QCOMPARE(recorded.size(), 0);
    const std::optional<Storage::OfflineAccount> account = kept(*m_signInA, throttling.url(), wang);
    QVERIFY(account && account->revoked == Storage::OfflineAccount::Revoked::No && !account->verifier.isEmpty());
}

void TestOfflineSignIn::outOfReachTheKeptTokenResumesWhenTheServerIsBack()
{
    // The server runs; the workstation cannot reach it, and starts anew (nothing in memory).
    m_proxy->setUp(false);
    restart(m_b, m_signInB);
    Outcome outcome;
    QVERIFY(signIn(*m_signInB, m_proxy->url(), Tests::officerLi().id, kPassword, &outcome));
    QVERIFY(outcome.signedIn);
    QCOMPARE(outcome.officer.name, Tests::officerLi().name);
    QCOMPARE(outcome.offline, true);
    QVERIFY(m_signInB->isOffline());
    m_b.issue(Tests::officerLi(), QStringLiteral("claim"), 36);
    QTRY_COMPARE(m_b.itemState(36), QStringLiteral("under_review/li.na/1"));

    QSignalSpy sessions(m_b.sync.get(), &Sync::SyncClient::signedIn);
    QSignalSpy back(m_signInB.get(), &SignIn::backOnline);
    m_proxy->setUp(true);
    QTRY_COMPARE_WITH_TIMEOUT(back.size(), 1, 40000);
    QCOMPARE(sessions.size(), 1);
    QCOMPARE(sessions.at(0).at(0).value<Sync::Session>().withPassword, false); // resumed with the kept token
    QVERIFY(!m_signInB->isOffline());
    QTRY_COMPARE_WITH_TIMEOUT(m_b.itemState(36), QStringLiteral("under_review/li.na/0"), 20000);
    QCOMPARE(serverValue(QStringLiteral("SELECT assignee FROM declarations WHERE id = 36")).toString(), QStringLiteral("li.na"));
}

void TestOfflineSignIn::anExpiredVerifierDoesNotSignIn()
{
    m_proxy->setUp(false);
    // The workstation's clock a day and a minute on: past the period the server set.
    restart(m_b, m_signInB, [] { return QDateTime::currentSecsSinceEpoch() + kDay + 60; });
    Outcome outcome;
    QVERIFY(signIn(*m_signInB, m_proxy->url(), Tests::officerLi().id, kPassword, &outcome));
    QCOMPARE(outcome.failure, SignIn::Failure::OfflineExpired);
    // Erased: today's clock does not bring it back.
    restart(m_b, m_signInB);
    QVERIFY(signIn(*m_signInB, m_proxy->url(), Tests::officerLi().id, kPassword, &outcome));
    QCOMPARE(outcome.failure, SignIn::Failure::OfflineExpired);
    QVERIFY(kept(*m_signInB, m_proxy->url(), Tests::officerLi().id)->verifier.isEmpty());
    QCOMPARE(m_b.sync->state(), Sync::SyncClient::State::Stopped); // no retries with a password nobody checked
}

void TestOfflineSignIn::withTheServerStoppedAWrongPasswordIsRefused()
{
    QVERIFY(m_server.stop());
    restart(m_a, m_signInA);
    Outcome outcome;
    QVERIFY(signIn(*m_signInA, m_server.url(), Tests::officerWang().id, QStringLiteral("correct horse battery"), &outcome));
    QCOMPARE(outcome.failure, SignIn::Failure::OfflineWrongPassword);
    QVERIFY(!m_signInA->isOffline());
    QCOMPARE(m_a.sync->state(), Sync::SyncClient::State::Stopped);
}

void TestOfflineSignIn::withTheServerStoppedAnOfficerWhoNeverSignedInHereIsRefused()
{
    // li.na signed in on desk B, never on desk A.
    Outcome outcome;
    QVERIFY(signIn(*m_signInA, m_server.url(), Tests::officerLi().id, kPassword, &outcome));
    QCOMPARE(outcome.failure, SignIn::Failure::OfflineNeverSignedIn);
}

void TestOfflineSignIn::withTheServerStoppedTheRightPasswordOpensTheCache()
{
    Outcome outcome;
    QVERIFY(signIn(*m_signInA, m_server.url(), Tests::officerWang().id, kPassword, &outcome));
    QVERIFY(outcome.signedIn);
    const Models::Officer officer = outcome.officer;
    QCOMPARE(officer.id, Tests::officerWang().id);
    QCOMPARE(officer.name, Tests::officerWang().name);
    QCOMPARE(officer.office, Tests::officerWang().office);
    QCOMPARE(officer.roles, Tests::officerWang().roles);
    QCOMPARE(outcome.offline, true);
    QVERIFY(outcome.validUntil > QDateTime::currentSecsSinceEpoch());
    QVERIFY(m_a.sync->state() != Sync::SyncClient::State::Online);

    // The queue is the cache's, filled by the server's copy before it stopped.
    Storage::QueueModel queue(m_a.cache->connectionName(), m_a.cache->reader(), m_a.cache->officerNames());
    Storage::QueueFilter all;
    all.scope = Storage::Scope::All;
    queue.setQuery(Models::WorkKind::Declaration, all, 0, Qt::AscendingOrder);
    QTRY_VERIFY(queue.isCountExact());
    QCOMPARE(queue.rowCount(), 100);
    m_a.issue(officer, QStringLiteral("claim"), 43);
    QTRY_COMPARE(m_a.itemState(43), QStringLiteral("under_review/wang.jianguo/1"));
    QCOMPARE(m_a.outboxSize(), 1);
}

void TestOfflineSignIn::workDoneOfflineReachesTheServerWhenItStartsAgain()
{
    QSignalSpy back(m_signInA.get(), &SignIn::backOnline);
    QSignalSpy sessions(m_a.sync.get(), &Sync::SyncClient::signedIn);
    QSignalSpy stored(m_signInA.get(), &SignIn::verifierStored);
    QString error;
    QVERIFY2(m_server.start(m_db, {QStringLiteral("--offline-sign-in-days"), QStringLiteral("1")}, &error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(back.size(), 1, 40000);
    // Sessions outlive a server restart: the kept token resumes, no password needed.
    QCOMPARE(sessions.at(0).at(0).value<Sync::Session>().withPassword, false);
    QTRY_COMPARE_WITH_TIMEOUT(m_a.itemState(43), QStringLiteral("under_review/wang.jianguo/0"), 20000);
    QCOMPARE(m_a.outboxSize(), 0);
    QCOMPARE(serverValue(QStringLiteral("SELECT assignee FROM declarations WHERE id = 43")).toString(), QStringLiteral("wang.jianguo"));
    QCOMPARE(stored.size(), 0); // a resumed session checked no password: the verifier's period runs on
}

void TestOfflineSignIn::anAccountAddedOrDisabledReachesTheDeskAndADisabledOneSignsInThereNoMore()
{
    QTRY_COMPARE_WITH_TIMEOUT(m_a.sync->state(), Sync::SyncClient::State::Online, 20000);
    auto officerHere = [this](const QString &id) -> std::optional<Models::Officer> {
        for (const Models::Officer &o : m_a.cache->officers()) {
            if (o.id == id)
                return o;
        }
        return std::nullopt;
    };
    // A colleague's account is made while wang.jianguo works: the desk has the name at once, not
    // at its next copy.
    const Models::Officer sun{QStringLiteral("sun.li"), QStringLiteral("孙丽"), QStringLiteral("5141"), Models::Role::WindowOfficer};
    QVERIFY(!officerHere(sun.id));
    QSignalSpy officersChanged(m_a.sync.get(), &Sync::SyncClient::officersChanged);
    QCOMPARE(Tests::addUser(m_db, sun, QStringLiteral("window"), Tests::kPassword), QString());
    QTRY_VERIFY_WITH_TIMEOUT(officerHere(sun.id).has_value(), 20000);
    QCOMPARE(*officerHere(sun.id), sun);
    QTRY_COMPARE(officersChanged.size(), 1);
    QCOMPARE(officersChanged.at(0).at(0).toStringList(), QStringList());

    // She signed in here once (her verifier is in this desk's file); then her account is disabled:
    // the desk learns it from the change stream and her offline sign-in here ends.
    QString error;
    QVERIFY2(Storage::OfflineCredentials(m_signInA->credentialsPath())
                 .remember(m_server.url(), sun, QString::fromLatin1(Tests::kPassword), 86400, QStringLiteral("token"), 0,
                           QDateTime::currentSecsSinceEpoch(), &error),
             qPrintable(error));
    QCOMPARE(kept(*m_signInA, m_server.url(), sun.id)->revoked, Storage::OfflineAccount::Revoked::No);
    QSignalSpy forgotten(m_signInA.get(), &SignIn::disabledForgotten);
    QCOMPARE(Tests::runServerCommand({QStringLiteral("disable-user"), QStringLiteral("--database"), m_db, QStringLiteral("--id"), sun.id}), 0);
    QTRY_COMPARE_WITH_TIMEOUT(forgotten.size(), 1, 20000);
    QCOMPARE(forgotten.at(0).at(0).toStringList(), QStringList{sun.id});
    QCOMPARE(officersChanged.last().at(0).toStringList(), QStringList{sun.id});
    QCOMPARE(kept(*m_signInA, m_server.url(), sun.id)->revoked, Storage::OfflineAccount::Revoked::Refused);
    QVERIFY(!officerHere(sun.id)->active);
    QCOMPARE(officerHere(sun.id)->name, sun.name); // her name stays for the history
    QCOMPARE(m_a.sync->state(), Sync::SyncClient::State::Online); // wang.jianguo works on

    // A revocation the desk missed (it stopped between storing the change and revoking, or a copy
    // brought the disabled account) is done at its next subscribe.
    QVERIFY2(Storage::OfflineCredentials(m_signInA->credentialsPath())
                 .remember(m_server.url(), sun, QString::fromLatin1(Tests::kPassword), 86400, QStringLiteral("token"), 0,
                           QDateTime::currentSecsSinceEpoch(), &error),
             qPrintable(error));
    QCOMPARE(kept(*m_signInA, m_server.url(), sun.id)->revoked, Storage::OfflineAccount::Revoked::No);
    restart(m_a, m_signInA);
    QSignalSpy forgottenAtSubscribe(m_signInA.get(), &SignIn::disabledForgotten);
    QSignalSpy stored(m_signInA.get(), &SignIn::verifierStored);
    Outcome outcome;
    QVERIFY(signIn(*m_signInA, m_server.url(), Tests::officerWang().id, kPassword, &outcome));
    QVERIFY(outcome.signedIn);
    QTRY_VERIFY_WITH_TIMEOUT(!forgottenAtSubscribe.isEmpty(), 20000);
    QCOMPARE(forgottenAtSubscribe.at(0).at(0).toStringList(), QStringList{sun.id});
    QCOMPARE(kept(*m_signInA, m_server.url(), sun.id)->revoked, Storage::OfflineAccount::Revoked::Refused);
    // wang.jianguo's new verifier is written before the next test refuses his password.
    QTRY_COMPARE_WITH_TIMEOUT(stored.size(), 1, 20000);
}

void TestOfflineSignIn::aPasswordChangedOnTheServerIsAskedForAndTheOutboxWaits()
{
    QVERIFY(m_server.stop());
    QTRY_VERIFY(m_a.sync->state() != Sync::SyncClient::State::Online);
    QCOMPARE(Tests::addUser(m_db, Tests::officerWang(), QStringLiteral("window"), kNewPassword.toUtf8()), QString());
    m_a.issue(Tests::officerWang(), QStringLiteral("claim"), 50);
    QTRY_COMPARE(m_a.itemState(50), QStringLiteral("under_review/wang.jianguo/1"));

    QSignalSpy needed(m_signInA.get(), &SignIn::passwordNeeded);
    QSignalSpy recorded(m_signInA.get(), &SignIn::refusalRecorded);
    QString error;
    QVERIFY2(m_server.start(m_db, {QStringLiteral("--offline-sign-in-days"), QStringLiteral("1")}, &error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(needed.size(), 1, 40000);
    QTRY_COMPARE(recorded.size(), 1);
    QCOMPARE(recorded.at(0).at(0).toBool(), true); // the old password was this workstation's verifier: dropped
    QCOMPARE(kept(*m_signInA, m_server.url(), Tests::officerWang().id)->revoked, Storage::OfflineAccount::Revoked::Refused);
    QCOMPARE(m_a.sync->state(), Sync::SyncClient::State::Stopped); // not trying the old password again and again
    QCOMPARE(m_a.outboxSize(), 1);                                 // nothing lost
    QCOMPARE(serverValue(QStringLiteral("SELECT assignee FROM declarations WHERE id = 50")).toString(), QString());

    // A wrong try, then the new password.
    m_signInA->reauthenticate(QStringLiteral("not it either"));
    QTRY_COMPARE_WITH_TIMEOUT(needed.size(), 2, 20000);
    QSignalSpy back(m_signInA.get(), &SignIn::backOnline);
    QSignalSpy stored(m_signInA.get(), &SignIn::verifierStored);
    m_signInA->reauthenticate(kNewPassword);
    QTRY_COMPARE_WITH_TIMEOUT(back.size(), 1, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(m_a.itemState(50), QStringLiteral("under_review/wang.jianguo/0"), 20000);
    QCOMPARE(serverValue(QStringLiteral("SELECT assignee FROM declarations WHERE id = 50")).toString(), QStringLiteral("wang.jianguo"));
    // The new password is this workstation's verifier from now on.
    QTRY_COMPARE(stored.size(), 1);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    Storage::OfflineCredentials credentials(m_signInA->credentialsPath());
    QCOMPARE(credentials.check(m_server.url(), Tests::officerWang().id, kPassword, now).outcome, Storage::OfflineCheck::Outcome::WrongPassword);
    QCOMPARE(credentials.check(m_server.url(), Tests::officerWang().id, kNewPassword, now).outcome, Storage::OfflineCheck::Outcome::Accepted);
}

void TestOfflineSignIn::aDisabledAccountIsRefusedAndItsVerifierDropped()
{
    // wang.jianguo is signed in here when his account is disabled: his own desk gets the change
    // (and revokes his offline sign-in) before the server ends his session.
    QTRY_COMPARE_WITH_TIMEOUT(m_a.sync->state(), Sync::SyncClient::State::Online, 20000);
    QCOMPARE(kept(*m_signInA, m_server.url(), Tests::officerWang().id)->revoked, Storage::OfflineAccount::Revoked::No);
    QSignalSpy forgotten(m_signInA.get(), &SignIn::disabledForgotten);
    QByteArray output;
    QCOMPARE(Tests::runServerCommand({QStringLiteral("disable-user"), QStringLiteral("--database"), m_db, QStringLiteral("--id"),
                                      Tests::officerWang().id},
                                     {}, &output),
             0);
    QCOMPARE(Tests::runServerCommand({QStringLiteral("disable-user"), QStringLiteral("--database"), m_db, QStringLiteral("--id"),
                                      QStringLiteral("nobody")},
                                     {}, &output),
             1);
    QVERIFY2(output.contains("no account"), output.constData());
    QTRY_VERIFY_WITH_TIMEOUT(!forgotten.isEmpty(), 20000);
    QCOMPARE(forgotten.at(0).at(0).toStringList(), QStringList{Tests::officerWang().id});
    QCOMPARE(kept(*m_signInA, m_server.url(), Tests::officerWang().id)->revoked, Storage::OfflineAccount::Revoked::Refused);
    restart(m_a, m_signInA);
    QSignalSpy recorded(m_signInA.get(), &SignIn::refusalRecorded);
    Outcome outcome;
    QVERIFY(signIn(*m_signInA, m_server.url(), Tests::officerWang().id, kNewPassword, &outcome));
    QCOMPARE(outcome.failure, SignIn::Failure::WrongPassword);
    QTRY_COMPARE(recorded.size(), 1);
    QCOMPARE(recorded.at(0).at(0).toBool(), false); // the change had revoked the verifier already
    // And with the server out of reach, no offline sign-in either.
    QVERIFY(m_server.stop());
    QVERIFY(signIn(*m_signInA, m_server.url(), Tests::officerWang().id, kNewPassword, &outcome));
    QCOMPARE(outcome.failure, SignIn::Failure::OfflineRefused);
}

QTEST_GUILESS_MAIN(TestOfflineSignIn)
#include "tst_offlinesignin.moc"
