// clearway: the customs officer workstation.
#include "storage/cache.h"
#include "storage/cachereader.h"
#include "storage/cacherebase.h"
#include "storage/offlinecredentials.h"
#include "sync/signin.h"
#include "sync/syncclient.h"
#include "ui/mainwindow.h"
#include "ui/officerpicker.h"
#include "ui/signindialog.h"
#include "ui/startup.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace Clearway;

namespace {

int fail(const QString &title, const QString &message)
{
    std::fprintf(stderr, "clearway: %s\n", qPrintable(message));
    QMessageBox::critical(nullptr, title, message);
    return 2;
}

// What the command line asked for, read once: a re-base opens the workstation again with it.
struct StartOptions
{
    QString path;         // the cache
    QString server;       // empty: no server (a demo cache)
    QString user;
    QString password;     // from standard input, when asked for
    bool passwordFromStdin = false;
    QString officer;      // a demo officer, without a server
    QString caFile;
    QString screenshot;
    bool measure = false;
    bool ownOfficeOnly = false;      // what the workstation keeps (sync/scope, sync/kinds)
    QList<Models::WorkKind> kinds;
};

// How one opening of the workstation ended: quit, or the officer asked to copy again from the server.
struct Round
{
    int exitCode = 0;
    QString rebaseKeptPath; // set when a re-base was confirmed: the old cache's new name
    QString officerId;
};

Round runWorkstation(QApplication &app, const StartOptions &options, const QStringList &warnings, const QElapsedTimer &sinceStart);

// clearway --rebase-cache: the same re-base as the banner's, for technical support and scripts.
int rebaseFromCommandLine(const QString &path, const QString &onlyFromEpoch)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    Storage::CacheOrigin origin;
    QString error;
    if (!Storage::readCacheOrigin(path, &origin, &error)) {
        err << "clearway: " << error << Qt::endl;
        return 1;
    }
    if (!onlyFromEpoch.isEmpty() && origin.epoch != onlyFromEpoch) {
        out << QApplication::translate("clearway", "%1 was not filled from server database %2 (it is %3): left as it is.")
                   .arg(QDir::toNativeSeparators(path), onlyFromEpoch, origin.epoch.isEmpty() ? QStringLiteral("-") : origin.epoch)
            << Qt::endl;
        return 0;
    }
    const Storage::RebaseResult r = Storage::rebaseCache(path, Storage::keptCacheName(path, origin.epoch, QDateTime::currentDateTimeUtc()));
    if (!r.ok) {
        err << "clearway: " << r.error << Qt::endl;
        return 1;
    }
    out << QApplication::translate("clearway", "%1 re-based: the cache filled from server database %2 is kept as %3; %n unsent action(s) carried over, "
                                               "sent once clearway has copied the server's data at the next sign-in.",
                                   nullptr, r.carried)
               .arg(QDir::toNativeSeparators(path), r.previousEpoch, QDir::toNativeSeparators(r.keptPath))
        << Qt::endl;
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    // --rebase-cache opens no window: support runs it where there is no display (a script over ssh).
    if (std::any_of(argv + 1, argv + argc, [](const char *a) { return qstrcmp(a, "--rebase-cache") == 0; })
        && !qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Clearway"));
    QApplication::setApplicationName(QStringLiteral("clearway"));
    QApplication::setApplicationVersion(QStringLiteral(CLEARWAY_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("clearway"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/clearway.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Clearway customs officer workstation"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QString defaultCache = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/cache.sqlite");
    const QCommandLineOption cacheOption(QStringLiteral("cache"), QStringLiteral("The local cache file (default: %1).").arg(defaultCache),
                                         QStringLiteral("path"), defaultCache);
    const QCommandLineOption officerOption(QStringLiteral("officer"), QStringLiteral("Open as this demo officer (id); otherwise a picker asks."),
                                           QStringLiteral("id"));
    const QCommandLineOption langOption(QStringLiteral("lang"), QStringLiteral("Interface language: zh_CN (default) or en."), QStringLiteral("language"));
    const QCommandLineOption screenshotOption(QStringLiteral("screenshot"),
                                              QStringLiteral("Save a PNG of the main window once its queue and counts are shown, then quit."),
                                              QStringLiteral("file"));
    const QCommandLineOption paintOption(QStringLiteral("quit-after-first-paint"),
                                         QStringLiteral("Print the milliseconds from start to the first painted queue, then quit (benchmarks)."));
    const QCommandLineOption serverOption(QStringLiteral("server"), QStringLiteral("Sync with this clearway-server (ws:// or wss:// URL)."),
                                          QStringLiteral("url"));
    const QCommandLineOption caFileOption(QStringLiteral("ca-file"),
                                          QStringLiteral("Also trust the CA certificates in this PEM file (your office's own CA) for wss://."),
                                          QStringLiteral("file"));
    const QCommandLineOption userOption(QStringLiteral("user"), QStringLiteral("Sign in as this user."), QStringLiteral("id"));
    const QCommandLineOption passwordOption(QStringLiteral("password-stdin"), QStringLiteral("Read the password from standard input."));
    const QCommandLineOption scopeOption(QStringLiteral("scope"),
                                         QStringLiteral("What this workstation keeps from the server: all (default) or office (the signed-in "
                                                        "officer's office). Remembered as sync/scope."),
                                         QStringLiteral("scope"));
    const QCommandLineOption kindsOption(QStringLiteral("kinds"),
                                         QStringLiteral("Keep only these kinds of work, comma-separated (declaration, manifest, inspection, "
                                                        "video, certificate, application; default all). Remembered as sync/kinds."),
                                         QStringLiteral("kinds"));
    const QCommandLineOption rebaseOption(
        QStringLiteral("rebase-cache"),
        QStringLiteral("After the server was restored from a backup or replaced: keep the cache as a file beside it (named with the server "
                       "database it was filled from and the time), start a new one that copies the server again at the next sign-in, "
                       "carry the unsent actions over, and quit. Run it while clearway is closed."));
    const QCommandLineOption onlyFromEpochOption(QStringLiteral("only-from-epoch"),
                                                 QStringLiteral("With --rebase-cache: only if the cache was filled from this server database "
                                                                "(the restored server's restored_from), else leave it as it is."),
                                                 QStringLiteral("epoch"));
    parser.addOptions({cacheOption, officerOption, langOption, screenshotOption, paintOption, serverOption, caFileOption, userOption, passwordOption,
                       scopeOption, kindsOption, rebaseOption, onlyFromEpochOption});
    parser.process(app);

    QSettings settings;
    const QString language = parser.isSet(langOption) ? parser.value(langOption)
                                                      : settings.value(QStringLiteral("language"), QStringLiteral("zh_CN")).toString();
    QStringList warnings;
    warnings << Ui::installTranslations(language);

    StartOptions options;
    options.path = QFileInfo(parser.value(cacheOption)).absoluteFilePath();
    // A re-base stopped between its two renames is finished before anything opens the cache.
    QString unfinished;
    if (!Storage::finishInterruptedRebase(options.path, &unfinished))
        return fail(QApplication::translate("clearway", "The local cache cannot be used"), unfinished);
    if (parser.isSet(rebaseOption))
        return rebaseFromCommandLine(options.path, parser.value(onlyFromEpochOption));

    warnings << Ui::checkChineseFont();
    warnings.removeAll(QString());
    options.server = parser.value(serverOption);
    options.user = parser.value(userOption);
    options.passwordFromStdin = parser.isSet(passwordOption);
    if (options.passwordFromStdin)
        options.password = QTextStream(stdin).readLine();
    options.officer = parser.value(officerOption);
    // The office's CA: from the command line, else as technical support set it up (sync/caFile).
    options.caFile = parser.isSet(caFileOption) ? parser.value(caFileOption) : settings.value(QStringLiteral("sync/caFile")).toString();
    options.screenshot = parser.value(screenshotOption);
    options.measure = parser.isSet(paintOption);
    // What this workstation keeps (docs/operations.md, "Workstation scopes"), as technical support set it up.
    // Kept only once checked: a mistyped value must not stop every later start.
    const QString scope = parser.isSet(scopeOption) ? parser.value(scopeOption) : settings.value(QStringLiteral("sync/scope"), QStringLiteral("all")).toString();
    const QString kindKeys = parser.isSet(kindsOption) ? parser.value(kindsOption) : settings.value(QStringLiteral("sync/kinds")).toString();
    if (scope != QLatin1String("all") && scope != QLatin1String("office")) {
        return fail(QApplication::translate("clearway", "The workstation's scope is not valid"),
                    QApplication::translate("clearway", "The scope \"%1\" is not known: use \"all\" or \"office\".").arg(scope));
    }
    options.ownOfficeOnly = scope == QLatin1String("office");
    for (const QString &key : kindKeys.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const std::optional<Models::WorkKind> kind = Models::workKindFromKey(key.trimmed());
        if (!kind) {
            return fail(QApplication::translate("clearway", "The workstation's scope is not valid"),
                        QApplication::translate("clearway", "There is no kind of work \"%1\". Known kinds: declaration, manifest, inspection, "
                                                            "video, certificate, application.")
                            .arg(key.trimmed()));
        }
        options.kinds << *kind;
    }
    if (parser.isSet(scopeOption))
        settings.setValue(QStringLiteral("sync/scope"), scope);
    if (parser.isSet(kindsOption))
        settings.setValue(QStringLiteral("sync/kinds"), kindKeys);

    for (;;) {
        const Round round = runWorkstation(app, options, warnings, sinceStart);
        if (round.rebaseKeptPath.isEmpty())
            return round.exitCode;
        // Everything of that round is closed: the cache file is free to be renamed.
        const Storage::RebaseResult r = Storage::rebaseCache(options.path, round.rebaseKeptPath);
        if (r.ok) {
            std::printf("cache %s re-based: the cache filled from %s is kept as %s, %d unsent commands carried over\n", qPrintable(options.path),
                        qPrintable(r.previousEpoch), qPrintable(r.keptPath), r.carried);
            std::fflush(stdout);
        } else {
            // The old cache is where it was: the workstation opens it again as before.
            std::fprintf(stderr, "clearway: %s\n", qPrintable(r.error));
            QMessageBox::critical(nullptr, QApplication::translate("clearway", "The cache was not re-based"), r.error);
        }
        options.user = round.officerId; // the sign-in asks for the same officer's password
        options.screenshot.clear();
        // A re-base that could neither finish nor undo its renames left the new cache aside.
        QString unfinished;
        if (!Storage::finishInterruptedRebase(options.path, &unfinished))
            return fail(QApplication::translate("clearway", "The local cache cannot be used"), unfinished);
    }
}

namespace {

Round runWorkstation(QApplication &app, const StartOptions &options, const QStringList &warnings, const QElapsedTimer &sinceStart)
{
    Round round;
    const QString &path = options.path;
    const bool withServer = !options.server.isEmpty();
    if (withServer)
        QDir().mkpath(QFileInfo(path).absolutePath()); // a new cache is filled from the server
    else if (!QFileInfo::exists(path)) {
        round.exitCode = fail(QApplication::translate("clearway", "No local cache"),
                              QApplication::translate("clearway", "There is no local cache at %1.\n\nCreate one with demo data:\n  clearway-demo --cache %1\n"
                                                                  "or start the demo with: tools/dev.sh demo")
                                  .arg(QDir::toNativeSeparators(path)));
        return round;
    }
    Storage::Cache cache;
    const Storage::OpenResult opened = cache.open(path);
    if (!opened.ok()) {
        round.exitCode = fail(QApplication::translate("clearway", "The local cache cannot be used"), opened.message);
        return round;
    }

    // The officers one may open the cache as without a server: not those whose account is disabled.
    QList<Models::Officer> officers = cache.officers();
    officers.removeIf([](const Models::Officer &o) { return !o.active; });
    if (officers.isEmpty() && !withServer) {
        round.exitCode = fail(QApplication::translate("clearway", "No officers"),
                              QApplication::translate("clearway", "The cache %1 has no officers yet. Create demo data with clearway-demo.")
                                  .arg(QDir::toNativeSeparators(path)));
        return round;
    }
    Models::Officer officer;
    Sync::SyncClient sync(cache.writer());
    if (!options.caFile.isEmpty()) {
        QString error;
        if (!sync.addTrustedCertificates(options.caFile, &error)) {
            round.exitCode = fail(QApplication::translate("clearway", "The trusted certificate file cannot be used"),
                                  QApplication::translate("clearway", "The CA certificate file %1 cannot be used: %2")
                                      .arg(QDir::toNativeSeparators(options.caFile), error));
            return round;
        }
    }
    sync.setScope(options.ownOfficeOnly, options.kinds);
    // Offline sign-in: the verifiers this workstation made at officers' sign-ins, beside the cache.
    Sync::SignIn signIn(&sync, Storage::OfflineCredentials::besideCache(path));
    bool offline = false;
    qint64 offlineValidUntil = 0;
    if (withServer) {
        Ui::SignInDialog dialog(&signIn);
        dialog.setServer(options.server);
        if (!options.user.isEmpty())
            dialog.setUser(options.user);
        if (options.passwordFromStdin)
            dialog.signInWith(options.password);
        if (dialog.exec() != QDialog::Accepted)
            return round;
        officer = dialog.officer();
        offline = dialog.isOffline();
        offlineValidUntil = dialog.offlineValidUntil();
    } else if (!options.officer.isEmpty()) {
        QStringList ids;
        for (const Models::Officer &o : officers) {
            ids << o.id;
            if (o.id == options.officer)
                officer = o;
        }
        if (officer.id.isEmpty()) {
            round.exitCode = fail(QApplication::translate("clearway", "Unknown officer"),
                                  QApplication::translate("clearway", "There is no officer \"%1\" in this cache. Known officers: %2.")
                                      .arg(options.officer, ids.join(QLatin1String(", "))));
            return round;
        }
    } else {
        Ui::OfficerPicker picker(officers);
        if (picker.exec() != QDialog::Accepted)
            return round;
        officer = picker.selectedOfficer();
    }
    round.officerId = officer.id;

    Ui::MainWindow window(&cache, officer);
    if (withServer) {
        window.attachSync(&sync);
        window.attachSignIn(&signIn, offline, offlineValidUntil);
    }
    for (const QString &w : warnings) {
        window.addWarning(w);
        std::fprintf(stderr, "clearway: %s\n", qPrintable(w));
    }
    // Copy again from the server: this round ends, main() re-bases the closed cache and opens it again.
    QObject::connect(&window, &Ui::MainWindow::rebaseRequested, &window, [&app, &round](const QString &keptPath) {
        round.rebaseKeptPath = keptPath;
        QTimer::singleShot(0, &app, &QApplication::quit);
    });

    const QString &screenshot = options.screenshot;
    // A screenshot waits for quick_check (which starts after the first paint) and, with a server,
    // for the cache to be complete and live; the two may come in either order.
    bool checked = false;
    bool live = !withServer || offline; // offline: the cache is all there is
    bool shot = false;
    auto shootWhenReady = [&] {
        if (screenshot.isEmpty() || !checked || !live || shot)
            return;
        shot = true;
        QTimer::singleShot(1500, &window, [&] { // the counts arrive meanwhile
            const bool saved = window.grab().save(screenshot);
            std::fprintf(saved ? stdout : stderr, "%s %s\n", saved ? "saved" : "could not save", qPrintable(screenshot));
            app.exit(saved ? 0 : 1);
        });
    };
    QObject::connect(cache.reader(), &Storage::CacheReader::quickCheckDone, &window, [&] {
        checked = true;
        shootWhenReady();
    });
    QObject::connect(&sync, &Sync::SyncClient::following, &window, [&] {
        live = true;
        shootWhenReady();
    });
    QObject::connect(&window, &Ui::MainWindow::firstQueuePainted, &window, [&] {
        if (options.measure) {
            std::printf("first-paint-ms %lld\n", static_cast<long long>(sinceStart.elapsed()));
            std::fflush(stdout);
            QTimer::singleShot(0, &app, &QApplication::quit);
            return;
        }
        window.startBackgroundChecks();
    });
    window.show();
    round.exitCode = app.exec();
    return round;
}

} // namespace
