#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace Clearway::Tests {

// A real clearway-server process serving plain ws:// on a free loopback port. The port is kept
// across restart(), so clients reconnect to the same URL.
class ServerProcess final
{
public:
    ServerProcess(QString executable, QString database);
    ~ServerProcess();
    Q_DISABLE_COPY_MOVE(ServerProcess)

    // Starts `serve` (with `extra` arguments); empty on success, else what went wrong.
    QString start(const QStringList &extra = {});
    void terminate(); // SIGTERM, and wait
    void kill();      // SIGKILL, and wait
    QUrl url() const;

    // Runs `clearway-server add-user` for a window officer of office 5141; empty on success.
    QString addUser(const QString &id, const QString &name, const QString &roles, const QString &password) const;

private:
    QString m_executable;
    QString m_database;
    QProcess m_process;
    quint16 m_port = 0;
};

} // namespace Clearway::Tests
