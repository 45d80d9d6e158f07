#pragma once

// The screenshots in docs/ come from the GUI tests: run one with CLEARWAY_SCREENSHOT_DIR set (and
// CLEARWAY_TEST_LANG=zh_CN for the Chinese interface), under xvfb-run for whole-screen shots.
#include <QDir>
#include <QGuiApplication>
#include <QPixmap>
#include <QScreen>
#include <QTest>
#include <QWidget>

namespace Clearway::Tests {

// Saves `widget` (nullptr: the whole screen, with the windows over the main one) as `name` in
// CLEARWAY_SCREENSHOT_DIR after its last paint. True when saved, or when no shots are asked for.
inline bool saveScreenshot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("CLEARWAY_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return true;
    QTest::qWait(300);
    const QPixmap shot = widget ? widget->grab() : QGuiApplication::primaryScreen()->grabWindow(0);
    return shot.save(QDir(dir).filePath(name));
}

} // namespace Clearway::Tests
