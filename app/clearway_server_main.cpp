// clearway-server: the central server workstations sync with.
#include "demo/generator.h"
#include "models/types.h"
#include "server/hub.h"
#include "server/serverstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QTextStream>
#include <QTimer>

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

std::optional<Models::Roles> parseRoles(const QString &text)
{
    static const QHash<QString, Models::Role> names = {
        {QStringLiteral("window"), Models::Role::WindowOfficer},      {QStringLiteral("inspector"), Models::Role::Inspector},
        {QStringLiteral("remote"), Models::Role::RemoteInspector},     {QStringLiteral("certificate"), Models::Role::CertificateOfficer},
        {QStringLiteral("supervisor"), Models::Role::Supervisor},
    };
    Models::Roles roles;
    for (const QString &name : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!names.contains(name.trimmed()))
            return std::nullopt;
        roles |= names.value(name.trimmed());
    }
    return roles ? std::optional(roles) : std::nullopt;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("clearway-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CLEARWAY_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Clearway central server.\n\nCommands:\n"
        "  init          create (or upgrade) the database\n"
        "  add-user      add or update an officer's account\n"
        "  seed-demo N   write a new database with N demo declarations (and the other kinds in\n"
        "                proportion) and an account for every demo officer\n"
        "  serve         accept workstation connections\n"
        "  verify-audit  check the hash chain of the audit log"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("init | add-user | seed-demo N | serve | verify-audit"));
    const QCommandLineOption database(QStringLiteral("database"), QStringLiteral("SQLite database file."), QStringLiteral("path"));
    const QCommandLineOption listen(QStringLiteral("listen"), QStringLiteral("Address to listen on (default 127.0.0.1)."), QStringLiteral("address"),
                                    QStringLiteral("127.0.0.1"));
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("Port (default 8765; 0 picks a free one)."), QStringLiteral("port"),
                                  QStringLiteral("8765"));
    const QCommandLineOption insecure(QStringLiteral("insecure"),
                                      QStringLiteral("Serve plain ws:// (loopback only; for tests and the local demo)."));
    const QCommandLineOption id(QStringLiteral("id"), QStringLiteral("Officer login id."), QStringLiteral("id"));
    const QCommandLineOption name(QStringLiteral("name"), QStringLiteral("Officer display name."), QStringLiteral("name"));
    const QCommandLineOption office(QStringLiteral("office"), QStringLiteral("Customs district code."), QStringLiteral("code"));
    const QCommandLineOption roles(QStringLiteral("roles"), QStringLiteral("Comma-separated: window, inspector, remote, certificate, supervisor."),
                                   QStringLiteral("roles"));
    const QCommandLineOption passwordStdin(QStringLiteral("password-stdin"), QStringLiteral("Read the password from standard input."));
    parser.addOptions({database, listen, port, insecure, id, name, office, roles, passwordStdin});
    parser.process(app);

    const QStringList args = parser.positionalArguments();
    if (args.isEmpty() || args.size() > (args.first() == QLatin1String("seed-demo") ? 2 : 1))
        return usage(parser, QStringLiteral("give one command"));
    if (!parser.isSet(database))
        return usage(parser, QStringLiteral("--database is required"));
    const QString command = args.first();
    const QString path = QFileInfo(parser.value(database)).absoluteFilePath();

    if (command == QLatin1String("seed-demo")) {
        Demo::Options demo;
        bool ok = args.size() == 2;
        demo.declarations = ok ? args.at(1).toLongLong(&ok) : 0;
        if (!ok || demo.declarations < 1)
            return usage(parser, QStringLiteral("seed-demo needs the number of declarations, e.g. seed-demo 200000"));
        if (QFileInfo::exists(path))
            return usage(parser, QStringLiteral("seed-demo writes a new database, and %1 exists").arg(path));
        const QString password = parser.isSet(passwordStdin) ? QTextStream(stdin).readLine() : QStringLiteral("clearway-demo");
        const Demo::Result written = Demo::generate(path, demo, false);
        if (!written.ok) {
            std::fprintf(stderr, "clearway-server: %s\n", qPrintable(written.error));
            return 1;
        }
        Server::SqliteStore seeded;
        QString error;
        if (!seeded.open(path, &error)) {
            std::fprintf(stderr, "clearway-server: %s\n", qPrintable(error));
            return 1;
        }
        for (const Models::Officer &o : Demo::demoOfficers()) {
            if (!seeded.addUser(o, password, &error)) {
                std::fprintf(stderr, "clearway-server: %s: %s\n", qPrintable(o.id), qPrintable(error));
                return 1;
            }
        }
        std::printf("demo database %s: %lld declarations in %.1f s, %lld officers (password %s), epoch %s\n", qPrintable(path),
                    static_cast<long long>(demo.declarations), written.elapsedMs / 1000.0, static_cast<long long>(Demo::demoOfficers().size()),
                    parser.isSet(passwordStdin) ? "from standard input" : "clearway-demo", qPrintable(seeded.epoch()));
        return 0;
    }

    Server::SqliteStore store;
    QString error;
    if (!store.open(path, &error)) {
        std::fprintf(stderr, "clearway-server: %s\n", qPrintable(error));
        return 1;
    }

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
        const QString password = QTextStream(stdin).readLine();
        if (!store.addUser({parser.value(id), parser.value(name), parser.value(office), *r}, password, &error)) {
            std::fprintf(stderr, "clearway-server: %s\n", qPrintable(error));
            return 1;
        }
        std::printf("user %s saved\n", qPrintable(parser.value(id)));
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
    if (command != QLatin1String("serve"))
        return usage(parser, QStringLiteral("unknown command \"%1\"").arg(command));

    Server::HubOptions options;
    options.address = QHostAddress(parser.value(listen));
    bool portOk = false;
    options.port = parser.value(port).toUShort(&portOk);
    if (options.address.isNull() || !portOk)
        return usage(parser, QStringLiteral("bad --listen or --port"));
    if (!parser.isSet(insecure))
        return usage(parser, QStringLiteral("TLS (wss://) is not built yet: run with --insecure, which serves loopback only"));
    if (!options.address.isLoopback())
        return usage(parser, QStringLiteral("--insecure serves loopback addresses only"));

    Server::Hub hub(&store, options);
    if (!hub.listen(&error)) {
        std::fprintf(stderr, "clearway-server: cannot listen on %s:%u: %s\n", qPrintable(options.address.toString()), options.port,
                     qPrintable(error));
        return 1;
    }
    std::printf("listening on %s:%u\n", qPrintable(options.address.toString()), hub.port());
    std::fflush(stdout);

    // Graceful shutdown on SIGTERM / SIGINT: close connections, then the database.
    std::signal(SIGTERM, onSignal);
    std::signal(SIGINT, onSignal);
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &app, [&] {
        if (g_stop)
            app.quit();
    });
    poll.start(100);
    const int rc = app.exec();
    hub.close();
    store.close();
    std::printf("stopped\n");
    return rc;
}
