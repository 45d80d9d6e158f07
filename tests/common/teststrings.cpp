#include "tests/common/teststrings.h"

namespace Clearway::Test {

QStringList strings(std::initializer_list<const char *> items)
{
    QStringList out;
    out.reserve(qsizetype(items.size()));
    for (const char *s : items)
        out << QString::fromUtf8(s);
    return out;
}

} // namespace Clearway::Test
