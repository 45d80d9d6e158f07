// The work-item lifecycles written as data in models/lifecycle.cpp, checked three ways:
//  - explicit expected-value tables (definitions, decisions, available commands, whole paths), so a
//    change to the lifecycle data fails a test and has to be made here on purpose too;
//  - an exhaustive sweep of every command from every state by every role and holder, against the
//    rule precedence written out independently below (expectedCode);
//  - structural invariants over the data (states exist, reachability, no dead ends, System-only
//    commands, availableCommands() agreeing with decide()).
#include "models/lifecycle.h"
#include "tests/common/teststrings.h"

#include <QHash>
#include <QMetaEnum>
#include <QQueue>
#include <QSet>
#include <QTest>

using namespace Clearway::Models;

namespace {

const QString kOffice = QStringLiteral("5141");      // the items' customs office
const QString kOtherOffice = QStringLiteral("5300"); // somebody else's

const Roles kAllOfficerRoles = Roles(Role::WindowOfficer) | Role::Inspector | Role::RemoteInspector
    | Role::CertificateOfficer | Role::Supervisor;

QString str(const char *s) { return QString::fromUtf8(s); }

using Clearway::Test::strings;

QString kindName(WorkKind kind) { return workKindKey(kind); }

QList<WorkKind> allKinds()
{
    QList<WorkKind> out;
    for (int i = 0; i < WorkKindCount; ++i)
        out << static_cast<WorkKind>(i);
    return out;
}

// The officers the tables talk about: one per role, two window officers, and the system.
Officer officer(const QString &id, Roles roles, const QString &office = kOffice) { return Officer{id, id, office, roles}; }

Officer byId(const QString &id)
{
    static const QHash<QString, Roles> roles = {
        {QStringLiteral("wang"), Role::WindowOfficer},       {QStringLiteral("zhou"), Role::WindowOfficer},
        {QStringLiteral("li"), Role::Inspector},             {QStringLiteral("sun"), Role::Inspector},
        {QStringLiteral("zhao"), Role::RemoteInspector},     {QStringLiteral("qian"), Role::RemoteInspector},
        {QStringLiteral("chen"), Role::CertificateOfficer},  {QStringLiteral("wu"), Role::CertificateOfficer},
        {QStringLiteral("chief"), Role::Supervisor},         {QStringLiteral("sys"), Role::System},
    };
    Q_ASSERT(roles.contains(id));
    return officer(id, roles.value(id));
}

QString roleName(Roles roles)
{
    if (roles == kAllOfficerRoles)
        return QStringLiteral("all-officer-roles");
    const QMetaEnum e = QMetaEnum::fromType<Roles>();
    const QByteArray keys = e.valueToKeys(static_cast<int>(roles.toInt()));
    return keys.isEmpty() ? QStringLiteral("none") : QString::fromLatin1(keys).replace(QLatin1Char('|'), QLatin1Char('+'));
}

// The rule precedence, written out from lifecycle.h's contract rather than copied from decide():
// unknown command, role, office scope (System is not scoped), state, holder (System acts for any
// holder), reason, reassignment target.
QString expectedCode(const Lifecycle &lc, const WorkItemState &before, const Command &c, const Officer &actor)
{
    const CommandDef *def = lc.command(c.name);
    if (!def)
        return QStringLiteral("unknown_command");
    if (!(def->roles & actor.roles))
        return QStringLiteral("role");
    const bool system = actor.roles.testFlag(Role::System);
    if (!system && !before.office.isEmpty() && before.office != actor.office)
        return QStringLiteral("office");
    if (!def->from.contains(before.state))
        return QStringLiteral("wrong_state");
    if (def->holder == Holder::AssigneeOnly && !system && before.assignee != actor.id)
        return QStringLiteral("not_holder");
    if (def->holder == Holder::UnassignedOnly && !before.assignee.isEmpty())
        return QStringLiteral("already_claimed");
    if (def->needsReason && c.reason.trimmed().isEmpty())
        return QStringLiteral("reason_required");
    if (def->effect == AssigneeEffect::SetFromArgument && c.targetOfficer.trimmed().isEmpty())
        return QStringLiteral("target_required");
    return QStringLiteral("ok");
}

const QSet<QString> &knownCodes()
{
    static const QSet<QString> codes = {
        QStringLiteral("ok"),         QStringLiteral("unknown_command"), QStringLiteral("role"),
        QStringLiteral("office"),     QStringLiteral("wrong_state"),     QStringLiteral("not_holder"),
        QStringLiteral("already_claimed"), QStringLiteral("reason_required"), QStringLiteral("target_required"),
    };
    return codes;
}

// Everybody who might act on an item: each single role (and none) in the item's office, officers and
// the system from another office, and one officer holding every officer role.
QList<Officer> sweepActors()
{
    QList<Officer> out;
    for (Role r : {Role::None, Role::WindowOfficer, Role::Inspector, Role::RemoteInspector, Role::CertificateOfficer,
                   Role::Supervisor, Role::System})
        out << officer(QStringLiteral("actor"), r);
    out << officer(QStringLiteral("actor"), Role::WindowOfficer, kOtherOffice)
        << officer(QStringLiteral("actor"), Role::Supervisor, kOtherOffice)
        << officer(QStringLiteral("actor"), Role::System, kOtherOffice)
        << officer(QStringLiteral("actor"), kAllOfficerRoles);
    return out;
}

QStringList commandKeys(const Lifecycle &lc)
{
    QStringList out;
    for (const CommandDef &c : lc.commands())
        out << c.key;
    return out;
}

QStringList stateKeys(const Lifecycle &lc)
{
    QStringList out;
    for (const StateDef &s : lc.states())
        out << s.key;
    return out;
}

QStringList systemOnlyCommands(const Lifecycle &lc)
{
    QStringList out;
    for (const CommandDef &c : lc.commands()) {
        if (c.roles == Roles(Role::System))
            out << c.key;
    }
    return out;
}

Command makeCommand(WorkKind kind, const QString &name, const QString &reason = {}, const QString &target = {})
{
    Command c;
    c.kind = kind;
    c.itemId = 42;
    c.name = name;
    c.reason = reason;
    c.targetOfficer = target;
    return c;
}

WorkItemState item(const QString &state, const QString &assignee = {}, qint64 version = 7)
{
    return WorkItemState{state, assignee, kOffice, version};
}

// Configurations (state, holder) reachable from a fresh item, for the dead-end checks.
using Config = std::pair<QString, QString>;

QList<Officer> graphActors()
{
    QList<Officer> out;
    for (const char *id : {"a", "b"}) {
        for (Role r : {Role::WindowOfficer, Role::Inspector, Role::RemoteInspector, Role::CertificateOfficer, Role::Supervisor})
            out << officer(QString::fromLatin1(id), r);
    }
    out << officer(QStringLiteral("sys"), Role::System);
    return out;
}

QList<Config> successors(const Lifecycle &lc, const Config &from)
{
    QList<Config> out;
    const WorkItemState before = item(from.first, from.second);
    for (const CommandDef &def : lc.commands()) {
        for (const Officer &actor : graphActors()) {
            for (const char *target : {"a", "b"}) {
                const Decision d = lc.decide(before, makeCommand(lc.kind(), def.key, QStringLiteral("reason"), QString::fromLatin1(target)), actor);
                if (d.accepted)
                    out << Config{d.after.state, d.after.assignee};
            }
        }
    }
    return out;
}

} // namespace

Q_DECLARE_METATYPE(Clearway::Models::Holder)
Q_DECLARE_METATYPE(Clearway::Models::AssigneeEffect)

class TestLifecycle final : public QObject
{
    Q_OBJECT

private slots:
    // The data itself, spelled out.
    void definitions_data();
    void definitions();
    void commandDefinitions_data();
    void commandDefinitions();
    void systemOnlyCommandsAreTheExpectedOnes_data();
    void systemOnlyCommandsAreTheExpectedOnes();

    // Decisions, by hand.
    void decisions_data();
    void decisions();
    void messages_data();
    void messages();
    void availableCommands_data();
    void availableCommands();
    void paths_data();
    void paths();
    void reassignedItemCanStillMove_data();
    void reassignedItemCanStillMove();
    void decisionsOnWhatWasSeenAreTheExpectedOnes_data();
    void decisionsOnWhatWasSeenAreTheExpectedOnes();
    void aDecisionOnAnOlderVersionIsStale_data();
    void aDecisionOnAnOlderVersionIsStale();

    // Every command, state, role and holder.
    void sweep_data();
    void sweep();
    void closedStatesAcceptOnlyWhatTheLifecycleAllows_data();
    void closedStatesAcceptOnlyWhatTheLifecycleAllows();

    // Invariants over the data.
    void structure_data();
    void commandStatesExist();
    void commandStatesExist_data() { structure_data(); }
    void keysAndLabelsAreUniqueAndNonEmpty();
    void keysAndLabelsAreUniqueAndNonEmpty_data() { structure_data(); }
    void everyOpenStateHasAWayOut();
    void everyOpenStateHasAWayOut_data() { structure_data(); }
    void everyStateIsReachableFromTheInitialState();
    void everyStateIsReachableFromTheInitialState_data() { structure_data(); }
    void everyReachableItemCanStillBeClosed();
    void everyReachableItemCanStillBeClosed_data() { structure_data(); }
    void systemCommandsAreNeverAvailableToOfficers();
    void systemCommandsAreNeverAvailableToOfficers_data() { structure_data(); }
    void availableCommandsAgreesWithDecide();
    void availableCommandsAgreesWithDecide_data() { structure_data(); }
    void unknownCommandsAndStates();
    void unknownCommandsAndStates_data() { structure_data(); }
};

// ---------------------------------------------------------------------------------------------
// The data, spelled out

void TestLifecycle::definitions_data()
{
    QTest::addColumn<WorkKind>("kind");
    QTest::addColumn<QStringList>("states"); // in order: the first is the initial state
    QTest::addColumn<QStringList>("open");
    QTest::addColumn<QStringList>("commands");

    QTest::newRow("declaration") << WorkKind::Declaration
        << strings({"received", "under_review", "returned", "held", "inspection", "escalated", "released"})
        << strings({"received", "under_review", "returned", "held", "inspection", "escalated"})
        << strings({"claim", "unclaim", "release", "hold", "resume", "return_for_correction", "resubmit", "route_to_inspection",
                 "inspection_done", "escalate", "endorse", "reassign"});
    QTest::newRow("manifest") << WorkKind::Manifest
        << strings({"received", "under_review", "returned", "released", "deleted", "transferred"})
        << strings({"received", "under_review", "returned"})
        << strings({"claim", "unclaim", "release", "return_for_modification", "resubmit", "delete", "transfer_anti_smuggling", "reassign"});
    QTest::newRow("inspection") << WorkKind::InspectionTask
        << strings({"notified", "in_position", "in_progress", "completed", "cancelled"})
        << strings({"notified", "in_position", "in_progress"})
        << strings({"confirm_position", "claim", "unclaim", "start", "record_finding", "complete", "cancel", "reassign"});
    QTest::newRow("video") << WorkKind::VideoSession
        << strings({"booked", "in_call", "ended", "archived", "cancelled"})
        << strings({"booked", "in_call", "ended"})
        << strings({"claim", "unclaim", "start_call", "end_call", "archive", "cancel", "reassign"});
    QTest::newRow("certificate") << WorkKind::Certificate
        << strings({"submitted", "manual_review", "investigation", "returned", "issued", "refused", "revoked"})
        << strings({"submitted", "manual_review", "investigation", "returned"})
        << strings({"auto_pass", "auto_return", "auto_manual", "auto_investigate", "claim", "unclaim", "issue", "return_for_correction",
                 "investigate", "close_investigation", "refuse", "resubmit", "revoke", "reassign"});
    QTest::newRow("application") << WorkKind::ServiceApplication
        << strings({"received", "handed_off", "in_handling", "completed", "rejected"})
        << strings({"received", "handed_off", "in_handling"})
        << strings({"hand_off", "claim", "complete", "reject", "reassign"});
}

void TestLifecycle::definitions()
{
    QFETCH(WorkKind, kind);
    QFETCH(QStringList, states);
    QFETCH(QStringList, open);
    QFETCH(QStringList, commands);

    const Lifecycle &lc = Lifecycle::of(kind);
    QCOMPARE(lc.kind(), kind);
    QCOMPARE(stateKeys(lc), states);
    QCOMPARE(lc.initialState(), states.first());
    QCOMPARE(lc.openStates(), open);
    for (const QString &s : states)
        QCOMPARE(lc.isOpen(s), open.contains(s));
    QCOMPARE(commandKeys(lc), commands);
}

void TestLifecycle::commandDefinitions_data()
{
    QTest::addColumn<WorkKind>("kind");
    QTest::addColumn<QString>("command");
    QTest::addColumn<QStringList>("from");
    QTest::addColumn<QString>("to"); // empty: the state does not change
    QTest::addColumn<Roles>("roles");
    QTest::addColumn<Holder>("holder");
    QTest::addColumn<AssigneeEffect>("effect");
    QTest::addColumn<bool>("needsReason");

    using H = Holder;
    using E = AssigneeEffect;
    const Roles W = Role::WindowOfficer;
    const Roles I = Role::Inspector;
    const Roles R = Role::RemoteInspector;
    const Roles C = Role::CertificateOfficer;
    const Roles S = Role::Supervisor;
    const Roles Sys = Role::System;
    auto row = [](WorkKind kind, const char *command, QStringList from, const char *to, Roles roles, H holder, E effect, bool reason) {
        QTest::addRow("%s/%s", qPrintable(kindName(kind)), command)
            << kind << str(command) << from << str(to) << roles << holder << effect << reason;
    };

    const WorkKind D = WorkKind::Declaration;
    row(D, "claim", strings({"received"}), "under_review", W | S, H::UnassignedOnly, E::TakeByActor, false);
    row(D, "unclaim", strings({"under_review"}), "received", W | S, H::AssigneeOnly, E::Clear, false);
    row(D, "release", strings({"under_review"}), "released", W | S, H::AssigneeOnly, E::Keep, false);
    row(D, "hold", strings({"under_review"}), "held", W | S, H::AssigneeOnly, E::Keep, true);
    row(D, "resume", strings({"held"}), "under_review", W | S, H::AssigneeOnly, E::Keep, false);
    row(D, "return_for_correction", strings({"under_review"}), "returned", W | S, H::AssigneeOnly, E::Keep, true);
    row(D, "resubmit", strings({"returned"}), "received", Sys, H::Anyone, E::Clear, false);
    row(D, "route_to_inspection", strings({"under_review"}), "inspection", W | S, H::AssigneeOnly, E::Keep, true);
    row(D, "inspection_done", strings({"inspection"}), "under_review", I | Sys, H::Anyone, E::Keep, false);
    row(D, "escalate", strings({"under_review"}), "escalated", W, H::AssigneeOnly, E::Keep, true);
    row(D, "endorse", strings({"escalated"}), "under_review", S, H::Anyone, E::Keep, false);
    row(D, "reassign", strings({"received", "under_review", "returned", "held", "inspection", "escalated"}), "", S, H::Anyone, E::SetFromArgument, true);

    const WorkKind M = WorkKind::Manifest;
    row(M, "claim", strings({"received"}), "under_review", W | S, H::UnassignedOnly, E::TakeByActor, false);
    row(M, "unclaim", strings({"under_review"}), "received", W | S, H::AssigneeOnly, E::Clear, false);
    row(M, "release", strings({"under_review"}), "released", W | S, H::AssigneeOnly, E::Keep, false);
    row(M, "return_for_modification", strings({"under_review"}), "returned", W | S, H::AssigneeOnly, E::Keep, true);
    row(M, "resubmit", strings({"returned"}), "received", Sys, H::Anyone, E::Clear, false);
    row(M, "delete", strings({"under_review"}), "deleted", W | S, H::AssigneeOnly, E::Keep, true);
    row(M, "transfer_anti_smuggling", strings({"under_review"}), "transferred", W | S, H::AssigneeOnly, E::Keep, true);
    row(M, "reassign", strings({"received", "under_review", "returned"}), "", S, H::Anyone, E::SetFromArgument, true);

    const WorkKind T = WorkKind::InspectionTask;
    row(T, "confirm_position", strings({"notified"}), "in_position", I | Sys, H::Anyone, E::Keep, false);
    row(T, "claim", strings({"notified", "in_position"}), "", I | S, H::UnassignedOnly, E::TakeByActor, false);
    row(T, "unclaim", strings({"notified", "in_position"}), "", I | S, H::AssigneeOnly, E::Clear, false);
    row(T, "start", strings({"in_position"}), "in_progress", I, H::AssigneeOnly, E::Keep, false);
    row(T, "record_finding", strings({"in_progress"}), "", I, H::AssigneeOnly, E::Keep, true);
    row(T, "complete", strings({"in_progress"}), "completed", I, H::AssigneeOnly, E::Keep, true);
    row(T, "cancel", strings({"notified", "in_position"}), "cancelled", S, H::Anyone, E::Keep, true);
    row(T, "reassign", strings({"notified", "in_position", "in_progress"}), "", S, H::Anyone, E::SetFromArgument, true);

    const WorkKind V = WorkKind::VideoSession;
    row(V, "claim", strings({"booked"}), "", R | S, H::UnassignedOnly, E::TakeByActor, false);
    row(V, "unclaim", strings({"booked"}), "", R | S, H::AssigneeOnly, E::Clear, false);
    row(V, "start_call", strings({"booked"}), "in_call", R, H::AssigneeOnly, E::Keep, false);
    row(V, "end_call", strings({"in_call"}), "ended", R, H::AssigneeOnly, E::Keep, false);
    row(V, "archive", strings({"ended"}), "archived", R | Sys, H::AssigneeOnly, E::Keep, false);
    row(V, "cancel", strings({"booked"}), "cancelled", R | S, H::Anyone, E::Keep, true);
    row(V, "reassign", strings({"booked", "in_call", "ended"}), "", S, H::Anyone, E::SetFromArgument, true);

    const WorkKind Ct = WorkKind::Certificate;
    row(Ct, "auto_pass", strings({"submitted"}), "issued", Sys, H::Anyone, E::Keep, false);
    row(Ct, "auto_return", strings({"submitted"}), "returned", Sys, H::Anyone, E::Keep, true);
    row(Ct, "auto_manual", strings({"submitted"}), "manual_review", Sys, H::Anyone, E::Keep, false);
    row(Ct, "auto_investigate", strings({"submitted"}), "investigation", Sys, H::Anyone, E::Keep, true);
    row(Ct, "claim", strings({"manual_review", "investigation"}), "", C | S, H::UnassignedOnly, E::TakeByActor, false);
    row(Ct, "unclaim", strings({"manual_review", "investigation"}), "", C | S, H::AssigneeOnly, E::Clear, false);
    row(Ct, "issue", strings({"manual_review"}), "issued", C, H::AssigneeOnly, E::Keep, false);
    row(Ct, "return_for_correction", strings({"manual_review"}), "returned", C, H::AssigneeOnly, E::Clear, true);
    row(Ct, "investigate", strings({"manual_review"}), "investigation", C, H::AssigneeOnly, E::Keep, true);
    row(Ct, "close_investigation", strings({"investigation"}), "manual_review", C, H::AssigneeOnly, E::Keep, true);
    row(Ct, "refuse", strings({"investigation"}), "refused", C | S, H::AssigneeOnly, E::Keep, true);
    row(Ct, "resubmit", strings({"returned"}), "submitted", Sys, H::Anyone, E::Clear, false);
    row(Ct, "revoke", strings({"issued"}), "revoked", C | S, H::Anyone, E::Keep, true);
    row(Ct, "reassign", strings({"submitted", "manual_review", "investigation", "returned"}), "", S, H::Anyone, E::SetFromArgument, true);

    const WorkKind A = WorkKind::ServiceApplication;
    row(A, "hand_off", strings({"received"}), "handed_off", W | S, H::Anyone, E::Clear, false);
    row(A, "claim", strings({"handed_off"}), "in_handling", W | C | S, H::UnassignedOnly, E::TakeByActor, false);
    row(A, "complete", strings({"in_handling"}), "completed", W | C | S, H::AssigneeOnly, E::Keep, false);
    row(A, "reject", strings({"received", "in_handling"}), "rejected", W | C | S, H::Anyone, E::Keep, true);
    row(A, "reassign", strings({"received", "handed_off", "in_handling"}), "", S, H::Anyone, E::SetFromArgument, true);
}

void TestLifecycle::commandDefinitions()
{
    QFETCH(WorkKind, kind);
    QFETCH(QString, command);
    QFETCH(QStringList, from);
    QFETCH(QString, to);
    QFETCH(Roles, roles);
    QFETCH(Holder, holder);
    QFETCH(AssigneeEffect, effect);
    QFETCH(bool, needsReason);

    const CommandDef *def = Lifecycle::of(kind).command(command);
    QVERIFY2(def, qPrintable(command));
    QCOMPARE(def->from, from);
    QCOMPARE(def->to, to);
    QCOMPARE(roleName(def->roles), roleName(roles));
    QCOMPARE(static_cast<int>(def->holder), static_cast<int>(holder));
    QCOMPARE(static_cast<int>(def->effect), static_cast<int>(effect));
    QCOMPARE(def->needsReason, needsReason);
}

void TestLifecycle::systemOnlyCommandsAreTheExpectedOnes_data()
{
    QTest::addColumn<WorkKind>("kind");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("declaration") << WorkKind::Declaration << strings({"resubmit"});
    QTest::newRow("manifest") << WorkKind::Manifest << strings({"resubmit"});
    QTest::newRow("inspection") << WorkKind::InspectionTask << QStringList();
    QTest::newRow("video") << WorkKind::VideoSession << QStringList();
    QTest::newRow("certificate") << WorkKind::Certificate << strings({"auto_pass", "auto_return", "auto_manual", "auto_investigate", "resubmit"});
    QTest::newRow("application") << WorkKind::ServiceApplication << QStringList();
}

void TestLifecycle::systemOnlyCommandsAreTheExpectedOnes()
{
    QFETCH(WorkKind, kind);
    QFETCH(QStringList, expected);
    QCOMPARE(systemOnlyCommands(Lifecycle::of(kind)), expected);
}

// ---------------------------------------------------------------------------------------------
// Decisions, by hand

namespace {
// One hand-written decision. Actors are looked up by id (see byId()); `actorOffice` moves them.
struct DecisionRow
{
    const char *name = "";
    WorkKind kind = WorkKind::Declaration;
    const char *state = "";
    const char *holder = "";
    const char *command = "";
    const char *actor = "";
    const char *reason = "";
    const char *target = "";
    const char *code = "";
    const char *afterState = ""; // for rejections: must equal `state`
    const char *afterHolder = "";
    const char *actorOffice = "5141";
    const char *itemOffice = "5141";
};
} // namespace

void TestLifecycle::decisions_data()
{
    QTest::addColumn<WorkKind>("kind");
    QTest::addColumn<QString>("state");
    QTest::addColumn<QString>("holder");
    QTest::addColumn<QString>("itemOffice");
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("actor");
    QTest::addColumn<QString>("actorOffice");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("afterState");
    QTest::addColumn<QString>("afterHolder");

    const WorkKind D = WorkKind::Declaration;
    const WorkKind M = WorkKind::Manifest;
    const WorkKind T = WorkKind::InspectionTask;
    const WorkKind V = WorkKind::VideoSession;
    const WorkKind C = WorkKind::Certificate;
    const WorkKind A = WorkKind::ServiceApplication;
    const char *why = "goods description does not match the HS code";

    const DecisionRow rows[] = {
        // Declaration: claim
        {.name = "declaration: window officer claims from the queue", .kind = D, .state = "received", .command = "claim", .actor = "wang", .code = "ok", .afterState = "under_review", .afterHolder = "wang"},
        {.name = "declaration: supervisor claims from the queue", .kind = D, .state = "received", .command = "claim", .actor = "chief", .code = "ok", .afterState = "under_review", .afterHolder = "chief"},
        {.name = "declaration: inspector may not claim", .kind = D, .state = "received", .command = "claim", .actor = "li", .code = "role", .afterState = "received"},
        {.name = "declaration: system may not claim", .kind = D, .state = "received", .command = "claim", .actor = "sys", .code = "role", .afterState = "received"},
        {.name = "declaration: claim of an item another officer holds", .kind = D, .state = "received", .holder = "zhou", .command = "claim", .actor = "wang", .code = "already_claimed", .afterState = "received", .afterHolder = "zhou"},
        {.name = "declaration: claim of an item the actor holds", .kind = D, .state = "received", .holder = "wang", .command = "claim", .actor = "wang", .code = "already_claimed", .afterState = "received", .afterHolder = "wang"},
        {.name = "declaration: claim while under review", .kind = D, .state = "under_review", .holder = "zhou", .command = "claim", .actor = "wang", .code = "wrong_state", .afterState = "under_review", .afterHolder = "zhou"},
        {.name = "declaration: claim when released", .kind = D, .state = "released", .command = "claim", .actor = "wang", .code = "wrong_state", .afterState = "released"},
        {.name = "declaration: claim from another office", .kind = D, .state = "received", .command = "claim", .actor = "wang", .code = "office", .afterState = "received", .actorOffice = "5300"},
        {.name = "declaration: claim of an item with no office", .kind = D, .state = "received", .command = "claim", .actor = "wang", .code = "ok", .afterState = "under_review", .afterHolder = "wang", .actorOffice = "5300", .itemOffice = ""},
        {.name = "declaration: role is checked before office", .kind = D, .state = "received", .command = "claim", .actor = "li", .code = "role", .afterState = "received", .actorOffice = "5300"},
        {.name = "declaration: office is checked before state", .kind = D, .state = "released", .command = "claim", .actor = "wang", .code = "office", .afterState = "released", .actorOffice = "5300"},
        // Declaration: unclaim
        {.name = "declaration: holder puts it back", .kind = D, .state = "under_review", .holder = "wang", .command = "unclaim", .actor = "wang", .code = "ok", .afterState = "received", .afterHolder = ""},
        {.name = "declaration: non-holder may not put it back", .kind = D, .state = "under_review", .holder = "wang", .command = "unclaim", .actor = "zhou", .code = "not_holder", .afterState = "under_review", .afterHolder = "wang"},
        {.name = "declaration: supervisor non-holder may not put it back", .kind = D, .state = "under_review", .holder = "wang", .command = "unclaim", .actor = "chief", .code = "not_holder", .afterState = "under_review", .afterHolder = "wang"},
        // Declaration: release
        {.name = "declaration: holder releases", .kind = D, .state = "under_review", .holder = "wang", .command = "release", .actor = "wang", .code = "ok", .afterState = "released", .afterHolder = "wang"},
        {.name = "declaration: release by non-holder", .kind = D, .state = "under_review", .holder = "wang", .command = "release", .actor = "zhou", .code = "not_holder", .afterState = "under_review", .afterHolder = "wang"},
        {.name = "declaration: release of an unassigned item", .kind = D, .state = "under_review", .command = "release", .actor = "wang", .code = "not_holder", .afterState = "under_review"},
        {.name = "declaration: release from the queue", .kind = D, .state = "received", .command = "release", .actor = "wang", .code = "wrong_state", .afterState = "received"},
        {.name = "declaration: release while held", .kind = D, .state = "held", .holder = "wang", .command = "release", .actor = "wang", .code = "wrong_state", .afterState = "held", .afterHolder = "wang"},
        {.name = "declaration: release by inspector", .kind = D, .state = "under_review", .holder = "li", .command = "release", .actor = "li", .code = "role", .afterState = "under_review", .afterHolder = "li"},
        // Declaration: hold / resume
        {.name = "declaration: hold without reason", .kind = D, .state = "under_review", .holder = "wang", .command = "hold", .actor = "wang", .code = "reason_required", .afterState = "under_review", .afterHolder = "wang"},
        {.name = "declaration: hold with a blank reason", .kind = D, .state = "under_review", .holder = "wang", .command = "hold", .actor = "wang", .reason = " \t\n", .code = "reason_required", .afterState = "under_review", .afterHolder = "wang"},
        {.name = "declaration: hold with reason", .kind = D, .state = "under_review", .holder = "wang", .command = "hold", .actor = "wang", .reason = why, .code = "ok", .afterState = "held", .afterHolder = "wang"},
        {.name = "declaration: holder is checked before reason", .kind = D, .state = "under_review", .holder = "wang", .command = "hold", .actor = "zhou", .code = "not_holder", .afterState = "under_review", .afterHolder = "wang"},
        {.name = "declaration: holder resumes", .kind = D, .state = "held", .holder = "wang", .command = "resume", .actor = "wang", .code = "ok", .afterState = "under_review", .afterHolder = "wang"},
        {.name = "declaration: resume by non-holder", .kind = D, .state = "held", .holder = "wang", .command = "resume", .actor = "zhou", .code = "not_holder", .afterState = "held", .afterHolder = "wang"},
        {.name = "declaration: resume when not held", .kind = D, .state = "under_review", .holder = "wang", .command = "resume", .actor = "wang", .code = "wrong_state", .afterState = "under_review", .afterHolder = "wang"},
        // Declaration: return / resubmit
        {.name = "declaration: return without reason", .kind = D, .state = "under_review", .holder = "wang", .command = "return_for_correction", .actor = "wang", .code = "reason_required", .afterState = "under_review", .afterHolder = "wang"},
        {.name = "declaration: return with reason keeps the holder", .kind = D, .state = "under_review", .holder = "wang", .command = "return_for_correction", .actor = "wang", .reason = why, .code = "ok", .afterState = "returned", .afterHolder = "wang"},
        {.name = "declaration: system resubmits to the shared queue", .kind = D, .state = "returned", .holder = "wang", .command = "resubmit", .actor = "sys", .code = "ok", .afterState = "received", .afterHolder = ""},
        {.name = "declaration: system is not office scoped", .kind = D, .state = "returned", .holder = "wang", .command = "resubmit", .actor = "sys", .code = "ok", .afterState = "received", .afterHolder = "", .actorOffice = "0000"},
        {.name = "declaration: holder may not resubmit", .kind = D, .state = "returned", .holder = "wang", .command = "resubmit", .actor = "wang", .code = "role", .afterState = "returned", .afterHolder = "wang"},
        {.name = "declaration: supervisor may not resubmit", .kind = D, .state = "returned", .holder = "wang", .command = "resubmit", .actor = "chief", .code = "role", .afterState = "returned", .afterHolder = "wang"},
        {.name = "declaration: resubmit only from returned", .kind = D, .state = "under_review", .holder = "wang", .command = "resubmit", .actor = "sys", .code = "wrong_state", .afterState = "under_review", .afterHolder = "wang"},
        // Declaration: inspection
        {.name = "declaration: route to inspection without reason", .kind = D, .state = "under_review", .holder = "wang", .command = "route_to_inspection", .actor = "wang", .code = "reason_required", .afterState = "under_review", .afterHolder = "wang"},
        {.name = "declaration: route to inspection", .kind = D, .state = "under_review", .holder = "wang", .command = "route_to_inspection", .actor = "wang", .reason = "red channel", .code = "ok", .afterState = "inspection", .afterHolder = "wang"},
        {.name = "declaration: any inspector finishes inspection", .kind = D, .state = "inspection", .holder = "wang", .command = "inspection_done", .actor = "li", .code = "ok", .afterState = "under_review", .afterHolder = "wang"},
        {.name = "declaration: system finishes inspection", .kind = D, .state = "inspection", .holder = "wang", .command = "inspection_done", .actor = "sys", .code = "ok", .afterState = "under_review", .afterHolder = "wang"},
        {.name = "declaration: window officer may not finish inspection", .kind = D, .state = "inspection", .holder = "wang", .command = "inspection_done", .actor = "wang", .code = "role", .afterState = "inspection", .afterHolder = "wang"},
        // Declaration: escalate / endorse
        {.name = "declaration: window officer escalates", .kind = D, .state = "under_review", .holder = "wang", .command = "escalate", .actor = "wang", .reason = why, .code = "ok", .afterState = "escalated", .afterHolder = "wang"},
        {.name = "declaration: escalate without reason", .kind = D, .state = "under_review", .holder = "wang", .command = "escalate", .actor = "wang", .code = "reason_required", .afterState = "under_review", .afterHolder = "wang"},
        {.name = "declaration: supervisor may not escalate", .kind = D, .state = "under_review", .holder = "chief", .command = "escalate", .actor = "chief", .reason = why, .code = "role", .afterState = "under_review", .afterHolder = "chief"},
        {.name = "declaration: supervisor endorses", .kind = D, .state = "escalated", .holder = "wang", .command = "endorse", .actor = "chief", .code = "ok", .afterState = "under_review", .afterHolder = "wang"},
        {.name = "declaration: window officer may not endorse", .kind = D, .state = "escalated", .holder = "wang", .command = "endorse", .actor = "wang", .code = "role", .afterState = "escalated", .afterHolder = "wang"},
        {.name = "declaration: endorse when not escalated", .kind = D, .state = "under_review", .holder = "wang", .command = "endorse", .actor = "chief", .code = "wrong_state", .afterState = "under_review", .afterHolder = "wang"},
        // Declaration: reassign
        {.name = "declaration: supervisor reassigns", .kind = D, .state = "under_review", .holder = "wang", .command = "reassign", .actor = "chief", .reason = "leave", .target = "zhou", .code = "ok", .afterState = "under_review", .afterHolder = "zhou"},
        {.name = "declaration: reassign target is trimmed", .kind = D, .state = "held", .holder = "wang", .command = "reassign", .actor = "chief", .reason = "leave", .target = "  zhou ", .code = "ok", .afterState = "held", .afterHolder = "zhou"},
        {.name = "declaration: reassign while escalated", .kind = D, .state = "escalated", .holder = "wang", .command = "reassign", .actor = "chief", .reason = "leave", .target = "zhou", .code = "ok", .afterState = "escalated", .afterHolder = "zhou"},
        {.name = "declaration: reassign while in inspection", .kind = D, .state = "inspection", .holder = "wang", .command = "reassign", .actor = "chief", .reason = "leave", .target = "zhou", .code = "ok", .afterState = "inspection", .afterHolder = "zhou"},
        {.name = "declaration: reassign from the shared queue hands it over as claimed", .kind = D, .state = "received", .command = "reassign", .actor = "chief", .reason = "workload", .target = "zhou", .code = "ok", .afterState = "under_review", .afterHolder = "zhou"},
        {.name = "declaration: reassign without target", .kind = D, .state = "under_review", .holder = "wang", .command = "reassign", .actor = "chief", .reason = "leave", .code = "target_required", .afterState = "under_review", .afterHolder = "wang"},
        {.name = "declaration: reassign with blank target", .kind = D, .state = "under_review", .holder = "wang", .command = "reassign", .actor = "chief", .reason = "leave", .target = "   ", .code = "target_required", .afterState = "under_review", .afterHolder = "wang"},
        {.name = "declaration: reassign without reason", .kind = D, .state = "under_review", .holder = "wang", .command = "reassign", .actor = "chief", .target = "zhou", .code = "reason_required", .afterState = "under_review", .afterHolder = "wang"},
        {.name = "declaration: reason is checked before target", .kind = D, .state = "under_review", .holder = "wang", .command = "reassign", .actor = "chief", .code = "reason_required", .afterState = "under_review", .afterHolder = "wang"},
        {.name = "declaration: window officer may not reassign", .kind = D, .state = "under_review", .holder = "wang", .command = "reassign", .actor = "wang", .reason = "leave", .target = "zhou", .code = "role", .afterState = "under_review", .afterHolder = "wang"},
        {.name = "declaration: reassign when released", .kind = D, .state = "released", .holder = "wang", .command = "reassign", .actor = "chief", .reason = "leave", .target = "zhou", .code = "wrong_state", .afterState = "released", .afterHolder = "wang"},
        {.name = "declaration: reassign from another office", .kind = D, .state = "under_review", .holder = "wang", .command = "reassign", .actor = "chief", .reason = "leave", .target = "zhou", .code = "office", .afterState = "under_review", .afterHolder = "wang", .actorOffice = "5300"},
        // Declaration: unknown
        {.name = "declaration: unknown command", .kind = D, .state = "under_review", .holder = "wang", .command = "approve", .actor = "wang", .code = "unknown_command", .afterState = "under_review", .afterHolder = "wang"},
        {.name = "declaration: empty command", .kind = D, .state = "under_review", .holder = "wang", .command = "", .actor = "wang", .code = "unknown_command", .afterState = "under_review", .afterHolder = "wang"},
        {.name = "declaration: command keys are case sensitive", .kind = D, .state = "received", .command = "Claim", .actor = "wang", .code = "unknown_command", .afterState = "received"},
        {.name = "declaration: another kind's command", .kind = D, .state = "under_review", .holder = "wang", .command = "start_call", .actor = "wang", .code = "unknown_command", .afterState = "under_review", .afterHolder = "wang"},

        // Manifest
        {.name = "manifest: window officer claims", .kind = M, .state = "received", .command = "claim", .actor = "wang", .code = "ok", .afterState = "under_review", .afterHolder = "wang"},
        {.name = "manifest: inspector may not claim", .kind = M, .state = "received", .command = "claim", .actor = "li", .code = "role", .afterState = "received"},
        {.name = "manifest: holder puts it back", .kind = M, .state = "under_review", .holder = "wang", .command = "unclaim", .actor = "wang", .code = "ok", .afterState = "received", .afterHolder = ""},
        {.name = "manifest: holder releases", .kind = M, .state = "under_review", .holder = "wang", .command = "release", .actor = "wang", .code = "ok", .afterState = "released", .afterHolder = "wang"},
        {.name = "manifest: release by non-holder", .kind = M, .state = "under_review", .holder = "wang", .command = "release", .actor = "zhou", .code = "not_holder", .afterState = "under_review", .afterHolder = "wang"},
        {.name = "manifest: return without reason", .kind = M, .state = "under_review", .holder = "wang", .command = "return_for_modification", .actor = "wang", .code = "reason_required", .afterState = "under_review", .afterHolder = "wang"},
        {.name = "manifest: return with reason", .kind = M, .state = "under_review", .holder = "wang", .command = "return_for_modification", .actor = "wang", .reason = "order total differs", .code = "ok", .afterState = "returned", .afterHolder = "wang"},
        {.name = "manifest: system resubmits", .kind = M, .state = "returned", .holder = "wang", .command = "resubmit", .actor = "sys", .code = "ok", .afterState = "received", .afterHolder = ""},
        {.name = "manifest: officer may not resubmit", .kind = M, .state = "returned", .holder = "wang", .command = "resubmit", .actor = "wang", .code = "role", .afterState = "returned", .afterHolder = "wang"},
        {.name = "manifest: delete without reason", .kind = M, .state = "under_review", .holder = "wang", .command = "delete", .actor = "wang", .code = "reason_required", .afterState = "under_review", .afterHolder = "wang"},
        {.name = "manifest: delete with reason", .kind = M, .state = "under_review", .holder = "wang", .command = "delete", .actor = "wang", .reason = "duplicate", .code = "ok", .afterState = "deleted", .afterHolder = "wang"},
        {.name = "manifest: transfer to anti-smuggling", .kind = M, .state = "under_review", .holder = "wang", .command = "transfer_anti_smuggling", .actor = "wang", .reason = "stolen identity", .code = "ok", .afterState = "transferred", .afterHolder = "wang"},
        {.name = "manifest: transfer without reason", .kind = M, .state = "under_review", .holder = "wang", .command = "transfer_anti_smuggling", .actor = "wang", .code = "reason_required", .afterState = "under_review", .afterHolder = "wang"},
        {.name = "manifest: supervisor reassigns", .kind = M, .state = "under_review", .holder = "wang", .command = "reassign", .actor = "chief", .reason = "leave", .target = "zhou", .code = "ok", .afterState = "under_review", .afterHolder = "zhou"},
        {.name = "manifest: reassign from the shared queue hands it over as claimed", .kind = M, .state = "received", .command = "reassign", .actor = "chief", .reason = "workload", .target = "zhou", .code = "ok", .afterState = "under_review", .afterHolder = "zhou"},
        {.name = "manifest: reassign without target", .kind = M, .state = "under_review", .holder = "wang", .command = "reassign", .actor = "chief", .reason = "leave", .code = "target_required", .afterState = "under_review", .afterHolder = "wang"},
        {.name = "manifest: no hold for manifests", .kind = M, .state = "under_review", .holder = "wang", .command = "hold", .actor = "wang", .reason = why, .code = "unknown_command", .afterState = "under_review", .afterHolder = "wang"},
        {.name = "manifest: declarations' return is not a manifest command", .kind = M, .state = "under_review", .holder = "wang", .command = "return_for_correction", .actor = "wang", .reason = why, .code = "unknown_command", .afterState = "under_review", .afterHolder = "wang"},
        {.name = "manifest: claim from another office", .kind = M, .state = "received", .command = "claim", .actor = "wang", .code = "office", .afterState = "received", .actorOffice = "5300"},
        {.name = "manifest: delete when released", .kind = M, .state = "released", .holder = "wang", .command = "delete", .actor = "wang", .reason = "duplicate", .code = "wrong_state", .afterState = "released", .afterHolder = "wang"},

        // Inspection task
        {.name = "inspection: any inspector confirms position", .kind = T, .state = "notified", .command = "confirm_position", .actor = "li", .code = "ok", .afterState = "in_position", .afterHolder = ""},
        {.name = "inspection: system confirms position", .kind = T, .state = "notified", .holder = "li", .command = "confirm_position", .actor = "sys", .code = "ok", .afterState = "in_position", .afterHolder = "li"},
        {.name = "inspection: window officer may not confirm position", .kind = T, .state = "notified", .command = "confirm_position", .actor = "wang", .code = "role", .afterState = "notified"},
        {.name = "inspection: claim keeps the state", .kind = T, .state = "notified", .command = "claim", .actor = "li", .code = "ok", .afterState = "notified", .afterHolder = "li"},
        {.name = "inspection: claim in position", .kind = T, .state = "in_position", .command = "claim", .actor = "li", .code = "ok", .afterState = "in_position", .afterHolder = "li"},
        {.name = "inspection: supervisor claims", .kind = T, .state = "in_position", .command = "claim", .actor = "chief", .code = "ok", .afterState = "in_position", .afterHolder = "chief"},
        {.name = "inspection: claim while inspecting", .kind = T, .state = "in_progress", .holder = "li", .command = "claim", .actor = "sun", .code = "wrong_state", .afterState = "in_progress", .afterHolder = "li"},
        {.name = "inspection: claim of a held task", .kind = T, .state = "in_position", .holder = "li", .command = "claim", .actor = "sun", .code = "already_claimed", .afterState = "in_position", .afterHolder = "li"},
        {.name = "inspection: holder puts it back", .kind = T, .state = "in_position", .holder = "li", .command = "unclaim", .actor = "li", .code = "ok", .afterState = "in_position", .afterHolder = ""},
        {.name = "inspection: holder starts", .kind = T, .state = "in_position", .holder = "li", .command = "start", .actor = "li", .code = "ok", .afterState = "in_progress", .afterHolder = "li"},
        {.name = "inspection: start before goods are in position", .kind = T, .state = "notified", .holder = "li", .command = "start", .actor = "li", .code = "wrong_state", .afterState = "notified", .afterHolder = "li"},
        {.name = "inspection: start an unclaimed task", .kind = T, .state = "in_position", .command = "start", .actor = "li", .code = "not_holder", .afterState = "in_position"},
        {.name = "inspection: start by non-holder", .kind = T, .state = "in_position", .holder = "li", .command = "start", .actor = "sun", .code = "not_holder", .afterState = "in_position", .afterHolder = "li"},
        {.name = "inspection: supervisor holder may not start", .kind = T, .state = "in_position", .holder = "chief", .command = "start", .actor = "chief", .code = "role", .afterState = "in_position", .afterHolder = "chief"},
        {.name = "inspection: system may not start", .kind = T, .state = "in_position", .holder = "li", .command = "start", .actor = "sys", .code = "role", .afterState = "in_position", .afterHolder = "li"},
        {.name = "inspection: finding without text", .kind = T, .state = "in_progress", .holder = "li", .command = "record_finding", .actor = "li", .code = "reason_required", .afterState = "in_progress", .afterHolder = "li"},
        {.name = "inspection: finding keeps the state", .kind = T, .state = "in_progress", .holder = "li", .command = "record_finding", .actor = "li", .reason = "seal intact", .code = "ok", .afterState = "in_progress", .afterHolder = "li"},
        {.name = "inspection: complete without result", .kind = T, .state = "in_progress", .holder = "li", .command = "complete", .actor = "li", .code = "reason_required", .afterState = "in_progress", .afterHolder = "li"},
        {.name = "inspection: complete with result", .kind = T, .state = "in_progress", .holder = "li", .command = "complete", .actor = "li", .reason = "no discrepancy", .code = "ok", .afterState = "completed", .afterHolder = "li"},
        {.name = "inspection: complete by non-holder", .kind = T, .state = "in_progress", .holder = "li", .command = "complete", .actor = "sun", .reason = "no discrepancy", .code = "not_holder", .afterState = "in_progress", .afterHolder = "li"},
        {.name = "inspection: supervisor cancels", .kind = T, .state = "notified", .holder = "li", .command = "cancel", .actor = "chief", .reason = "declaration withdrawn", .code = "ok", .afterState = "cancelled", .afterHolder = "li"},
        {.name = "inspection: cancel without reason", .kind = T, .state = "notified", .command = "cancel", .actor = "chief", .code = "reason_required", .afterState = "notified"},
        {.name = "inspection: inspector may not cancel", .kind = T, .state = "notified", .holder = "li", .command = "cancel", .actor = "li", .reason = "x", .code = "role", .afterState = "notified", .afterHolder = "li"},
        {.name = "inspection: cancel while inspecting", .kind = T, .state = "in_progress", .holder = "li", .command = "cancel", .actor = "chief", .reason = "x", .code = "wrong_state", .afterState = "in_progress", .afterHolder = "li"},
        {.name = "inspection: reassign while inspecting", .kind = T, .state = "in_progress", .holder = "li", .command = "reassign", .actor = "chief", .reason = "shift change", .target = "sun", .code = "ok", .afterState = "in_progress", .afterHolder = "sun"},
        {.name = "inspection: reassign when completed", .kind = T, .state = "completed", .holder = "li", .command = "reassign", .actor = "chief", .reason = "x", .target = "sun", .code = "wrong_state", .afterState = "completed", .afterHolder = "li"},
        {.name = "inspection: start from another office", .kind = T, .state = "in_position", .holder = "li", .command = "start", .actor = "li", .code = "office", .afterState = "in_position", .afterHolder = "li", .actorOffice = "5300"},

        // Video session
        {.name = "video: remote inspector claims", .kind = V, .state = "booked", .command = "claim", .actor = "zhao", .code = "ok", .afterState = "booked", .afterHolder = "zhao"},
        {.name = "video: window officer may not claim", .kind = V, .state = "booked", .command = "claim", .actor = "wang", .code = "role", .afterState = "booked"},
        {.name = "video: holder puts it back", .kind = V, .state = "booked", .holder = "zhao", .command = "unclaim", .actor = "zhao", .code = "ok", .afterState = "booked", .afterHolder = ""},
        {.name = "video: put back during the call", .kind = V, .state = "in_call", .holder = "zhao", .command = "unclaim", .actor = "zhao", .code = "wrong_state", .afterState = "in_call", .afterHolder = "zhao"},
        {.name = "video: holder starts the call", .kind = V, .state = "booked", .holder = "zhao", .command = "start_call", .actor = "zhao", .code = "ok", .afterState = "in_call", .afterHolder = "zhao"},
        {.name = "video: start an unclaimed call", .kind = V, .state = "booked", .command = "start_call", .actor = "zhao", .code = "not_holder", .afterState = "booked"},
        {.name = "video: start by non-holder", .kind = V, .state = "booked", .holder = "zhao", .command = "start_call", .actor = "qian", .code = "not_holder", .afterState = "booked", .afterHolder = "zhao"},
        {.name = "video: holder ends the call", .kind = V, .state = "in_call", .holder = "zhao", .command = "end_call", .actor = "zhao", .code = "ok", .afterState = "ended", .afterHolder = "zhao"},
        {.name = "video: end a call not started", .kind = V, .state = "booked", .holder = "zhao", .command = "end_call", .actor = "zhao", .code = "wrong_state", .afterState = "booked", .afterHolder = "zhao"},
        {.name = "video: holder archives", .kind = V, .state = "ended", .holder = "zhao", .command = "archive", .actor = "zhao", .code = "ok", .afterState = "archived", .afterHolder = "zhao"},
        {.name = "video: system archives for the holder", .kind = V, .state = "ended", .holder = "zhao", .command = "archive", .actor = "sys", .code = "ok", .afterState = "archived", .afterHolder = "zhao"},
        {.name = "video: archive by non-holder", .kind = V, .state = "ended", .holder = "zhao", .command = "archive", .actor = "qian", .code = "not_holder", .afterState = "ended", .afterHolder = "zhao"},
        {.name = "video: cancel without reason", .kind = V, .state = "booked", .command = "cancel", .actor = "zhao", .code = "reason_required", .afterState = "booked"},
        {.name = "video: cancel with reason", .kind = V, .state = "booked", .command = "cancel", .actor = "zhao", .reason = "enterprise asked", .code = "ok", .afterState = "cancelled", .afterHolder = ""},
        {.name = "video: supervisor cancels a held booking", .kind = V, .state = "booked", .holder = "zhao", .command = "cancel", .actor = "chief", .reason = "x", .code = "ok", .afterState = "cancelled", .afterHolder = "zhao"},
        {.name = "video: cancel during the call", .kind = V, .state = "in_call", .holder = "zhao", .command = "cancel", .actor = "zhao", .reason = "x", .code = "wrong_state", .afterState = "in_call", .afterHolder = "zhao"},
        {.name = "video: reassign before archive", .kind = V, .state = "ended", .holder = "zhao", .command = "reassign", .actor = "chief", .reason = "x", .target = "qian", .code = "ok", .afterState = "ended", .afterHolder = "qian"},

        // Certificate
        {.name = "certificate: automatic pass", .kind = C, .state = "submitted", .command = "auto_pass", .actor = "sys", .code = "ok", .afterState = "issued", .afterHolder = ""},
        {.name = "certificate: officer may not auto-pass", .kind = C, .state = "submitted", .command = "auto_pass", .actor = "chen", .code = "role", .afterState = "submitted"},
        {.name = "certificate: supervisor may not auto-pass", .kind = C, .state = "submitted", .command = "auto_pass", .actor = "chief", .code = "role", .afterState = "submitted"},
        {.name = "certificate: automatic return without reason", .kind = C, .state = "submitted", .command = "auto_return", .actor = "sys", .code = "reason_required", .afterState = "submitted"},
        {.name = "certificate: automatic return", .kind = C, .state = "submitted", .command = "auto_return", .actor = "sys", .reason = "HS code missing", .code = "ok", .afterState = "returned", .afterHolder = ""},
        {.name = "certificate: automatic manual review", .kind = C, .state = "submitted", .command = "auto_manual", .actor = "sys", .code = "ok", .afterState = "manual_review", .afterHolder = ""},
        {.name = "certificate: automatic investigation", .kind = C, .state = "submitted", .command = "auto_investigate", .actor = "sys", .reason = "origin rule", .code = "ok", .afterState = "investigation", .afterHolder = ""},
        {.name = "certificate: automatic investigation without reason", .kind = C, .state = "submitted", .command = "auto_investigate", .actor = "sys", .code = "reason_required", .afterState = "submitted"},
        {.name = "certificate: auto-pass after review", .kind = C, .state = "manual_review", .command = "auto_pass", .actor = "sys", .code = "wrong_state", .afterState = "manual_review"},
        {.name = "certificate: officer claims for review", .kind = C, .state = "manual_review", .command = "claim", .actor = "chen", .code = "ok", .afterState = "manual_review", .afterHolder = "chen"},
        {.name = "certificate: claim before automatic review", .kind = C, .state = "submitted", .command = "claim", .actor = "chen", .code = "wrong_state", .afterState = "submitted"},
        {.name = "certificate: claim an investigation", .kind = C, .state = "investigation", .command = "claim", .actor = "chen", .code = "ok", .afterState = "investigation", .afterHolder = "chen"},
        {.name = "certificate: holder puts it back", .kind = C, .state = "investigation", .holder = "chen", .command = "unclaim", .actor = "chen", .code = "ok", .afterState = "investigation", .afterHolder = ""},
        {.name = "certificate: holder issues", .kind = C, .state = "manual_review", .holder = "chen", .command = "issue", .actor = "chen", .code = "ok", .afterState = "issued", .afterHolder = "chen"},
        {.name = "certificate: supervisor holder may not issue", .kind = C, .state = "manual_review", .holder = "chief", .command = "issue", .actor = "chief", .code = "role", .afterState = "manual_review", .afterHolder = "chief"},
        {.name = "certificate: issue by non-holder", .kind = C, .state = "manual_review", .holder = "chen", .command = "issue", .actor = "wu", .code = "not_holder", .afterState = "manual_review", .afterHolder = "chen"},
        {.name = "certificate: return clears the holder", .kind = C, .state = "manual_review", .holder = "chen", .command = "return_for_correction", .actor = "chen", .reason = "signature missing", .code = "ok", .afterState = "returned", .afterHolder = ""},
        {.name = "certificate: return without reason", .kind = C, .state = "manual_review", .holder = "chen", .command = "return_for_correction", .actor = "chen", .code = "reason_required", .afterState = "manual_review", .afterHolder = "chen"},
        {.name = "certificate: holder opens investigation", .kind = C, .state = "manual_review", .holder = "chen", .command = "investigate", .actor = "chen", .reason = "suspect origin", .code = "ok", .afterState = "investigation", .afterHolder = "chen"},
        {.name = "certificate: holder closes investigation", .kind = C, .state = "investigation", .holder = "chen", .command = "close_investigation", .actor = "chen", .reason = "origin confirmed", .code = "ok", .afterState = "manual_review", .afterHolder = "chen"},
        {.name = "certificate: close investigation without reason", .kind = C, .state = "investigation", .holder = "chen", .command = "close_investigation", .actor = "chen", .code = "reason_required", .afterState = "investigation", .afterHolder = "chen"},
        {.name = "certificate: holder refuses", .kind = C, .state = "investigation", .holder = "chen", .command = "refuse", .actor = "chen", .reason = "false origin", .code = "ok", .afterState = "refused", .afterHolder = "chen"},
        {.name = "certificate: supervisor holder refuses", .kind = C, .state = "investigation", .holder = "chief", .command = "refuse", .actor = "chief", .reason = "false origin", .code = "ok", .afterState = "refused", .afterHolder = "chief"},
        {.name = "certificate: refuse by non-holder supervisor", .kind = C, .state = "investigation", .holder = "chen", .command = "refuse", .actor = "chief", .reason = "false origin", .code = "not_holder", .afterState = "investigation", .afterHolder = "chen"},
        {.name = "certificate: refuse from manual review", .kind = C, .state = "manual_review", .holder = "chen", .command = "refuse", .actor = "chen", .reason = "x", .code = "wrong_state", .afterState = "manual_review", .afterHolder = "chen"},
        {.name = "certificate: system resubmits", .kind = C, .state = "returned", .command = "resubmit", .actor = "sys", .code = "ok", .afterState = "submitted", .afterHolder = ""},
        {.name = "certificate: officer may not resubmit", .kind = C, .state = "returned", .command = "resubmit", .actor = "chen", .code = "role", .afterState = "returned"},
        {.name = "certificate: revoke an issued certificate", .kind = C, .state = "issued", .holder = "chen", .command = "revoke", .actor = "wu", .reason = "issued in error", .code = "ok", .afterState = "revoked", .afterHolder = "chen"},
        {.name = "certificate: supervisor revokes", .kind = C, .state = "issued", .command = "revoke", .actor = "chief", .reason = "issued in error", .code = "ok", .afterState = "revoked", .afterHolder = ""},
        {.name = "certificate: revoke without reason", .kind = C, .state = "issued", .command = "revoke", .actor = "chen", .code = "reason_required", .afterState = "issued"},
        {.name = "certificate: window officer may not revoke", .kind = C, .state = "issued", .command = "revoke", .actor = "wang", .reason = "x", .code = "role", .afterState = "issued"},
        {.name = "certificate: revoke before issue", .kind = C, .state = "manual_review", .holder = "chen", .command = "revoke", .actor = "chen", .reason = "x", .code = "wrong_state", .afterState = "manual_review", .afterHolder = "chen"},
        {.name = "certificate: reassign when issued", .kind = C, .state = "issued", .holder = "chen", .command = "reassign", .actor = "chief", .reason = "x", .target = "wu", .code = "wrong_state", .afterState = "issued", .afterHolder = "chen"},
        {.name = "certificate: reassign in review", .kind = C, .state = "manual_review", .holder = "chen", .command = "reassign", .actor = "chief", .reason = "x", .target = "wu", .code = "ok", .afterState = "manual_review", .afterHolder = "wu"},

        // Service application
        {.name = "application: window hands off", .kind = A, .state = "received", .command = "hand_off", .actor = "wang", .code = "ok", .afterState = "handed_off", .afterHolder = ""},
        {.name = "application: hand off clears a holder", .kind = A, .state = "received", .holder = "wang", .command = "hand_off", .actor = "zhou", .code = "ok", .afterState = "handed_off", .afterHolder = ""},
        {.name = "application: certificate officer may not hand off", .kind = A, .state = "received", .command = "hand_off", .actor = "chen", .code = "role", .afterState = "received"},
        {.name = "application: back office claims", .kind = A, .state = "handed_off", .command = "claim", .actor = "chen", .code = "ok", .afterState = "in_handling", .afterHolder = "chen"},
        {.name = "application: window officer claims", .kind = A, .state = "handed_off", .command = "claim", .actor = "wang", .code = "ok", .afterState = "in_handling", .afterHolder = "wang"},
        {.name = "application: inspector may not claim", .kind = A, .state = "handed_off", .command = "claim", .actor = "li", .code = "role", .afterState = "handed_off"},
        {.name = "application: claim at the window", .kind = A, .state = "received", .command = "claim", .actor = "wang", .code = "wrong_state", .afterState = "received"},
        {.name = "application: holder completes", .kind = A, .state = "in_handling", .holder = "chen", .command = "complete", .actor = "chen", .code = "ok", .afterState = "completed", .afterHolder = "chen"},
        {.name = "application: complete by non-holder", .kind = A, .state = "in_handling", .holder = "chen", .command = "complete", .actor = "wu", .code = "not_holder", .afterState = "in_handling", .afterHolder = "chen"},
        {.name = "application: reject at the window", .kind = A, .state = "received", .command = "reject", .actor = "wang", .reason = "incomplete documents", .code = "ok", .afterState = "rejected", .afterHolder = ""},
        {.name = "application: reject while in handling", .kind = A, .state = "in_handling", .holder = "chen", .command = "reject", .actor = "chen", .reason = "out of scope", .code = "ok", .afterState = "rejected", .afterHolder = "chen"},
        {.name = "application: reject without reason", .kind = A, .state = "received", .command = "reject", .actor = "wang", .code = "reason_required", .afterState = "received"},
        {.name = "application: reject once handed off", .kind = A, .state = "handed_off", .command = "reject", .actor = "wang", .reason = "x", .code = "wrong_state", .afterState = "handed_off"},
        {.name = "application: reassign in handling", .kind = A, .state = "in_handling", .holder = "chen", .command = "reassign", .actor = "chief", .reason = "x", .target = "wu", .code = "ok", .afterState = "in_handling", .afterHolder = "wu"},
        {.name = "application: complete when rejected", .kind = A, .state = "rejected", .holder = "chen", .command = "complete", .actor = "chen", .code = "wrong_state", .afterState = "rejected", .afterHolder = "chen"},
    };

    for (const DecisionRow &r : rows) {
        QTest::newRow(r.name) << r.kind << str(r.state) << str(r.holder) << str(r.itemOffice) << str(r.command)
                              << str(r.actor) << str(r.actorOffice) << str(r.reason) << str(r.target) << str(r.code)
                              << str(r.afterState) << str(r.afterHolder);
    }
}

void TestLifecycle::decisions()
{
    QFETCH(WorkKind, kind);
    QFETCH(QString, state);
    QFETCH(QString, holder);
    QFETCH(QString, itemOffice);
    QFETCH(QString, command);
    QFETCH(QString, actor);
    QFETCH(QString, actorOffice);
    QFETCH(QString, reason);
    QFETCH(QString, target);
    QFETCH(QString, code);
    QFETCH(QString, afterState);
    QFETCH(QString, afterHolder);

    const WorkItemState before{state, holder, itemOffice, 7};
    Officer who = byId(actor);
    who.office = actorOffice;
    const Decision d = Lifecycle::of(kind).decide(before, makeCommand(kind, command, reason, target), who);

    QCOMPARE(d.code, code);
    QCOMPARE(d.accepted, code == QLatin1String("ok"));
    QCOMPARE(d.after.state, afterState);
    QCOMPARE(d.after.assignee, afterHolder);
    QCOMPARE(d.after.office, itemOffice);
    QCOMPARE(d.after.version, qint64(d.accepted ? 8 : 7));
    if (d.accepted) {
        QVERIFY(d.message.isEmpty());
    } else {
        QVERIFY(!d.message.isEmpty());
        QCOMPARE(d.after.state, state);
        QCOMPARE(d.after.assignee, holder);
    }
}

void TestLifecycle::messages_data()
{
    QTest::addColumn<WorkKind>("kind");
    QTest::addColumn<QString>("state");
    QTest::addColumn<QString>("holder");
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("actor");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");

    const WorkKind D = WorkKind::Declaration;
    QTest::newRow("unknown") << D << str("received") << QString() << str("approve") << str("wang") << str("unknown_command")
                             << str("This action does not exist for this kind of work item.");
    QTest::newRow("role") << D << str("received") << QString() << str("claim") << str("li") << str("role")
                          << str("Your role does not allow this action.");
    QTest::newRow("wrong state names the state's label") << D << str("released") << QString() << str("claim") << str("wang")
                                                         << str("wrong_state") << str("This action is not possible while the item is \"Released\".");
    QTest::newRow("not holder, unassigned") << D << str("under_review") << QString() << str("release") << str("wang")
                                            << str("not_holder") << str("Claim the item before acting on it.");
    QTest::newRow("not holder, names the holder") << D << str("under_review") << str("zhou") << str("release") << str("wang")
                                                  << str("not_holder") << str("Another officer (zhou) holds this item.");
    QTest::newRow("already claimed by the actor") << D << str("received") << str("wang") << str("claim") << str("wang")
                                                  << str("already_claimed") << str("You already hold this item.");
    QTest::newRow("already claimed, names the holder") << D << str("received") << str("zhou") << str("claim") << str("wang")
                                                       << str("already_claimed") << str("Another officer (zhou) already claimed this item.");
    QTest::newRow("reason") << D << str("under_review") << str("wang") << str("hold") << str("wang") << str("reason_required")
                            << str("This action needs a reason.");
    QTest::newRow("wrong state of another kind") << WorkKind::InspectionTask << str("completed") << str("li") << str("complete")
                                                 << str("li") << str("wrong_state")
                                                 << str("This action is not possible while the item is \"Completed\".");
}

// The holder's decisions are made on what they saw of the item; taking it, giving it back and
// handing it over are not, nor anything the System does.
void TestLifecycle::decisionsOnWhatWasSeenAreTheExpectedOnes_data()
{
    QTest::addColumn<WorkKind>("kind");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("declaration") << WorkKind::Declaration
                                 << strings({"release", "hold", "resume", "return_for_correction", "route_to_inspection", "escalate"});
    QTest::newRow("manifest") << WorkKind::Manifest << strings({"release", "return_for_modification", "delete", "transfer_anti_smuggling"});
    QTest::newRow("inspection task") << WorkKind::InspectionTask << strings({"start", "record_finding", "complete"});
    QTest::newRow("video session") << WorkKind::VideoSession << strings({"start_call", "end_call", "archive"});
    QTest::newRow("certificate") << WorkKind::Certificate
                                 << strings({"issue", "return_for_correction", "investigate", "close_investigation", "refuse"});
    QTest::newRow("service application") << WorkKind::ServiceApplication << strings({"complete"});
}

void TestLifecycle::decisionsOnWhatWasSeenAreTheExpectedOnes()
{
    QFETCH(WorkKind, kind);
    QFETCH(QStringList, expected);
    QStringList checked;
    for (const CommandDef &c : Lifecycle::of(kind).commands()) {
        if (c.onWhatWasSeen)
            checked << c.key;
    }
    QCOMPARE(checked, expected);
}

void TestLifecycle::aDecisionOnAnOlderVersionIsStale_data()
{
    // The item is at version 7 (item()).
    QTest::addColumn<WorkKind>("kind");
    QTest::addColumn<QString>("state");
    QTest::addColumn<QString>("holder");
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("actor");
    QTest::addColumn<qint64>("baseVersion");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message"); // empty: not checked
    const auto D = WorkKind::Declaration;
    const QString changed = str("The item changed after you looked at it, so this was not done. Look at it again, then decide.");
    const QString earlier = str("An earlier action of yours on this item was not accepted, so this one was not done either. Look at the item again.");
    QTest::newRow("release on the current version") << D << str("under_review") << str("wang") << str("release") << str("wang") << qint64(7)
                                                    << str("ok") << QString();
    QTest::newRow("release on an older version") << D << str("under_review") << str("wang") << str("release") << str("wang") << qint64(6)
                                                 << str("stale_version") << changed;
    QTest::newRow("release on a version not reached") << D << str("under_review") << str("wang") << str("release") << str("wang") << qint64(8)
                                                      << str("after_refused") << earlier;
    QTest::newRow("release, version unknown") << D << str("under_review") << str("wang") << str("release") << str("wang") << qint64(-1)
                                              << str("ok") << QString();
    QTest::newRow("hold with its reason, older version") << D << str("under_review") << str("wang") << str("hold") << str("wang") << qint64(0)
                                                         << str("stale_version") << changed;
    QTest::newRow("claim is not a decision on the item") << D << str("received") << QString() << str("claim") << str("wang") << qint64(1)
                                                         << str("ok") << QString();
    QTest::newRow("nor is putting it back") << D << str("under_review") << str("wang") << str("unclaim") << str("wang") << qint64(1)
                                            << str("ok") << QString();
    QTest::newRow("nor is a hand-over") << D << str("under_review") << str("wang") << str("reassign") << str("chief") << qint64(1) << str("ok")
                                        << QString();
    QTest::newRow("the lifecycle's reason comes first") << D << str("under_review") << str("zhou") << str("release") << str("wang") << qint64(1)
                                                        << str("not_holder") << QString();
    QTest::newRow("the System decides on the state") << WorkKind::VideoSession << str("ended") << str("zhao") << str("archive") << str("sys")
                                                     << qint64(1) << str("ok") << QString();
    QTest::newRow("an inspector's finding, older version") << WorkKind::InspectionTask << str("in_progress") << str("li") << str("record_finding")
                                                           << str("li") << qint64(3) << str("stale_version") << changed;
}

void TestLifecycle::aDecisionOnAnOlderVersionIsStale()
{
    QFETCH(WorkKind, kind);
    QFETCH(QString, state);
    QFETCH(QString, holder);
    QFETCH(QString, command);
    QFETCH(QString, actor);
    QFETCH(qint64, baseVersion);
    QFETCH(QString, code);
    QFETCH(QString, message);

    Command c = makeCommand(kind, command, str("a reason"), str("wang"));
    c.baseVersion = baseVersion;
    const WorkItemState before = item(state, holder);
    const Decision d = Lifecycle::of(kind).decide(before, c, byId(actor));
    QCOMPARE(d.code, code);
    QCOMPARE(d.accepted, code == QLatin1String("ok"));
    if (!message.isEmpty())
        QCOMPARE(d.message, message);
    if (!d.accepted)
        QCOMPARE(d.after.version, before.version);
}

void TestLifecycle::messages()
{
    QFETCH(WorkKind, kind);
    QFETCH(QString, state);
    QFETCH(QString, holder);
    QFETCH(QString, command);
    QFETCH(QString, actor);
    QFETCH(QString, code);
    QFETCH(QString, message);

    const Decision d = Lifecycle::of(kind).decide(item(state, holder), makeCommand(kind, command), byId(actor));
    QCOMPARE(d.code, code);
    QCOMPARE(d.message, message);
}

void TestLifecycle::availableCommands_data()
{
    QTest::addColumn<WorkKind>("kind");
    QTest::addColumn<QString>("state");
    QTest::addColumn<QString>("holder");
    QTest::addColumn<QString>("actor");
    QTest::addColumn<Roles>("roles"); // empty: the actor's usual role (byId)
    QTest::addColumn<QString>("actorOffice");
    QTest::addColumn<QStringList>("expected");

    auto row = [](const char *name, WorkKind kind, const char *state, const char *holder, const char *actor, QStringList expected,
                  Roles roles = {}, const char *office = "5141") {
        QTest::newRow(name) << kind << str(state) << str(holder) << str(actor) << roles << str(office) << expected;
    };
    const WorkKind D = WorkKind::Declaration;
    row("declaration: queue, window officer", D, "received", "", "wang", strings({"claim"}));
    row("declaration: queue, supervisor", D, "received", "", "chief", strings({"claim", "reassign"}));
    row("declaration: queue, inspector", D, "received", "", "li", {});
    row("declaration: queue, system", D, "received", "", "sys", {});
    row("declaration: queue, window officer of another office", D, "received", "", "wang", {}, {}, "5300");
    row("declaration: reviewing, holder", D, "under_review", "wang", "wang",
        strings({"unclaim", "release", "hold", "return_for_correction", "route_to_inspection", "escalate"}));
    row("declaration: reviewing, supervisor holder", D, "under_review", "chief", "chief",
        strings({"unclaim", "release", "hold", "return_for_correction", "route_to_inspection", "reassign"}));
    row("declaration: reviewing, window and supervisor holder", D, "under_review", "wang", "wang",
        strings({"unclaim", "release", "hold", "return_for_correction", "route_to_inspection", "escalate", "reassign"}),
        Roles(Role::WindowOfficer) | Role::Supervisor);
    row("declaration: reviewing, other window officer", D, "under_review", "wang", "zhou", {});
    row("declaration: reviewing, supervisor", D, "under_review", "wang", "chief", strings({"reassign"}));
    row("declaration: held, holder", D, "held", "wang", "wang", strings({"resume"}));
    row("declaration: returned, holder", D, "returned", "wang", "wang", {});
    row("declaration: returned, system", D, "returned", "wang", "sys", strings({"resubmit"}));
    row("declaration: inspection, inspector", D, "inspection", "wang", "li", strings({"inspection_done"}));
    row("declaration: inspection, system", D, "inspection", "wang", "sys", strings({"inspection_done"}));
    row("declaration: escalated, holder", D, "escalated", "wang", "wang", {});
    row("declaration: escalated, supervisor", D, "escalated", "wang", "chief", strings({"endorse", "reassign"}));
    row("declaration: released, holder", D, "released", "wang", "wang", {});
    row("declaration: released, every role", D, "released", "wang", "wang", {}, kAllOfficerRoles | Role::System);

    const WorkKind M = WorkKind::Manifest;
    row("manifest: queue, window officer", M, "received", "", "wang", strings({"claim"}));
    row("manifest: reviewing, holder", M, "under_review", "wang", "wang",
        strings({"unclaim", "release", "return_for_modification", "delete", "transfer_anti_smuggling"}));
    row("manifest: returned, system", M, "returned", "wang", "sys", strings({"resubmit"}));
    row("manifest: deleted, supervisor", M, "deleted", "wang", "chief", {});

    const WorkKind T = WorkKind::InspectionTask;
    row("inspection: notified, inspector", T, "notified", "", "li", strings({"confirm_position", "claim"}));
    row("inspection: notified, supervisor", T, "notified", "", "chief", strings({"claim", "cancel", "reassign"}));
    row("inspection: notified, system", T, "notified", "", "sys", strings({"confirm_position"}));
    row("inspection: in position, holder", T, "in_position", "li", "li", strings({"unclaim", "start"}));
    row("inspection: in position, other inspector", T, "in_position", "li", "sun", {});
    row("inspection: inspecting, holder", T, "in_progress", "li", "li", strings({"record_finding", "complete"}));
    row("inspection: inspecting, supervisor", T, "in_progress", "li", "chief", strings({"reassign"}));
    row("inspection: completed, holder", T, "completed", "li", "li", {});

    const WorkKind V = WorkKind::VideoSession;
    row("video: booked, remote inspector", V, "booked", "", "zhao", strings({"claim", "cancel"}));
    row("video: booked, holder", V, "booked", "zhao", "zhao", strings({"unclaim", "start_call", "cancel"}));
    row("video: booked, supervisor", V, "booked", "zhao", "chief", strings({"cancel", "reassign"}));
    row("video: in call, holder", V, "in_call", "zhao", "zhao", strings({"end_call"}));
    row("video: ended, holder", V, "ended", "zhao", "zhao", strings({"archive"}));
    row("video: ended, system", V, "ended", "zhao", "sys", strings({"archive"}));
    row("video: archived, holder", V, "archived", "zhao", "zhao", {});

    const WorkKind C = WorkKind::Certificate;
    row("certificate: submitted, system", C, "submitted", "", "sys", strings({"auto_pass", "auto_return", "auto_manual", "auto_investigate"}));
    row("certificate: submitted, certificate officer", C, "submitted", "", "chen", {});
    row("certificate: manual review, certificate officer", C, "manual_review", "", "chen", strings({"claim"}));
    row("certificate: manual review, holder", C, "manual_review", "chen", "chen",
        strings({"unclaim", "issue", "return_for_correction", "investigate"}));
    row("certificate: investigation, holder", C, "investigation", "chen", "chen", strings({"unclaim", "close_investigation", "refuse"}));
    row("certificate: returned, system", C, "returned", "", "sys", strings({"resubmit"}));
    row("certificate: issued, certificate officer", C, "issued", "chen", "wu", strings({"revoke"}));
    row("certificate: issued, supervisor", C, "issued", "chen", "chief", strings({"revoke"}));
    row("certificate: revoked, supervisor", C, "revoked", "chen", "chief", {});

    const WorkKind A = WorkKind::ServiceApplication;
    row("application: window, window officer", A, "received", "", "wang", strings({"hand_off", "reject"}));
    row("application: window, certificate officer", A, "received", "", "chen", strings({"reject"}));
    row("application: handed off, certificate officer", A, "handed_off", "", "chen", strings({"claim"}));
    row("application: in handling, holder", A, "in_handling", "chen", "chen", strings({"complete", "reject"}));
    row("application: in handling, other officer", A, "in_handling", "chen", "wu", strings({"reject"}));
    row("application: completed, holder", A, "completed", "chen", "chen", {});
}

void TestLifecycle::availableCommands()
{
    QFETCH(WorkKind, kind);
    QFETCH(QString, state);
    QFETCH(QString, holder);
    QFETCH(QString, actor);
    QFETCH(Roles, roles);
    QFETCH(QString, actorOffice);
    QFETCH(QStringList, expected);

    Officer who = byId(actor);
    if (roles.toInt() != 0)
        who.roles = roles;
    who.office = actorOffice;
    QCOMPARE(Lifecycle::of(kind).availableCommands(item(state, holder), who), expected);
}

// A whole path through a lifecycle, each step "command@actor[:target]>state/holder"; every step
// carries a reason, and each accepted step adds one to the version.
void TestLifecycle::paths_data()
{
    QTest::addColumn<WorkKind>("kind");
    QTest::addColumn<QStringList>("steps");

    QTest::newRow("declaration: the long way to release") << WorkKind::Declaration
        << strings({"claim@wang>under_review/wang", "hold@wang>held/wang", "resume@wang>under_review/wang",
                 "route_to_inspection@wang>inspection/wang", "inspection_done@li>under_review/wang", "escalate@wang>escalated/wang",
                 "endorse@chief>under_review/wang", "return_for_correction@wang>returned/wang", "resubmit@sys>received/",
                 "claim@zhou>under_review/zhou", "reassign@chief:wang>under_review/wang", "unclaim@wang>received/",
                 "claim@chief>under_review/chief", "release@chief>released/chief"});
    QTest::newRow("manifest: returned, resubmitted, transferred") << WorkKind::Manifest
        << strings({"claim@wang>under_review/wang", "return_for_modification@wang>returned/wang", "resubmit@sys>received/",
                 "claim@zhou>under_review/zhou", "transfer_anti_smuggling@zhou>transferred/zhou"});
    QTest::newRow("manifest: deleted") << WorkKind::Manifest
        << strings({"claim@wang>under_review/wang", "delete@wang>deleted/wang"});
    QTest::newRow("inspection: from notice to result") << WorkKind::InspectionTask
        << strings({"claim@li>notified/li", "confirm_position@sys>in_position/li", "unclaim@li>in_position/", "claim@sun>in_position/sun",
                 "start@sun>in_progress/sun", "record_finding@sun>in_progress/sun", "reassign@chief:li>in_progress/li",
                 "record_finding@li>in_progress/li", "complete@li>completed/li"});
    QTest::newRow("inspection: cancelled") << WorkKind::InspectionTask
        << strings({"confirm_position@li>in_position/", "cancel@chief>cancelled/"});
    QTest::newRow("video: booked to archived") << WorkKind::VideoSession
        << strings({"claim@zhao>booked/zhao", "start_call@zhao>in_call/zhao", "end_call@zhao>ended/zhao",
                 "reassign@chief:qian>ended/qian", "archive@qian>archived/qian"});
    QTest::newRow("video: cancelled") << WorkKind::VideoSession << strings({"claim@zhao>booked/zhao", "cancel@zhao>cancelled/zhao"});
    QTest::newRow("certificate: automatic pass then revoked") << WorkKind::Certificate
        << strings({"auto_pass@sys>issued/", "revoke@chief>revoked/"});
    QTest::newRow("certificate: manual review, investigation, issue") << WorkKind::Certificate
        << strings({"auto_manual@sys>manual_review/", "claim@chen>manual_review/chen", "investigate@chen>investigation/chen",
                 "close_investigation@chen>manual_review/chen", "return_for_correction@chen>returned/", "resubmit@sys>submitted/",
                 "auto_investigate@sys>investigation/", "claim@wu>investigation/wu", "close_investigation@wu>manual_review/wu",
                 "issue@wu>issued/wu"});
    QTest::newRow("certificate: refused") << WorkKind::Certificate
        << strings({"auto_return@sys>returned/", "resubmit@sys>submitted/", "auto_investigate@sys>investigation/",
                 "claim@chief>investigation/chief", "refuse@chief>refused/chief"});
    QTest::newRow("application: window to completion") << WorkKind::ServiceApplication
        << strings({"hand_off@wang>handed_off/", "claim@chen>in_handling/chen", "reassign@chief:wu>in_handling/wu", "complete@wu>completed/wu"});
    QTest::newRow("application: not accepted at the window") << WorkKind::ServiceApplication << strings({"reject@zhou>rejected/"});
}

void TestLifecycle::paths()
{
    QFETCH(WorkKind, kind);
    QFETCH(QStringList, steps);

    const Lifecycle &lc = Lifecycle::of(kind);
    WorkItemState current{lc.initialState(), {}, kOffice, 0};
    for (const QString &step : steps) {
        const qsizetype at = step.indexOf(QLatin1Char('@'));
        const qsizetype arrow = step.indexOf(QLatin1Char('>'));
        QVERIFY2(at > 0 && arrow > at, qPrintable(step));
        const QString name = step.left(at);
        QString actor = step.mid(at + 1, arrow - at - 1);
        QString target;
        if (const qsizetype colon = actor.indexOf(QLatin1Char(':')); colon >= 0) {
            target = actor.mid(colon + 1);
            actor.truncate(colon);
        }
        const QStringList expected = step.mid(arrow + 1).split(QLatin1Char('/'));
        QCOMPARE(expected.size(), qsizetype(2));

        const Decision d = lc.decide(current, makeCommand(kind, name, QStringLiteral("reason"), target), byId(actor));
        QVERIFY2(d.accepted, qPrintable(step + QStringLiteral(": ") + d.code + QStringLiteral(" ") + d.message));
        QCOMPARE(d.after.state, expected.at(0));
        QCOMPARE(d.after.assignee, expected.at(1));
        QCOMPARE(d.after.version, current.version + 1);
        current = d.after;
    }
    QVERIFY2(!lc.isOpen(current.state), "every path here ends in a closed state");
}

// A supervisor may reassign an item in any of reassign's `from` states. Afterwards the new holder
// (or anybody) must still be able to move the item on without yet another reassignment.
void TestLifecycle::reassignedItemCanStillMove_data()
{
    QTest::addColumn<WorkKind>("kind");
    QTest::addColumn<QString>("state");
    for (WorkKind kind : allKinds()) {
        const CommandDef *reassign = Lifecycle::of(kind).command(QStringLiteral("reassign"));
        QVERIFY(reassign);
        for (const QString &s : reassign->from)
            QTest::addRow("%s/%s", qPrintable(kindName(kind)), qPrintable(s)) << kind << s;
    }
}

void TestLifecycle::reassignedItemCanStillMove()
{
    QFETCH(WorkKind, kind);
    QFETCH(QString, state);

    const Lifecycle &lc = Lifecycle::of(kind);
    for (const char *holder : {"", "b"}) {
        const Decision reassigned = lc.decide(item(state, QString::fromLatin1(holder)),
                                              makeCommand(kind, QStringLiteral("reassign"), QStringLiteral("leave"), QStringLiteral("a")),
                                              officer(QStringLiteral("chief"), Role::Supervisor));
        QVERIFY(reassigned.accepted);
        QCOMPARE(reassigned.after.assignee, QStringLiteral("a"));

        QStringList moves;
        for (const Config &next : successors(lc, {reassigned.after.state, reassigned.after.assignee})) {
            if (next.first != state)
                moves << next.first;
        }
        QVERIFY2(!moves.isEmpty(), qPrintable(QStringLiteral("after reassigning to 'a' (holder was '%1') nothing leaves '%2'")
                                                  .arg(QString::fromLatin1(holder), state)));
    }
}

// ---------------------------------------------------------------------------------------------
// Every command, state, role and holder

void TestLifecycle::sweep_data()
{
    QTest::addColumn<WorkKind>("kind");
    QTest::addColumn<QString>("state");
    QTest::addColumn<QString>("holder"); // "actor", another officer, or nobody
    for (WorkKind kind : allKinds()) {
        QStringList states = stateKeys(Lifecycle::of(kind));
        states << QStringLiteral("no_such_state");
        for (const QString &s : states) {
            for (const char *holder : {"", "actor", "other"}) {
                QTest::addRow("%s/%s/held-by-%s", qPrintable(kindName(kind)), qPrintable(s), *holder ? holder : "nobody")
                    << kind << s << QString::fromLatin1(holder);
            }
        }
    }
}

void TestLifecycle::sweep()
{
    QFETCH(WorkKind, kind);
    QFETCH(QString, state);
    QFETCH(QString, holder);

    const Lifecycle &lc = Lifecycle::of(kind);
    QStringList names = commandKeys(lc);
    names << QStringLiteral("no_such_command");
    const WorkItemState before = item(state, holder);

    QStringList mismatches;
    int decided = 0;
    for (const Officer &actor : sweepActors()) {
        for (const QString &name : names) {
            for (const auto &[reason, target] : {std::pair{"", ""}, std::pair{"because", ""}, std::pair{"", "other"},
                                                 std::pair{"because", "other"}, std::pair{"because", "  next  "}}) {
                const Command c = makeCommand(kind, name, QString::fromLatin1(reason), QString::fromLatin1(target));
                const Decision d = lc.decide(before, c, actor);
                ++decided;
                const QString expected = expectedCode(lc, before, c, actor);
                const QString where = QStringLiteral("%1 by %2@%3 reason='%4' target='%5'")
                                          .arg(name, roleName(actor.roles), actor.office, c.reason, c.targetOfficer);
                if (d.code != expected)
                    mismatches << QStringLiteral("%1: got %2, expected %3").arg(where, d.code, expected);
                if (!knownCodes().contains(d.code))
                    mismatches << QStringLiteral("%1: unknown code %2").arg(where, d.code);
                if (d.accepted != (d.code == QLatin1String("ok")))
                    mismatches << QStringLiteral("%1: accepted=%2 with code %3").arg(where).arg(d.accepted).arg(d.code);
                if (!d.accepted) {
                    if (d.message.trimmed().isEmpty())
                        mismatches << where + QStringLiteral(": rejection without a message");
                    if (d.after.state != before.state || d.after.assignee != before.assignee || d.after.version != before.version
                        || d.after.office != before.office)
                        mismatches << where + QStringLiteral(": rejection changed the item");
                    continue;
                }
                // Accepted: the state and holder follow the definition.
                const CommandDef *def = lc.command(name);
                QString wantState = def->to.isEmpty() ? before.state : def->to;
                // Contract: reassigning an item that waits in the shared queue (where claim would
                // take it on) moves it to where claim would have put it.
                const CommandDef *claim = lc.command(QStringLiteral("claim"));
                if (def->effect == AssigneeEffect::SetFromArgument && claim && claim->from.contains(before.state) && !claim->to.isEmpty())
                    wantState = claim->to;
                QString assignee = before.assignee;
                switch (def->effect) {
                case AssigneeEffect::Keep: break;
                case AssigneeEffect::TakeByActor: assignee = actor.id; break;
                case AssigneeEffect::Clear: assignee.clear(); break;
                case AssigneeEffect::SetFromArgument: assignee = c.targetOfficer.trimmed(); break;
                }
                if (d.after.state != wantState || d.after.assignee != assignee)
                    mismatches << QStringLiteral("%1: after %2/%3, expected %4/%5").arg(where, d.after.state, d.after.assignee, wantState, assignee);
                if (d.after.version != before.version + 1 || d.after.office != before.office)
                    mismatches << where + QStringLiteral(": version or office wrong after acceptance");
                if (!lc.state(d.after.state))
                    mismatches << where + QStringLiteral(": accepted into a state that does not exist");
            }
        }
    }
    QVERIFY(decided > 0);
    QVERIFY2(mismatches.isEmpty(), qPrintable(mismatches.mid(0, 20).join(QLatin1Char('\n'))));
}

void TestLifecycle::closedStatesAcceptOnlyWhatTheLifecycleAllows_data()
{
    QTest::addColumn<WorkKind>("kind");
    QTest::addColumn<QString>("state");
    QTest::addColumn<QStringList>("allowed");

    QTest::newRow("declaration/released") << WorkKind::Declaration << str("released") << QStringList();
    QTest::newRow("manifest/released") << WorkKind::Manifest << str("released") << QStringList();
    QTest::newRow("manifest/deleted") << WorkKind::Manifest << str("deleted") << QStringList();
    QTest::newRow("manifest/transferred") << WorkKind::Manifest << str("transferred") << QStringList();
    QTest::newRow("inspection/completed") << WorkKind::InspectionTask << str("completed") << QStringList();
    QTest::newRow("inspection/cancelled") << WorkKind::InspectionTask << str("cancelled") << QStringList();
    QTest::newRow("video/archived") << WorkKind::VideoSession << str("archived") << QStringList();
    QTest::newRow("video/cancelled") << WorkKind::VideoSession << str("cancelled") << QStringList();
    QTest::newRow("certificate/issued") << WorkKind::Certificate << str("issued") << strings({"revoke"});
    QTest::newRow("certificate/refused") << WorkKind::Certificate << str("refused") << QStringList();
    QTest::newRow("certificate/revoked") << WorkKind::Certificate << str("revoked") << QStringList();
    QTest::newRow("application/completed") << WorkKind::ServiceApplication << str("completed") << QStringList();
    QTest::newRow("application/rejected") << WorkKind::ServiceApplication << str("rejected") << QStringList();
}

void TestLifecycle::closedStatesAcceptOnlyWhatTheLifecycleAllows()
{
    QFETCH(WorkKind, kind);
    QFETCH(QString, state);
    QFETCH(QStringList, allowed);

    const Lifecycle &lc = Lifecycle::of(kind);
    QVERIFY(lc.state(state));
    QVERIFY(!lc.isOpen(state));
    QVERIFY(!lc.openStates().contains(state));

    QSet<QString> accepted;
    for (const Officer &actor : sweepActors()) {
        for (const char *holder : {"", "actor", "other"}) {
            for (const CommandDef &def : lc.commands()) {
                const Decision d = lc.decide(item(state, QString::fromLatin1(holder)),
                                             makeCommand(kind, def.key, QStringLiteral("because"), QStringLiteral("other")), actor);
                if (d.accepted)
                    accepted.insert(def.key);
            }
        }
    }
    QStringList got = accepted.values();
    got.sort();
    QStringList want = allowed;
    want.sort();
    QCOMPARE(got, want);

    // Nothing but the listed commands is even defined from this closed state.
    QStringList defined;
    for (const CommandDef &def : lc.commands()) {
        if (def.from.contains(state))
            defined << def.key;
    }
    defined.sort();
    QCOMPARE(defined, want);
}

// ---------------------------------------------------------------------------------------------
// Invariants over the data

void TestLifecycle::structure_data()
{
    QTest::addColumn<WorkKind>("kind");
    for (WorkKind kind : allKinds())
        QTest::newRow(qPrintable(kindName(kind))) << kind;
}

void TestLifecycle::commandStatesExist()
{
    QFETCH(WorkKind, kind);
    const Lifecycle &lc = Lifecycle::of(kind);
    for (const CommandDef &c : lc.commands()) {
        QVERIFY2(!c.from.isEmpty(), qPrintable(c.key));
        for (const QString &s : c.from)
            QVERIFY2(lc.state(s), qPrintable(c.key + QStringLiteral(" from ") + s));
        QVERIFY2(c.to.isEmpty() || lc.state(c.to), qPrintable(c.key + QStringLiteral(" to ") + c.to));
        QVERIFY2(c.roles, qPrintable(c.key + QStringLiteral(" has no role")));
        QVERIFY2(!(c.roles & ~(kAllOfficerRoles | Role::System)), qPrintable(c.key + QStringLiteral(" names an unknown role")));
        if (c.effect == AssigneeEffect::SetFromArgument)
            QVERIFY2(c.needsReason, qPrintable(c.key + QStringLiteral(": reassignment is audited with a reason")));
    }
}

void TestLifecycle::keysAndLabelsAreUniqueAndNonEmpty()
{
    QFETCH(WorkKind, kind);
    const Lifecycle &lc = Lifecycle::of(kind);
    QVERIFY(!lc.states().isEmpty());
    QVERIFY(lc.isOpen(lc.initialState()));

    QSet<QString> keys, labels;
    for (const StateDef &s : lc.states()) {
        QVERIFY(!s.key.isEmpty());
        QVERIFY2(s.label && *s.label, qPrintable(s.key));
        QVERIFY2(!lc.stateLabel(s.key).isEmpty(), qPrintable(s.key));
        QVERIFY2(!keys.contains(s.key), qPrintable(QStringLiteral("duplicate state ") + s.key));
        QVERIFY2(!labels.contains(lc.stateLabel(s.key)), qPrintable(QStringLiteral("duplicate state label ") + lc.stateLabel(s.key)));
        keys.insert(s.key);
        labels.insert(lc.stateLabel(s.key));
    }
    keys.clear();
    labels.clear();
    for (const CommandDef &c : lc.commands()) {
        QVERIFY(!c.key.isEmpty());
        QVERIFY2(c.label && *c.label, qPrintable(c.key));
        QVERIFY2(!lc.commandLabel(c.key).isEmpty(), qPrintable(c.key));
        QVERIFY2(!keys.contains(c.key), qPrintable(QStringLiteral("duplicate command ") + c.key));
        QVERIFY2(!labels.contains(lc.commandLabel(c.key)), qPrintable(QStringLiteral("duplicate command label ") + lc.commandLabel(c.key)));
        keys.insert(c.key);
        labels.insert(lc.commandLabel(c.key));
    }
    // Unknown keys fall back to the key itself.
    QCOMPARE(lc.stateLabel(QStringLiteral("no_such_state")), QStringLiteral("no_such_state"));
    QCOMPARE(lc.commandLabel(QStringLiteral("no_such_command")), QStringLiteral("no_such_command"));
}

void TestLifecycle::everyOpenStateHasAWayOut()
{
    QFETCH(WorkKind, kind);
    const Lifecycle &lc = Lifecycle::of(kind);
    for (const QString &s : lc.openStates()) {
        bool anyCommand = false;
        bool leaves = false;
        for (const CommandDef &c : lc.commands()) {
            if (!c.from.contains(s))
                continue;
            anyCommand = true;
            leaves = leaves || (!c.to.isEmpty() && c.to != s);
        }
        QVERIFY2(anyCommand, qPrintable(s + QStringLiteral(" has no command")));
        QVERIFY2(leaves, qPrintable(s + QStringLiteral(" has no command that leaves it")));
    }

    // And from every open state some closed state can be reached through the state graph.
    for (const QString &start : lc.openStates()) {
        QSet<QString> seen{start};
        QQueue<QString> todo;
        todo.enqueue(start);
        bool closes = false;
        while (!todo.isEmpty() && !closes) {
            const QString s = todo.dequeue();
            for (const CommandDef &c : lc.commands()) {
                if (!c.from.contains(s) || c.to.isEmpty() || seen.contains(c.to))
                    continue;
                closes = closes || !lc.isOpen(c.to);
                seen.insert(c.to);
                todo.enqueue(c.to);
            }
        }
        QVERIFY2(closes, qPrintable(start + QStringLiteral(" can never be closed")));
    }
}

void TestLifecycle::everyStateIsReachableFromTheInitialState()
{
    QFETCH(WorkKind, kind);
    const Lifecycle &lc = Lifecycle::of(kind);

    // Through the definitions...
    QSet<QString> seen{lc.initialState()};
    QQueue<QString> todo;
    todo.enqueue(lc.initialState());
    while (!todo.isEmpty()) {
        const QString s = todo.dequeue();
        for (const CommandDef &c : lc.commands()) {
            if (c.from.contains(s) && !c.to.isEmpty() && !seen.contains(c.to)) {
                seen.insert(c.to);
                todo.enqueue(c.to);
            }
        }
    }
    for (const StateDef &s : lc.states())
        QVERIFY2(seen.contains(s.key), qPrintable(s.key + QStringLiteral(" is unreachable in the definitions")));

    // ...and through real decisions by real actors, holders included.
    QSet<QString> reached;
    QSet<Config> configs{{lc.initialState(), QString()}};
    QQueue<Config> queue;
    queue.enqueue({lc.initialState(), QString()});
    while (!queue.isEmpty()) {
        const Config c = queue.dequeue();
        reached.insert(c.first);
        for (const Config &next : successors(lc, c)) {
            if (!configs.contains(next)) {
                configs.insert(next);
                queue.enqueue(next);
            }
        }
    }
    for (const StateDef &s : lc.states())
        QVERIFY2(reached.contains(s.key), qPrintable(s.key + QStringLiteral(" is unreachable by decisions")));
}

// Every (state, holder) an item can get into through accepted decisions can still reach a closed
// state. The configurations known to be stuck are listed exactly, so a new dead end still fails.
void TestLifecycle::everyReachableItemCanStillBeClosed()
{
    QFETCH(WorkKind, kind);
    const Lifecycle &lc = Lifecycle::of(kind);

    QHash<Config, QList<Config>> edges;
    QQueue<Config> queue;
    const Config start{lc.initialState(), QString()};
    edges.insert(start, {});
    queue.enqueue(start);
    while (!queue.isEmpty()) {
        const Config c = queue.dequeue();
        const QList<Config> next = successors(lc, c);
        edges[c] = next;
        for (const Config &n : next) {
            if (!edges.contains(n)) {
                edges.insert(n, {});
                queue.enqueue(n);
            }
        }
    }
    // Backwards from the closed configurations.
    QSet<Config> canClose;
    for (auto it = edges.cbegin(); it != edges.cend(); ++it) {
        if (!lc.isOpen(it.key().first))
            canClose.insert(it.key());
    }
    for (bool grew = true; grew;) {
        grew = false;
        for (auto it = edges.cbegin(); it != edges.cend(); ++it) {
            if (canClose.contains(it.key()))
                continue;
            for (const Config &n : it.value()) {
                if (canClose.contains(n)) {
                    canClose.insert(it.key());
                    grew = true;
                    break;
                }
            }
        }
    }
    QStringList stuck;
    for (auto it = edges.cbegin(); it != edges.cend(); ++it) {
        if (!canClose.contains(it.key()))
            stuck << it.key().first + QLatin1Char('/') + (it.key().second.isEmpty() ? QStringLiteral("-") : it.key().second);
    }
    stuck.sort();

    QCOMPARE(stuck, QStringList());
}

void TestLifecycle::systemCommandsAreNeverAvailableToOfficers()
{
    QFETCH(WorkKind, kind);
    const Lifecycle &lc = Lifecycle::of(kind);
    const QStringList systemOnly = systemOnlyCommands(lc);

    QList<Roles> officerRoles{kAllOfficerRoles};
    for (Role r : {Role::WindowOfficer, Role::Inspector, Role::RemoteInspector, Role::CertificateOfficer, Role::Supervisor})
        officerRoles << Roles(r);

    for (const Roles roles : officerRoles) {
        const Officer actor = officer(QStringLiteral("actor"), roles);
        for (const StateDef &s : lc.states()) {
            for (const char *holder : {"", "actor", "other"}) {
                const WorkItemState it = item(s.key, QString::fromLatin1(holder));
                const QStringList available = lc.availableCommands(it, actor);
                for (const QString &name : systemOnly) {
                    QVERIFY2(!available.contains(name), qPrintable(name + QStringLiteral(" offered to ") + roleName(roles)));
                    const Decision d = lc.decide(it, makeCommand(kind, name, QStringLiteral("r"), QStringLiteral("t")), actor);
                    QCOMPARE(d.code, QStringLiteral("role"));
                }
            }
        }
    }
}

void TestLifecycle::availableCommandsAgreesWithDecide()
{
    QFETCH(WorkKind, kind);
    const Lifecycle &lc = Lifecycle::of(kind);
    QStringList states = stateKeys(lc);
    states << QStringLiteral("no_such_state");
    int checked = 0;
    for (const Officer &actor : sweepActors()) {
        for (const QString &s : states) {
            for (const char *holder : {"", "actor", "other"}) {
                const WorkItemState it = item(s, QString::fromLatin1(holder));
                const QStringList available = lc.availableCommands(it, actor);
                QStringList expected;
                for (const CommandDef &c : lc.commands()) {
                    const Decision d = lc.decide(it, makeCommand(kind, c.key, QStringLiteral("reason"), QStringLiteral("target")), actor);
                    if (d.accepted)
                        expected << c.key;
                    else
                        QVERIFY2(d.code != QLatin1String("reason_required") && d.code != QLatin1String("target_required"),
                                 qPrintable(c.key + QStringLiteral(": ") + d.code));
                }
                QVERIFY2(available == expected,
                         qPrintable(QStringLiteral("%1 %2/%3 by %4: offered [%5], decide accepts [%6]")
                                        .arg(kindName(kind), s, QString::fromLatin1(holder), roleName(actor.roles), available.join(QLatin1Char(',')),
                                             expected.join(QLatin1Char(',')))));
                if (!lc.isOpen(s))
                    QVERIFY(available.isEmpty() || s == QLatin1String("issued"));
                ++checked;
            }
        }
    }
    QVERIFY(checked > 0);
}

void TestLifecycle::unknownCommandsAndStates()
{
    QFETCH(WorkKind, kind);
    const Lifecycle &lc = Lifecycle::of(kind);
    const Officer everyone = officer(QStringLiteral("actor"), kAllOfficerRoles | Role::System);
    QVERIFY(!lc.command(QString()));
    QVERIFY(!lc.state(QString()));
    QVERIFY(!lc.isOpen(QStringLiteral("no_such_state")));

    // Commands of other kinds that this kind lacks are unknown here.
    for (WorkKind other : allKinds()) {
        for (const CommandDef &c : Lifecycle::of(other).commands()) {
            if (lc.command(c.key))
                continue;
            for (const StateDef &s : lc.states()) {
                const Decision d = lc.decide(item(s.key, QStringLiteral("actor")), makeCommand(kind, c.key, QStringLiteral("r"), QStringLiteral("t")), everyone);
                QCOMPARE(d.code, QStringLiteral("unknown_command"));
                QVERIFY(!d.message.isEmpty());
            }
        }
    }
    // Nothing is accepted from a state the lifecycle does not know.
    for (const CommandDef &c : lc.commands()) {
        const Decision d = lc.decide(item(QStringLiteral("no_such_state"), QStringLiteral("actor")), makeCommand(kind, c.key, QStringLiteral("r"), QStringLiteral("t")), everyone);
        QCOMPARE(d.code, QStringLiteral("wrong_state"));
        QVERIFY(d.message.contains(QStringLiteral("no_such_state")));
    }
}

QTEST_GUILESS_MAIN(TestLifecycle)
#include "tst_lifecycle.moc"
