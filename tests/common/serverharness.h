#pragma once

// What the protocol tests (tst_badinput) use to talk to a real server frame by frame: the server
// and its accounts come from syncharness.h, the socket from wsclient.h.
#include "tests/common/syncharness.h"
#include "tests/common/wsclient.h"

#include <QJsonObject>

namespace Clearway::Tests {

// One workstation's socket to a test server.
using Client = WsClient;

// A declaration command as the outbox sends it (without the request id).
inline QJsonObject command(qint64 seq, const char *name, qint64 item) { return declarationCommand(seq, name, item); }
inline QString type(const QJsonObject &o) { return typeOf(o); }
inline QString code(const QJsonObject &o) { return codeOf(o); }

} // namespace Clearway::Tests
