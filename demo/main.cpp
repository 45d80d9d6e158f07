// clearway-demo: writes a demo cache.
#include "demo/generator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("clearway-demo"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Writes a Clearway cache filled with realistic, reproducible demo data."));
    parser.addHelpOption();
    const QCommandLineOption cache(QStringLiteral("cache"), QStringLiteral("The cache file to write."), QStringLiteral("path"));
    const QCommandLineOption declarations(QStringLiteral("declarations"), QStringLiteral("Number of declarations (default 20000)."),
                                          QStringLiteral("n"), QStringLiteral("20000"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Random seed (default 20261122)."), QStringLiteral("n"),
                                  QStringLiteral("20261122"));
    const QCommandLineOption now(QStringLiteral("now"), QStringLiteral("The moment deadlines are spread around (ISO 8601; default: now)."),
                                 QStringLiteral("time"));
    const QCommandLineOption force(QStringLiteral("force"), QStringLiteral("Replace an existing file."));
    parser.addOptions({cache, declarations, seed, now, force});
    parser.process(app);

    auto fail = [](const QString &message, int code) {
        std::fprintf(stderr, "clearway-demo: %s\n", qPrintable(message));
        return code;
    };
    if (!parser.isSet(cache))
        return fail(QStringLiteral("--cache is required"), 64);
    Clearway::Demo::Options options;
    bool ok = false;
    options.declarations = parser.value(declarations).toLongLong(&ok);
    if (!ok || options.declarations < 1)
        return fail(QStringLiteral("--declarations must be a positive whole number"), 64);
    options.seed = parser.value(seed).toULongLong(&ok);
    if (!ok)
        return fail(QStringLiteral("--seed must be a whole number"), 64);
    if (parser.isSet(now)) {
        options.now = QDateTime::fromString(parser.value(now), Qt::ISODate);
        if (!options.now.isValid())
            return fail(QStringLiteral("--now must be an ISO 8601 date and time, e.g. 2026-11-22T09:00:00+08:00"), 64);
    }
    // The channels come from the demo rule set, as on a demo server (clearway-server seed-demo).
    QList<Clearway::Models::RuleSetError> ruleErrors;
    const std::optional<Clearway::Models::RiskEngine> engine = Clearway::Models::RiskEngine::fromText(Clearway::Demo::demoRiskRules(), &ruleErrors);
    if (!engine)
        return fail(QStringLiteral("the demo rule set does not parse: ") + ruleErrors.value(0).text(), 1);
    options.risk = &*engine;
    const Clearway::Demo::Result r = Clearway::Demo::generate(parser.value(cache), options, parser.isSet(force));
    if (!r.ok)
        return fail(r.error, QFileInfo::exists(parser.value(cache)) && !parser.isSet(force) ? 2 : 1);
    QStringList counts;
    for (auto it = r.counts.cbegin(); it != r.counts.cend(); ++it)
        counts << QStringLiteral("%1 %2").arg(it.key()).arg(it.value());
    std::printf("wrote %s in %.1f s: %s\n", qPrintable(parser.value(cache)), r.elapsedMs / 1000.0, qPrintable(counts.join(QLatin1String(", "))));
    return 0;
}
