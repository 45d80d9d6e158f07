#pragma once

#include "models/entities.h"
#include "models/types.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Clearway::Models {

// Who may issue a command with respect to the item's current holder.
enum class Holder {
    Anyone,         // any officer with the role (in the item's office)
    AssigneeOnly,   // only the officer who holds the item
    UnassignedOnly, // only while nobody holds it (claiming)
};

// What a command does to the holder.
enum class AssigneeEffect {
    Keep,
    TakeByActor,     // the actor becomes the holder
    Clear,           // back to the shared queue
    SetFromArgument, // Command::targetOfficer becomes the holder (reassignment)
};

struct StateDef
{
    QString key;
    const char *label = nullptr; // English source text, translated by Lifecycle::stateLabel()
    bool open = true;            // open items are live work; closed ones are history
};

struct CommandDef
{
    QString key;
    const char *label = nullptr;
    QStringList from;   // states in which the command may be issued
    QString to;         // resulting state; empty keeps the current state
    Roles roles;        // any one of these roles may issue it
    Holder holder = Holder::Anyone;
    AssigneeEffect effect = AssigneeEffect::Keep;
    bool needsReason = false;
    // The holder's decision on what they saw of the item (release, hold, return, complete, ...):
    // refused as stale_version when the item is no longer at the version the decision was made
    // on (after_refused when it was made on one the item never reached: the officer's earlier
    // command it followed was refused). Taking and giving back an item (claim, unclaim, reassign) and the System's commands are
    // decided on the state alone.
    bool onWhatWasSeen = false;
};

// An officer's (or the system's) intention, as it travels from the UI to the cache, the outbox and
// the server. The same Command is decided on both sides by Lifecycle::decide().
struct Command
{
    WorkKind kind = WorkKind::Declaration;
    qint64 itemId = 0;
    QString name;
    QString reason;
    QString note;
    QString targetOfficer;    // for reassignment
    // The item's version the command was decided on; -1 when unknown (not checked): the version of
    // the row the officer looked at, the server's last word (the workstation's own commands do not
    // raise it; `after` names the one this command follows; docs/protocol.md, "Commands").
    qint64 baseVersion = -1;
    // On the wire: the seq of this workstation's previous command on the same item that was still
    // unanswered when this one was made (0: none). The server then expects the item at the version
    // that command left, or at baseVersion if that is newer; if it was refused, so is this one.
    qint64 after = 0;
};

struct Decision
{
    bool accepted = false;
    QString code;    // stable reason code for the wire and for tests: "ok", "wrong_state", ...
    QString message; // translated, for the officer
    WorkItemState after;
};

// One work kind's lifecycle, written as data: its states, its commands, which role may issue which
// command in which state, and what each does to the holder.
class Lifecycle final
{
public:
    static const Lifecycle &of(WorkKind kind);

    WorkKind kind() const { return m_kind; }
    QString initialState() const { return m_states.first().key; }
    const QList<StateDef> &states() const { return m_states; }
    const QList<CommandDef> &commands() const { return m_commands; }

    const StateDef *state(const QString &key) const;
    const CommandDef *command(const QString &key) const;
    bool isOpen(const QString &state) const;
    QStringList openStates() const;

    QString stateLabel(const QString &state) const;
    QString commandLabel(const QString &command) const;

    // Decide a command against the item's current state: the only way state changes.
    Decision decide(const WorkItemState &before, const Command &command, const Officer &actor) const;

    // The commands `actor` could issue now; for menus and buttons.
    QStringList availableCommands(const WorkItemState &item, const Officer &actor) const;

private:
    Lifecycle(WorkKind kind, QList<StateDef> states, QList<CommandDef> commands);
    static Lifecycle build(WorkKind kind);

    WorkKind m_kind;
    QList<StateDef> m_states;
    QList<CommandDef> m_commands;
};

} // namespace Clearway::Models
