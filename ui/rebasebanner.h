#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace Clearway::Ui {

// A strip above the queues when the server is not the one this cache was filled from (restored
// from a backup, or replaced): nothing is sent to it and nothing is taken from it. Its button starts
// again from the server as it is now, after a confirmation that names the file the current cache is
// kept as and says what becomes of the unsent work (storage/cacherebase.h). Never modal until
// asked: work goes on from the cache meanwhile.
class RebaseBanner final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RebaseBanner)

public:
    explicit RebaseBanner(const QString &cachePath, QWidget *parent = nullptr);

    // The cache was filled from `previousEpoch`; the server now has `epoch`.
    void showServerChanged(const QString &previousEpoch, const QString &epoch);

Q_SIGNALS:
    // The officer confirmed: keep the cache as `keptPath` and copy again from the server.
    void rebaseConfirmed(const QString &keptPath);

private:
    void confirm();

    QString m_cachePath;
    QString m_previousEpoch;
    QLabel *m_text;
    QPushButton *m_rebase;
};

} // namespace Clearway::Ui
