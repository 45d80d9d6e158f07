#include "server/sqlitestore.h"
#include "storage/passwordhash.h"
#include "tests/common/cachefixture.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Clearway;
using Server::ApplyResult;
using Server::SqliteStore;

class TestServerStore final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void passwordsAreArgon2idAndChecked();
    void commandsApplyExactlyOnceInSeqOrder();
    void aRefusedCommandDoesNotBlockTheNextOne();
    void aHoldersDecisionIsCheckedAgainstTheVersionItWasMadeOn();
    void accountsTravelOnTheChangeLogAndNoWorkGoesToADisabledOne();
    void auditChainDetectsTampering();
    void epochSurvivesReopening();

private:
    Models::Command command(const char *name, qint64 item, qint64 baseVersion = -1, qint64 after = 0) const
    {
        Models::Command c;
        c.kind = Models::WorkKind::Declaration;
        c.itemId = item;
        c.name = QString::fromLatin1(name);
        c.baseVersion = baseVersion;
        c.after = after;
        return c;
    }

    // "state/version" of a declaration in the server's database, read beside the store.
    QString itemState(qint64 item) const
    {
        QString out;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("beside"));
            db.setDatabaseName(m_dir.filePath(QStringLiteral("server.sqlite")));
            QSqlQuery q(db);
            if (db.open() && q.exec(QStringLiteral("SELECT state || '/' || version FROM declarations WHERE id = %1").arg(item)) && q.next())
                out = q.value(0).toString();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("beside"));
        return out;
    }

    QTemporaryDir m_dir;
    SqliteStore m_store;
    Models::Officer m_wang{QStringLiteral("wang.jianguo"), QStringLiteral("王建国"), QStringLiteral("5141"), Models::Role::WindowOfficer};
};

void TestServerStore::initTestCase()
{
    const QString path = m_dir.filePath(QStringLiteral("server.sqlite"));
    QCOMPARE(Tests::writeFixtureCache(path, 100, QDateTime::currentDateTime()), QString());
    QString error;
    QVERIFY2(m_store.open(path, &error), qPrintable(error));
    QVERIFY(!m_store.epoch().isEmpty());
}

void TestServerStore::passwordsAreArgon2idAndChecked()
{
    QString error;
    QVERIFY(!m_store.addUser(m_wang, QStringLiteral("short"), std::nullopt, &error));
    QVERIFY(error.contains(QStringLiteral("8 characters")));
    QVERIFY2(m_store.addUser(m_wang, QStringLiteral("correct horse"), std::nullopt, &error), qPrintable(error));
    const auto user = m_store.user(m_wang.id);
    QVERIFY(user);
    QVERIFY(user->passwordHash.startsWith(QStringLiteral("$argon2id$")));
    QCOMPARE(user->officer.name, QStringLiteral("王建国"));
    QVERIFY(Storage::verifyPassword(user->passwordHash, QStringLiteral("correct horse")));
    QVERIFY(!Storage::verifyPassword(user->passwordHash, QStringLiteral("correct horse ")));
    QVERIFY(!m_store.user(QStringLiteral("nobody")));
}

void TestServerStore::commandsApplyExactlyOnceInSeqOrder()
{
    // Row 7 (id 8) is received and unassigned in the fixture.
    const ApplyResult first = m_store.apply(QStringLiteral("client-a"), 1, command("claim", 8), m_wang);
    QCOMPARE(first.outcome, ApplyResult::Outcome::Applied);
    QCOMPARE(first.version, 2);
    QVERIFY(first.cursor > 0);
    QVERIFY(!first.duplicate);

    // The ack was lost and the client sends seq 1 again: the same answer, nothing re-applied.
    const ApplyResult retry = m_store.apply(QStringLiteral("client-a"), 1, command("claim", 8), m_wang);
    QVERIFY(retry.duplicate);
    QCOMPARE(retry.outcome, ApplyResult::Outcome::Applied);
    QCOMPARE(retry.cursor, first.cursor);
    QString error;
    QCOMPARE(m_store.changesAfter(first.cursor - 1, 100, &error).size(), 1);

    // A gap is refused and changes nothing.
    const ApplyResult gap = m_store.apply(QStringLiteral("client-a"), 3, command("release", 8), m_wang);
    QCOMPARE(gap.outcome, ApplyResult::Outcome::Gap);
    QCOMPARE(gap.lastSeq, 1);
    QCOMPARE(m_store.changesAfter(first.cursor - 1, 100, &error).size(), 1);

    // Another client's seqs are its own.
    QCOMPARE(m_store.apply(QStringLiteral("client-b"), 1, command("claim", 15), m_wang).outcome, ApplyResult::Outcome::Applied);
}

void TestServerStore::aRefusedCommandDoesNotBlockTheNextOne()
{
    // seq 2: releasing item 22 (still awaiting review) is refused...
    const ApplyResult refused = m_store.apply(QStringLiteral("client-a"), 2, command("release", 22), m_wang);
    QCOMPARE(refused.outcome, ApplyResult::Outcome::Rejected);
    QCOMPARE(refused.code, QStringLiteral("wrong_state"));
    QVERIFY(!refused.message.isEmpty());
    // ...and seq 3 goes through behind it.
    const ApplyResult next = m_store.apply(QStringLiteral("client-a"), 3, command("release", 8), m_wang);
    QCOMPARE(next.outcome, ApplyResult::Outcome::Applied);
    QCOMPARE(next.version, 3);
    // Retrying the refused one gives the same refusal.
    const ApplyResult again = m_store.apply(QStringLiteral("client-a"), 2, command("release", 22), m_wang);
    QVERIFY(again.duplicate);
    QCOMPARE(again.outcome, ApplyResult::Outcome::Rejected);
    QCOMPARE(again.code, QStringLiteral("wrong_state"));
}

void TestServerStore::aHoldersDecisionIsCheckedAgainstTheVersionItWasMadeOn()
{
    // Items 71, 78 and 85 are received and unassigned, at version 1.
    const QString desk = QStringLiteral("client-v");
    // Made offline: a claim, then a release that follows it, both on version 1. The release is
    // checked against the version the claim left: accepted.
    QCOMPARE(m_store.apply(desk, 1, command("claim", 71, 1), m_wang).version, 2);
    const ApplyResult followed = m_store.apply(desk, 2, command("release", 71, 1, 1), m_wang);
    QCOMPARE(followed.code, QStringLiteral("ok"));
    QCOMPARE(followed.version, 3);

    // The chief hands item 78 over (to its holder, so the lifecycle would still allow a release)
    // between the officer's claim and the release the officer made without seeing it.
    QCOMPARE(m_store.apply(desk, 3, command("claim", 78, 1), m_wang).version, 2);
    const Models::Officer chief{QStringLiteral("zhou.hua"), QStringLiteral("周华"), QStringLiteral("5141"), Models::Role::Supervisor};
    Models::Command handOver = command("reassign", 78);
    handOver.targetOfficer = m_wang.id;
    handOver.reason = QStringLiteral("科室调整");
    QCOMPARE(m_store.apply(QStringLiteral("chief-v"), 1, handOver, chief).version, 3);
    const ApplyResult stale = m_store.apply(desk, 4, command("release", 78, 1, 3), m_wang);
    QCOMPARE(stale.outcome, ApplyResult::Outcome::Rejected);
    QCOMPARE(stale.code, QStringLiteral("stale_version"));
    QVERIFY2(stale.message.contains(QStringLiteral("changed after you looked")), qPrintable(stale.message));
    QCOMPARE(itemState(78), QStringLiteral("under_review/3"));
    // Decided again on what the officer now sees: accepted.
    QCOMPARE(m_store.apply(desk, 5, command("release", 78, 3), m_wang).code, QStringLiteral("ok"));

    // A decision that follows a refused one was made on a state that never was: refused too,
    // though the lifecycle alone would allow it.
    QCOMPARE(m_store.apply(desk, 6, command("claim", 85, 1), m_wang).version, 2);
    Models::Command hold = command("hold", 85, 1); // made on version 1, the claim not followed
    hold.reason = QStringLiteral("待补充单证");
    QCOMPARE(m_store.apply(desk, 7, hold, m_wang).code, QStringLiteral("stale_version"));
    const ApplyResult afterRefused = m_store.apply(desk, 8, command("release", 85, 2, 7), m_wang);
    QCOMPARE(afterRefused.code, QStringLiteral("after_refused"));
    QVERIFY2(afterRefused.message.contains(QStringLiteral("earlier action of yours")), qPrintable(afterRefused.message));
    QCOMPARE(itemState(85), QStringLiteral("under_review/2"));
}

void TestServerStore::accountsTravelOnTheChangeLogAndNoWorkGoesToADisabledOne()
{
    QString error;
    const Models::Officer li{QStringLiteral("li.na"), QStringLiteral("李娜"), QStringLiteral("5141"), Models::Role::WindowOfficer};
    QVERIFY2(m_store.addUser(li, QStringLiteral("correct horse"), std::nullopt, &error), qPrintable(error));
    QList<Models::ItemChange> changes = m_store.changesAfter(0, 1000, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(changes.last().officer);
    QCOMPARE(*changes.last().officer, li);
    const qint64 added = changes.last().cursor;

    // A supervisor hands item 15 (claimed above) to li.na: she is there and enabled.
    const Models::Officer chief{QStringLiteral("zhou.hua"), QStringLiteral("周华"), QStringLiteral("5141"),
                                Models::Role::WindowOfficer | Models::Role::Supervisor};
    Models::Command reassign = command("reassign", 15);
    reassign.targetOfficer = li.id;
    reassign.reason = QStringLiteral("leave");
    const ApplyResult handed = m_store.apply(QStringLiteral("client-c"), 1, reassign, chief);
    QVERIFY2(handed.outcome == ApplyResult::Outcome::Applied, qPrintable(handed.code + QLatin1Char(' ') + handed.message));

    // Her account is disabled: the change log says so, after the hand-over...
    QVERIFY2(m_store.disableUser(li.id, &error), qPrintable(error));
    QVERIFY(!m_store.disableUser(li.id, &error));
    QVERIFY2(error.contains(QStringLiteral("no account")), qPrintable(error));
    error.clear();
    changes = m_store.changesAfter(added, 1000, &error);
    QCOMPARE(changes.size(), 2);
    QVERIFY(!changes.first().officer);
    QVERIFY(changes.last().officer);
    QCOMPARE(changes.last().officer->id, li.id);
    QCOMPARE(changes.last().officer->name, li.name);
    QVERIFY(!changes.last().officer->active);

    // ...and no more work goes to her, nor to someone who is not there; nothing is changed.
    Models::Command back = command("reassign", 15);
    back.targetOfficer = li.id;
    back.reason = QStringLiteral("back");
    const ApplyResult disabled = m_store.apply(QStringLiteral("client-c"), 2, back, chief);
    QCOMPARE(disabled.outcome, ApplyResult::Outcome::Rejected);
    QCOMPARE(disabled.code, QStringLiteral("officer_disabled"));
    back.targetOfficer = QStringLiteral("nobody");
    const ApplyResult unknown = m_store.apply(QStringLiteral("client-c"), 3, back, chief);
    QCOMPARE(unknown.outcome, ApplyResult::Outcome::Rejected);
    QCOMPARE(unknown.code, QStringLiteral("unknown_officer"));
    QCOMPARE(m_store.changesAfter(added, 1000, &error).size(), 2);

    // add-user gives the account back.
    QVERIFY2(m_store.addUser(li, QStringLiteral("another horse"), std::nullopt, &error), qPrintable(error));
    QVERIFY(m_store.changesAfter(0, 1000, &error).last().officer->active);

    // Permissions are saved with the account, in one transaction: a write that fails (here the
    // second row breaks the table's key) leaves the account, its permissions and the log as they were.
    const qint64 head = m_store.changesAfter(0, 1000, &error).last().cursor;
    const QString hash = m_store.user(li.id)->passwordHash;
    const QString reroute = QString::fromLatin1(Models::kReroutePermission);
    QVERIFY(!m_store.addUser(li, QStringLiteral("third horse"), QStringList{reroute, reroute}, &error));
    QCOMPARE(m_store.changesAfter(0, 1000, &error).last().cursor, head);
    QCOMPARE(m_store.user(li.id)->passwordHash, hash);
    QCOMPARE(m_store.permissions(li.id, &error), QStringList());
    QVERIFY2(m_store.addUser(li, QStringLiteral("third horse"), QStringList{reroute}, &error), qPrintable(error));
    QCOMPARE(m_store.permissions(li.id, &error), QStringList{reroute});
    QVERIFY(m_store.user(li.id)->passwordHash != hash);
}

void TestServerStore::auditChainDetectsTampering()
{
    qint64 entries = 0;
    QString error;
    QVERIFY2(m_store.verifyAudit(&entries, &error), qPrintable(error));
    // add-user wang.jianguo, claim 8, claim 15, release 8, claim and release 71, claim 78, its
    // hand-over and release, claim 85, add-user li.na, reassign 15, disable-user li.na, add-user
    // li.na twice.
    QCOMPARE(entries, 15);
    {
        SqliteStore other;
        QVERIFY(other.open(m_dir.filePath(QStringLiteral("server.sqlite")), &error));
        // Someone edits history directly in the database.
        QSqlQuery q(QSqlDatabase::database(QSqlDatabase::connectionNames().last()));
        QVERIFY(q.exec(QStringLiteral("UPDATE audit SET entry = replace(entry, 'release', 'hold') WHERE seq = 4")));
        QCOMPARE(q.numRowsAffected(), 1);
    }
    QVERIFY(!m_store.verifyAudit(&entries, &error));
    QVERIFY2(error.contains(QStringLiteral("entry 4")), qPrintable(error));
}

void TestServerStore::epochSurvivesReopening()
{
    SqliteStore again;
    QString error;
    QVERIFY(again.open(m_dir.filePath(QStringLiteral("server.sqlite")), &error));
    QCOMPARE(again.epoch(), m_store.epoch());
}

QTEST_GUILESS_MAIN(TestServerStore)
#include "tst_serverstore.moc"
