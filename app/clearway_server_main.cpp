// clearway-server: the central server workstations sync with.
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
        "  serve         accept workstation connections\n"
        "  verify-audit  check the hash chain of the audit log"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("init | add-user | serve | verify-audit"));
    const QCommandLineOption database(QStringLiteral("database"), QStringLiteral("SQLite database file."), QStringLiteral("path"));
    const QCommandLineOption listen(QStringLiteral("listen"), QStringLiteral("Address to listen on (default 127.0.0.1)."), QStringLiteral("address"),
                                    QStringLiteral("127.0.0.1"));
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("Port (default 8765; 0 picks a free one)."), QStringLiteral("port"),
                                  QStringLiteral("8765"));
    const QCommandLineOption insecure(QStringLiteral("insecure"),
                                      QStringLiteral("Serve plain ws:// (loopback only; for tests and the local demo)."));
    const QCommandLineOption maxConnections(QStringLiteral("max-connections"),
                                            QStringLiteral("Refuse workstation connections beyond this many (default %1).").arg(Server::HubOptions().maxConnections),
                                            QStringLiteral("count"), QString::number(Server::HubOptions().maxConnections));
    const QCommandLineOption id(QStringLiteral("id"), QStringLiteral("Officer login id."), QStringLiteral("id"));
    const QCommandLineOption name(QStringLiteral("name"), QStringLiteral("Officer display name."), QStringLiteral("name"));
    const QCommandLineOption office(QStringLiteral("office"), QStringLiteral("Customs district code."), QStringLiteral("code"));
    const QCommandLineOption roles(QStringLiteral("roles"), QStringLiteral("Comma-separated: window, inspector, remote, certificate, supervisor."),
                                   QStringLiteral("roles"));
    const QCommandLineOption passwordStdin(QStringLiteral("password-stdin"), QStringLiteral("Read the password from standard input."));
    parser.addOptions({database, listen, port, insecure, maxConnections, id, name, office, roles, passwordStdin});
    parser.process(app);

    const QStringList args = parser.positionalArguments();
    if (args.size() != 1)
        return usage(parser, QStringLiteral("give one command"));
    if (!parser.isSet(database))
        return usage(parser, QStringLiteral("--database is required"));
    const QString command = args.first();

    Server::SqliteStore store;
    QString error;
    if (!store.open(QFileInfo(parser.value(database)).absoluteFilePath(), &error)) {
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
    bool maxOk = false;
    options.maxConnections = parser.value(maxConnections).toInt(&maxOk);
    if (!maxOk || options.maxConnections < 1)
        return usage(parser, QStringLiteral("--max-connections must be a positive number"));
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
