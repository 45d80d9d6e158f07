#include "models/lifecycle.h"

#include <QCoreApplication>

#include <array>

namespace Clearway::Models {

namespace {

constexpr const char *kContext = "Clearway::Models::Lifecycle";

QString translated(const char *text) { return QCoreApplication::translate(kContext, text); }

using R = Role;
const Roles kWindow = R::WindowOfficer;
const Roles kSupervisor = R::Supervisor;
const Roles kSystem = R::System;

QStringList keys(std::initializer_list<const char *> list)
{
    QStringList out;
    for (const char *k : list)
        out << QString::fromLatin1(k);
    return out;
}

StateDef st(const char *key, const char *label, bool open = true) { return {QString::fromLatin1(key), label, open}; }

// Every command of the holder is a decision on what they saw of the item, but for giving it back
// (unclaim()).
CommandDef cmd(const char *key, const char *label, QStringList from, const char *to, Roles roles,
               Holder holder = Holder::Anyone, AssigneeEffect effect = AssigneeEffect::Keep, bool needsReason = false)
{
    return {QString::fromLatin1(key), label, std::move(from), QString::fromLatin1(to), roles, holder, effect, needsReason, holder == Holder::AssigneeOnly};
}

// The holder puts the item back in the shared queue, whatever became of it meanwhile.
CommandDef unclaim(QStringList from, const char *to, Roles roles)
{
    CommandDef c = cmd("unclaim", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Put back in queue"), std::move(from), to, roles,
                       Holder::AssigneeOnly, AssigneeEffect::Clear);
    c.onWhatWasSeen = false;
    return c;
}

CommandDef reassign(QStringList from)
{
    return cmd("reassign", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Reassign"), std::move(from), "", kSupervisor, Holder::Anyone,
               AssigneeEffect::SetFromArgument, true);
}

} // namespace

Lifecycle::Lifecycle(WorkKind kind, QList<StateDef> states, QList<CommandDef> commands)
    : m_kind(kind)
    , m_states(std::move(states))
    , m_commands(std::move(commands))
{
}

const Lifecycle &Lifecycle::of(WorkKind kind)
{
    static const std::array<Lifecycle, WorkKindCount> all = {
        build(WorkKind::Declaration), build(WorkKind::Manifest),    build(WorkKind::InspectionTask),
        build(WorkKind::VideoSession), build(WorkKind::Certificate), build(WorkKind::ServiceApplication),
    };
    return all.at(static_cast<size_t>(kind));
}

const StateDef *Lifecycle::state(const QString &key) const
{
    for (const StateDef &s : m_states) {
        if (s.key == key)
            return &s;
    }
    return nullptr;
}

const CommandDef *Lifecycle::command(const QString &key) const
{
    for (const CommandDef &c : m_commands) {
        if (c.key == key)
            return &c;
    }
    return nullptr;
}

bool Lifecycle::isOpen(const QString &stateKey) const
{
    const StateDef *s = state(stateKey);
    return s && s->open;
}

QStringList Lifecycle::openStates() const
{
    QStringList out;
    for (const StateDef &s : m_states) {
        if (s.open)
            out << s.key;
    }
    return out;
}

QString Lifecycle::stateLabel(const QString &stateKey) const
{
    const StateDef *s = state(stateKey);
    return s ? translated(s->label) : stateKey;
}

QString Lifecycle::commandLabel(const QString &commandKey) const
{
    const CommandDef *c = command(commandKey);
    if (c)
        return translated(c->label);
    // Events the server records that are not lifecycle commands: how an item came into being.
    if (m_kind == WorkKind::ServiceApplication && commandKey == QLatin1String("receive"))
        return translated(QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Received at window"));
    return commandKey;
}

Decision Lifecycle::decide(const WorkItemState &before, const Command &command, const Officer &actor) const
{
    Decision d;
    d.after = before;
    auto refuse = [&d](const char *code, QString message) {
        d.accepted = false;
        d.code = QString::fromLatin1(code);
        d.message = std::move(message);
        return d;
    };

    const CommandDef *def = this->command(command.name);
    if (!def)
        return refuse("unknown_command", translated(QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "This action does not exist for this kind of work item.")));
    if (!(def->roles & actor.roles))
        return refuse("role", translated(QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Your role does not allow this action.")));
    const bool system = actor.hasRole(Role::System);
    if (!system && !before.office.isEmpty() && before.office != actor.office)
        return refuse("office", translated(QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "This item belongs to another customs office.")));
    if (!def->from.contains(before.state)) {
        return refuse("wrong_state", translated(QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "This action is not possible while the item is \"%1\"."))
                                         .arg(stateLabel(before.state)));
    }
    switch (def->holder) {
    case Holder::Anyone:
        break;
    case Holder::AssigneeOnly:
        if (!system && before.assignee != actor.id) {
            return before.assignee.isEmpty()
                ? refuse("not_holder", translated(QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Claim the item before acting on it.")))
                : refuse("not_holder", translated(QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Another officer (%1) holds this item.")).arg(before.assignee));
        }
        break;
    case Holder::UnassignedOnly:
        if (!before.assignee.isEmpty()) {
            return before.assignee == actor.id
                ? refuse("already_claimed", translated(QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "You already hold this item.")))
                : refuse("already_claimed", translated(QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Another officer (%1) already claimed this item.")).arg(before.assignee));
        }
        break;
    }
    if (def->needsReason && command.reason.trimmed().isEmpty())
        return refuse("reason_required", translated(QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "This action needs a reason.")));
    // Last, so that a reason of the lifecycle's own is given first: the holder decided on a version
    // of the item that is no longer the current one.
    if (def->onWhatWasSeen && !system && command.baseVersion >= 0 && command.baseVersion != before.version) {
        return command.baseVersion < before.version
            ? refuse("stale_version", translated(QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle",
                                                                   "The item changed after you looked at it, so this was not done. Look at it again, then decide.")))
            : refuse("after_refused", translated(QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle",
                                                                   "An earlier action of yours on this item was not accepted, so this one was not done either. Look at the item again.")));
    }

    switch (def->effect) {
    case AssigneeEffect::Keep:
        break;
    case AssigneeEffect::TakeByActor:
        d.after.assignee = actor.id;
        break;
    case AssigneeEffect::Clear:
        d.after.assignee.clear();
        break;
    case AssigneeEffect::SetFromArgument:
        if (command.targetOfficer.trimmed().isEmpty())
            return refuse("target_required", translated(QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Choose the officer who takes the item over.")));
        d.after.assignee = command.targetOfficer.trimmed();
        // An item still waiting in the shared queue is handed over as if the new holder had
        // claimed it; otherwise it would sit held in a state only an unheld item can leave.
        if (const CommandDef *claim = this->command(QStringLiteral("claim")); claim && claim->from.contains(before.state) && !claim->to.isEmpty())
            d.after.state = claim->to;
        break;
    }
    if (!def->to.isEmpty())
        d.after.state = def->to;
    d.after.version = before.version + 1;
    d.accepted = true;
    d.code = QStringLiteral("ok");
    return d;
}

QStringList Lifecycle::availableCommands(const WorkItemState &item, const Officer &actor) const
{
    QStringList out;
    Command probe;
    probe.kind = m_kind;
    probe.reason = QStringLiteral("-");
    probe.targetOfficer = QStringLiteral("-");
    for (const CommandDef &c : m_commands) {
        probe.name = c.key;
        if (decide(item, probe, actor).accepted)
            out << c.key;
    }
    return out;
}

Lifecycle Lifecycle::build(WorkKind kind)
{
    using H = Holder;
    using E = AssigneeEffect;
    switch (kind) {
    case WorkKind::Declaration: {
        // A window officer claims a declaration from the shared queue, reviews it and decides.
        // A returned declaration comes back through the enterprise's resubmission (System).
        const QStringList open = keys({"received", "under_review", "returned", "held", "inspection", "escalated"});
        return Lifecycle(kind,
            {st("received", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Awaiting review")), st("under_review", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Under review")),
             st("returned", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Returned for correction")), st("held", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "On hold")),
             st("inspection", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Under inspection")), st("escalated", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Awaiting chief's endorsement")),
             st("released", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Released"), false)},
            {cmd("claim", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Claim"), keys({"received"}), "under_review", kWindow | kSupervisor, H::UnassignedOnly, E::TakeByActor),
             unclaim(keys({"under_review"}), "received", kWindow | kSupervisor),
             cmd("release", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Release"), keys({"under_review"}), "released", kWindow | kSupervisor, H::AssigneeOnly),
             cmd("hold", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Hold"), keys({"under_review"}), "held", kWindow | kSupervisor, H::AssigneeOnly, E::Keep, true),
             cmd("resume", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Resume review"), keys({"held"}), "under_review", kWindow | kSupervisor, H::AssigneeOnly),
             cmd("return_for_correction", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Return for correction"), keys({"under_review"}), "returned", kWindow | kSupervisor, H::AssigneeOnly, E::Keep, true),
             cmd("resubmit", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Resubmitted by enterprise"), keys({"returned"}), "received", kSystem, H::Anyone, E::Clear),
             cmd("route_to_inspection", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Route to inspection"), keys({"under_review"}), "inspection", kWindow | kSupervisor, H::AssigneeOnly, E::Keep, true),
             cmd("inspection_done", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Inspection finished"), keys({"inspection"}), "under_review", Roles(R::Inspector) | kSystem),
             cmd("escalate", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Escalate to chief"), keys({"under_review"}), "escalated", kWindow, H::AssigneeOnly, E::Keep, true),
             cmd("endorse", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Endorse"), keys({"escalated"}), "under_review", kSupervisor),
             reassign(open)});
    }
    case WorkKind::Manifest: {
        const QStringList open = keys({"received", "under_review", "returned"});
        return Lifecycle(kind,
            {st("received", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Awaiting review")), st("under_review", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Under review")),
             st("returned", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Returned for modification")), st("released", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Released"), false),
             st("deleted", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Deleted"), false), st("transferred", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Transferred to anti-smuggling"), false)},
            {cmd("claim", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Claim"), keys({"received"}), "under_review", kWindow | kSupervisor, H::UnassignedOnly, E::TakeByActor),
             unclaim(keys({"under_review"}), "received", kWindow | kSupervisor),
             cmd("release", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Release"), keys({"under_review"}), "released", kWindow | kSupervisor, H::AssigneeOnly),
             cmd("return_for_modification", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Return for modification"), keys({"under_review"}), "returned", kWindow | kSupervisor, H::AssigneeOnly, E::Keep, true),
             cmd("resubmit", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Resubmitted by enterprise"), keys({"returned"}), "received", kSystem, H::Anyone, E::Clear),
             cmd("delete", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Delete"), keys({"under_review"}), "deleted", kWindow | kSupervisor, H::AssigneeOnly, E::Keep, true),
             cmd("transfer_anti_smuggling", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Transfer to anti-smuggling"), keys({"under_review"}), "transferred", kWindow | kSupervisor, H::AssigneeOnly, E::Keep, true),
             reassign(open)});
    }
    case WorkKind::InspectionTask: {
        const Roles inspector = R::Inspector;
        const QStringList open = keys({"notified", "in_position", "in_progress"});
        return Lifecycle(kind,
            {st("notified", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Waiting for goods in position")), st("in_position", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Goods in position")),
             st("in_progress", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Inspecting")), st("completed", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Completed"), false),
             st("cancelled", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Cancelled"), false)},
            {cmd("confirm_position", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Confirm goods in position"), keys({"notified"}), "in_position", inspector | kSystem),
             cmd("claim", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Claim"), keys({"notified", "in_position"}), "", inspector | kSupervisor, H::UnassignedOnly, E::TakeByActor),
             unclaim(keys({"notified", "in_position"}), "", inspector | kSupervisor),
             cmd("start", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Start inspection"), keys({"in_position"}), "in_progress", inspector, H::AssigneeOnly),
             cmd("record_finding", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Record finding"), keys({"in_progress"}), "", inspector, H::AssigneeOnly, E::Keep, true),
             cmd("complete", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Complete with result"), keys({"in_progress"}), "completed", inspector, H::AssigneeOnly, E::Keep, true),
             cmd("cancel", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Cancel task"), keys({"notified", "in_position"}), "cancelled", kSupervisor, H::Anyone, E::Keep, true),
             reassign(open)});
    }
    case WorkKind::VideoSession: {
        const Roles remote = R::RemoteInspector;
        const QStringList open = keys({"booked", "in_call", "ended"});
        return Lifecycle(kind,
            {st("booked", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Booked")), st("in_call", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "In call")), st("ended", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Awaiting archive")),
             st("archived", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Archived"), false), st("cancelled", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Cancelled"), false)},
            {cmd("claim", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Claim"), keys({"booked"}), "", remote | kSupervisor, H::UnassignedOnly, E::TakeByActor),
             unclaim(keys({"booked"}), "", remote | kSupervisor),
             cmd("start_call", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Start call"), keys({"booked"}), "in_call", remote, H::AssigneeOnly),
             cmd("end_call", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "End call"), keys({"in_call"}), "ended", remote, H::AssigneeOnly),
             cmd("archive", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Archive recording"), keys({"ended"}), "archived", remote | kSystem, H::AssigneeOnly),
             cmd("cancel", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Cancel booking"), keys({"booked"}), "cancelled", remote | kSupervisor, H::Anyone, E::Keep, true),
             reassign(open)});
    }
    case WorkKind::Certificate: {
        const Roles certOfficer = R::CertificateOfficer;
        const QStringList open = keys({"submitted", "manual_review", "investigation", "returned"});
        return Lifecycle(kind,
            {st("submitted", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Awaiting automatic review")), st("manual_review", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Manual review")),
             st("investigation", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Under investigation")), st("returned", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Returned for correction")),
             st("issued", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Issued"), false), st("refused", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Refused"), false),
             st("revoked", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Revoked"), false)},
            {cmd("auto_pass", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Automatic review: pass"), keys({"submitted"}), "issued", kSystem),
             cmd("auto_return", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Automatic review: return"), keys({"submitted"}), "returned", kSystem, H::Anyone, E::Keep, true),
             cmd("auto_manual", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Automatic review: manual review"), keys({"submitted"}), "manual_review", kSystem),
             cmd("auto_investigate", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Automatic review: investigation"), keys({"submitted"}), "investigation", kSystem, H::Anyone, E::Keep, true),
             cmd("claim", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Claim"), keys({"manual_review", "investigation"}), "", certOfficer | kSupervisor, H::UnassignedOnly, E::TakeByActor),
             unclaim(keys({"manual_review", "investigation"}), "", certOfficer | kSupervisor),
             cmd("issue", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Issue certificate"), keys({"manual_review"}), "issued", certOfficer, H::AssigneeOnly),
             cmd("return_for_correction", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Return for correction"), keys({"manual_review"}), "returned", certOfficer, H::AssigneeOnly, E::Clear, true),
             cmd("investigate", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Open investigation"), keys({"manual_review"}), "investigation", certOfficer, H::AssigneeOnly, E::Keep, true),
             cmd("close_investigation", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Close investigation"), keys({"investigation"}), "manual_review", certOfficer, H::AssigneeOnly, E::Keep, true),
             cmd("refuse", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Refuse"), keys({"investigation"}), "refused", certOfficer | kSupervisor, H::AssigneeOnly, E::Keep, true),
             cmd("resubmit", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Resubmitted by enterprise"), keys({"returned"}), "submitted", kSystem, H::Anyone, E::Clear),
             cmd("revoke", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Revoke"), keys({"issued"}), "revoked", certOfficer | kSupervisor, H::Anyone, E::Keep, true),
             reassign(open)});
    }
    case WorkKind::ServiceApplication: {
        const Roles handlers = Roles(R::WindowOfficer) | R::CertificateOfficer | R::Supervisor;
        const QStringList open = keys({"received", "handed_off", "in_handling"});
        return Lifecycle(kind,
            {st("received", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Received at window")), st("handed_off", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Handed off to back office")),
             st("in_handling", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "In handling")), st("completed", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Completed"), false),
             st("rejected", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Not accepted"), false)},
            {cmd("hand_off", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Hand off to back office"), keys({"received"}), "handed_off", kWindow | kSupervisor, H::Anyone, E::Clear),
             cmd("claim", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Claim"), keys({"handed_off"}), "in_handling", handlers, H::UnassignedOnly, E::TakeByActor),
             cmd("complete", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Complete"), keys({"in_handling"}), "completed", handlers, H::AssigneeOnly),
             cmd("reject", QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", "Do not accept"), keys({"received", "in_handling"}), "rejected", handlers, H::Anyone, E::Keep, true),
             reassign(open)});
    }
    }
    Q_UNREACHABLE();
}

} // namespace Clearway::Models
