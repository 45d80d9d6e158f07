#include "ui/startup.h"

#include <QApplication>
#include <QFontDatabase>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace Clearway::Ui {

QStringList availableLanguages() { return {QStringLiteral("zh_CN"), QStringLiteral("en")}; }

QString installTranslations(const QString &language)
{
    if (language == QLatin1String("en")) {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        return {};
    }
    if (!availableLanguages().contains(language)) {
        return QApplication::translate("Clearway::Ui::Startup", "The language \"%1\" is not available; Clearway offers %2. Showing English.")
            .arg(language, availableLanguages().join(QLatin1String(", ")));
    }
    auto *ours = new QTranslator(qApp);
    if (!ours->load(QStringLiteral(":/i18n/clearway_") + language + QStringLiteral(".qm")) || !QApplication::installTranslator(ours)) {
        delete ours;
        return QStringLiteral("The Chinese translation could not be loaded; the interface is shown in English. "
                              "Reinstall Clearway to restore it. / 无法加载中文翻译，界面暂以英文显示。");
    }
    const QLocale locale(language);
    QLocale::setDefault(locale);
    // Qt's own strings (standard buttons, context menus) when Debian's qt6-translations-l10n is installed.
    auto *qt = new QTranslator(qApp);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
    else
        delete qt;
    return {};
}

QString checkChineseFont()
{
    if (!QFontDatabase::families(QFontDatabase::SimplifiedChinese).isEmpty())
        return {};
    return QApplication::translate("Clearway::Ui::Startup",
                                   "No font for Simplified Chinese is installed, so Chinese names and goods may show as boxes. "
                                   "Ask for the package fonts-noto-cjk to be installed.");
}

} // namespace Clearway::Ui
