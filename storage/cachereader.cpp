#include "storage/cachereader.h"

#include "storage/database.h"

#include "models/lifecycle.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>

namespace Clearway::Storage {

Q_LOGGING_CATEGORY(lcReader, "clearway.storage.reader")

namespace {

bool countRows(QSqlDatabase &db, const QString &sql, const QVariantList &binds, qint64 *rows, QString *error)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.prepare(sql)) {
        *error = q.lastError().text();
        return false;
    }
    for (const QVariant &v : binds)
        q.addBindValue(v);
    if (!execRetrying(q) || !q.next()) {
        *error = q.lastError().text();
        return false;
    }
    *rows = q.value(0).toLongLong();
    return true;
}

} // namespace

CacheReader::CacheReader(const QString &path, QObject *parent)
    : QObject(parent)
    , m_path(path)
{
}

CacheReader::~CacheReader() = default;

bool CacheReader::ensureOpen(QString *error)
{
    if (m_connection.isOpen())
        return true;
    const OpenResult r = m_connection.open(m_path, QStringLiteral("reader"), false);
    if (!r.ok())
        *error = r.message;
    return r.ok();
}

void CacheReader::requestCount(quint64 ticket, const QString &table, const SqlWhere &where)
{
    QMetaObject::invokeMethod(this, [this, ticket, table, where] {
        QString error;
        qint64 rows = 0;
        if (ensureOpen(&error)) {
            QSqlDatabase db = m_connection.database();
            countRows(db, QStringLiteral("SELECT count(*) FROM ") + table + QLatin1Char(' ') + where.clause, where.binds, &rows, &error);
        }
        if (!error.isEmpty())
            qCWarning(lcReader).noquote() << "count failed:" << error;
        Q_EMIT counted(ticket, rows, error);
    });
}

void CacheReader::requestQueueCounts(const QString &officerId, const QDateTime &now)
{
    QMetaObject::invokeMethod(this, [this, officerId, now] {
        QString error;
        if (!ensureOpen(&error)) {
            qCWarning(lcReader).noquote() << error;
            return;
        }
        QSqlDatabase db = m_connection.database();
        QList<QueueCounts> all;
        for (int k = 0; k < Models::WorkKindCount; ++k) {
            const QueueSpec &spec = QueueSpec::of(static_cast<Models::WorkKind>(k));
            QueueCounts c;
            c.kind = spec.kind;
            QueueFilter f;
            f.officerId = officerId;
            f.now = now;
            auto count = [&](Scope scope, std::optional<Models::SlaState> sla, qint64 *out) {
                f.scope = scope;
                f.sla = sla;
                const SqlWhere w = buildWhere(spec, f);
                if (!countRows(db, QStringLiteral("SELECT count(*) FROM ") + spec.table + QLatin1Char(' ') + w.clause, w.binds, out, &error))
                    qCWarning(lcReader).noquote() << "queue count failed:" << error;
            };
            count(Scope::MyWork, std::nullopt, &c.mine);
            count(Scope::Unassigned, std::nullopt, &c.unassigned);
            count(Scope::Open, std::nullopt, &c.open);
            count(Scope::Open, Models::SlaState::Overdue, &c.overdue);
            all << c;
        }
        Q_EMIT queueCountsReady(all);
    });
}

void CacheReader::requestQuickCheck()
{
    QMetaObject::invokeMethod(this, [this] {
        QElapsedTimer timer;
        timer.start();
        QString error;
        if (!ensureOpen(&error)) {
            Q_EMIT quickCheckDone(false, error, timer.elapsed());
            return;
        }
        QSqlDatabase db = m_connection.database();
        QSqlQuery q(db);
        q.setForwardOnly(true);
        QStringList problems;
        if (!execRetrying(q, QStringLiteral("PRAGMA quick_check"))) {
            problems << q.lastError().text();
        } else {
            while (q.next()) {
                const QString line = q.value(0).toString();
                if (line != QLatin1String("ok"))
                    problems << line;
            }
        }
        const bool ok = problems.isEmpty();
        if (!ok)
            qCCritical(lcReader).noquote() << "quick_check found damage:" << problems.join(QLatin1String("; "));
        Q_EMIT quickCheckDone(ok, problems.join(QLatin1Char('\n')), timer.elapsed());
    });
}

} // namespace Clearway::Storage
