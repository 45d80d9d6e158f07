#include "models/assignment.h"

#include <QRegularExpression>

namespace Clearway::Models {

QStringList hsSections(const QStringList &permissions)
{
    static const QRegularExpression digits(QStringLiteral("^[0-9]{2,10}$"));
    const QString prefix = QString::fromLatin1(kSectionPermissionPrefix);
    QStringList out;
    for (const QString &p : permissions) {
        if (!p.startsWith(prefix))
            continue;
        const QString hs = p.mid(prefix.size());
        if (digits.match(hs).hasMatch() && !out.contains(hs))
            out << hs;
    }
    return out;
}

namespace {

bool covers(const AssignmentCandidate &c, const Declaration &d)
{
    for (const GoodsLine &g : d.goods) {
        for (const QString &prefix : c.hsSections) {
            if (g.hsCode.startsWith(prefix))
                return true;
        }
    }
    return false;
}

// The least loaded of `pool`, ties to the first id.
std::optional<QString> leastLoaded(const QList<const AssignmentCandidate *> &pool)
{
    const AssignmentCandidate *best = nullptr;
    for (const AssignmentCandidate *c : pool) {
        if (!best || c->openItems < best->openItems || (c->openItems == best->openItems && c->officerId < best->officerId))
            best = c;
    }
    return best ? std::optional<QString>(best->officerId) : std::nullopt;
}

} // namespace

std::optional<QString> chooseAssignee(const Declaration &declaration, const QList<AssignmentCandidate> &candidates)
{
    QList<const AssignmentCandidate *> inSection;
    QList<const AssignmentCandidate *> generalists;
    for (const AssignmentCandidate &c : candidates) {
        if (c.hsSections.isEmpty())
            generalists << &c;
        else if (covers(c, declaration))
            inSection << &c;
    }
    return leastLoaded(inSection.isEmpty() ? generalists : inSection);
}

} // namespace Clearway::Models
