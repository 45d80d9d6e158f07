// The workstation side of sync in the cache: outbox, replies, the change stream and rebasing.
#include "storage/cache.h"
#include "storage/cachewriter.h"
#include "storage/riskrouting.h"
#include "storage/schema.h"
#include "tests/common/cachefixture.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Clearway;
using namespace Clearway::Storage;

class TestCacheSync final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void outboxListsCommandsInOrder();
    void ackBeforeTheChangeKeepsTheOfficersState();
    void aLateChangeForAnEarlierActionDoesNotUndoTheLaterOne();
    void theAcksStateWinsOverTheLocalGuess();
    void refusalFallsBackToTheServersStateAndSaysWhy();
    void colleaguesChangeIsRebasedUnderPendingWork();
    void aDecisionNamesTheVersionAndTheCommandItFollows();
    void aRefusalIsSaidInTheWorkstationsWords();
    void replayedChangesAreSkipped();
    void theSearchIndexIsBuiltInTheBackgroundAndMissesNothing();
    void theRoutingAChangeBringsIsKept();
    void aMalformedRoutingRefusesTheWholeChange();
    void afterAFailedBatchNothingMovesTheCursorUntilResumed();
    void aRoutingFromTheServerIsKept();

private:
    void issue(const char *name, qint64 item, const QString &reason = {});
    void changes(const QList<Models::ItemChange> &list);
    void reply(qint64 seq, bool accepted, qint64 version, const QString &message = {});
    void ack(qint64 seq, qint64 version, const QString &state, const QString &assignee);
    void settle(const CommandReply &r);
    QVariant value(const QString &sql);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Cache> m_cache;
    Models::Officer m_wang{QStringLiteral("wang.jianguo"), QStringLiteral("王建国"), QStringLiteral("5141"), Models::Role::WindowOfficer};
};

void TestCacheSync::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    const QString path = m_dir->filePath(QStringLiteral("cache.sqlite"));
    QCOMPARE(Tests::writeFixtureCache(path, 50, QDateTime::currentDateTime()), QString());
    m_cache = std::make_unique<Cache>();
    QVERIFY(m_cache->open(path).ok());
}

void TestCacheSync::cleanup()
{
    m_cache.reset();
    m_dir.reset();
}

void TestCacheSync::issue(const char *name, qint64 item, const QString &reason)
{
    QSignalSpy spy(m_cache->writer(), &CacheWriter::applied);
    Models::Command c;
    c.kind = Models::WorkKind::Declaration;
    c.itemId = item;
    c.name = QString::fromLatin1(name);
    c.reason = reason;
    m_cache->writer()->apply(c, m_wang);
    QTRY_COMPARE(spy.size(), 1);
    QVERIFY(spy.at(0).at(0).value<CommandOutcome>().stored);
}

void TestCacheSync::changes(const QList<Models::ItemChange> &list)
{
    QSignalSpy done(m_cache->writer(), &CacheWriter::changesApplied);
    QSignalSpy failed(m_cache->writer(), &CacheWriter::syncFailed);
    m_cache->writer()->applyChanges(list);
    m_cache->writer()->syncCursor(); // a blocking call: everything queued before it has run
    QCOMPARE(failed.size(), 0);
}

void TestCacheSync::reply(qint64 seq, bool accepted, qint64 version, const QString &message)
{
    settle({seq, accepted, version, false, {}, {}, accepted ? QStringLiteral("ok") : QStringLiteral("already_claimed"), message});
}

void TestCacheSync::ack(qint64 seq, qint64 version, const QString &state, const QString &assignee)
{
    settle({seq, true, version, true, state, assignee, QStringLiteral("ok"), {}});
}

void TestCacheSync::settle(const CommandReply &r)
{
    QSignalSpy settled(m_cache->writer(), &CacheWriter::commandSettled);
    m_cache->writer()->settle(r);
    QTRY_COMPARE(settled.size(), 1);
}

QVariant TestCacheSync::value(const QString &sql)
{
    QSqlDatabase db = QSqlDatabase::database(m_cache->connectionName(), false);
    QSqlQuery q(db);
    return q.exec(sql) && q.next() ? q.value(0) : QVariant();
}

Models::ItemChange change(qint64 cursor, qint64 item, qint64 version, const char *state, const char *assignee, const char *actor,
                          const char *command, const char *from)
{
    return {cursor, Models::WorkKind::Declaration, item, version, QString::fromLatin1(state), QString::fromLatin1(assignee), 1795353600,
            QString::fromLatin1(actor), QString::fromLatin1(command), QString::fromLatin1(from), QString()};
}

void TestCacheSync::outboxListsCommandsInOrder()
{
    issue("claim", 8);
    issue("hold", 8, QStringLiteral("等待原产地证书"));
    const QList<OutboxEntry> out = m_cache->writer()->pendingCommands(10);
    QCOMPARE(out.size(), 2);
    QVERIFY(out.at(0).seq < out.at(1).seq);
    QCOMPARE(out.at(0).command.name, QStringLiteral("claim"));
    QCOMPARE(out.at(1).command.reason, QStringLiteral("等待原产地证书"));
    QCOMPARE(out.at(1).actor, m_wang.id);
    QCOMPARE(value(QStringLiteral("SELECT state FROM declarations WHERE id = 8")).toString(), QStringLiteral("held"));
    QCOMPARE(value(QStringLiteral("SELECT pending FROM declarations WHERE id = 8")).toInt(), 2);
}

void TestCacheSync::ackBeforeTheChangeKeepsTheOfficersState()
{
    issue("claim", 8);
    const qint64 seq = m_cache->writer()->pendingCommands(1).at(0).seq;
    ack(seq, 2, QStringLiteral("under_review"), QStringLiteral("wang.jianguo"));
    QCOMPARE(value(QStringLiteral("SELECT state || '/' || assignee || '/' || version || '/' || pending FROM declarations WHERE id = 8")).toString(),
             QStringLiteral("under_review/wang.jianguo/2/0")); // the server's state at version 2, from the ack
    QCOMPARE(value(QStringLiteral("SELECT count(*) FROM outbox")).toInt(), 0);
    QCOMPARE(value(QStringLiteral("SELECT count(*) FROM item_base")).toInt(), 0);
    // The change arrives afterwards with the server's event.
    changes({change(1, 8, 2, "under_review", "wang.jianguo", "wang.jianguo", "claim", "received")});
    QCOMPARE(value(QStringLiteral("SELECT state || '/' || assignee || '/' || version FROM declarations WHERE id = 8")).toString(),
             QStringLiteral("under_review/wang.jianguo/2"));
    QCOMPARE(value(QStringLiteral("SELECT count(*) FROM events WHERE item_id = 8")).toInt(), 1); // one event, not two
    QCOMPARE(m_cache->writer()->syncCursor(), 1);
}

void TestCacheSync::aLateChangeForAnEarlierActionDoesNotUndoTheLaterOne()
{
    // Claim and unclaim, both acknowledged before either change arrives (a reconnect resent them).
    issue("claim", 15);
    ack(m_cache->writer()->pendingCommands(1).at(0).seq, 2, QStringLiteral("under_review"), QStringLiteral("wang.jianguo"));
    issue("unclaim", 15);
    ack(m_cache->writer()->pendingCommands(1).at(0).seq, 3, QStringLiteral("received"), QString());
    const QString shown = QStringLiteral("SELECT state || '/' || assignee || '/' || version FROM declarations WHERE id = 15");
    QCOMPARE(value(shown).toString(), QStringLiteral("received//3"));
    // The change for the claim comes late: the officer's unclaim stays shown.
    changes({change(1, 15, 2, "under_review", "wang.jianguo", "wang.jianguo", "claim", "received")});
    QCOMPARE(value(shown).toString(), QStringLiteral("received//3"));
    changes({change(2, 15, 3, "received", "", "wang.jianguo", "unclaim", "under_review")});
    QCOMPARE(value(shown).toString(), QStringLiteral("received//3"));
    QCOMPARE(value(QStringLiteral("SELECT count(*) FROM events WHERE item_id = 15")).toInt(), 2);
}

void TestCacheSync::theAcksStateWinsOverTheLocalGuess()
{
    // The server applied the claim as another officer than the one the workstation assumed (the
    // command was sent after a colleague signed in at this desk): the ack says so, and it sticks.
    issue("claim", 22);
    ack(m_cache->writer()->pendingCommands(1).at(0).seq, 2, QStringLiteral("under_review"), QStringLiteral("li.na"));
    const QString shown = QStringLiteral("SELECT state || '/' || assignee || '/' || version FROM declarations WHERE id = 22");
    QCOMPARE(value(shown).toString(), QStringLiteral("under_review/li.na/2"));
    // A retry answered from the server's record carries no state: the workstation's own decision
    // stands until the change arrives, and the change is then applied.
    issue("claim", 29);
    reply(m_cache->writer()->pendingCommands(1).at(0).seq, true, 2);
    QCOMPARE(value(QStringLiteral("SELECT state || '/' || assignee || '/' || version FROM declarations WHERE id = 29")).toString(),
             QStringLiteral("under_review/wang.jianguo/1"));
    changes({change(1, 29, 2, "under_review", "li.na", "li.na", "claim", "received")});
    QCOMPARE(value(QStringLiteral("SELECT state || '/' || assignee || '/' || version FROM declarations WHERE id = 29")).toString(),
             QStringLiteral("under_review/li.na/2"));
}

void TestCacheSync::refusalFallsBackToTheServersStateAndSaysWhy()
{
    issue("claim", 8);
    // A colleague claimed it first; the server refuses ours.
    changes({change(1, 8, 2, "under_review", "li.na", "li.na", "claim", "received")});
    const qint64 seq = m_cache->writer()->pendingCommands(1).at(0).seq;
    reply(seq, false, 0, QStringLiteral("Another officer (li.na) already claimed this item."));
    QCOMPARE(value(QStringLiteral("SELECT state || '/' || assignee || '/' || pending FROM declarations WHERE id = 8")).toString(),
             QStringLiteral("under_review/li.na/0"));
    QVERIFY(value(QStringLiteral("SELECT reason FROM events WHERE item_id = 8 AND actor = 'clearway-server'")).toString().contains(QStringLiteral("li.na")));
    QCOMPARE(value(QStringLiteral("SELECT count(*) FROM item_base")).toInt(), 0);
}

void TestCacheSync::colleaguesChangeIsRebasedUnderPendingWork()
{
    // Offline: claim, then hold. Meanwhile the server applied our claim (its change arrives first).
    issue("claim", 8);
    issue("hold", 8, QStringLiteral("待补充单证"));
    changes({change(1, 8, 2, "under_review", "wang.jianguo", "wang.jianguo", "claim", "received")});
    // The pending hold is re-applied on top of the server's state: the officer's work stays.
    QCOMPARE(value(QStringLiteral("SELECT state || '/' || assignee || '/' || pending FROM declarations WHERE id = 8")).toString(),
             QStringLiteral("held/wang.jianguo/2"));
    const QList<OutboxEntry> out = m_cache->writer()->pendingCommands(10);
    reply(out.at(0).seq, true, 2);
    reply(out.at(1).seq, true, 3);
    QCOMPARE(value(QStringLiteral("SELECT state || '/' || pending FROM declarations WHERE id = 8")).toString(), QStringLiteral("held/0"));
}

void TestCacheSync::aDecisionNamesTheVersionAndTheCommandItFollows()
{
    // Offline: claim, hold, resume. Each is made on the server's version 1 and follows the one
    // before it on the item, so the server expects the item as that one leaves it.
    issue("claim", 8);
    issue("hold", 8, QStringLiteral("待补充单证"));
    issue("resume", 8);
    QList<OutboxEntry> out = m_cache->writer()->pendingCommands(10);
    QCOMPARE(out.size(), 3);
    for (const OutboxEntry &e : std::as_const(out))
        QCOMPARE(e.command.baseVersion, 1);
    QCOMPARE(out.at(0).command.after, 0);
    QCOMPARE(out.at(1).command.after, out.at(0).seq);
    QCOMPARE(out.at(2).command.after, out.at(1).seq);

    // All three acknowledged: the next decision follows nothing, on the version the last ack left.
    ack(out.at(0).seq, 2, QStringLiteral("under_review"), m_wang.id);
    ack(out.at(1).seq, 3, QStringLiteral("held"), m_wang.id);
    ack(out.at(2).seq, 4, QStringLiteral("under_review"), m_wang.id);
    issue("release", 8);
    out = m_cache->writer()->pendingCommands(10);
    QCOMPARE(out.size(), 1);
    QCOMPARE(out.at(0).command.baseVersion, 4);
    QCOMPARE(out.at(0).command.after, 0);
    QCOMPARE(value(QStringLiteral("SELECT state || '/' || pending FROM declarations WHERE id = 8")).toString(), QStringLiteral("released/1"));

    // Before it reaches the server, the chief hands the item over (to its holder): the release was
    // decided on what the officer no longer sees, and the server will refuse it. Shown as the
    // server has it, the release still pending until the refusal comes.
    changes({change(1, 8, 2, "under_review", "wang.jianguo", "wang.jianguo", "claim", "received"),
             change(2, 8, 3, "held", "wang.jianguo", "wang.jianguo", "hold", "under_review"),
             change(3, 8, 4, "under_review", "wang.jianguo", "wang.jianguo", "resume", "held"),
             change(4, 8, 5, "under_review", "wang.jianguo", "zhou.hua", "reassign", "under_review")});
    QCOMPARE(value(QStringLiteral("SELECT state || '/' || assignee || '/' || pending FROM declarations WHERE id = 8")).toString(),
             QStringLiteral("under_review/wang.jianguo/1"));
}

void TestCacheSync::aRefusalIsSaidInTheWorkstationsWords()
{
    // The server's words are its own language's (here "server words"); a refusal that carries the
    // item as the server had it is decided again here, and said in this workstation's words.
    auto refuse = [this](qint64 item, const char *code, bool withState, const QString &state, const QString &assignee, qint64 version) {
        QSignalSpy settled(m_cache->writer(), &CacheWriter::commandSettled);
        issue("claim", item);
        const qint64 seq = m_cache->writer()->pendingCommands(10).constLast().seq;
        m_cache->writer()->settle({seq, false, version, withState, state, assignee, QString::fromLatin1(code), QStringLiteral("server words")});
        [&] { QTRY_COMPARE(settled.size(), 1); }();
        return settled.size() == 1 ? settled.at(0).at(0).value<CommandReply>().message : QString();
    };
    auto history = [this](qint64 item) {
        return value(QStringLiteral("SELECT reason FROM events WHERE item_id = %1 AND actor = 'clearway-server'").arg(item)).toString();
    };
    // Claimed by li.na on the server first: no longer awaiting review.
    const QString underReview = QStringLiteral("This action is not possible while the item is \"Under review\". 李娜 has it now.");
    QCOMPARE(refuse(8, "wrong_state", true, QStringLiteral("under_review"), QStringLiteral("li.na"), 2), underReview);
    QVERIFY2(history(8).contains(underReview), qPrintable(history(8)));
    // Released meanwhile.
    QCOMPARE(refuse(15, "wrong_state", true, QStringLiteral("released"), QStringLiteral("li.na"), 4),
             QStringLiteral("This action is not possible while the item is \"Released\". 李娜 has it now."));
    // Claimed by li.na meanwhile: the rules' words name her.
    QCOMPARE(refuse(43, "already_claimed", true, QStringLiteral("received"), QStringLiteral("li.na"), 2),
             QStringLiteral("Another officer (李娜) already claimed this item."));
    // A code the rules here do not give on that state (a newer server's): the server's words.
    QCOMPARE(refuse(22, "wrong_state", true, QStringLiteral("received"), QString(), 1), QStringLiteral("server words"));
    // A retry answered from the server's record carries no item: the server's words.
    QCOMPARE(refuse(29, "already_claimed", false, {}, {}, 0), QStringLiteral("server words"));
    QCOMPARE(refuse(36, "not_found", false, {}, {}, 0), QStringLiteral("The server does not have this item."));
}

void TestCacheSync::replayedChangesAreSkipped()
{
    changes({change(1, 9, 2, "under_review", "li.na", "li.na", "claim", "received"),
             change(2, 9, 3, "released", "li.na", "li.na", "release", "under_review")});
    // A flaky reconnect replays an older change: the item does not go back.
    changes({change(1, 9, 2, "under_review", "li.na", "li.na", "claim", "received")});
    QCOMPARE(value(QStringLiteral("SELECT state || '/' || version FROM declarations WHERE id = 9")).toString(), QStringLiteral("released/3"));
    QCOMPARE(value(QStringLiteral("SELECT count(*) FROM events WHERE item_id = 9")).toInt(), 2);
    QCOMPARE(m_cache->writer()->syncCursor(), 2);
}

// After a copy, the closed-item queue indexes and the search index are built in the background in
// steps while the writer goes on
// with other work; changes to searched columns arriving meanwhile, on rows the build has passed
// and on rows it has not reached, end up indexed exactly once, with their new values.
void TestCacheSync::theSearchIndexIsBuiltInTheBackgroundAndMissesNothing()
{
    m_cache.reset();
    constexpr int kRows = 20000; // several steps of the build
    const QString path = m_dir->filePath(QStringLiteral("search.sqlite"));
    QCOMPARE(Tests::writeFixtureCache(path, kRows, QDateTime::currentDateTime()), QString());
    {
        // As a copy leaves it: rows in, nothing indexed, every searched table pending.
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("unindex"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        for (const QString &index : deferredQueueIndexes())
            QVERIFY(q.exec(QStringLiteral("DROP INDEX %1").arg(index)));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO meta (key, value) VALUES ('%1', '%2')")
                           .arg(QLatin1String(kIndexesPendingKey), deferredQueueIndexes().join(QLatin1Char(',')))));
        for (const QString &table : searchedTables()) {
            QVERIFY(q.exec(QStringLiteral("INSERT INTO %1_fts(%1_fts) VALUES ('delete-all')").arg(table)));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO %1_grams(%1_grams) VALUES ('delete-all')").arg(table)));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO meta (key, value) VALUES ('%1', '0')").arg(searchPendingKey(table))));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("unindex"));

    m_cache = std::make_unique<Cache>();
    QVERIFY(m_cache->open(path).ok());
    QSignalSpy progress(m_cache->writer(), &CacheWriter::backgroundIndexProgress);
    // A renamed enterprise on the first row and on the last, while the build runs.
    const QString renamed = QStringLiteral("鹏程万里跨境贸易");
    QList<Models::ItemChange> renames;
    for (const qint64 id : {qint64(1), qint64(kRows)}) {
        Models::ItemChange c = change(id, id, 1000, "received", "", "li.na", "amend", "received");
        c.fields = QJsonObject{{QStringLiteral("row"), QJsonObject{{QStringLiteral("enterprise_name"), renamed}}}};
        renames << c;
    }
    changes(renames);
    QTRY_VERIFY_WITH_TIMEOUT(!progress.isEmpty() && progress.last().at(0) == progress.last().at(1), 30000);
    QVERIFY(m_cache->writer()->isBackgroundIndexingComplete());
    QCOMPARE(value(QStringLiteral("SELECT count(*) FROM meta WHERE key LIKE 'search_pending:%' OR key = 'indexes_pending'")).toInt(), 0);
    for (const QString &index : deferredQueueIndexes()) {
        QCOMPARE(value(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = '%1'").arg(index)).toInt(), 1);
        if (index.startsWith(QLatin1String("declarations_"))) // (SQLite keeps no statistics for an empty index)
            QVERIFY2(value(QStringLiteral("SELECT count(*) FROM sqlite_stat1 WHERE idx = '%1'").arg(index)).toInt() == 1, qPrintable(index));
    }

    // Exactly the rows, once each, with what they say now.
    QCOMPARE(value(QStringLiteral("SELECT group_concat(rowid) FROM (SELECT rowid FROM declarations_fts WHERE declarations_fts MATCH '\"%1\"' ORDER BY rowid)")
                       .arg(renamed))
                 .toString(),
             QStringLiteral("1,%1").arg(kRows));
    // The short-word index too: a two-character word is one token, the hex of its UTF-8.
    const QString pair = QString::fromUtf8(renamed.left(2).toUtf8().toHex());
    QCOMPARE(value(QStringLiteral("SELECT group_concat(rowid) FROM (SELECT rowid FROM declarations_grams WHERE declarations_grams MATCH '%1' ORDER BY rowid)")
                       .arg(pair))
                 .toString(),
             QStringLiteral("1,%1").arg(kRows));
    for (const QString &table : searchedTables()) {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        // Compares the trigram index with the table, row by row.
        QVERIFY2(q.exec(QStringLiteral("INSERT INTO %1_fts(%1_fts, rank) VALUES ('integrity-check', 1)").arg(table)), qPrintable(table + q.lastError().text()));
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("check"));
    }
    // Once complete, the triggers keep every row indexed again.
    Models::ItemChange later = change(kRows + 1, 2, 1000, "received", "", "li.na", "amend", "received");
    later.fields = QJsonObject{{QStringLiteral("row"), QJsonObject{{QStringLiteral("enterprise_name"), renamed}}}};
    changes({later});
    QCOMPARE(value(QStringLiteral("SELECT count(*) FROM declarations_fts WHERE declarations_fts MATCH '\"%1\"'").arg(renamed)).toInt(), 3);
}

namespace {

// How declaration 10 was routed: red by rule VAL-1, the unit value against the reference.
QJsonObject routing(const char *channel)
{
    const QJsonObject reason{{QStringLiteral("kind"), QStringLiteral("rule")},        {QStringLiteral("channel"), QStringLiteral("red")},
                             {QStringLiteral("ruleId"), QStringLiteral("VAL-1")},     {QStringLiteral("ruleName"), QStringLiteral("低价冻虾")},
                             {QStringLiteral("instruction"), QStringLiteral("开箱查验三箱。")}, {QStringLiteral("goodsLine"), 1},
                             {QStringLiteral("unitValue"), 35.5},                     {QStringLiteral("reference"), 60},
                             {QStringLiteral("unit"), QStringLiteral("千克")},          {QStringLiteral("text"), QStringLiteral("Rule VAL-1 …")}};
    return {{QStringLiteral("channel"), QString::fromLatin1(channel)}, {QStringLiteral("ruleSet"), 4}, {QStringLiteral("reasons"), QJsonArray{reason}},
            {QStringLiteral("routedAt"), 1795353600},                   {QStringLiteral("routedBy"), QStringLiteral("gateway")}};
}

} // namespace

void TestCacheSync::theRoutingAChangeBringsIsKept()
{
    Models::ItemChange c = change(1, 10, 2, "received", "", "gateway", "declare", "");
    c.fields = {{QStringLiteral("row"), QJsonObject{{QStringLiteral("channel"), 3}}}, {QStringLiteral("risk"), routing("red")}};
    changes({c});
    DeclarationRisk risk;
    QString error;
    QVERIFY2(loadDeclarationRisk(QSqlDatabase::database(m_cache->connectionName(), false), 10, &risk, &error), qPrintable(error));
    QCOMPARE(risk.current, Models::Channel::Red);
    QVERIFY(risk.routing);
    QCOMPARE(risk.routing->ruleSet, 4);
    QCOMPARE(risk.routing->routedBy, QStringLiteral("gateway"));
    QCOMPARE(risk.routing->hits.size(), 1);
    const Models::RiskHit &hit = risk.routing->hits.at(0);
    QCOMPARE(hit.kind, Models::RiskHitKind::Rule);
    QCOMPARE(hit.ruleId, QStringLiteral("VAL-1"));
    QCOMPARE(hit.instruction, QStringLiteral("开箱查验三箱。"));
    QCOMPARE(hit.goodsLine, 1);
    QCOMPARE(hit.unitValueFen, 3550.0);
    QCOMPARE(hit.referenceFen, 6000.0);
    // A declaration without a routing here: the lane, and nothing to explain it yet.
    QVERIFY(loadDeclarationRisk(QSqlDatabase::database(m_cache->connectionName(), false), 11, &risk, &error));
    QVERIFY(!risk.routing);
    QVERIFY(!loadDeclarationRisk(QSqlDatabase::database(m_cache->connectionName(), false), 999999, &risk, &error));
    QVERIFY(!error.isEmpty());
}

void TestCacheSync::aMalformedRoutingRefusesTheWholeChange()
{
    const QString before = value(QStringLiteral("SELECT state || '/' || version FROM declarations WHERE id = 10")).toString();
    Models::ItemChange c = change(1, 10, 7, "under_review", "li.na", "li.na", "claim", "received");
    c.fields = {{QStringLiteral("risk"), routing("purple")}};
    QSignalSpy failed(m_cache->writer(), &CacheWriter::syncFailed);
    m_cache->writer()->applyChanges({c});
    QCOMPARE(m_cache->writer()->syncCursor(), 0); // nothing applied, the cursor stays
    QCOMPARE(failed.size(), 1);
    QCOMPARE(value(QStringLiteral("SELECT state || '/' || version FROM declarations WHERE id = 10")).toString(), before);
    QCOMPARE(value(QStringLiteral("SELECT count(*) FROM risk_reasons")).toInt(), 0);
}

void TestCacheSync::afterAFailedBatchNothingMovesTheCursorUntilResumed()
{
    Models::ItemChange bad = change(1, 10, 7, "under_review", "li.na", "li.na", "claim", "received");
    bad.fields = {{QStringLiteral("risk"), routing("purple")}};
    QSignalSpy failed(m_cache->writer(), &CacheWriter::syncFailed);
    m_cache->writer()->applyChanges({bad});
    // Already on its way when the failure is known: applied, it would put the cursor past change 1.
    m_cache->writer()->applyChanges({change(2, 11, 7, "under_review", "li.na", "li.na", "claim", "received")}, 5);
    QCOMPARE(m_cache->writer()->syncCursor(), 0);
    QCOMPARE(failed.size(), 1);
    // The server sends everything again after a new subscribe.
    m_cache->writer()->resumeChanges();
    m_cache->writer()->applyChanges({change(1, 10, 7, "under_review", "li.na", "li.na", "claim", "received"),
                                     change(2, 11, 7, "under_review", "li.na", "li.na", "claim", "received")},
                                    5);
    QCOMPARE(m_cache->writer()->syncCursor(), 5); // and the "through" that came with them
    QCOMPARE(value(QStringLiteral("SELECT assignee FROM declarations WHERE id = 10")).toString(), QStringLiteral("li.na"));
}

void TestCacheSync::aRoutingFromTheServerIsKept()
{
    QString error;
    std::optional<RiskRouting> r = riskRoutingFromJson(12, routing("red"), &error);
    QVERIFY2(r, qPrintable(error));
    m_cache->writer()->keepRiskRouting(*r);
    m_cache->writer()->syncCursor(); // everything queued before it has run
    QCOMPARE(value(QStringLiteral("SELECT rule_set || '/' || channel FROM risk_reasons WHERE declaration_id = 12")).toString(), QStringLiteral("4/3"));
    // Bad replies are refused with a reason, never half read.
    QJsonObject bad = routing("red");
    bad.insert(QStringLiteral("reasons"), QJsonArray{QJsonObject{{QStringLiteral("kind"), QStringLiteral("hunch")}, {QStringLiteral("channel"), QStringLiteral("red")}}});
    QVERIFY(!riskRoutingFromJson(12, bad, &error));
    QVERIFY(error.contains(QLatin1Char('1')));
    bad = routing("red");
    bad.remove(QStringLiteral("ruleSet"));
    QVERIFY(!riskRoutingFromJson(12, bad, &error));
}

QTEST_GUILESS_MAIN(TestCacheSync)
#include "tst_cachesync.moc"
