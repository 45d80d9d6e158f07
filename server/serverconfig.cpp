#include "server/serverconfig.h"

#include "server/store.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace Clearway::Server {

const QList<SettingSpec> &settingSpecs()
{
    static const QList<SettingSpec> specs = {
        {QStringLiteral("database"), QStringLiteral("path|url"),
         QStringLiteral("SQLite database file, or a PostgreSQL URL postgresql://user@host:port/dbname.")},
        {QStringLiteral("listen"), QStringLiteral("address"), QStringLiteral("Address to listen on (default 127.0.0.1).")},
        {QStringLiteral("port"), QStringLiteral("port"), QStringLiteral("Port (default 8765; 0 picks a free one).")},
        {QStringLiteral("cert"), QStringLiteral("file"), QStringLiteral("TLS certificate, PEM: the server's first, then intermediates.")},
        {QStringLiteral("key"), QStringLiteral("file"), QStringLiteral("TLS private key, PEM (RSA or EC, no passphrase).")},
        {QStringLiteral("max-connections"), QStringLiteral("n"), QStringLiteral("Most workstations connected at once (default 2000).")},
        {QStringLiteral("max-messages-per-second"), QStringLiteral("n"), QStringLiteral("Rate limit per connection (default 500).")},
        {QStringLiteral("session-hours"), QStringLiteral("hours"), QStringLiteral("How long a sign-in stays valid (default 12).")},
        {QStringLiteral("offline-sign-in-days"), QStringLiteral("days"),
         QStringLiteral("How long a workstation may sign an officer in without the server, after a sign-in with the password there "
                        "(default 7; 0 turns offline sign-in off).")},
        {QStringLiteral("handshake-timeout"), QStringLiteral("seconds"),
         QStringLiteral("A new TCP connection must finish the WebSocket (and TLS) handshake within this (default 10).")},
        {QStringLiteral("login-timeout"), QStringLiteral("seconds"), QStringLiteral("A connection must sign in within this (default 10).")},
        {QStringLiteral("idle-timeout"), QStringLiteral("seconds"),
         QStringLiteral("A connection from which nothing arrives for this long is closed (default 90; workstations ping every 20 s).")},
        {QStringLiteral("send-queue-high-kb"), QStringLiteral("KiB"),
         QStringLiteral("A workstation with more than this queued unread gets no changes until it reads (default 8192).")},
        {QStringLiteral("send-queue-max-kb"), QStringLiteral("KiB"),
         QStringLiteral("A connection with more than this queued unread is closed (default 65536; above send-queue-high-kb).")},
        {QStringLiteral("slow-reader-timeout"), QStringLiteral("seconds"),
         QStringLiteral("A connection above send-queue-high-kb for this long is closed (default 60).")},
        {QStringLiteral("sign-in-failures-per-account"), QStringLiteral("n"),
         QStringLiteral("Failed sign-ins to one account within a minute before its sign-ins are refused for a while (default 5).")},
        {QStringLiteral("sign-in-failures-per-address"), QStringLiteral("n"),
         QStringLiteral("Failed sign-ins from one network address within a minute before its sign-ins are refused for a while (default 20).")},
        {QStringLiteral("sign-in-lockout"), QStringLiteral("seconds"),
         QStringLiteral("How long sign-ins are first refused after too many failures; each further failure doubles it, up to 15 minutes "
                        "(default 30).")},
        {QStringLiteral("snapshot-page-rows"), QStringLiteral("n"), QStringLiteral("Rows per initial-snapshot page (default 4000).")},
        {QStringLiteral("blob-dir"), QStringLiteral("folder"),
         QStringLiteral("Where blobs (photos, recordings, PDFs) are kept (default: <database>.blobs beside an SQLite file; "
                        "clearway-blobs in the working folder for PostgreSQL).")},
        {QStringLiteral("max-blob-mb"), QStringLiteral("MiB"), QStringLiteral("Largest blob a workstation may upload (default 2048).")},
        {QStringLiteral("auto-assign"), QStringLiteral("on|off"),
         QStringLiteral("New declarations go straight to a window officer of their office, by section (permissions section.hs:<prefix>) "
                        "and then workload (default off: they wait in the shared queue to be claimed).")},
        {QStringLiteral("change-poll-ms"), QStringLiteral("ms"),
         QStringLiteral("How often the change log's end is read for changes other processes committed: other instances on a "
                        "PostgreSQL database whose notification was missed, another process on an SQLite file (default 1000; "
                        "0 never: PostgreSQL then relies on LISTEN/NOTIFY alone).")},
        {QStringLiteral("log-rules"), QStringLiteral("rules"),
         QStringLiteral("Logging filter rules separated by ';', e.g. \"clearway.server.*.debug=false\" (QT_LOGGING_RULES overrides).")},
    };
    return specs;
}

namespace {

bool isPathKey(const QString &key)
{
    return key == QLatin1String("database") || key == QLatin1String("cert") || key == QLatin1String("key") || key == QLatin1String("blob-dir");
}

std::optional<int> wholeNumber(const SettingValues &values, const QString &key, int fallback, int min, int max, QString *error)
{
    const auto it = values.constFind(key);
    if (it == values.constEnd())
        return fallback;
    bool ok = false;
    const int n = it->value.trimmed().toInt(&ok);
    if (!ok || n < min || n > max) {
        *error = QStringLiteral("%1 (from %2): \"%3\" is not a whole number from %4 to %5").arg(key, it->origin, it->value).arg(min).arg(max);
        return std::nullopt;
    }
    return n;
}

} // namespace

bool readConfigFile(const QString &path, SettingValues *values, QStringList *unknownKeys, QString *error)
{
    const QFileInfo info(path);
    if (!info.isFile() || !info.isReadable()) {
        *error = QStringLiteral("cannot read the config file %1").arg(path);
        return false;
    }
    const QSettings file(info.absoluteFilePath(), QSettings::IniFormat);
    if (file.status() != QSettings::NoError) {
        *error = QStringLiteral("the config file %1 is not a valid INI file").arg(path);
        return false;
    }
    QStringList known;
    for (const SettingSpec &spec : settingSpecs())
        known << spec.key;
    const QString origin = info.absoluteFilePath();
    for (const QString &key : file.allKeys()) {
        if (!known.contains(key)) {
            unknownKeys->append(key);
            continue;
        }
        const QVariant v = file.value(key);
        QString text;
        if (v.typeId() == QMetaType::QStringList) {
            // QSettings splits an unquoted value at commas.
            if (key != QLatin1String("log-rules")) {
                *error = QStringLiteral("%1 (from %2): one value expected, got a list (quote a value that has commas)").arg(key, origin);
                return false;
            }
            text = v.toStringList().join(QLatin1Char(';'));
        } else {
            text = v.toString();
        }
        if (isPathKey(key) && !text.isEmpty() && !Store::isPostgresUrl(text))
            text = QDir::cleanPath(info.absoluteDir().absoluteFilePath(text));
        values->insert(key, {text, origin});
    }
    return true;
}

std::optional<ServerSettings> resolveSettings(const SettingValues &values, QString *error)
{
    ServerSettings s;
    s.database = values.value(QStringLiteral("database")).value;
    s.certFile = values.value(QStringLiteral("cert")).value;
    s.keyFile = values.value(QStringLiteral("key")).value;
    s.logRules = values.value(QStringLiteral("log-rules")).value;
    s.hub.blobDir = values.value(QStringLiteral("blob-dir")).value;
    s.logRules.replace(QLatin1Char(';'), QLatin1Char('\n'));

    const SettingValue listen = values.value(QStringLiteral("listen"), {QStringLiteral("127.0.0.1"), QStringLiteral("the default")});
    s.hub.address = QHostAddress(listen.value.trimmed());
    if (s.hub.address.isNull()) {
        *error = QStringLiteral("listen (from %1): \"%2\" is not an IP address").arg(listen.origin, listen.value);
        return std::nullopt;
    }
    bool ok = true;
    auto number = [&](const char *key, int fallback, int min, int max) {
        const std::optional<int> n = ok ? wholeNumber(values, QString::fromLatin1(key), fallback, min, max, error) : std::nullopt;
        ok = n.has_value();
        return n.value_or(fallback);
    };
    s.hub.port = quint16(number("port", 8765, 0, 65535));
    s.hub.maxConnections = number("max-connections", s.hub.maxConnections, 1, 100000);
    s.hub.maxMessagesPerSecond = number("max-messages-per-second", s.hub.maxMessagesPerSecond, 1, 100000);
    s.hub.sessionHours = number("session-hours", s.hub.sessionHours, 1, 24 * 31);
    s.hub.offlineSignInDays = number("offline-sign-in-days", s.hub.offlineSignInDays, 0, 90);
    s.hub.loginTimeoutMs = number("login-timeout", s.hub.loginTimeoutMs / 1000, 1, 600) * 1000;
    s.hub.handshakeTimeoutMs = number("handshake-timeout", s.hub.handshakeTimeoutMs / 1000, 1, 600) * 1000;
    s.hub.idleTimeoutMs = number("idle-timeout", s.hub.idleTimeoutMs / 1000, 1, 86400) * 1000;
    s.hub.sendQueueHighBytes = qint64(number("send-queue-high-kb", int(s.hub.sendQueueHighBytes >> 10), 64, 1 << 20)) << 10;
    s.hub.sendQueueMaxBytes = qint64(number("send-queue-max-kb", int(s.hub.sendQueueMaxBytes >> 10), 128, 4 << 20)) << 10;
    s.hub.slowReaderTimeoutMs = number("slow-reader-timeout", s.hub.slowReaderTimeoutMs / 1000, 1, 86400) * 1000;
    s.hub.signInLimits.perAccount = number("sign-in-failures-per-account", s.hub.signInLimits.perAccount, 1, 100000);
    s.hub.signInLimits.perAddress = number("sign-in-failures-per-address", s.hub.signInLimits.perAddress, 1, 100000);
    s.hub.signInLimits.lockoutMs = qint64(number("sign-in-lockout", int(s.hub.signInLimits.lockoutMs / 1000), 1, 900)) * 1000;
    s.hub.maxBlobBytes = qint64(number("max-blob-mb", int(s.hub.maxBlobBytes >> 20), 1, 1 << 20)) << 20;
    s.hub.snapshotPageRows = number("snapshot-page-rows", s.hub.snapshotPageRows, 1, 100000);
    s.changePollMs = number("change-poll-ms", s.changePollMs, 0, 3600000);
    if (!ok)
        return std::nullopt;
    const SettingValue autoAssign = values.value(QStringLiteral("auto-assign"), {QStringLiteral("off"), QStringLiteral("the default")});
    const QString onOff = autoAssign.value.trimmed().toLower();
    if (onOff != QLatin1String("on") && onOff != QLatin1String("off")) {
        *error = QStringLiteral("auto-assign (from %1): \"%2\" is neither on nor off").arg(autoAssign.origin, autoAssign.value);
        return std::nullopt;
    }
    s.autoAssign = onOff == QLatin1String("on");
    if (s.hub.sendQueueMaxBytes <= s.hub.sendQueueHighBytes) {
        *error = QStringLiteral("send-queue-max-kb (%1) must be more than send-queue-high-kb (%2)")
                     .arg(s.hub.sendQueueMaxBytes >> 10)
                     .arg(s.hub.sendQueueHighBytes >> 10);
        return std::nullopt;
    }
    if (s.certFile.isEmpty() != s.keyFile.isEmpty()) {
        *error = QStringLiteral("cert and key go together: give both or neither");
        return std::nullopt;
    }
    return s;
}

} // namespace Clearway::Server
