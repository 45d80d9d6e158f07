#include "models/assignment.h"

#include <QTest>

using namespace Clearway::Models;

namespace {

Declaration withGoods(const QStringList &hsCodes)
{
    Declaration d;
    int line = 0;
    for (const QString &hs : hsCodes) {
        GoodsLine g;
        g.lineNo = ++line;
        g.hsCode = hs;
        d.goods << g;
    }
    return d;
}

AssignmentCandidate officer(const char *id, int open, QStringList sections = {})
{
    return {QString::fromLatin1(id), open, std::move(sections)};
}

} // namespace

class TestAssignment final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void chooses_data();
    void chooses();
    void sectionsComeFromPermissions();
};

void TestAssignment::chooses_data()
{
    QTest::addColumn<QStringList>("goods");
    QTest::addColumn<QList<AssignmentCandidate>>("candidates");
    QTest::addColumn<QString>("expected"); // empty: nobody

    const QStringList shrimp{QStringLiteral("0306170000")};
    QTest::newRow("nobody to take it") << shrimp << QList<AssignmentCandidate>() << QString();
    QTest::newRow("fewest open wins") << shrimp << QList<AssignmentCandidate>{officer("a", 5), officer("b", 2), officer("c", 3)} << QStringLiteral("b");
    QTest::newRow("a tie goes to the first id") << shrimp << QList<AssignmentCandidate>{officer("zhang", 2), officer("li", 2)} << QStringLiteral("li");
    QTest::newRow("the section comes before the workload")
        << shrimp << QList<AssignmentCandidate>{officer("generalist", 0), officer("fish", 9, {QStringLiteral("03")})} << QStringLiteral("fish");
    QTest::newRow("the least loaded in the section")
        << shrimp << QList<AssignmentCandidate>{officer("fish1", 9, {QStringLiteral("03")}), officer("fish2", 4, {QStringLiteral("0306")})}
        << QStringLiteral("fish2");
    QTest::newRow("any goods line puts it in the section")
        << QStringList{QStringLiteral("8471300000"), QStringLiteral("0306170000")}
        << QList<AssignmentCandidate>{officer("generalist", 0), officer("fish", 9, {QStringLiteral("03")})} << QStringLiteral("fish");
    QTest::newRow("no section covers it: the generalists")
        << QStringList{QStringLiteral("8471300000")}
        << QList<AssignmentCandidate>{officer("fish", 0, {QStringLiteral("03")}), officer("g1", 3), officer("g2", 1)} << QStringLiteral("g2");
    QTest::newRow("no section covers it and no generalist")
        << QStringList{QStringLiteral("8471300000")} << QList<AssignmentCandidate>{officer("fish", 0, {QStringLiteral("03")})} << QString();
    QTest::newRow("a prefix is not a substring")
        << QStringList{QStringLiteral("8403060000")}
        << QList<AssignmentCandidate>{officer("fish", 0, {QStringLiteral("0306")}), officer("g", 7)} << QStringLiteral("g");
}

void TestAssignment::chooses()
{
    QFETCH(QStringList, goods);
    QFETCH(QList<AssignmentCandidate>, candidates);
    QFETCH(QString, expected);
    const std::optional<QString> chosen = chooseAssignee(withGoods(goods), candidates);
    QCOMPARE(chosen.value_or(QString()), expected);
    QCOMPARE(chosen.has_value(), !expected.isEmpty());
}

void TestAssignment::sectionsComeFromPermissions()
{
    const QStringList permissions{QStringLiteral("risk.reroute"), QStringLiteral("section.hs:03"), QStringLiteral("section.hs:0306"),
                                  QStringLiteral("section.hs:3"), QStringLiteral("section.hs:03x"), QStringLiteral("section.hs:03")};
    QCOMPARE(hsSections(permissions), (QStringList{QStringLiteral("03"), QStringLiteral("0306")}));
    QVERIFY(hsSections({}).isEmpty());
}

QTEST_GUILESS_MAIN(TestAssignment)
#include "tst_assignment.moc"
