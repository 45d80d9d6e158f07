#include "server/tlsconfig.h"

#include <QDateTime>
#include <QEventLoop>
#include <QFile>
#include <QLoggingCategory>
#include <QSslKey>
#include <QSslSocket>
#include <QSslServer>
#include <QTimer>

namespace Clearway::Server {

Q_LOGGING_CATEGORY(lcTls, "clearway.server.tls")

namespace {

bool readFile(const QString &path, const char *what, QByteArray *data, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read the TLS %1 file %2: %3").arg(QLatin1String(what), path, file.errorString());
        return false;
    }
    *data = file.readAll();
    return true;
}

// A TLS handshake with ourselves on a loopback port: the only portable way Qt offers to learn
// whether the private key matches the certificate (OpenSSL checks it when a connection starts).
bool handshakeWithItself(const QSslConfiguration &configuration, QString *error)
{
    QSslServer listener;
    listener.setSslConfiguration(configuration);
    listener.setHandshakeTimeout(10000);
    if (!listener.listen(QHostAddress::LocalHost, 0)) {
        *error = QStringLiteral("cannot check the certificate and key (no loopback port: %1)").arg(listener.errorString());
        return false;
    }
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    QString failure;
    bool encrypted = false;
    QObject::connect(&listener, &QSslServer::errorOccurred, &loop, [&](QSslSocket *socket, QAbstractSocket::SocketError) {
        failure = socket->errorString();
        loop.quit();
    });
    QSslSocket client;
    QSslConfiguration clientConfig = QSslConfiguration::defaultConfiguration();
    clientConfig.setPeerVerifyMode(QSslSocket::VerifyNone); // checking the pair, not who issued it
    client.setSslConfiguration(clientConfig);
    QObject::connect(&client, &QSslSocket::encrypted, &loop, [&] {
        encrypted = true;
        loop.quit();
    });
    QString clientFailure;
    QObject::connect(&client, &QSslSocket::errorOccurred, &loop, [&] {
        // The server side says why (e.g. the key does not match); give it a moment to.
        clientFailure = client.errorString();
        timeout.start(1000);
    });
    client.connectToHostEncrypted(QStringLiteral("127.0.0.1"), listener.serverPort());
    timeout.start(10000);
    loop.exec();
    if (encrypted)
        return true;
    if (failure.isEmpty())
        failure = clientFailure;
    *error = QStringLiteral("the private key does not belong to the certificate, or the pair is unusable (%1)")
                 .arg(failure.isEmpty() ? QStringLiteral("no TLS handshake within 10 s") : failure);
    return false;
}

} // namespace

QString describeCertificate(const QSslCertificate &certificate)
{
    QStringList names = certificate.subjectInfo(QSslCertificate::CommonName);
    const QString cn = names.isEmpty() ? QStringLiteral("(no common name)") : names.first();
    return QStringLiteral("CN=%1, expires %2").arg(cn, certificate.expiryDate().toUTC().toString(Qt::ISODate));
}

std::optional<QSslConfiguration> loadServerTls(const QString &certFile, const QString &keyFile, QString *error)
{
    if (!QSslSocket::supportsSsl()) {
        *error = QStringLiteral("this Qt has no TLS backend (the OpenSSL 3 plugin of libqt6network6 is missing)");
        return std::nullopt;
    }
    QByteArray certPem, keyPem;
    if (!readFile(certFile, "certificate", &certPem, error) || !readFile(keyFile, "key", &keyPem, error))
        return std::nullopt;
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certPem, QSsl::Pem);
    if (chain.isEmpty() || chain.first().isNull()) {
        *error = QStringLiteral("%1 holds no PEM certificate").arg(certFile);
        return std::nullopt;
    }
    QSslKey key;
    for (const QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec}) {
        key = QSslKey(keyPem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            break;
    }
    if (key.isNull()) {
        *error = QStringLiteral("%1 holds no usable private key (PEM, RSA or EC, not protected by a passphrase)").arg(keyFile);
        return std::nullopt;
    }
    const QSslCertificate &own = chain.first();
    if (own.expiryDate() < QDateTime::currentDateTimeUtc())
        qCWarning(lcTls).noquote() << "the server certificate has expired:" << describeCertificate(own) << "- workstations will refuse it";
    else if (own.effectiveDate() > QDateTime::currentDateTimeUtc())
        qCWarning(lcTls).noquote() << "the server certificate is not valid yet:" << describeCertificate(own);

    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(key);
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone); // workstations sign in with passwords, not client certificates
    if (!handshakeWithItself(configuration, error))
        return std::nullopt;
    qCInfo(lcTls).noquote() << "TLS backend" << QSslSocket::activeBackend() << "-" << QSslSocket::sslLibraryVersionString();
    return configuration;
}

} // namespace Clearway::Server
