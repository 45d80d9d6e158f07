#pragma once

#include <QStringList>

#include <initializer_list>

namespace Clearway::Test {

// A QStringList from UTF-8 literals, for expected-value tables: strings({"claim", "release"}).
QStringList strings(std::initializer_list<const char *> items);

} // namespace Clearway::Test
