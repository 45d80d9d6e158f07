#include "models/lifecycle.h"
#include "models/reasons.h"

#include <QSet>
#include <QTest>

using namespace Clearway::Models;

class TestReasons final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyDeskDecisionHasACatalogue_data();
    void everyDeskDecisionHasACatalogue();
    void commandsWithoutACatalogueTakeWords();
    void composeReason_data();
    void composeReason();
};

void TestReasons::everyDeskDecisionHasACatalogue_data()
{
    QTest::addColumn<WorkKind>("kind");
    QTest::addColumn<QString>("command");
    for (const char *c : {"return_for_correction", "hold", "route_to_inspection", "escalate"})
        QTest::newRow(c) << WorkKind::Declaration << QString::fromLatin1(c);
    for (const char *c : {"return_for_modification", "delete", "transfer_anti_smuggling"})
        QTest::newRow(c) << WorkKind::Manifest << QString::fromLatin1(c);
}

void TestReasons::everyDeskDecisionHasACatalogue()
{
    QFETCH(WorkKind, kind);
    QFETCH(QString, command);
    const CommandDef *def = Lifecycle::of(kind).command(command);
    QVERIFY2(def, "the catalogue names a command the lifecycle does not have");
    QVERIFY(def->needsReason);
    const QList<ReasonOption> options = reasonCatalogue(kind, command);
    QVERIFY(options.size() >= 3);
    QSet<QString> codes;
    for (const ReasonOption &o : options) {
        QVERIFY2(!codes.contains(o.code), qPrintable(o.code));
        codes.insert(o.code);
        QVERIFY(!o.text().isEmpty());
        QCOMPARE(o.needsDetails, o.code == QLatin1String("other"));
    }
    QCOMPARE(options.last().code, QStringLiteral("other"));
}

void TestReasons::commandsWithoutACatalogueTakeWords()
{
    QVERIFY(reasonCatalogue(WorkKind::InspectionTask, QStringLiteral("record_finding")).isEmpty());
    QVERIFY(reasonCatalogue(WorkKind::Declaration, QStringLiteral("release")).isEmpty());
    QVERIFY(reasonCatalogue(WorkKind::Declaration, QStringLiteral("no_such_command")).isEmpty());
}

void TestReasons::composeReason_data()
{
    QTest::addColumn<QStringList>("labels");
    QTest::addColumn<QString>("details");
    QTest::addColumn<QString>("expected");
    QTest::newRow("nothing") << QStringList() << QString() << QString();
    QTest::newRow("blank") << QStringList{QStringLiteral("  ")} << QStringLiteral(" \n ") << QString();
    QTest::newRow("one label") << QStringList{QStringLiteral("商品编码归类不准确")} << QString() << QStringLiteral("商品编码归类不准确");
    QTest::newRow("words only") << QStringList() << QStringLiteral(" 第3项 ") << QStringLiteral("第3项");
    QTest::newRow("labels and words") << QStringList{QStringLiteral("A"), QStringLiteral("B")} << QStringLiteral("line 3")
                                      << QStringLiteral("A; B; line 3");
}

void TestReasons::composeReason()
{
    QFETCH(QStringList, labels);
    QFETCH(QString, details);
    QFETCH(QString, expected);
    QCOMPARE(Clearway::Models::composeReason(labels, details), expected);
}

QTEST_GUILESS_MAIN(TestReasons)
#include "tst_reasons.moc"
