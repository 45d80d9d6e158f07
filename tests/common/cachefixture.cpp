#include "tests/common/cachefixture.h"

#include "models/lifecycle.h"
#include "storage/database.h"

#include <QSqlError>
#include <QSqlQuery>

namespace Clearway::Tests {

namespace {
const char *const kEnterprises[] = {"广州市华南进出口贸易有限公司", "深圳前海跨境电商有限公司", "东莞长安电子科技有限公司",
                                    "佛山顺德家电制造有限公司", "珠海横琴海产品冷链有限公司"};
}

QString writeFixtureCache(const QString &path, int declarations, const QDateTime &now)
{
    Storage::Connection c;
    const Storage::OpenResult r = c.open(path, QStringLiteral("fixture"), true);
    if (!r.ok())
        return r.message + r.detail;
    QSqlDatabase db = c.database();
    QString error;
    if (!Storage::beginImmediate(db, &error))
        return error;
    auto run = [&](const QString &sql, const QVariantList &binds) {
        QSqlQuery q(db);
        q.prepare(sql);
        for (const QVariant &v : binds)
            q.addBindValue(v);
        if (!q.exec() && error.isEmpty())
            error = q.lastError().text() + QStringLiteral(" in ") + sql;
    };
    run(QStringLiteral("INSERT INTO officers (id, name, office, roles) VALUES ('wang.jianguo', '王建国', '5141', 1), ('li.na', '李娜', '5141', 1),"
                       " ('zhou.hua', '周华', '5141', 17), ('chen.gang', '陈刚', '5141', 2)"),
        {});
    for (int e = 0; e < 5; ++e)
        run(QStringLiteral("INSERT INTO enterprises (id, code, name, credit) VALUES (?, ?, ?, 2)"),
            {e + 1, QStringLiteral("91440101MA5C%1").arg(e, 6, 10, QLatin1Char('0')), QString::fromUtf8(kEnterprises[e])});

    const Models::Lifecycle &lifecycle = Models::Lifecycle::of(Models::WorkKind::Declaration);
    const qint64 base = now.toSecsSinceEpoch() - 2 * 86400;
    QSqlQuery insert(db);
    insert.prepare(QStringLiteral(
        "INSERT INTO declarations (id, number, state, assignee, office, version, created_at, deadline, updated_at, district, direction,"
        " mode, trade_mode, transport, bill_no, enterprise_id, enterprise_name, total_value, currency, total_value_cny, channel,"
        " hs_codes, goods_text) VALUES (?, ?, ?, ?, '5141', 1, ?, ?, ?, '5141', ?, 0, '0110', 0, ?, ?, ?, ?, 'USD', ?, ?, ?, ?)"));
    for (int row = 0; row < declarations; ++row) {
        const QString state = lifecycle.states().at(row % lifecycle.states().size()).key;
        const bool held = state != QLatin1String("received") && lifecycle.isOpen(state);
        const int enterprise = row % 5;
        const QVariantList binds = {
            row + 1,
            QStringLiteral("514120261%1").arg(row, 9, 10, QLatin1Char('0')),
            state,
            held && row % 3 == 0 ? QString::fromLatin1(kFixtureOfficer) : QStringLiteral(""),
            base - 86400,
            base + qint64(row) * 3600,
            base - 86400,
            row % 2,
            QStringLiteral("COSU%1").arg(600000 + row),
            enterprise + 1,
            QString::fromUtf8(kEnterprises[enterprise]),
            (row + 1) * 10000,
            (row + 1) * 71000,
            row % 5,
            QStringLiteral("8471300000"),
            QStringLiteral("便携式自动数据处理设备"),
        };
        for (const QVariant &v : binds)
            insert.addBindValue(v);
        if (!insert.exec())
            return insert.lastError().text();
        run(QStringLiteral("INSERT INTO goods_lines VALUES (0, ?, 1, '8471300000', '便携式自动数据处理设备', 10, '台', ?, 'USD', 'US')"),
            {row + 1, (row + 1) * 10000});
    }
    run(QStringLiteral("INSERT INTO inspections (id, number, state, office, created_at, deadline, updated_at, entry_no, enterprise_name,"
                       " method, check_type) VALUES (1, '514120260000000001', 'notified', '5141', 0, ?, 0, ?, '', 0, '')"),
        {base, QStringLiteral("514120261%1").arg(0, 9, 10, QLatin1Char('0'))});
    if (!error.isEmpty()) {
        Storage::rollback(db);
        return error;
    }
    if (!Storage::commit(db, &error))
        return error;
    return {};
}

} // namespace Clearway::Tests
