// clearway-server: the central server workstations sync with.
#include "demo/generator.h"
#include "models/types.h"
#include "server/hub.h"
#include "server/serverconfig.h"
#include "server/postgresstore.h"
#include "server/riskservice.h"
#include "server/riskwire.h"
#include "server/sqlitestore.h"
#include "server/tlsconfig.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>
#include <QUrl>

#include <atomic>
#include <csignal>
#include <cstdio>

using namespace Clearway;

namespace {

std::atomic<bool> g_stop{false};
extern "C" void onSignal(int) { g_stop = true; }

int usage(const QCommandLineParser &parser, const QString &message)
{
    std::fprintf(stderr, "clearway-server: %s\n\n%s", qPrintable(message), qPrintable(parser.helpText()));
    return 64;
}

int fail(const QString &message, int code = 1)
{
    std::fprintf(stderr, "clearway-server: %s\n", qPrintable(message));
    return code;
}

std::optional<Models::Roles> parseRoles(const QString &text)
{
    static const QHash<QString, Models::Role> names = {
        {QStringLiteral("window"), Models::Role::WindowOfficer},      {QStringLiteral("inspector"), Models::Role::Inspector},
        {QStringLiteral("remote"), Models::Role::RemoteInspector},     {QStringLiteral("certificate"), Models::Role::CertificateOfficer},
        {QStringLiteral("supervisor"), Models::Role::Supervisor},  {QStringLiteral("system"), Models::Role::System},
    };
    Models::Roles roles;
    for (const QString &name : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!names.contains(name.trimmed()))
            return std::nullopt;
        roles |= names.value(name.trimmed());
    }
    return roles ? std::optional(roles) : std::nullopt;
}

// A UTF-8 text file, or nothing with *error.
std::optional<QString> readTextFile(const QString &path, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, f.errorString());
        return std::nullopt;
    }
    return QString::fromUtf8(f.readAll());
}

// The routing of a declaration for the operator: channel, rule set, one line per reason.
void printRouting(const Server::DeclareResult &r, const QString &number)
{
    std::printf("declaration %s stored as id %lld: %s channel (rule set %lld%s)\n", qPrintable(number), static_cast<long long>(r.id),
                qPrintable(Models::channelKey(r.assessment.channel)), static_cast<long long>(r.ruleSetVersion),
                r.assessment.ruleSetVersion.isEmpty() ? "" : qPrintable(QStringLiteral(", ") + r.assessment.ruleSetVersion));
    for (const Models::RiskHit &hit : r.assessment.hits)
        std::printf("  - %s\n", qPrintable(Models::riskHitText(hit)));
    for (const QString &note : r.assessment.notes)
        std::printf("  note: %s\n", qPrintable(note));
}

} // namespace

int main(int argc, char *argv[])
{
    // Qt's own event dispatcher: the GLib one keeps socket notifiers in a list, so with a thousand
    // connections every write notifier turned on or off walked it (a fifth of the server's time
    // under bench_load). An explicit QT_NO_GLIB=0 keeps GLib.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("clearway-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CLEARWAY_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Clearway central server.\n\nCommands:\n"
        "  init          create (or upgrade) the database\n"
        "  add-user      add or update an officer's account\n"
        "  disable-user  remove an officer's account (--id): no more sign-ins, online or, after the\n"
        "                workstation's next contact, offline; add-user enables it again\n"
        "  seed-demo N   write a new database with N demo declarations (and the other kinds in\n"
        "                proportion) and an account for every demo officer\n"
        "  serve         accept workstation connections (wss://: --cert and --key)\n"
        "  backup        copy the database while it is in use: --to FILE (SQLite; PostgreSQL: pg_dump)\n"
        "  restore       make a new database from a backup: --from FILE (SQLite)\n"
        "  import        copy a Clearway cache's work items into an empty PostgreSQL database:\n"
        "                --from FILE\n"
        "  verify-audit  check the hash chain of the audit log\n"
        "  add-enterprise register an enterprise or set its credit class: --code, --name, --credit\n"
        "                (advanced, general-certified, general, dishonest); declarations need it\n"
        "  publish-rules publish a risk rule set: --file RULES (refused with every error when it\n"
        "                does not parse; the published set stays in force)\n"
        "  declare       check, route and store a new declaration: --file DECLARATION.json\n"
        "                (docs/protocol.md, \"declare\"); refused with field-level reasons\n\n"
        "Settings (database, listen, port, cert, key, limits, log-rules) may come from an INI file\n"
        "given with --config; the command line wins over the file."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("init | add-user | disable-user | seed-demo N | serve | backup | restore | import | verify-audit | add-enterprise | publish-rules | declare"));
    QList<QCommandLineOption> settingOptions;
    for (const Server::SettingSpec &spec : Server::settingSpecs())
        settingOptions.append(QCommandLineOption(spec.key, spec.help, spec.valueName));
    const QCommandLineOption config(QStringLiteral("config"), QStringLiteral("Read settings from this INI file."), QStringLiteral("file"));
    const QCommandLineOption backupTo(QStringLiteral("to"), QStringLiteral("backup: the file to write (never overwritten)."), QStringLiteral("file"));
    const QCommandLineOption restoreFrom(QStringLiteral("from"), QStringLiteral("restore: the backup to read; import: the cache file."), QStringLiteral("file"));
    const QCommandLineOption insecure(QStringLiteral("insecure"),
                                      QStringLiteral("Serve plain ws:// (loopback only; for tests and the local demo)."));
    const QCommandLineOption id(QStringLiteral("id"), QStringLiteral("Officer login id."), QStringLiteral("id"));
    const QCommandLineOption name(QStringLiteral("name"), QStringLiteral("Officer display name."), QStringLiteral("name"));
    const QCommandLineOption office(QStringLiteral("office"), QStringLiteral("Customs district code."), QStringLiteral("code"));
    const QCommandLineOption roles(QStringLiteral("roles"), QStringLiteral("Comma-separated: window, inspector, remote, certificate, supervisor."),
                                   QStringLiteral("roles"));
    const QCommandLineOption permissions(QStringLiteral("permissions"),
                                         QStringLiteral("add-user: comma-separated permissions beyond the roles (risk.reroute, scope.all, section.hs:<HS prefix>); replaces the account's."),
                                         QStringLiteral("list"));
    const QCommandLineOption file(QStringLiteral("file"), QStringLiteral("publish-rules: the rule text; declare: the declaration (JSON)."),
                                  QStringLiteral("file"));
    const QCommandLineOption enterpriseCode(QStringLiteral("code"), QStringLiteral("add-enterprise: the unified social credit code."),
                                            QStringLiteral("code"));
    const QCommandLineOption credit(QStringLiteral("credit"), QStringLiteral("add-enterprise: advanced, general-certified, general or dishonest."),
                                    QStringLiteral("class"));
    const QCommandLineOption passwordStdin(QStringLiteral("password-stdin"), QStringLiteral("Read the password from standard input."));
    // Small pages make a test's network drop land in the middle of a snapshot.
    parser.addOptions(settingOptions);
    parser.addOptions({config, backupTo, restoreFrom, insecure, id, name, office, roles, permissions, file, enterpriseCode, credit, passwordStdin});
    parser.process(app);

    const QStringList args = parser.positionalArguments();
    if (args.isEmpty() || args.size() > (args.first() == QLatin1String("seed-demo") ? 2 : 1))
        return usage(parser, QStringLiteral("give one command"));
    const QString command = args.first();
    QElapsedTimer timer;
    timer.start();
    // Settings: defaults, then the config file, then the command line.
    QString error;
    Server::SettingValues values;
    if (parser.isSet(config)) {
        QStringList unknown;
        if (!Server::readConfigFile(parser.value(config), &values, &unknown, &error))
            return fail(error, 78);
        if (!unknown.isEmpty())
            std::fprintf(stderr, "clearway-server: warning: %s: unknown keys ignored: %s\n", qPrintable(parser.value(config)),
                         qPrintable(unknown.join(QLatin1String(", "))));
    }
    for (const QCommandLineOption &option : std::as_const(settingOptions)) {
        if (parser.isSet(option))
            values.insert(option.names().first(), {parser.value(option), QLatin1String("--") + option.names().first()});
    }
    const std::optional<Server::ServerSettings> settings = Server::resolveSettings(values, &error);
    if (!settings)
        return fail(error, 78);
    // QT_LOGGING_RULES, when set, still overrides these.
    if (!settings->logRules.isEmpty())
        QLoggingCategory::setFilterRules(settings->logRules);
    if (settings->database.isEmpty())
        return usage(parser, QStringLiteral("--database is required (or database= in the --config file)"));
    const bool postgres = Server::Store::isPostgresUrl(settings->database);
    const QString databasePath = postgres ? settings->database : QFileInfo(settings->database).absoluteFilePath();
    if (postgres && (command == QLatin1String("backup") || command == QLatin1String("restore")))
        return fail(QStringLiteral("%1 copies SQLite databases only; back up and restore a PostgreSQL database with pg_dump and pg_restore "
                                   "(see operations.md)")
                        .arg(command));

    if (command == QLatin1String("seed-demo")) {
        Demo::Options demo;
        bool ok = args.size() == 2;
        demo.declarations = ok ? args.at(1).toLongLong(&ok) : 0;
        if (!ok || demo.declarations < 1)
            return usage(parser, QStringLiteral("seed-demo needs the number of declarations, e.g. seed-demo 200000"));
        if (!postgres && QFileInfo::exists(databasePath))
            return usage(parser, QStringLiteral("seed-demo writes a new database, and %1 exists").arg(databasePath));
        const QString password = parser.isSet(passwordStdin) ? QTextStream(stdin).readLine() : QStringLiteral("clearway-demo");
        // PostgreSQL: the demo is written to a temporary SQLite file first, then copied in.
        QTemporaryDir scratch;
        const QString demoFile = postgres ? scratch.filePath(QStringLiteral("demo.sqlite")) : databasePath;
        // Every demo declaration is routed by the demo rule set, which is published as version 1.
        const QString rulesText = Demo::demoRiskRules();
        QList<Models::RuleSetError> ruleErrors;
        const std::optional<Models::RiskEngine> engine = Models::RiskEngine::fromText(rulesText, &ruleErrors);
        if (!engine)
            return fail(QStringLiteral("the demo rule set does not parse: ") + ruleErrors.value(0).text());
        QList<Server::Routing> routings;
        routings.reserve(demo.declarations);
        demo.risk = &*engine;
        demo.routed = [&routings](qint64 declaration, const Models::RiskAssessment &a) {
            routings.append({declaration, a.channel,
                             a.hits.isEmpty() ? QStringLiteral("[]")
                                              : QString::fromUtf8(QJsonDocument(Server::riskHitsJson(a.hits)).toJson(QJsonDocument::Compact))});
        };
        const Demo::Result written = Demo::generate(demoFile, demo, false);
        if (!written.ok)
            return fail(written.error);
        const std::unique_ptr<Server::Store> seeded = Server::Store::create(databasePath);
        if (!seeded->open(databasePath, &error))
            return fail(error);
        if (auto *pg = qobject_cast<Server::PostgresStore *>(seeded.get())) {
            qint64 rows = 0;
            qint64 kept = 0;
            if (!pg->importCache(demoFile, &rows, &kept, &error))
                return fail(QStringLiteral("seed-demo: ") + error);
        }
        for (const Models::Officer &o : Demo::demoOfficers()) {
            if (!seeded->addUser(o, password, std::nullopt, &error))
                return fail(o.id + QStringLiteral(": ") + error);
        }
        const Server::PublishResult published = seeded->publishRules(rulesText, QStringLiteral("seed-demo"));
        if (published.outcome != Server::PublishResult::Outcome::Published
            || !seeded->recordRoutings(published.version, routings, QStringLiteral("seed-demo"), &error))
            return fail(QStringLiteral("seed-demo: the demo rule set could not be stored: ") + published.message + error);
        std::printf("demo database %s: %lld declarations in %.1f s, %lld officers (password %s), epoch %s\n",
                    qPrintable(postgres ? QUrl(databasePath).toDisplayString(QUrl::RemovePassword) : databasePath),
                    static_cast<long long>(demo.declarations), timer.elapsed() / 1000.0, static_cast<long long>(Demo::demoOfficers().size()),
                    parser.isSet(passwordStdin) ? "from standard input" : "clearway-demo", qPrintable(seeded->epoch()));
        return 0;
    }

    if (command == QLatin1String("restore")) {
        if (!parser.isSet(restoreFrom))
            return usage(parser, QStringLiteral("restore needs --from BACKUP (and --database, the new file to create)"));
        Server::BackupSummary summary;
        if (!Server::SqliteStore::restore(parser.value(restoreFrom), databasePath, &summary, &error))
            return fail(QStringLiteral("restore failed: ") + error);
        std::printf("restored %s: new epoch %s, last change cursor %lld, %lld audit entries verified\n", qPrintable(databasePath),
                    qPrintable(summary.epoch), static_cast<long long>(summary.lastCursor), static_cast<long long>(summary.auditEntries));
        return 0;
    }

    const std::unique_ptr<Server::Store> opened = Server::Store::create(databasePath);
    if (!opened)
        return fail(QStringLiteral("this build of clearway-server has no PostgreSQL support"));
    Server::Store &store = *opened;
    if (!store.open(databasePath, &error)) {
        std::fprintf(stderr, "clearway-server: %s\n", qPrintable(error));
        return 1;
    }
    store.setAutoAssign(settings->autoAssign);
    store.setChangePollInterval(settings->changePollMs);

    if (command == QLatin1String("init")) {
        std::printf("database ready, epoch %s\n", qPrintable(store.epoch()));
        return 0;
    }
    if (command == QLatin1String("add-user")) {
        const std::optional<Models::Roles> r = parseRoles(parser.value(roles));
        if (!parser.isSet(id) || !parser.isSet(name) || !parser.isSet(office) || !r)
            return usage(parser, QStringLiteral("add-user needs --id, --name, --office and --roles (known roles only)"));
        if (!parser.isSet(passwordStdin))
            return usage(parser, QStringLiteral("add-user reads the password with --password-stdin (never on the command line)"));
        // Checked before anything is saved: a refused add-user leaves the account as it was.
        QStringList granted;
        for (const QString &p : parser.value(permissions).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const QString permission = p.trimmed();
            if (permission != QLatin1String(Models::kReroutePermission) && permission != QLatin1String(Models::kAllOfficesPermission)
                && Models::hsSections({permission}).isEmpty())
                return usage(parser, QStringLiteral("unknown permission \"%1\" (known: %2, %3, %4<HS prefix of 2 to 10 digits>)")
                                         .arg(permission, QLatin1String(Models::kReroutePermission), QLatin1String(Models::kAllOfficesPermission),
                                              QLatin1String(Models::kSectionPermissionPrefix)));
            granted << permission;
        }
        granted.removeDuplicates();
        const QString password = QTextStream(stdin).readLine();
        if (!store.addUser({parser.value(id), parser.value(name), parser.value(office), *r}, password,
                           parser.isSet(permissions) ? std::optional(granted) : std::nullopt, &error)) {
            std::fprintf(stderr, "clearway-server: %s\n", qPrintable(error));
            return 1;
        }
        std::printf("user %s saved\n", qPrintable(parser.value(id)));
        return 0;
    }
    if (command == QLatin1String("disable-user")) {
        if (!parser.isSet(id))
            return usage(parser, QStringLiteral("disable-user needs --id"));
        if (!store.disableUser(parser.value(id), &error))
            return fail(error);
        std::printf("user %s disabled\n", qPrintable(parser.value(id)));
        return 0;
    }
    if (command == QLatin1String("add-enterprise")) {
        const std::optional<int> creditClass = Models::riskFieldEnumValue(Models::RiskField::CreditClass, parser.value(credit));
        if (!parser.isSet(enterpriseCode) || !parser.isSet(name) || !creditClass)
            return usage(parser, QStringLiteral("add-enterprise needs --code, --name and --credit (advanced, general-certified, general, dishonest)"));
        const Models::Enterprise enterprise{0, parser.value(enterpriseCode), parser.value(name), static_cast<Models::CreditClass>(*creditClass)};
        if (!store.registerEnterprise(enterprise, parser.isSet(id) ? parser.value(id) : QStringLiteral("clearway-server"), &error))
            return fail(error, 2);
        std::printf("enterprise %s saved (%s)\n", qPrintable(enterprise.code), qPrintable(parser.value(credit)));
        return 0;
    }
    if (command == QLatin1String("publish-rules")) {
        if (!parser.isSet(file))
            return usage(parser, QStringLiteral("publish-rules needs --file RULES"));
        const std::optional<QString> text = readTextFile(parser.value(file), &error);
        if (!text)
            return fail(error);
        const Server::PublishResult r = store.publishRules(*text, parser.isSet(id) ? parser.value(id) : QStringLiteral("clearway-server"));
        if (r.outcome == Server::PublishResult::Outcome::Refused) {
            std::fprintf(stderr, "clearway-server: %s: refused, the published rule set stays in force:\n", qPrintable(parser.value(file)));
            for (const Models::RuleSetError &e : r.errors)
                std::fprintf(stderr, "  %s\n", qPrintable(e.text()));
            return 2;
        }
        if (r.outcome == Server::PublishResult::Outcome::Failed)
            return fail(QStringLiteral("the rule set could not be stored: ") + r.message);
        std::printf("rule set %s published as version %lld\n", qPrintable(r.name), static_cast<long long>(r.version));
        return 0;
    }
    if (command == QLatin1String("declare")) {
        if (!parser.isSet(file))
            return usage(parser, QStringLiteral("declare needs --file DECLARATION.json"));
        const std::optional<QString> text = readTextFile(parser.value(file), &error);
        if (!text)
            return fail(error);
        QJsonParseError parseError;
        const QJsonDocument json = QJsonDocument::fromJson(text->toUtf8(), &parseError);
        if (!json.isObject())
            return fail(QStringLiteral("%1 is not a JSON object: %2").arg(parser.value(file), parseError.errorString()), 2);
        Models::Declaration parsed;
        const Server::DeclareResult r =
            Server::declareFromJson(&store, json.object(), parser.isSet(id) ? parser.value(id) : QStringLiteral("clearway-server"), &parsed);
        if (r.outcome == Server::DeclareResult::Outcome::Refused) {
            std::fprintf(stderr, "clearway-server: declaration refused (%s): %s\n", qPrintable(r.code), qPrintable(r.message));
            for (const Models::FieldIssue &i : r.issues)
                std::fprintf(stderr, "  %s: %s\n", qPrintable(i.field), qPrintable(i.reason));
            return 2;
        }
        if (r.outcome == Server::DeclareResult::Outcome::Failed)
            return fail(QStringLiteral("the declaration could not be stored: ") + r.message);
        printRouting(r, parsed.entryNo);
        return 0;
    }
    if (command == QLatin1String("import")) {
        auto *pg = qobject_cast<Server::PostgresStore *>(&store);
        if (!pg)
            return usage(parser, QStringLiteral("import fills a PostgreSQL database; an SQLite server database is a cache file already"));
        if (!parser.isSet(restoreFrom))
            return usage(parser, QStringLiteral("import needs --from CACHE (a Clearway cache file)"));
        qint64 rows = 0;
        qint64 kept = 0;
        if (!pg->importCache(parser.value(restoreFrom), &rows, &kept, &error))
            return fail(QStringLiteral("import failed: ") + error);
        std::printf("imported %lld rows from %s in %.1f s\n", static_cast<long long>(rows), qPrintable(parser.value(restoreFrom)),
                    timer.elapsed() / 1000.0);
        if (kept > 0)
            std::printf("%lld officers this database had already were kept as they were; the file's were not copied over them\n",
                        static_cast<long long>(kept));
        return 0;
    }
    if (command == QLatin1String("verify-audit")) {
        qint64 entries = 0;
        if (!store.verifyAudit(&entries, &error)) {
            std::fprintf(stderr, "clearway-server: audit log BROKEN: %s\n", qPrintable(error));
            return 3;
        }
        std::printf("audit log intact: %lld entries\n", static_cast<long long>(entries));
        return 0;
    }
    if (command == QLatin1String("backup")) {
        if (!parser.isSet(backupTo))
            return usage(parser, QStringLiteral("backup needs --to FILE"));
        Server::BackupSummary summary;
        const auto *sqlite = qobject_cast<const Server::SqliteStore *>(&store); // PostgreSQL was refused above
        if (!sqlite || !sqlite->backupTo(parser.value(backupTo), &summary, &error))
            return fail(QStringLiteral("backup failed: ") + error);
        std::printf("backup written to %s: epoch %s, last change cursor %lld, %lld audit entries verified\n",
                    qPrintable(QFileInfo(parser.value(backupTo)).absoluteFilePath()), qPrintable(summary.epoch),
                    static_cast<long long>(summary.lastCursor), static_cast<long long>(summary.auditEntries));
        return 0;
    }
    if (command != QLatin1String("serve"))
        return usage(parser, QStringLiteral("unknown command \"%1\"").arg(command));

    Server::HubOptions options = settings->hub;
    // Blobs beside an SQLite file; a PostgreSQL server has no file, so the working folder (instances
    // sharing a database must share the folder too: give them --blob-dir on shared storage).
    if (options.blobDir.isEmpty())
        options.blobDir = postgres ? QDir::current().absoluteFilePath(QStringLiteral("clearway-blobs")) : databasePath + QStringLiteral(".blobs");
    options.blobDir = QFileInfo(options.blobDir).absoluteFilePath();
    if (!settings->certFile.isEmpty()) {
        if (parser.isSet(insecure))
            return fail(QStringLiteral("--insecure and a TLS certificate contradict each other; choose one"), 64);
        options.tls = Server::loadServerTls(settings->certFile, settings->keyFile, &error);
        if (!options.tls)
            return fail(QStringLiteral("TLS: ") + error);
    } else if (!parser.isSet(insecure)) {
        return fail(QStringLiteral("TLS is required: give --cert and --key (or cert= and key= in the --config file). "
                                   "--insecure serves plain ws:// on loopback only, for tests and the local demo."),
                    64);
    } else if (!options.address.isLoopback()) {
        return fail(QStringLiteral("--insecure serves loopback addresses only"), 64);
    }

    // The published risk rule set routes new declarations; none: the engine without rules.
    const std::optional<Server::Store::Rules> rules = store.currentRules(&error);
    if (!rules)
        return fail(QStringLiteral("risk rules: ") + error);

    Server::Hub hub(&store, options);
    if (!hub.listen(&error)) {
        std::fprintf(stderr, "clearway-server: cannot listen on %s:%u: %s\n", qPrintable(options.address.toString()), options.port,
                     qPrintable(error));
        return 1;
    }
    std::printf("listening on %s:%u\n", qPrintable(options.address.toString()), hub.port());
    if (options.tls)
        std::printf("TLS on (%s): workstations connect to wss://%s:%u/sync\n", qPrintable(Server::describeCertificate(options.tls->localCertificate())),
                    qPrintable(options.address.toString()), hub.port());
    else
        std::printf("TLS off (--insecure, loopback only): ws://%s:%u/sync\n", qPrintable(options.address.toString()), hub.port());
    if (rules->record.version == 0)
        std::printf("risk rules: none published (only the credit class routes declarations away from green)\n");
    else
        std::printf("risk rules: version %lld (%s), published by %s\n", static_cast<long long>(rules->record.version),
                    qPrintable(rules->engine.ruleSet().version), qPrintable(rules->record.publishedBy));
    std::printf("blobs in %s (at most %lld MiB each)\n", qPrintable(options.blobDir), static_cast<long long>(options.maxBlobBytes >> 20));
    std::fflush(stdout);

    // Graceful shutdown on SIGTERM / SIGINT: no new connections, the commands already read are
    // applied and answered, every connection is closed with 1001 and given up to 2 s to take its
    // last frames; then the database is closed.
    std::signal(SIGTERM, onSignal);
    std::signal(SIGINT, onSignal);
    QObject::connect(&hub, &Server::Hub::stopped, &app, &QCoreApplication::quit);
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &app, [&] {
        if (!g_stop)
            return;
        poll.stop();
        hub.shutdown();
    });
    poll.start(100);
    const int rc = app.exec();
    hub.close();
    store.close();
    std::printf("stopped\n");
    return rc;
}
