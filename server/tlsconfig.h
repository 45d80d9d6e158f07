#pragma once

#include <QSslConfiguration>
#include <QString>

#include <optional>

namespace Clearway::Server {

// The server's TLS set-up from two PEM files: the certificate (the server's own first, then any
// intermediate CA certificates) and its unencrypted private key (RSA or EC). Checks that a TLS
// backend is present, that both files can be read, and that the key belongs to the certificate
// (a loopback handshake), so a wrong file stops the server at start instead of failing every
// workstation later. nullopt with the reason in *error.
std::optional<QSslConfiguration> loadServerTls(const QString &certFile, const QString &keyFile, QString *error);

// "CN=clearway.example, expires 2027-05-01" for the start-up line and the log.
QString describeCertificate(const QSslCertificate &certificate);

} // namespace Clearway::Server
