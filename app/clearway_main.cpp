// clearway: the customs officer workstation.
#include "storage/cache.h"
#include "storage/cachereader.h"
#include "storage/offlinecredentials.h"
#include "sync/signin.h"
#include "sync/syncclient.h"
#include "ui/mainwindow.h"
#include "ui/officerpicker.h"
#include "ui/signindialog.h"
#include "ui/startup.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QTextStream>
#include <QTimer>

#include <cstdio>

using namespace Clearway;

namespace {

int fail(const QString &title, const QString &message)
{
    std::fprintf(stderr, "clearway: %s\n", qPrintable(message));
    QMessageBox::critical(nullptr, title, message);
    return 2;
}

} // namespace

int main(int argc, char *argv[])
{
    QElapsedTimer sinceStart;
    sinceStart.start();
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
    parser.addOptions({cacheOption, officerOption, langOption, screenshotOption, paintOption, serverOption, caFileOption, userOption, passwordOption,
                       scopeOption, kindsOption});
    parser.process(app);

    QSettings settings;
    const QString language = parser.isSet(langOption) ? parser.value(langOption)
                                                      : settings.value(QStringLiteral("language"), QStringLiteral("zh_CN")).toString();
    QStringList warnings;
    warnings << Ui::installTranslations(language) << Ui::checkChineseFont();
    warnings.removeAll(QString());

    const QString path = QFileInfo(parser.value(cacheOption)).absoluteFilePath();
    const bool withServer = parser.isSet(serverOption);
    if (withServer)
        QDir().mkpath(QFileInfo(path).absolutePath()); // a new cache is filled from the server
    else if (!QFileInfo::exists(path)) {
        return fail(QApplication::translate("clearway", "No local cache"),
                    QApplication::translate("clearway", "There is no local cache at %1.\n\nCreate one with demo data:\n  clearway-demo --cache %1\n"
                                                        "or start the demo with: tools/dev.sh demo")
                        .arg(QDir::toNativeSeparators(path)));
    }
    Storage::Cache cache;
    const Storage::OpenResult opened = cache.open(path);
    if (!opened.ok())
        return fail(QApplication::translate("clearway", "The local cache cannot be used"), opened.message);

    const QList<Models::Officer> officers = cache.officers();
    if (officers.isEmpty() && !withServer) {
        return fail(QApplication::translate("clearway", "No officers"),
                    QApplication::translate("clearway", "The cache %1 has no officers yet. Create demo data with clearway-demo.")
                        .arg(QDir::toNativeSeparators(path)));
    }
    Models::Officer officer;
    Sync::SyncClient sync(cache.writer());
    // The office's CA: from the command line, else as technical support set it up (sync/caFile).
    const QString caFile = parser.isSet(caFileOption) ? parser.value(caFileOption) : settings.value(QStringLiteral("sync/caFile")).toString();
    if (!caFile.isEmpty()) {
        QString error;
        if (!sync.addTrustedCertificates(caFile, &error)) {
            return fail(QApplication::translate("clearway", "The trusted certificate file cannot be used"),
                        QApplication::translate("clearway", "The CA certificate file %1 cannot be used: %2").arg(QDir::toNativeSeparators(caFile), error));
        }
    }
    // What this workstation keeps (docs/operations.md, "Scopes"), as technical support set it up.
    if (parser.isSet(scopeOption))
        settings.setValue(QStringLiteral("sync/scope"), parser.value(scopeOption));
    if (parser.isSet(kindsOption))
        settings.setValue(QStringLiteral("sync/kinds"), parser.value(kindsOption));
    const QString scope = settings.value(QStringLiteral("sync/scope"), QStringLiteral("all")).toString();
    if (scope != QLatin1String("all") && scope != QLatin1String("office")) {
        return fail(QApplication::translate("clearway", "The workstation's scope is not valid"),
                    QApplication::translate("clearway", "The scope \"%1\" is not known: use \"all\" or \"office\".").arg(scope));
    }
    QList<Models::WorkKind> kinds;
    for (const QString &key : settings.value(QStringLiteral("sync/kinds")).toString().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const std::optional<Models::WorkKind> kind = Models::workKindFromKey(key.trimmed());
        if (!kind) {
            return fail(QApplication::translate("clearway", "The workstation's scope is not valid"),
                        QApplication::translate("clearway", "There is no kind of work \"%1\". Known kinds: declaration, manifest, inspection, "
                                                            "video, certificate, application.")
                            .arg(key.trimmed()));
        }
        kinds << *kind;
    }
    sync.setScope(scope == QLatin1String("office"), kinds);
    // Offline sign-in: the verifiers this workstation made at officers' sign-ins, beside the cache.
    Sync::SignIn signIn(&sync, Storage::OfflineCredentials::besideCache(path));
    bool offline = false;
    qint64 offlineValidUntil = 0;
    if (withServer) {
        Ui::SignInDialog dialog(&signIn);
        dialog.setServer(parser.value(serverOption));
        if (parser.isSet(userOption))
            dialog.setUser(parser.value(userOption));
        if (parser.isSet(passwordOption))
            dialog.signInWith(QTextStream(stdin).readLine());
        if (dialog.exec() != QDialog::Accepted)
            return 0;
        officer = dialog.officer();
        offline = dialog.isOffline();
        offlineValidUntil = dialog.offlineValidUntil();
    } else if (parser.isSet(officerOption)) {
        QStringList ids;
        for (const Models::Officer &o : officers) {
            ids << o.id;
            if (o.id == parser.value(officerOption))
                officer = o;
        }
        if (officer.id.isEmpty()) {
            return fail(QApplication::translate("clearway", "Unknown officer"),
                        QApplication::translate("clearway", "There is no officer \"%1\" in this cache. Known officers: %2.")
                            .arg(parser.value(officerOption), ids.join(QLatin1String(", "))));
        }
    } else {
        Ui::OfficerPicker picker(officers);
        if (picker.exec() != QDialog::Accepted)
            return 0;
        officer = picker.selectedOfficer();
    }

    Ui::MainWindow window(&cache, officer);
    if (withServer) {
        window.attachSync(&sync);
        window.attachSignIn(&signIn, offline, offlineValidUntil);
    }
    for (const QString &w : std::as_const(warnings)) {
        window.addWarning(w);
        std::fprintf(stderr, "clearway: %s\n", qPrintable(w));
    }

    const bool measure = parser.isSet(paintOption);
    const QString screenshot = parser.value(screenshotOption);
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
        if (measure) {
            std::printf("first-paint-ms %lld\n", static_cast<long long>(sinceStart.elapsed()));
            std::fflush(stdout);
            QTimer::singleShot(0, &app, &QApplication::quit);
            return;
        }
        window.startBackgroundChecks();
    });
    window.show();
    return app.exec();
}
