#include "storage/database.h"

#include "storage/schema.h"

#include <QAtomicInt>
#include <QDir>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QLoggingCategory>
#include <QMutex>
#include <QSqlError>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QThread>

#include <sqlite3.h>

#include <cmath>
#include <string>

namespace Clearway::Storage {

Q_LOGGING_CATEGORY(lcCache, "clearway.storage.cache")

namespace {

QString translated(const char *text) { return QCoreApplication::translate("Clearway::Storage", text); }

OpenResult failure(OpenError error, QString message, QString detail = {})
{
    OpenResult r;
    r.error = error;
    r.message = std::move(message);
    r.detail = std::move(detail);
    qCWarning(lcCache).noquote() << r.message << r.detail;
    return r;
}

// SQLite's locks are POSIX advisory locks, which a process loses on a file as soon as it closes any
// descriptor of that file (https://www.sqlite.org/howtocorrupt.html, 2.2). Reading the header of a
// file that a connection of this process has open would cancel that connection's locks, and another
// process could then take the database for unused and remove its WAL with the commits in it. Files
// open here are known to be SQLite: only the others have their header read.
QMutex openFilesMutex;
QHash<QString, int> openFiles; // canonical path -> connections of this process that have it open

QString fileKey(const QString &path)
{
    const QFileInfo info(path);
    const QString canonical = info.canonicalFilePath();
    return canonical.isEmpty() ? info.absoluteFilePath() : canonical;
}

bool isOpenHere(const QString &key)
{
    QMutexLocker lock(&openFilesMutex);
    return openFiles.contains(key);
}

// The first 16 bytes of every SQLite 3 file.
bool looksLikeSqlite(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    return f.read(16) == QByteArrayLiteral("SQLite format 3\0");
}

bool pragmaInt(QSqlDatabase &db, const QString &pragma, int *value, QString *error)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA ") + pragma) || !q.next()) {
        *error = q.lastError().text();
        return false;
    }
    *value = q.value(0).toInt();
    return true;
}

} // namespace

bool execRetrying(QSqlQuery &q, const QString &sql)
{
    constexpr int kAttempts = 20;
    for (int attempt = 1;; ++attempt) {
        if (sql.isNull() ? q.exec() : q.exec(sql))
            return true;
        if (attempt == kAttempts || q.lastError().nativeErrorCode() != QString::number(SQLITE_SCHEMA))
            return false;
        QThread::msleep(1);
    }
}

bool exec(QSqlDatabase &db, const QString &sql, QString *error)
{
    QSqlQuery q(db);
    if (execRetrying(q, sql))
        return true;
    if (error)
        *error = queryError(q) + QStringLiteral(" [") + sql.left(120) + QLatin1Char(']');
    return false;
}

bool execQuery(QSqlQuery &q, const QString &sql, const QVariantList &binds, QString *error)
{
    if (!q.prepare(sql)) {
        *error = queryError(q);
        return false;
    }
    for (const QVariant &v : binds)
        q.addBindValue(v);
    if (!execRetrying(q)) {
        *error = queryError(q);
        return false;
    }
    return true;
}

QString queryError(const QSqlQuery &q)
{
    const QString text = q.lastError().text();
    if (!text.trimmed().isEmpty())
        return text;
    return q.driver() && !q.driver()->isOpen() ? QStringLiteral("the database connection is not open") : QStringLiteral("the query failed (no reason given)");
}

QVariant notNullText(const QString &value) { return value.isNull() ? QVariant(QStringLiteral("")) : QVariant(value); }

QVariant sqlValue(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Double: {
        const double d = v.toDouble();
        if (std::trunc(d) == d && std::abs(d) < 9007199254740992.0)
            return QVariant(qint64(d));
        return QVariant(d);
    }
    case QJsonValue::String: return QVariant(v.toString());
    case QJsonValue::Bool: return QVariant(qint64(v.toBool()));
    default: return QVariant(QMetaType::fromType<qint64>());
    }
}

bool beginImmediate(QSqlDatabase &db, QString *error) { return exec(db, QStringLiteral("BEGIN IMMEDIATE"), error); }

bool commit(QSqlDatabase &db, QString *error) { return exec(db, QStringLiteral("COMMIT"), error); }

void rollback(QSqlDatabase &db)
{
    QString ignored;
    exec(db, QStringLiteral("ROLLBACK"), &ignored);
}

bool isDiskFull(const QString &driverText)
{
    return driverText.contains(QLatin1String("disk is full"), Qt::CaseInsensitive)
        || driverText.contains(QLatin1String("disk I/O error"), Qt::CaseInsensitive);
}

Connection::~Connection() { close(); }

QSqlDatabase Connection::database() const { return QSqlDatabase::database(m_name, false); }

void Connection::close()
{
    if (m_name.isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_name);
    m_name.clear();
    QMutexLocker lock(&openFilesMutex);
    if (--openFiles[m_file] <= 0)
        openFiles.remove(m_file);
    m_file.clear();
}

OpenResult Connection::open(const QString &path, const QString &purpose, bool migrate)
{
    close();
    static QAtomicInt serial;
    const QString name = QStringLiteral("clearway-%1-%2").arg(purpose).arg(serial.fetchAndAddRelaxed(1));

    const QFileInfo info(path);
    const bool exists = info.exists();
    if (exists && info.size() > 0 && !isOpenHere(fileKey(path)) && !looksLikeSqlite(path)) {
        return failure(OpenError::NotADatabase,
                       translated(QT_TRANSLATE_NOOP("Clearway::Storage",
                                                    "The file %1 is not a Clearway cache (it is not an SQLite database, or its header is damaged). It was left untouched."))
                           .arg(QDir::toNativeSeparators(path)));
    }
    if (!exists && !migrate) {
        return failure(OpenError::CannotOpen,
                       translated(QT_TRANSLATE_NOOP("Clearway::Storage", "The cache %1 does not exist.")).arg(QDir::toNativeSeparators(path)));
    }

    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (!migrate)
            db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (!db.open()) {
            const QString detail = db.lastError().text();
            db = {};
            QSqlDatabase::removeDatabase(name);
            return failure(OpenError::CannotOpen,
                           translated(QT_TRANSLATE_NOOP("Clearway::Storage", "The cache %1 could not be opened.")).arg(QDir::toNativeSeparators(path)),
                           detail);
        }
    }
    m_name = name;
    m_file = fileKey(path);
    {
        QMutexLocker lock(&openFilesMutex);
        ++openFiles[m_file];
    }
    QSqlDatabase db = database();
    QString error;
    registerFunctions(db);

    int appId = 0;
    int version = 0;
    if (!pragmaInt(db, QStringLiteral("application_id"), &appId, &error) || !pragmaInt(db, QStringLiteral("user_version"), &version, &error)) {
        close();
        return failure(OpenError::NotADatabase,
                       translated(QT_TRANSLATE_NOOP("Clearway::Storage",
                                                    "The file %1 cannot be read as a database; it may be damaged. It was left untouched."))
                           .arg(QDir::toNativeSeparators(path)),
                       error);
    }
    int tableCount = 0;
    {
        QSqlQuery q(db);
        if (q.exec(QStringLiteral("SELECT count(*) FROM sqlite_schema")) && q.next())
            tableCount = q.value(0).toInt();
    }
    if (appId != kApplicationId && (appId != 0 || tableCount > 0)) {
        close();
        return failure(OpenError::ForeignFile,
                       translated(QT_TRANSLATE_NOOP("Clearway::Storage",
                                                    "The file %1 is a database, but not a Clearway cache. It was left untouched; choose another file."))
                           .arg(QDir::toNativeSeparators(path)));
    }
    if (version > kSchemaVersion) {
        close();
        OpenResult r = failure(OpenError::NewerSchema,
                               translated(QT_TRANSLATE_NOOP("Clearway::Storage",
                                                            "The cache %1 was written by a newer version of Clearway (schema %2; this version reads up to %3). Update Clearway; the cache was left untouched."))
                                   .arg(QDir::toNativeSeparators(path))
                                   .arg(version)
                                   .arg(kSchemaVersion));
        r.schemaVersion = version;
        return r;
    }

    const QStringList settings = {
        QStringLiteral("PRAGMA busy_timeout = 10000"),
        QStringLiteral("PRAGMA foreign_keys = ON"),
        QStringLiteral("PRAGMA synchronous = NORMAL"),
        QStringLiteral("PRAGMA temp_store = MEMORY"),
        QStringLiteral("PRAGMA cache_size = -32768"), // 32 MiB per connection
    };
    for (const QString &sql : settings) {
        if (!exec(db, sql, &error)) {
            close();
            if (error.contains(QLatin1String("malformed")) || error.contains(QLatin1String("not a database"))) {
                return failure(OpenError::NotADatabase,
                               translated(QT_TRANSLATE_NOOP("Clearway::Storage",
                                                            "The cache %1 is damaged and cannot be read. It was left untouched; "
                                                            "technical support can rebuild it from the server and keep the unsent work."))
                                   .arg(QDir::toNativeSeparators(path)),
                               error);
            }
            return failure(OpenError::CannotOpen, translated(QT_TRANSLATE_NOOP("Clearway::Storage", "The cache could not be configured.")), error);
        }
    }
    if (migrate) {
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("PRAGMA journal_mode = WAL")) || !q.next() || q.value(0).toString() != QLatin1String("wal")) {
            const QString detail = q.lastError().text();
            close();
            return failure(OpenError::ReadOnly,
                           translated(QT_TRANSLATE_NOOP("Clearway::Storage", "The cache could not be switched to write-ahead logging; is its folder writable?")),
                           detail);
        }
    }

    if (migrate && version < kSchemaVersion) {
        for (const Migration &m : migrations()) {
            if (m.toVersion <= version)
                continue;
            bool ok = beginImmediate(db, &error);
            if (ok && version == 0)
                ok = exec(db, QStringLiteral("PRAGMA application_id = %1").arg(kApplicationId), &error);
            for (const QString &sql : m.statements) {
                if (!ok)
                    break;
                ok = exec(db, sql, &error);
            }
            if (ok)
                ok = exec(db, QStringLiteral("PRAGMA user_version = %1").arg(m.toVersion), &error);
            if (ok)
                ok = commit(db, &error);
            if (!ok) {
                rollback(db);
                close();
                if (isDiskFull(error)) {
                    return failure(OpenError::DiskFull,
                                   translated(QT_TRANSLATE_NOOP("Clearway::Storage",
                                                                "The disk is full: the cache could not be upgraded. Nothing was changed; free some space and start again.")),
                                   error);
                }
                return failure(OpenError::MigrationFailed,
                               translated(QT_TRANSLATE_NOOP("Clearway::Storage",
                                                            "The cache could not be upgraded to schema %1. Nothing was changed."))
                                   .arg(m.toVersion),
                               error);
            }
            qCInfo(lcCache) << "migrated" << path << "to schema" << m.toVersion;
            version = m.toVersion;
        }
    }

    OpenResult r;
    r.schemaVersion = version;
    return r;
}

sqlite3 *sqliteHandle(const QSqlDatabase &db)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    if (qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.data());
}

namespace {

void appendHex(std::string &out, const unsigned char *bytes, int size)
{
    static const char digits[] = "0123456789ABCDEF";
    for (int i = 0; i < size; ++i) {
        unsigned char b = bytes[i];
        if (b >= 'A' && b <= 'Z')
            b = static_cast<unsigned char>(b - 'A' + 'a'); // ASCII only, as SQLite's lower() and LIKE
        out += digits[b >> 4];
        out += digits[b & 0xf];
    }
}

// The same text as, for each n in 1..length(v): hex(lower(substr(v, n, 1))) || ' ' ||
// hex(lower(substr(v, n, 2))), joined by ' ', and the arguments joined by ' ' (substr counts
// UTF-8 characters).
void gramsFunction(sqlite3_context *context, int argc, sqlite3_value **argv)
{
    std::string out;
    for (int a = 0; a < argc; ++a) {
        if (a > 0)
            out += ' ';
        const auto *text = sqlite3_value_text(argv[a]);
        if (!text)
            continue;
        const int size = sqlite3_value_bytes(argv[a]);
        auto next = [&](int at) { // the start of the character after the one at `at`
            ++at;
            while (at < size && (text[at] & 0xC0) == 0x80)
                ++at;
            return at;
        };
        bool first = true;
        for (int at = 0; at < size;) {
            const int second = next(at);
            const int after = second < size ? next(second) : second;
            if (!first)
                out += ' ';
            first = false;
            appendHex(out, text + at, second - at);
            out += ' ';
            appendHex(out, text + at, after - at);
            at = second;
        }
    }
    sqlite3_result_text(context, out.data(), int(out.size()), SQLITE_TRANSIENT);
}

} // namespace

bool registerFunctions(const QSqlDatabase &db)
{
    sqlite3 *h = sqliteHandle(db);
    return h
        && sqlite3_create_function_v2(h, "clearway_grams", -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr, gramsFunction,
                                      nullptr, nullptr, nullptr)
        == SQLITE_OK;
}

} // namespace Clearway::Storage
