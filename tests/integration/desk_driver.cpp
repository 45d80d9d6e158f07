// A headless workstation that tst_failures can kill: opens a cache, syncs it with a server and
// carries out the officer's commands it reads from standard input, one a line:
//     <command> <declaration id> [reason]
// It prints what happens, one event a line, flushed at once:
//     ready <client id> | online | stored <command> <id> | refused-locally <command> <id> <code>
//     acked <seq> | refused <seq> <code> | error <text> | read-error <text> | churned <n>
//
// desk_driver CACHE URL USER [--churn ITEM N]
// --churn: claims and puts back declaration ITEM N times, each as soon as the last is stored,
// while the GUI thread reads the cache every few milliseconds (the writer, the sync client and
// the GUI on one file at once).
#include "storage/cache.h"
#include "storage/cachewriter.h"
#include "storage/database.h"
#include "sync/syncclient.h"
#include "tests/common/syncharness.h"

#include <QCoreApplication>
#include <QSocketNotifier>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>

#include <cstdio>
#include <unistd.h>

using namespace Clearway;

namespace {

void say(const QString &line)
{
    std::fprintf(stdout, "%s\n", qPrintable(line));
    std::fflush(stdout);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 4 && !(args.size() == 7 && args.at(4) == QLatin1String("--churn"))) {
        std::fprintf(stderr, "usage: desk_driver CACHE URL USER [--churn ITEM N]\n");
        return 64;
    }
    const QString user = args.at(3);
    const Models::Officer officer = user == QLatin1String("li.na") ? Tests::officerLi() : Tests::officerWang();

    Storage::Cache cache;
    const Storage::OpenResult opened = cache.open(args.at(1));
    if (!opened.ok()) {
        say(QStringLiteral("error cannot open the cache: %1 %2").arg(opened.message, opened.detail));
        return 1;
    }
    Storage::CacheWriter *writer = cache.writer();
    Sync::SyncClient sync(writer);
    QObject::connect(&sync, &Sync::SyncClient::stateChanged, &app, [](Sync::SyncClient::State state) {
        if (state == Sync::SyncClient::State::Online)
            say(QStringLiteral("online"));
    });
    QObject::connect(writer, &Storage::CacheWriter::commandSettled, &app, [](const Storage::CommandReply &reply, const Models::Command &) {
        say(reply.accepted ? QStringLiteral("acked %1").arg(reply.seq) : QStringLiteral("refused %1 %2").arg(reply.seq).arg(reply.code));
    });
    QObject::connect(writer, &Storage::CacheWriter::syncFailed, &app, [](const QString &message) { say(QStringLiteral("error ") + message); });

    auto issue = [writer, officer](const QString &name, qint64 item, const QString &reason) {
        Models::Command c;
        c.kind = Models::WorkKind::Declaration;
        c.itemId = item;
        c.name = name;
        c.reason = reason;
        writer->apply(c, officer);
    };

    // --churn: the next command as soon as the last is stored.
    const qint64 churnItem = args.size() == 7 ? args.at(5).toLongLong() : 0;
    const int churnCount = args.size() == 7 ? args.at(6).toInt() : 0;
    int churned = 0;
    QObject::connect(writer, &Storage::CacheWriter::applied, &app, [&](const Storage::CommandOutcome &outcome) {
        const Models::Command &c = outcome.command;
        if (outcome.stored)
            say(QStringLiteral("stored %1 %2").arg(c.name).arg(c.itemId));
        else if (!outcome.error.isEmpty())
            say(QStringLiteral("error %1").arg(outcome.error));
        else
            say(QStringLiteral("refused-locally %1 %2 %3").arg(c.name).arg(c.itemId).arg(outcome.decision.code));
        if (churnItem && c.itemId == churnItem && ++churned < churnCount) {
            if (churned % 100 == 0)
                say(QStringLiteral("churned %1").arg(churned));
            issue(outcome.decision.after.state == QLatin1String("received") ? QStringLiteral("claim") : QStringLiteral("unclaim"), churnItem, {});
        }
    });

    // The GUI thread's reads while the writer writes: every failure is printed.
    QTimer reads;
    QObject::connect(&reads, &QTimer::timeout, &app, [&cache] {
        QSqlQuery q(QSqlDatabase::database(cache.connectionName(), false));
        if (!Storage::execRetrying(q, QStringLiteral("SELECT count(*), sum(version), sum(pending) FROM declarations WHERE state = 'under_review'")) || !q.next())
            say(QStringLiteral("read-error ") + q.lastError().text());
        if (!Storage::execRetrying(q, QStringLiteral("SELECT count(*) FROM events e JOIN outbox o ON o.item_id = e.item_id")) || !q.next())
            say(QStringLiteral("read-error ") + q.lastError().text());
    });
    if (churnItem)
        reads.start(2);

    QSocketNotifier input(STDIN_FILENO, QSocketNotifier::Read);
    QByteArray pending;
    QObject::connect(&input, &QSocketNotifier::activated, &app, [&] {
        char buffer[4096];
        const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (n <= 0) {
            input.setEnabled(false); // end of input: keep syncing until killed
            return;
        }
        pending.append(buffer, n);
        qsizetype end;
        while ((end = pending.indexOf('\n')) >= 0) {
            const QStringList words = QString::fromUtf8(pending.left(end)).split(QLatin1Char(' '), Qt::SkipEmptyParts);
            pending.remove(0, end + 1);
            if (words.value(0) == QLatin1String("quit")) {
                QCoreApplication::quit();
                return;
            }
            if (words.size() >= 2)
                issue(words.at(0), words.at(1).toLongLong(), words.mid(2).join(QLatin1Char(' ')));
        }
    });

    say(QStringLiteral("ready ") + writer->clientId());
    sync.start(QUrl(args.at(2)), user, QString::fromLatin1(Tests::kPassword));
    if (churnItem)
        issue(QStringLiteral("claim"), churnItem, {});
    const int rc = app.exec();
    sync.stop();
    return rc;
}
