#include "tests/common/serverprocess.h"

namespace Clearway::Tests {

ServerProcess::ServerProcess(QString executable, QString database)
    : m_executable(std::move(executable))
    , m_database(std::move(database))
{
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
}

ServerProcess::~ServerProcess() { kill(); }

QString ServerProcess::start(const QStringList &extra)
{
    m_process.start(m_executable, QStringList{QStringLiteral("serve"), QStringLiteral("--database"), m_database, QStringLiteral("--port"),
                                              QString::number(m_port), QStringLiteral("--insecure")}
                                      + extra);
    if (!m_process.waitForReadyRead(15000))
        return QStringLiteral("the server did not start: ") + m_process.errorString();
    const QByteArray line = m_process.readLine().trimmed();
    if (!line.startsWith("listening on"))
        return QString::fromUtf8(line);
    m_port = line.mid(line.lastIndexOf(':') + 1).toUShort();
    return {};
}

void ServerProcess::terminate()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(10000))
        kill();
}

void ServerProcess::kill()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.kill();
    m_process.waitForFinished(10000);
}

QUrl ServerProcess::url() const { return QUrl(QStringLiteral("ws://127.0.0.1:%1/sync").arg(m_port)); }

QString ServerProcess::addUser(const QString &id, const QString &name, const QString &roles, const QString &password) const
{
    QProcess p;
    p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    p.start(m_executable, {QStringLiteral("add-user"), QStringLiteral("--database"), m_database, QStringLiteral("--id"), id, QStringLiteral("--name"),
                           name, QStringLiteral("--office"), QStringLiteral("5141"), QStringLiteral("--roles"), roles,
                           QStringLiteral("--password-stdin")});
    p.write(password.toUtf8() + '\n');
    p.closeWriteChannel();
    if (!p.waitForFinished(30000) || p.exitCode() != 0)
        return QStringLiteral("add-user %1 failed").arg(id);
    return {};
}

} // namespace Clearway::Tests
