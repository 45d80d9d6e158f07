#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace Clearway::Bench {

// The value below which a fraction `p` (0..1) of the samples fall; 0 for no samples.
double percentile(QList<double> samples, double p);
double medianOf(QList<double> samples);

// Makes the benchmark's data file `path` once, by running `program` with `arguments`, unless it
// exists; the data is big and slow to make, and the same for every run. false when it failed.
bool makeOnce(const QString &path, const QString &program, const QStringList &arguments);

} // namespace Clearway::Bench
