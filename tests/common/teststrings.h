#pragma once

#include <QStringList>

#include <initializer_list>

namespace Clearway::Test {

// A QStringList from UTF-8 literals, for expected-value tables: strings({"claim", "release"}).
QStringList strings(std::initializer_list<const char *> items);

// "field:code" of each issue (Models::FieldIssue), in order, to compare with an expected table.
template <typename Issues>
QStringList fieldCodes(const Issues &issues)
{
    QStringList out;
    for (const auto &i : issues)
        out << i.field + QLatin1Char(':') + i.code;
    return out;
}

} // namespace Clearway::Test
