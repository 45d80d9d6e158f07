#pragma once

#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QStringList>
#include <QWebSocket>

#include "tests/common/syncharness.h" // runServerCommand
#include "tests/common/wsclient.h"

#include <functional>

namespace Clearway::Tests {


// `add-user` with the password on standard input; returns the exit code.
int addUser(const QString &database, const QString &id, const QString &name, const QString &office, const QString &roles,
            const QByteArray &password);

// Writes the fixture cache (cachefixture.h) with `declarations` declarations as a server database,
// initialises it and adds the fixture officer wang.jianguo (window officer in office 5141, password
// "correct horse"). Returns an empty string on success, else what failed.
QString prepareServerDatabase(const QString &database, int declarations);

// Starts `clearway-server serve --insecure` over `database` on a free loopback port, with `extraArgs`.
// Returns the port, or 0 with `error` set.
quint16 startServer(QProcess *server, const QString &database, const QStringList &extraArgs, QString *error);

// One workstation's socket to a test server.
using Client = WsClient;

// A declaration command as the outbox sends it (without the request id).
inline QJsonObject command(qint64 seq, const char *name, qint64 item) { return declarationCommand(seq, name, item); }
inline QString type(const QJsonObject &o) { return typeOf(o); }
inline QString code(const QJsonObject &o) { return codeOf(o); }

} // namespace Clearway::Tests
