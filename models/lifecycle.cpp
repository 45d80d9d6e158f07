#include "models/lifecycle.h"

#include <QCoreApplication>

#include <array>

namespace Clearway::Models {

namespace {

constexpr const char *kContext = "Clearway::Models::Lifecycle";
#define CW_LABEL(text) QT_TRANSLATE_NOOP("Clearway::Models::Lifecycle", text)

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

CommandDef cmd(const char *key, const char *label, QStringList from, const char *to, Roles roles,
               Holder holder = Holder::Anyone, AssigneeEffect effect = AssigneeEffect::Keep, bool needsReason = false)
{
    return {QString::fromLatin1(key), label, std::move(from), QString::fromLatin1(to), roles, holder, effect, needsReason};
}

CommandDef reassign(QStringList from)
{
    return cmd("reassign", CW_LABEL("Reassign"), std::move(from), "", kSupervisor, Holder::Anyone,
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
    return c ? translated(c->label) : commandKey;
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
        return refuse("unknown_command", translated(CW_LABEL("This action does not exist for this kind of work item.")));
    if (!(def->roles & actor.roles))
        return refuse("role", translated(CW_LABEL("Your role does not allow this action.")));
    const bool system = actor.hasRole(Role::System);
    if (!system && !before.office.isEmpty() && before.office != actor.office)
        return refuse("office", translated(CW_LABEL("This item belongs to another customs office.")));
    if (!def->from.contains(before.state)) {
        return refuse("wrong_state", translated(CW_LABEL("This action is not possible while the item is \"%1\"."))
                                         .arg(stateLabel(before.state)));
    }
    switch (def->holder) {
    case Holder::Anyone:
        break;
    case Holder::AssigneeOnly:
        if (!system && before.assignee != actor.id) {
            return before.assignee.isEmpty()
                ? refuse("not_holder", translated(CW_LABEL("Claim the item before acting on it.")))
                : refuse("not_holder", translated(CW_LABEL("Another officer (%1) holds this item.")).arg(before.assignee));
        }
        break;
    case Holder::UnassignedOnly:
        if (!before.assignee.isEmpty()) {
            return before.assignee == actor.id
                ? refuse("already_claimed", translated(CW_LABEL("You already hold this item.")))
                : refuse("already_claimed", translated(CW_LABEL("Another officer (%1) already claimed this item.")).arg(before.assignee));
        }
        break;
    }
    if (def->needsReason && command.reason.trimmed().isEmpty())
        return refuse("reason_required", translated(CW_LABEL("This action needs a reason.")));

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
            return refuse("target_required", translated(CW_LABEL("Choose the officer who takes the item over.")));
        d.after.assignee = command.targetOfficer.trimmed();
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
            {st("received", CW_LABEL("Awaiting review")), st("under_review", CW_LABEL("Under review")),
             st("returned", CW_LABEL("Returned for correction")), st("held", CW_LABEL("On hold")),
             st("inspection", CW_LABEL("Under inspection")), st("escalated", CW_LABEL("Awaiting chief's endorsement")),
             st("released", CW_LABEL("Released"), false)},
            {cmd("claim", CW_LABEL("Claim"), keys({"received"}), "under_review", kWindow | kSupervisor, H::UnassignedOnly, E::TakeByActor),
             cmd("unclaim", CW_LABEL("Put back in queue"), keys({"under_review"}), "received", kWindow | kSupervisor, H::AssigneeOnly, E::Clear),
             cmd("release", CW_LABEL("Release"), keys({"under_review"}), "released", kWindow | kSupervisor, H::AssigneeOnly),
             cmd("hold", CW_LABEL("Hold"), keys({"under_review"}), "held", kWindow | kSupervisor, H::AssigneeOnly, E::Keep, true),
             cmd("resume", CW_LABEL("Resume review"), keys({"held"}), "under_review", kWindow | kSupervisor, H::AssigneeOnly),
             cmd("return_for_correction", CW_LABEL("Return for correction"), keys({"under_review"}), "returned", kWindow | kSupervisor, H::AssigneeOnly, E::Keep, true),
             cmd("resubmit", CW_LABEL("Resubmitted by enterprise"), keys({"returned"}), "received", kSystem, H::Anyone, E::Clear),
             cmd("route_to_inspection", CW_LABEL("Route to inspection"), keys({"under_review"}), "inspection", kWindow | kSupervisor, H::AssigneeOnly, E::Keep, true),
             cmd("inspection_done", CW_LABEL("Inspection finished"), keys({"inspection"}), "under_review", Roles(R::Inspector) | kSystem),
             cmd("escalate", CW_LABEL("Escalate to chief"), keys({"under_review"}), "escalated", kWindow, H::AssigneeOnly, E::Keep, true),
             cmd("endorse", CW_LABEL("Endorse"), keys({"escalated"}), "under_review", kSupervisor),
             reassign(open)});
    }
    case WorkKind::Manifest: {
        const QStringList open = keys({"received", "under_review", "returned"});
        return Lifecycle(kind,
            {st("received", CW_LABEL("Awaiting review")), st("under_review", CW_LABEL("Under review")),
             st("returned", CW_LABEL("Returned for modification")), st("released", CW_LABEL("Released"), false),
             st("deleted", CW_LABEL("Deleted"), false), st("transferred", CW_LABEL("Transferred to anti-smuggling"), false)},
            {cmd("claim", CW_LABEL("Claim"), keys({"received"}), "under_review", kWindow | kSupervisor, H::UnassignedOnly, E::TakeByActor),
             cmd("unclaim", CW_LABEL("Put back in queue"), keys({"under_review"}), "received", kWindow | kSupervisor, H::AssigneeOnly, E::Clear),
             cmd("release", CW_LABEL("Release"), keys({"under_review"}), "released", kWindow | kSupervisor, H::AssigneeOnly),
             cmd("return_for_modification", CW_LABEL("Return for modification"), keys({"under_review"}), "returned", kWindow | kSupervisor, H::AssigneeOnly, E::Keep, true),
             cmd("resubmit", CW_LABEL("Resubmitted by enterprise"), keys({"returned"}), "received", kSystem, H::Anyone, E::Clear),
             cmd("delete", CW_LABEL("Delete"), keys({"under_review"}), "deleted", kWindow | kSupervisor, H::AssigneeOnly, E::Keep, true),
             cmd("transfer_anti_smuggling", CW_LABEL("Transfer to anti-smuggling"), keys({"under_review"}), "transferred", kWindow | kSupervisor, H::AssigneeOnly, E::Keep, true),
             reassign(open)});
    }
    case WorkKind::InspectionTask: {
        const Roles inspector = R::Inspector;
        const QStringList open = keys({"notified", "in_position", "in_progress"});
        return Lifecycle(kind,
            {st("notified", CW_LABEL("Waiting for goods in position")), st("in_position", CW_LABEL("Goods in position")),
             st("in_progress", CW_LABEL("Inspecting")), st("completed", CW_LABEL("Completed"), false),
             st("cancelled", CW_LABEL("Cancelled"), false)},
            {cmd("confirm_position", CW_LABEL("Confirm goods in position"), keys({"notified"}), "in_position", inspector | kSystem),
             cmd("claim", CW_LABEL("Claim"), keys({"notified", "in_position"}), "", inspector | kSupervisor, H::UnassignedOnly, E::TakeByActor),
             cmd("unclaim", CW_LABEL("Put back in queue"), keys({"notified", "in_position"}), "", inspector | kSupervisor, H::AssigneeOnly, E::Clear),
             cmd("start", CW_LABEL("Start inspection"), keys({"in_position"}), "in_progress", inspector, H::AssigneeOnly),
             cmd("record_finding", CW_LABEL("Record finding"), keys({"in_progress"}), "", inspector, H::AssigneeOnly, E::Keep, true),
             cmd("complete", CW_LABEL("Complete with result"), keys({"in_progress"}), "completed", inspector, H::AssigneeOnly, E::Keep, true),
             cmd("cancel", CW_LABEL("Cancel task"), keys({"notified", "in_position"}), "cancelled", kSupervisor, H::Anyone, E::Keep, true),
             reassign(open)});
    }
    case WorkKind::VideoSession: {
        const Roles remote = R::RemoteInspector;
        const QStringList open = keys({"booked", "in_call", "ended"});
        return Lifecycle(kind,
            {st("booked", CW_LABEL("Booked")), st("in_call", CW_LABEL("In call")), st("ended", CW_LABEL("Awaiting archive")),
             st("archived", CW_LABEL("Archived"), false), st("cancelled", CW_LABEL("Cancelled"), false)},
            {cmd("claim", CW_LABEL("Claim"), keys({"booked"}), "", remote | kSupervisor, H::UnassignedOnly, E::TakeByActor),
             cmd("unclaim", CW_LABEL("Put back in queue"), keys({"booked"}), "", remote | kSupervisor, H::AssigneeOnly, E::Clear),
             cmd("start_call", CW_LABEL("Start call"), keys({"booked"}), "in_call", remote, H::AssigneeOnly),
             cmd("end_call", CW_LABEL("End call"), keys({"in_call"}), "ended", remote, H::AssigneeOnly),
             cmd("archive", CW_LABEL("Archive recording"), keys({"ended"}), "archived", remote | kSystem, H::AssigneeOnly),
             cmd("cancel", CW_LABEL("Cancel booking"), keys({"booked"}), "cancelled", remote | kSupervisor, H::Anyone, E::Keep, true),
             reassign(open)});
    }
    case WorkKind::Certificate: {
        const Roles certOfficer = R::CertificateOfficer;
        const QStringList open = keys({"submitted", "manual_review", "investigation", "returned"});
        return Lifecycle(kind,
            {st("submitted", CW_LABEL("Awaiting automatic review")), st("manual_review", CW_LABEL("Manual review")),
             st("investigation", CW_LABEL("Under investigation")), st("returned", CW_LABEL("Returned for correction")),
             st("issued", CW_LABEL("Issued"), false), st("refused", CW_LABEL("Refused"), false),
             st("revoked", CW_LABEL("Revoked"), false)},
            {cmd("auto_pass", CW_LABEL("Automatic review: pass"), keys({"submitted"}), "issued", kSystem),
             cmd("auto_return", CW_LABEL("Automatic review: return"), keys({"submitted"}), "returned", kSystem, H::Anyone, E::Keep, true),
             cmd("auto_manual", CW_LABEL("Automatic review: manual review"), keys({"submitted"}), "manual_review", kSystem),
             cmd("auto_investigate", CW_LABEL("Automatic review: investigation"), keys({"submitted"}), "investigation", kSystem, H::Anyone, E::Keep, true),
             cmd("claim", CW_LABEL("Claim"), keys({"manual_review", "investigation"}), "", certOfficer | kSupervisor, H::UnassignedOnly, E::TakeByActor),
             cmd("unclaim", CW_LABEL("Put back in queue"), keys({"manual_review", "investigation"}), "", certOfficer | kSupervisor, H::AssigneeOnly, E::Clear),
             cmd("issue", CW_LABEL("Issue certificate"), keys({"manual_review"}), "issued", certOfficer, H::AssigneeOnly),
             cmd("return_for_correction", CW_LABEL("Return for correction"), keys({"manual_review"}), "returned", certOfficer, H::AssigneeOnly, E::Clear, true),
             cmd("investigate", CW_LABEL("Open investigation"), keys({"manual_review"}), "investigation", certOfficer, H::AssigneeOnly, E::Keep, true),
             cmd("close_investigation", CW_LABEL("Close investigation"), keys({"investigation"}), "manual_review", certOfficer, H::AssigneeOnly, E::Keep, true),
             cmd("refuse", CW_LABEL("Refuse"), keys({"investigation"}), "refused", certOfficer | kSupervisor, H::AssigneeOnly, E::Keep, true),
             cmd("resubmit", CW_LABEL("Resubmitted by enterprise"), keys({"returned"}), "submitted", kSystem, H::Anyone, E::Clear),
             cmd("revoke", CW_LABEL("Revoke"), keys({"issued"}), "revoked", certOfficer | kSupervisor, H::Anyone, E::Keep, true),
             reassign(open)});
    }
    case WorkKind::ServiceApplication: {
        const Roles handlers = Roles(R::WindowOfficer) | R::CertificateOfficer | R::Supervisor;
        const QStringList open = keys({"received", "handed_off", "in_handling"});
        return Lifecycle(kind,
            {st("received", CW_LABEL("Received at window")), st("handed_off", CW_LABEL("Handed off to back office")),
             st("in_handling", CW_LABEL("In handling")), st("completed", CW_LABEL("Completed"), false),
             st("rejected", CW_LABEL("Not accepted"), false)},
            {cmd("hand_off", CW_LABEL("Hand off to back office"), keys({"received"}), "handed_off", kWindow | kSupervisor, H::Anyone, E::Clear),
             cmd("claim", CW_LABEL("Claim"), keys({"handed_off"}), "in_handling", handlers, H::UnassignedOnly, E::TakeByActor),
             cmd("complete", CW_LABEL("Complete"), keys({"in_handling"}), "completed", handlers, H::AssigneeOnly),
             cmd("reject", CW_LABEL("Do not accept"), keys({"received", "in_handling"}), "rejected", handlers, H::Anyone, E::Keep, true),
             reassign(open)});
    }
    }
    Q_UNREACHABLE();
}

} // namespace Clearway::Models
