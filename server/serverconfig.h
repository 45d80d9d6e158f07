#pragma once

#include "server/hub.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>

namespace Clearway::Server {

// One setting the config file and the command line share: the INI key is the long option name.
struct SettingSpec
{
    QString key;
    QString valueName;
    QString help;
};
const QList<SettingSpec> &settingSpecs();

// A raw value and where it came from ("--port", "/etc/clearway/clearway-server.conf").
struct SettingValue
{
    QString value;
    QString origin;
};
using SettingValues = QHash<QString, SettingValue>;

// The resolved, checked settings of `clearway-server`.
struct ServerSettings
{
    QString database;
    QString certFile;
    QString keyFile;
    QString logRules; // QLoggingCategory filter rules, one a line
    bool autoAssign = false; // Store::setAutoAssign()
    int changePollMs = Store::kDefaultChangePollMs; // Store::setChangePollInterval()
    HubOptions hub;   // address, port, limits and the blob folder (empty: the default, chosen by the database)
};

// Reads an INI file (QSettings) into *values. Paths in it (database, cert, key) are relative to the
// file's folder. Keys that are not settings go to *unknownKeys. false with *error when the file
// cannot be read or parsed.
bool readConfigFile(const QString &path, SettingValues *values, QStringList *unknownKeys, QString *error);

// Checks every value and fills in the defaults; nullopt with *error naming the setting, its origin
// and what was expected.
std::optional<ServerSettings> resolveSettings(const SettingValues &values, QString *error);

} // namespace Clearway::Server
