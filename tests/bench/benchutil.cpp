#include "tests/bench/benchutil.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>

#include <algorithm>
#include <cstdio>

namespace Clearway::Bench {

double percentile(QList<double> samples, double p)
{
    if (samples.isEmpty())
        return 0;
    std::sort(samples.begin(), samples.end());
    return samples.at(std::min<qsizetype>(samples.size() - 1, qsizetype(p * samples.size())));
}

double medianOf(QList<double> samples) { return percentile(std::move(samples), 0.5); }

bool makeOnce(const QString &path, const QString &program, const QStringList &arguments)
{
    if (QFileInfo::exists(path))
        return true;
    QDir().mkpath(QFileInfo(path).absolutePath());
    std::printf("making %s: %s %s\n", qPrintable(path), qPrintable(program), qPrintable(arguments.join(QLatin1Char(' '))));
    std::fflush(stdout);
    return QProcess::execute(program, arguments) == 0;
}

} // namespace Clearway::Bench
