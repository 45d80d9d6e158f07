#pragma once

#include <QString>
#include <QStringList>

namespace Clearway::Ui {

// The languages the workstation ships: Simplified Chinese (default) and English (the source).
QStringList availableLanguages();

// Installs the translators for `language` on the application. Returns a warning for the officer
// when the translation cannot be loaded (the interface then stays in English).
QString installTranslations(const QString &language);

// A warning for the officer when no installed font can render Simplified Chinese.
QString checkChineseFont();

} // namespace Clearway::Ui
