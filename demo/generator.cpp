#include "demo/generator.h"

#include "models/ecommerce.h"
#include "models/lifecycle.h"
#include "models/servicecatalogue.h"
#include "storage/database.h"
#include "storage/schema.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

#include <sqlite3.h>

#include <array>
#include <cmath>

namespace Clearway::Demo {

using Models::Role;
using Models::WorkKind;

Q_LOGGING_CATEGORY(lcDemo, "clearway.demo")

namespace {

QString translated(const char *text) { return QCoreApplication::translate("Clearway::Demo", text); }
QString u(const char *utf8) { return QString::fromUtf8(utf8); }

// xoshiro256** seeded by splitmix64: fast, and the same sequence on every machine.
class Random
{
public:
    explicit Random(quint64 seed)
    {
        for (quint64 &s : m_s) {
            seed += 0x9E3779B97F4A7C15ull;
            quint64 z = seed;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
            s = z ^ (z >> 31);
        }
    }
    quint64 next()
    {
        const quint64 result = rotl(m_s[1] * 5, 7) * 9;
        const quint64 t = m_s[1] << 17;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = rotl(m_s[3], 45);
        return result;
    }
    qint64 range(qint64 lo, qint64 hi) { return lo + qint64(next() % quint64(hi - lo + 1)); } // inclusive
    double unit() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }
    bool chance(double p) { return unit() < p; }
    template <typename T>
    const T &pick(const QList<T> &list) { return list.at(qsizetype(next() % quint64(list.size()))); }
    // An index into `weights`, drawn in proportion to them.
    int weighted(const QList<int> &weights)
    {
        int total = 0;
        for (int w : weights)
            total += w;
        int r = int(next() % quint64(total));
        for (int i = 0; i < weights.size(); ++i) {
            if (r < weights.at(i))
                return i;
            r -= weights.at(i);
        }
        return int(weights.size()) - 1;
    }

private:
    static quint64 rotl(quint64 x, int k) { return (x << k) | (x >> (64 - k)); }
    std::array<quint64, 4> m_s{};
};

struct HsCode
{
    QString code;
    QString description;
    QString unit;
    qint64 typicalFen = 0;
};

struct Currency
{
    QString code;
    double cnyPerUnit;
    int exponent; // ISO 4217 minor unit
    int weight;
};

// Fixed demo rates, so that values are reproducible.
const QList<Currency> kCurrencies = {
    {QStringLiteral("USD"), 7.10, 2, 60}, {QStringLiteral("EUR"), 7.70, 2, 15}, {QStringLiteral("JPY"), 0.048, 0, 8},
    {QStringLiteral("AUD"), 4.60, 2, 5},  {QStringLiteral("GBP"), 9.00, 2, 4},  {QStringLiteral("KRW"), 0.0053, 0, 3},
    {QStringLiteral("HKD"), 0.91, 2, 5},
};
const QStringList kCountries = {QStringLiteral("US"), QStringLiteral("JP"), QStringLiteral("KR"), QStringLiteral("DE"), QStringLiteral("AU"),
                                QStringLiteral("BR"), QStringLiteral("VN"), QStringLiteral("TH"), QStringLiteral("MY"), QStringLiteral("FR"),
                                QStringLiteral("IT"), QStringLiteral("NZ"), QStringLiteral("CL"), QStringLiteral("GB"), QStringLiteral("ES"),
                                QStringLiteral("NL"), QStringLiteral("ID"), QStringLiteral("SA"), QStringLiteral("CA"), QStringLiteral("MX"),
                                QStringLiteral("PE"), QStringLiteral("ZA")};

const char *const kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "梁"};
const char *const kGiven[] = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平",
                              "刚", "桂英", "建华", "文", "辉", "婷", "鹏", "晨", "子涵", "浩然"};
const char *const kCities[] = {"广州市", "深圳市", "东莞市", "佛山市", "珠海市", "中山市", "江门市", "惠州市", "汕头市", "厦门市", "宁波市", "上海"};
const char *const kRoots[] = {"华南", "粤海", "南方", "恒通", "鸿达", "信诚", "安泰", "瑞丰", "远洋", "新宇", "金桥", "联合", "永利", "海港", "宏图", "锦程"};
const char *const kTrades[] = {"进出口贸易", "供应链管理", "电子科技", "食品", "国际物流", "跨境电商", "化妆品", "机械设备", "纺织服装", "冷链物流", "家电制造", "汽车配件"};
const char *const kSuffixes[] = {"有限公司", "有限公司", "有限公司", "股份有限公司", "实业有限公司"};
const char *const kVessels[] = {"COSCO SHIPPING ARIES", "MSC OSCAR", "EVER GIVEN", "CMA CGM JACQUES SAADE", "OOCL HONG KONG", "MAERSK MC-KINNEY MOLLER",
                                "ONE APUS", "HMM ALGECIRAS", "XIN YA ZHOU", "ZHONG GU BO HAI"};
const char *const kCarriers[] = {"COSU", "MSCU", "EGLV", "CMDU", "OOLU", "MAEU", "ONEY", "HDMU"};
const char *const kPlatforms[] = {"天猫国际", "京东国际", "考拉海购", "抖音电商", "拼多多跨境", "唯品国际"};
const char *const kSites[] = {"黄埔老港查验场", "新港集装箱查验区", "南沙港区查验中心", "白云机场货站查验区", "广州铁路集装箱中心站"};
const char *const kReasons[] = {"随附单证不齐，请补充原产地证明", "申报价格明显低于同类商品参考价", "商品编码归类有误，请核实后重新申报",
                                "需查验核实货物品名与数量", "等待检验检疫结果", "提单号与舱单不一致"};

template <size_t N>
QString pickText(Random &r, const char *const (&list)[N])
{
    return u(list[r.next() % N]);
}

QString personName(Random &r) { return pickText(r, kSurnames) + pickText(r, kGiven); }

// GB 11643 check digit of an 18-digit resident identity number.
QChar idCheckDigit(const QString &first17)
{
    static const int weights[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; ++i)
        sum += first17.at(i).digitValue() * weights[i];
    return QLatin1Char("10X98765432"[sum % 11]);
}

QString identityNumber(Random &r)
{
    const QString first17 = QStringLiteral("4401%1%2%3%4")
                                .arg(r.range(3, 6) * 10 + r.range(1, 9), 2, 10, QLatin1Char('0'))
                                .arg(r.range(1960, 2004))
                                .arg(r.range(101, 1228), 4, 10, QLatin1Char('0'))
                                .arg(r.range(0, 999), 3, 10, QLatin1Char('0'));
    return first17 + idCheckDigit(first17);
}

// ISO 6346 container number with its check digit.
QString containerNumber(Random &r, const QString &owner)
{
    QString n = owner + QLatin1Char('U') + QStringLiteral("%1").arg(r.range(0, 999999), 6, 10, QLatin1Char('0'));
    int sum = 0;
    for (int i = 0; i < 10; ++i) {
        const QChar c = n.at(i);
        int v;
        if (c.isDigit()) {
            v = c.digitValue();
        } else {
            v = 10 + (c.unicode() - 'A');
            v += (v - 1) / 10; // values skip multiples of 11
        }
        sum += v << i;
    }
    return n + QString::number(sum % 11 % 10);
}

// One in five declarations is an export. Derived from the id (not drawn), so that inspection tasks
// and video sessions can name a declaration's entry number without keeping a million of them.
bool isExport(qint64 id) { return (quint64(id) * 2654435761u >> 7) % 5 == 0; }

// 关区 5141, year, 1 import / 0 export, then a nine-digit serial.
QString entryNumber(qint64 id) { return QStringLiteral("51412026%1%2").arg(isExport(id) ? 0 : 1).arg(id, 9, 10, QLatin1Char('0')); }

// The officers' ids a kind's held items are spread over.
struct Staff
{
    QList<QString> window, inspectors, remote, certificate;
};

bool loadHsCodes(QList<HsCode> *codes, QString *error)
{
    QFile f(QStringLiteral(":/demo/hs_codes.tsv"));
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("resource :/demo/hs_codes.tsv is missing");
        return false;
    }
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const QList<QByteArray> cols = line.split('\t');
        if (cols.size() < 4 || cols.at(0).size() != 10) {
            *error = QStringLiteral("bad line in hs_codes.tsv: %1").arg(QString::fromUtf8(line));
            return false;
        }
        codes->append({QString::fromLatin1(cols.at(0)), QString::fromUtf8(cols.at(1)), QString::fromUtf8(cols.at(2)), cols.at(3).toLongLong()});
    }
    return !codes->isEmpty();
}

// Debian's iso-codes: the countries and currencies used must be real ones.
bool checkIsoCodes(QString *error)
{
    auto load = [error](const QString &file, const QString &key, const QString &field, QSet<QString> *out) {
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly)) {
            *error = translated(QT_TRANSLATE_NOOP("Clearway::Demo", "%1 is missing; install the Debian package iso-codes.")).arg(file);
            return false;
        }
        for (const QJsonValue &v : QJsonDocument::fromJson(f.readAll()).object().value(key).toArray())
            out->insert(v.toObject().value(field).toString());
        return true;
    };
    QSet<QString> countries, currencies;
    if (!load(QStringLiteral("/usr/share/iso-codes/json/iso_3166-1.json"), QStringLiteral("3166-1"), QStringLiteral("alpha_2"), &countries)
        || !load(QStringLiteral("/usr/share/iso-codes/json/iso_4217.json"), QStringLiteral("4217"), QStringLiteral("alpha_3"), &currencies))
        return false;
    for (const QString &c : kCountries) {
        if (!countries.contains(c)) {
            *error = QStringLiteral("country %1 is not in iso-codes").arg(c);
            return false;
        }
    }
    for (const Currency &c : kCurrencies) {
        if (!currencies.contains(c.code)) {
            *error = QStringLiteral("currency %1 is not in iso-codes").arg(c.code);
            return false;
        }
    }
    return true;
}

// A prepared INSERT whose row is filled column by column. It binds through SQLite's C API on the
// Qt connection's own handle: UTF-8 text straight from the values, without the driver's per-row
// conversions, which halves the time of a million-row load.
class Inserter
{
public:
    Inserter(QSqlDatabase db, const QString &table, const QStringList &columns)
    {
        m_db = Storage::sqliteHandle(db);
        QStringList marks;
        for (qsizetype i = 0; i < columns.size(); ++i)
            marks << QStringLiteral("?");
        const QByteArray sql =
            QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)").arg(table, columns.join(QLatin1Char(',')), marks.join(QLatin1Char(','))).toUtf8();
        if (m_db)
            sqlite3_prepare_v2(m_db, sql.constData(), int(sql.size()), &m_statement, nullptr);
    }
    ~Inserter() { sqlite3_finalize(m_statement); }
    Q_DISABLE_COPY_MOVE(Inserter)

    Inserter &operator<<(const QVariant &v)
    {
        const int index = ++m_next;
        if (!m_statement)
            return *this;
        switch (v.typeId()) {
        case QMetaType::Int:
        case QMetaType::LongLong:
        case QMetaType::UInt:
        case QMetaType::ULongLong:
        case QMetaType::Bool:
            sqlite3_bind_int64(m_statement, index, v.toLongLong());
            break;
        case QMetaType::Double:
            sqlite3_bind_double(m_statement, index, v.toDouble());
            break;
        case QMetaType::QString: {
            // A null QString is '' here: the cache's text columns hold '' for "none".
            const QByteArray utf8 = v.toString().toUtf8();
            sqlite3_bind_text(m_statement, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
            break;
        }
        default:
            sqlite3_bind_null(m_statement, index);
            break;
        }
        return *this;
    }
    bool exec(QString *error)
    {
        m_next = 0;
        ++m_rows;
        if (!m_statement) {
            *error = m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QStringLiteral("not an SQLite connection");
            return false;
        }
        const int rc = sqlite3_step(m_statement);
        sqlite3_reset(m_statement);
        if (rc == SQLITE_DONE)
            return true;
        *error = QString::fromUtf8(sqlite3_errmsg(m_db));
        return false;
    }
    qint64 rows() const { return m_rows; }

private:
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_statement = nullptr;
    int m_next = 0;
    qint64 m_rows = 0;
};

// The lifecycle command that brings an item into `state`, for its history.
const Models::CommandDef *commandInto(WorkKind kind, const QString &state)
{
    for (const Models::CommandDef &c : Models::Lifecycle::of(kind).commands()) {
        if (c.to == state && !c.roles.testFlag(Role::System))
            return &c;
    }
    for (const Models::CommandDef &c : Models::Lifecycle::of(kind).commands()) {
        if (c.to == state)
            return &c;
    }
    return nullptr;
}

} // namespace

QString demoRiskRules()
{
    QFile f(QStringLiteral(":/demo/risk-rules.txt"));
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

namespace {

class Writer
{
public:
    Writer(QSqlDatabase db, const Options &o, const QList<HsCode> &hs)
        : m_db(db)
        , m_r(o.seed)
        , m_now(o.now.toSecsSinceEpoch())
        , m_risk(o.risk)
        , m_routed(o.routed)
        , m_hs(hs)
        , m_goods(db, QStringLiteral("goods_lines"),
                  {QStringLiteral("item_kind"), QStringLiteral("item_id"), QStringLiteral("line_no"), QStringLiteral("hs_code"), QStringLiteral("description"),
                   QStringLiteral("quantity"), QStringLiteral("unit"), QStringLiteral("value"), QStringLiteral("currency"), QStringLiteral("origin")})
        , m_events(db, QStringLiteral("events"),
                   {QStringLiteral("item_kind"), QStringLiteral("item_id"), QStringLiteral("at"), QStringLiteral("actor"), QStringLiteral("command"),
                    QStringLiteral("from_state"), QStringLiteral("to_state"), QStringLiteral("reason")})
    {
    }

    bool officers(Staff *staff, QString *error);
    bool enterprises(int count, QString *error);
    bool declarations(qint64 n, const Staff &staff, QString *error);
    bool manifests(qint64 n, const Staff &staff, QString *error);
    bool inspections(qint64 n, qint64 declarations, const Staff &staff, QString *error);
    bool videoSessions(qint64 n, qint64 declarations, const Staff &staff, QString *error);
    bool certificates(qint64 n, const Staff &staff, QString *error);
    bool applications(qint64 n, const Staff &staff, QString *error);
    qint64 goodsRows() const { return m_goods.rows(); }
    qint64 eventRows() const { return m_events.rows(); }

private:
    struct Enterprise
    {
        QString name;
        int credit;
        QString code;
    };
    // A state drawn by weight from the kind's lifecycle (weights in lifecycle order).
    QString state(WorkKind kind, const QList<int> &weights)
    {
        return Models::Lifecycle::of(kind).states().at(m_r.weighted(weights)).key;
    }
    // Holder, deadline and history that follow from the state.
    struct Work
    {
        QString assignee;
        qint64 created, deadline, updated;
    };
    Work work(WorkKind kind, const QString &state, const QList<QString> &staff)
    {
        const Models::Lifecycle &lc = Models::Lifecycle::of(kind);
        Work w;
        const bool open = lc.isOpen(state);
        const bool queued = state == lc.initialState() || (kind == WorkKind::ServiceApplication && state == QLatin1String("handed_off"))
            || (kind == WorkKind::InspectionTask && state == QLatin1String("notified") && m_r.chance(0.6))
            || (kind == WorkKind::VideoSession && state == QLatin1String("booked") && m_r.chance(0.5))
            || (kind == WorkKind::Certificate && state == QLatin1String("submitted"));
        w.assignee = queued ? QString() : m_r.pick(staff);
        if (open) {
            w.created = m_now - m_r.range(600, 6 * 86400);
            w.deadline = m_now + m_r.range(-3 * 86400, 10 * 86400);
        } else {
            w.created = m_now - m_r.range(2 * 86400, 30 * 86400);
            w.deadline = w.created + m_r.range(86400, 3 * 86400);
        }
        w.updated = std::min(m_now, w.created + m_r.range(60, 86400));
        return w;
    }
    bool history(WorkKind kind, qint64 id, const QString &state, const Work &w, const QList<QString> &staff, QString *error)
    {
        if (state == Models::Lifecycle::of(kind).initialState())
            return true;
        const Models::CommandDef *c = commandInto(kind, state);
        if (!c)
            return true;
        const QString actor = w.assignee.isEmpty() ? m_r.pick(staff) : w.assignee;
        m_events << int(kind) << id << w.updated << actor << c->key << c->from.value(0) << state
                 << (c->needsReason ? pickText(m_r, kReasons) : QString(QLatin1String("")));
        return m_events.exec(error);
    }
    const Enterprise &enterprise() { return m_enterprises.at(qsizetype(m_r.next() % quint64(m_enterprises.size()))); }

    QSqlDatabase m_db;
    Random m_r;
    qint64 m_now;
    const Models::RiskEngine *m_risk;
    std::function<void(qint64, const Models::RiskAssessment &)> m_routed;
    QList<HsCode> m_hs;
    QList<Enterprise> m_enterprises;
    Inserter m_goods;
    Inserter m_events;
};

bool Writer::officers(Staff *staff, QString *error)
{
    Inserter ins(m_db, QStringLiteral("officers"), {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("office"), QStringLiteral("roles")});
    for (const Models::Officer &o : demoOfficers()) {
        ins << o.id << o.name << o.office << int(o.roles.toInt());
        if (!ins.exec(error))
            return false;
        if (o.hasRole(Role::WindowOfficer))
            staff->window << o.id;
        if (o.hasRole(Role::Inspector))
            staff->inspectors << o.id;
        if (o.hasRole(Role::RemoteInspector))
            staff->remote << o.id;
        if (o.hasRole(Role::CertificateOfficer))
            staff->certificate << o.id;
    }
    // Colleagues at the other desks of the office hold most of the work.
    for (int i = 1; i <= 60; ++i) {
        const Role role = i <= 40 ? Role::WindowOfficer : i <= 52 ? Role::Inspector : i <= 56 ? Role::RemoteInspector : Role::CertificateOfficer;
        const QString id = QStringLiteral("gz%1").arg(i, 3, 10, QLatin1Char('0'));
        ins << id << personName(m_r) << QStringLiteral("5141") << int(Models::Roles(role).toInt());
        if (!ins.exec(error))
            return false;
        (role == Role::WindowOfficer ? staff->window : role == Role::Inspector ? staff->inspectors : role == Role::RemoteInspector ? staff->remote : staff->certificate)
            << id;
    }
    return true;
}

bool Writer::enterprises(int count, QString *error)
{
    Inserter ins(m_db, QStringLiteral("enterprises"), {QStringLiteral("id"), QStringLiteral("code"), QStringLiteral("name"), QStringLiteral("credit")});
    QSet<QString> names;
    // Ids run 1..count without gaps: work items refer to enterprise i as id i + 1.
    while (names.size() < count) {
        const QString name = pickText(m_r, kCities) + pickText(m_r, kRoots) + pickText(m_r, kTrades) + pickText(m_r, kSuffixes);
        if (names.contains(name))
            continue;
        names.insert(name);
        const int credit = m_r.weighted({8, 12, 79, 1}); // AEO, general certified, general, dishonest
        const QString code = QStringLiteral("91440%1MA5%2").arg(m_r.range(100, 999)).arg(m_r.range(1000000, 9999999));
        ins << qint64(m_enterprises.size() + 1) << code << name << credit;
        if (!ins.exec(error))
            return false;
        m_enterprises.append({name, credit, code});
    }
    return true;
}

bool Writer::declarations(qint64 n, const Staff &staff, QString *error)
{
    Inserter ins(m_db, QStringLiteral("declarations"),
                 {QStringLiteral("id"), QStringLiteral("number"), QStringLiteral("state"), QStringLiteral("assignee"), QStringLiteral("office"),
                  QStringLiteral("version"), QStringLiteral("created_at"), QStringLiteral("deadline"), QStringLiteral("updated_at"),
                  QStringLiteral("district"), QStringLiteral("direction"), QStringLiteral("mode"), QStringLiteral("trade_mode"), QStringLiteral("transport"),
                  QStringLiteral("vessel"), QStringLiteral("voyage"), QStringLiteral("bill_no"), QStringLiteral("manifest_no"),
                  QStringLiteral("enterprise_id"), QStringLiteral("enterprise_name"), QStringLiteral("total_value"), QStringLiteral("currency"),
                  QStringLiteral("total_value_cny"), QStringLiteral("duties"), QStringLiteral("guarantee"), QStringLiteral("channel"),
                  QStringLiteral("arrival_at"), QStringLiteral("hs_codes"), QStringLiteral("goods_text")});
    const QStringList tradeModes = {QStringLiteral("0110"), QStringLiteral("1210"), QStringLiteral("9610"), QStringLiteral("0615"),
                                    QStringLiteral("0214"), QStringLiteral("1039")};
    for (qint64 id = 1; id <= n; ++id) {
        const QString st = state(WorkKind::Declaration, {45, 20, 5, 5, 5, 2, 18});
        const Work w = work(WorkKind::Declaration, st, staff.window);
        const int direction = isExport(id) ? 1 : 0;
        const int mode = m_r.weighted({70, 15, 10, 5});
        const int transport = m_r.weighted({65, 15, 8, 12});
        const qsizetype entIndex = qsizetype(m_r.next() % quint64(m_enterprises.size()));
        const Enterprise &ent = m_enterprises.at(entIndex);
        const Currency &cur = kCurrencies.at(m_r.weighted({60, 15, 8, 5, 4, 3, 5}));
        const int lines = int(m_r.weighted({35, 35, 20, 10})) + 1;
        qint64 total = 0, totalCny = 0;
        QStringList codes, texts;
        Models::Declaration routed; // what the risk engine sees
        for (int l = 1; l <= lines; ++l) {
            const HsCode &hs = m_r.pick(m_hs);
            const double quantity = double(m_r.range(1, 500));
            const qint64 cny = qint64(double(hs.typicalFen) * quantity * (0.5 + m_r.unit() * 2.5));
            const qint64 value = qint64(std::llround(double(cny) / 100.0 / cur.cnyPerUnit * std::pow(10.0, cur.exponent)));
            const QString origin = m_r.pick(kCountries);
            if (m_risk)
                routed.goods.append({l, hs.code, hs.description, quantity, hs.unit, value, cur.code, origin});
            m_goods << int(WorkKind::Declaration) << id << l << hs.code << hs.description << quantity << hs.unit << value << cur.code << origin;
            if (!m_goods.exec(error))
                return false;
            total += value;
            totalCny += cny;
            codes << hs.code;
            texts << hs.description;
        }
        int channel = ent.credit == int(Models::CreditClass::Dishonest) ? int(Models::Channel::Red) : m_r.weighted({2, 70, 15, 8, 5});
        const int guarantee = mode == int(Models::DeclarationMode::TwoStep) && ent.credit != int(Models::CreditClass::AdvancedCertified)
            ? m_r.weighted({0, 20, 50, 20, 10})
            : 0;
        QString vessel, voyage, bill;
        if (transport == int(Models::Transport::Sea)) {
            vessel = pickText(m_r, kVessels);
            voyage = QStringLiteral("%1%2").arg(m_r.range(1, 199), 3, 10, QLatin1Char('0')).arg(m_r.chance(0.5) ? QLatin1Char('E') : QLatin1Char('W'));
            bill = pickText(m_r, kCarriers) + QString::number(m_r.range(1000000000, 9999999999));
        } else if (transport == int(Models::Transport::Air)) {
            bill = QStringLiteral("%1-%2").arg(m_r.range(100, 999)).arg(m_r.range(10000000, 99999999));
        } else {
            bill = QStringLiteral("CR%1").arg(m_r.range(100000000, 999999999));
        }
        // Drawn in the order of the row's columns, as before routing was added (the same seed gives the same demo).
        const qint64 version = st == QLatin1String("received") ? 1 : m_r.range(2, 5);
        const QString tradeMode = m_r.pick(tradeModes);
        if (m_risk) {
            routed.id = id;
            routed.entryNo = entryNumber(id);
            routed.direction = static_cast<Models::Direction>(direction);
            routed.mode = static_cast<Models::DeclarationMode>(mode);
            routed.tradeMode = tradeMode;
            routed.transport = static_cast<Models::Transport>(transport);
            routed.billNo = bill;
            routed.enterprise = {qint64(entIndex + 1), ent.code, ent.name, static_cast<Models::CreditClass>(ent.credit)};
            routed.totalValue = total;
            routed.currency = cur.code;
            const Models::RiskAssessment assessment = m_risk->assess(routed);
            channel = int(assessment.channel);
            if (m_routed)
                m_routed(id, assessment);
        }
        ins << id << entryNumber(id) << st << w.assignee
            << QStringLiteral("5141") << version << w.created << w.deadline << w.updated
            << QStringLiteral("5141") << direction << mode << tradeMode << transport << vessel << voyage << bill
            << (transport == 0 ? QStringLiteral("5141%1").arg(m_r.range(10000000, 99999999)) : QString(QLatin1String(""))) << qint64(entIndex + 1)
            << ent.name << total << cur.code << totalCny << (direction == 0 ? totalCny / 10 : 0) << guarantee << channel
            << (direction == 0 ? QVariant(w.created - m_r.range(0, 2 * 86400)) : QVariant()) << codes.join(QLatin1Char(' '))
            << texts.join(QLatin1Char(' '));
        if (!ins.exec(error) || !history(WorkKind::Declaration, id, st, w, staff.window, error))
            return false;
    }
    return true;
}

bool Writer::manifests(qint64 n, const Staff &staff, QString *error)
{
    Inserter ins(m_db, QStringLiteral("manifests"),
                 {QStringLiteral("id"), QStringLiteral("number"), QStringLiteral("state"), QStringLiteral("assignee"), QStringLiteral("office"),
                  QStringLiteral("version"), QStringLiteral("created_at"), QStringLiteral("deadline"), QStringLiteral("updated_at"),
                  QStringLiteral("order_no"), QStringLiteral("payment_no"), QStringLiteral("waybill_no"), QStringLiteral("platform"),
                  QStringLiteral("buyer_name"), QStringLiteral("buyer_id_no"), QStringLiteral("consignee"), QStringLiteral("trade_mode"),
                  QStringLiteral("enterprise_id"), QStringLiteral("enterprise_name"), QStringLiteral("total_value"), QStringLiteral("order_total"),
                  QStringLiteral("payment_amount"), QStringLiteral("goods_text"), QStringLiteral("order_doc_no"), QStringLiteral("order_buyer_id_no"),
                  QStringLiteral("order_buyer_name"), QStringLiteral("order_consignee"), QStringLiteral("payment_doc_no"),
                  QStringLiteral("payment_order_no"), QStringLiteral("payer_id_no"), QStringLiteral("payer_name"), QStringLiteral("waybill_doc_no"),
                  QStringLiteral("waybill_order_no"), QStringLiteral("waybill_consignee")});
    // Frequent buyers: about one manifest in eight comes from a few buyers who order often and
    // more, so some of their manifests would take them past the yearly quota (or one past the
    // transaction limit); the rest are one-off buyers.
    struct Buyer
    {
        QString name, idNo;
    };
    QList<Buyer> frequent;
    for (qint64 i = 0, count = std::max<qint64>(4, n / 300); i < count; ++i)
        frequent.append({personName(m_r), identityNumber(m_r)});
    // What the demo has released so far per buyer: a released manifest never breaks the rules.
    Models::QuotaLedger released;
    for (qint64 id = 1; id <= n; ++id) {
        QString st = state(WorkKind::Manifest, {50, 20, 5, 22, 2, 1});
        Work w = work(WorkKind::Manifest, st, staff.window);
        const bool regular = m_r.chance(0.12);
        const Buyer buyer = regular ? m_r.pick(frequent) : Buyer{personName(m_r), identityNumber(m_r)};
        const int lines = int(m_r.range(1, 3));
        qint64 total = 0;
        QStringList texts;
        for (int l = 1; l <= lines; ++l) {
            const HsCode &hs = m_r.pick(m_hs);
            // 30 to 1,500 CNY a line; a frequent buyer's 200 to 2,400 CNY.
            const qint64 value = regular ? m_r.range(20000, 240000) : m_r.range(3000, 150000);
            m_goods << int(WorkKind::Manifest) << id << l << hs.code << hs.description << double(m_r.range(1, 5)) << hs.unit << value
                    << QStringLiteral("CNY") << m_r.pick(kCountries);
            if (!m_goods.exec(error))
                return false;
            total += value;
            texts << hs.description;
        }
        Models::ManifestDocuments d;
        Models::Manifest &m = d.manifest;
        m.manifestNo = QStringLiteral("514120269%1").arg(id, 9, 10, QLatin1Char('0'));
        m.orderNo = QStringLiteral("TM%1%2").arg(m_r.range(10000000, 99999999)).arg(m_r.range(10000000, 99999999));
        m.paymentNo = QStringLiteral("2026%1%2").arg(m_r.range(10000000, 99999999)).arg(m_r.range(100000000000, 999999999999));
        m.waybillNo = QStringLiteral("SF%1").arg(m_r.range(100000000000, 999999999999));
        m.buyerName = buyer.name;
        m.buyerIdNo = buyer.idNo;
        m.consignee = m_r.chance(0.97) ? buyer.name : personName(m_r);
        m.totalValue = total;
        d.order = {m.orderNo, m.buyerIdNo, m.buyerName, m.consignee, total};
        d.payment = {m.paymentNo, m.orderNo, m.buyerIdNo, m.buyerName, total};
        d.waybill = {m.waybillNo, m.orderNo, m.consignee};
        // A small share of each kind of disagreement between the documents, as real ones have.
        const double kind = m_r.unit();
        if (kind < 0.015)
            d.order.total = total + m_r.range(1, 5000);
        else if (kind < 0.03)
            d.payment.amount = total - m_r.range(1, 5000);
        else if (kind < 0.04)
            d.payment.payerName = personName(m_r); // paid by someone else
        else if (kind < 0.05)
            d.payment.payerIdNo = identityNumber(m_r);
        else if (kind < 0.06)
            d.order.buyerIdNo = m.buyerIdNo.left(17) + (m.buyerIdNo.endsWith(QLatin1Char('0')) ? QLatin1Char('1') : QLatin1Char('0'));
        else if (kind < 0.07)
            d.waybill.consignee = personName(m_r);
        else if (kind < 0.075)
            d.waybill.orderNo = QStringLiteral("TM%1%2").arg(m_r.range(10000000, 99999999)).arg(m_r.range(10000000, 99999999));
        else if (kind < 0.08)
            d.payment.orderNo = QStringLiteral("TM%1%2").arg(m_r.range(10000000, 99999999)).arg(m_r.range(10000000, 99999999));
        m.orderTotal = d.order.total;
        m.paymentAmount = d.payment.amount;
        m.declaredAt = QDateTime::fromSecsSinceEpoch(w.created, Qt::UTC);
        if (st == QLatin1String("released")) {
            // What the rules would not have released waits for review instead.
            if (!Models::checkRelease(d, released).ok()) {
                st = QStringLiteral("under_review");
                w = work(WorkKind::Manifest, st, staff.window);
                m.declaredAt = QDateTime::fromSecsSinceEpoch(w.created, Qt::UTC);
            } else {
                QString refused;
                released.record({m.buyerIdNo, m.orderNo, m.manifestNo, m.totalValue, m.declaredAt, {}}, &refused);
            }
        }
        const qsizetype entIndex = qsizetype(m_r.next() % quint64(m_enterprises.size()));
        ins << id << m.manifestNo << st << w.assignee << QStringLiteral("5141") << (st == QLatin1String("received") ? 1 : m_r.range(2, 4))
            << w.created << w.deadline << w.updated << m.orderNo << m.paymentNo << m.waybillNo << pickText(m_r, kPlatforms) << m.buyerName
            << m.buyerIdNo << m.consignee << (m_r.chance(0.7) ? QStringLiteral("9610") : QStringLiteral("1210")) << qint64(entIndex + 1)
            << m_enterprises.at(entIndex).name << total << m.orderTotal << m.paymentAmount << texts.join(QLatin1Char(' ')) << d.order.orderNo
            << d.order.buyerIdNo << d.order.buyerName << d.order.consignee << d.payment.paymentNo << d.payment.orderNo << d.payment.payerIdNo
            << d.payment.payerName << d.waybill.waybillNo << d.waybill.orderNo << d.waybill.consignee;
        if (!ins.exec(error) || !history(WorkKind::Manifest, id, st, w, staff.window, error))
            return false;
    }
    return true;
}

bool Writer::inspections(qint64 n, qint64 declarations, const Staff &staff, QString *error)
{
    Inserter ins(m_db, QStringLiteral("inspections"),
                 {QStringLiteral("id"), QStringLiteral("number"), QStringLiteral("state"), QStringLiteral("assignee"), QStringLiteral("office"),
                  QStringLiteral("version"), QStringLiteral("created_at"), QStringLiteral("deadline"), QStringLiteral("updated_at"),
                  QStringLiteral("entry_no"), QStringLiteral("enterprise_name"), QStringLiteral("bill_no"), QStringLiteral("vessel"),
                  QStringLiteral("voyage"), QStringLiteral("container_no"), QStringLiteral("site"), QStringLiteral("method"), QStringLiteral("check_type"),
                  QStringLiteral("in_position_at"), QStringLiteral("result")});
    const QStringList checks = {u("检验"), u("检疫"), u("检验、检疫"), u("检测")};
    for (qint64 id = 1; id <= n; ++id) {
        const QString st = state(WorkKind::InspectionTask, {30, 20, 15, 30, 5});
        const Work w = work(WorkKind::InspectionTask, st, staff.inspectors);
        const qint64 declaration = m_r.range(1, declarations);
        const bool inPosition = st != QLatin1String("notified") && st != QLatin1String("cancelled");
        ins << id << QStringLiteral("CY51412026%1").arg(id, 8, 10, QLatin1Char('0')) << st << w.assignee << QStringLiteral("5141") << 1 << w.created
            << w.deadline << w.updated << entryNumber(declaration) << enterprise().name
            << QString(pickText(m_r, kCarriers) + QString::number(m_r.range(1000000000, 9999999999))) << pickText(m_r, kVessels)
            << QStringLiteral("%1E").arg(m_r.range(1, 199), 3, 10, QLatin1Char('0'))
            << containerNumber(m_r, QString::fromLatin1(kCarriers[m_r.next() % 8]).left(3)) << pickText(m_r, kSites)
            << m_r.weighted({35, 30, 5, 15, 10, 3, 2}) << m_r.pick(checks) << (inPosition ? QVariant(w.created + 3600) : QVariant())
            << (st == QLatin1String("completed") ? (m_r.chance(0.9) ? u("未发现异常") : u("货物与申报不符，已移交处理")) : QString(QLatin1String("")));
        if (!ins.exec(error) || !history(WorkKind::InspectionTask, id, st, w, staff.inspectors, error))
            return false;
    }
    return true;
}

bool Writer::videoSessions(qint64 n, qint64 declarations, const Staff &staff, QString *error)
{
    Inserter ins(m_db, QStringLiteral("video_sessions"),
                 {QStringLiteral("id"), QStringLiteral("number"), QStringLiteral("state"), QStringLiteral("assignee"), QStringLiteral("office"),
                  QStringLiteral("version"), QStringLiteral("created_at"), QStringLiteral("deadline"), QStringLiteral("updated_at"),
                  QStringLiteral("entry_no"), QStringLiteral("enterprise_name"), QStringLiteral("site"), QStringLiteral("scheduled_at"),
                  QStringLiteral("duration_minutes")});
    for (qint64 id = 1; id <= n; ++id) {
        const QString st = state(WorkKind::VideoSession, {40, 5, 15, 35, 5});
        const Work w = work(WorkKind::VideoSession, st, staff.remote);
        const qint64 declaration = m_r.range(1, declarations);
        ins << id << QStringLiteral("SP51412026%1").arg(id, 8, 10, QLatin1Char('0')) << st << w.assignee << QStringLiteral("5141") << 1 << w.created
            << w.deadline << w.updated << entryNumber(declaration) << enterprise().name
            << pickText(m_r, kSites) << w.deadline - 3600
            << (st == QLatin1String("archived") || st == QLatin1String("ended") ? m_r.range(8, 40) : 0);
        if (!ins.exec(error) || !history(WorkKind::VideoSession, id, st, w, staff.remote, error))
            return false;
    }
    return true;
}

bool Writer::certificates(qint64 n, const Staff &staff, QString *error)
{
    Inserter ins(m_db, QStringLiteral("certificates"),
                 {QStringLiteral("id"), QStringLiteral("number"), QStringLiteral("state"), QStringLiteral("assignee"), QStringLiteral("office"),
                  QStringLiteral("version"), QStringLiteral("created_at"), QStringLiteral("deadline"), QStringLiteral("updated_at"),
                  QStringLiteral("cert_type"), QStringLiteral("applicant_name"), QStringLiteral("destination")});
    for (qint64 id = 1; id <= n; ++id) {
        const QString st = state(WorkKind::Certificate, {20, 20, 5, 5, 45, 3, 2});
        const Work w = work(WorkKind::Certificate, st, staff.certificate);
        ins << id << QStringLiteral("C26514%1").arg(id, 12, 10, QLatin1Char('0')) << st << w.assignee << QStringLiteral("5141") << 1 << w.created
            << w.deadline << w.updated << m_r.weighted({80, 10, 5, 5}) << enterprise().name << m_r.pick(kCountries);
        if (!ins.exec(error) || !history(WorkKind::Certificate, id, st, w, staff.certificate, error))
            return false;
    }
    return true;
}

bool Writer::applications(qint64 n, const Staff &staff, QString *error)
{
    Inserter ins(m_db, QStringLiteral("applications"),
                 {QStringLiteral("id"), QStringLiteral("number"), QStringLiteral("state"), QStringLiteral("assignee"), QStringLiteral("office"),
                  QStringLiteral("version"), QStringLiteral("created_at"), QStringLiteral("deadline"), QStringLiteral("updated_at"),
                  QStringLiteral("service_item"), QStringLiteral("applicant_name"), QStringLiteral("handling_office"), QStringLiteral("service_key"),
                  QStringLiteral("received_by"), QStringLiteral("service_window"), QStringLiteral("intake_seconds"), QStringLiteral("time_limit_days")});
    const QList<Models::ServiceItem> &catalogue = Models::ServiceCatalogue::items();
    for (qint64 id = 1; id <= n; ++id) {
        const QString st = state(WorkKind::ServiceApplication, {15, 20, 20, 40, 5});
        const Work w = work(WorkKind::ServiceApplication, st, staff.window);
        const Models::ServiceItem &item = catalogue.at(qsizetype(m_r.next() % quint64(catalogue.size())));
        // Received at one of the office's windows, in 150 to 270 s (about 210 s an item, as the reform reports).
        const QString receivedBy = staff.window.at(qsizetype(id % staff.window.size()));
        ins << id << QStringLiteral("YC51412026%1").arg(id, 8, 10, QLatin1Char('0')) << st << w.assignee << QStringLiteral("5141") << 1 << w.created
            << w.deadline << w.updated << item.officialName << enterprise().name << item.officialOffice << item.key << receivedBy
            << QString::number(1 + id % 6) << 150 + (id * 37) % 121 << item.timeLimitDays;
        if (!ins.exec(error) || !history(WorkKind::ServiceApplication, id, st, w, staff.window, error))
            return false;
    }
    return true;
}

} // namespace

QList<Models::Officer> demoOfficers()
{
    const QString office = QStringLiteral("5141");
    return {
        {QStringLiteral("wang.jianguo"), u("王建国"), office, Role::WindowOfficer},
        {QStringLiteral("li.na"), u("李娜"), office, Role::WindowOfficer},
        {QStringLiteral("zhang.wei"), u("张伟"), office, Role::WindowOfficer},
        {QStringLiteral("chen.gang"), u("陈刚"), office, Role::Inspector},
        {QStringLiteral("zhao.lei"), u("赵磊"), office, Role::RemoteInspector},
        {QStringLiteral("sun.li"), u("孙丽"), office, Role::CertificateOfficer},
        {QStringLiteral("zhou.hua"), u("周华"), office, Models::Roles(Role::Supervisor) | Role::WindowOfficer},
    };
}

Result generate(const QString &path, const Options &options, bool overwrite)
{
    QElapsedTimer timer;
    timer.start();
    Result result;
    if (options.declarations < 1 || options.declarations > 100'000'000) {
        result.error = translated(QT_TRANSLATE_NOOP("Clearway::Demo", "The number of declarations must be between 1 and 100,000,000."));
        return result;
    }
    if (QFileInfo::exists(path) && !overwrite) {
        result.error = translated(QT_TRANSLATE_NOOP("Clearway::Demo", "%1 already exists; it was left untouched (use --force to replace it).")).arg(path);
        return result;
    }
    QString error;
    QList<HsCode> hs;
    if (!loadHsCodes(&hs, &error) || !checkIsoCodes(&error)) {
        result.error = error;
        return result;
    }
    Options o = options;
    if (!o.now.isValid())
        o.now = QDateTime::currentDateTime();

    const QString partial = path + QStringLiteral(".partial");
    for (const char *suffix : {"", "-wal", "-shm", "-journal"})
        QFile::remove(partial + QString::fromLatin1(suffix));
    const qint64 n = o.declarations;
    const qint64 manifests = std::max<qint64>(40, n / 10), inspections = std::max<qint64>(40, n / 20), video = std::max<qint64>(40, n / 200),
                 certificates = std::max<qint64>(40, n / 50), applications = std::max<qint64>(40, n / 100);
    {
        Storage::Connection connection;
        const Storage::OpenResult opened = connection.open(partial, QStringLiteral("demo"), true);
        if (!opened.ok()) {
            result.error = opened.message + QLatin1Char(' ') + opened.detail;
            return result;
        }
        QSqlDatabase db = connection.database();
        // A bulk load into a private file: no journal, indexes and full-text built once at the end.
        QStringList setup = {QStringLiteral("PRAGMA journal_mode = OFF"), QStringLiteral("PRAGMA synchronous = OFF"),
                             QStringLiteral("PRAGMA cache_size = -262144"), QStringLiteral("PRAGMA locking_mode = EXCLUSIVE"),
                             QStringLiteral("PRAGMA threads = 2"), // index builds sort on a second core
                             QStringLiteral("PRAGMA foreign_keys = OFF")};
        setup << Storage::secondaryStructuresDrop();
        for (const QString &sql : setup) {
            QSqlQuery q(db);
            if (!q.exec(sql)) {
                result.error = q.lastError().text();
                return result;
            }
        }
        bool ok = Storage::beginImmediate(db, &error);
        {
            Writer w(db, o, hs);
            Staff staff;
            ok = ok && w.officers(&staff, &error) && w.enterprises(2000, &error) && w.declarations(n, staff, &error)
                && w.manifests(manifests, staff, &error) && w.inspections(inspections, n, staff, &error) && w.videoSessions(video, n, staff, &error)
                && w.certificates(certificates, staff, &error) && w.applications(applications, staff, &error);
            result.counts = {{QStringLiteral("declarations"), n}, {QStringLiteral("manifests"), manifests},
                             {QStringLiteral("inspections"), inspections}, {QStringLiteral("video_sessions"), video},
                             {QStringLiteral("certificates"), certificates}, {QStringLiteral("applications"), applications},
                             {QStringLiteral("goods_lines"), w.goodsRows()}, {QStringLiteral("events"), w.eventRows()}};
        }
        if (ok) {
            QSqlQuery meta(db);
            meta.prepare(QStringLiteral("INSERT INTO meta (key, value) VALUES (?, ?)"));
            for (const auto &[key, value] : {std::pair{QStringLiteral("demo_seed"), QString::number(o.seed)},
                                             std::pair{QStringLiteral("demo_now"), o.now.toUTC().toString(Qt::ISODate)}}) {
                meta.bindValue(0, key);
                meta.bindValue(1, value);
                ok = ok && meta.exec();
            }
            if (!ok)
                error = meta.lastError().text();
        }
        ok = ok && Storage::commit(db, &error);
        qCInfo(lcDemo) << "rows written after" << timer.elapsed() << "ms";
        const QStringList finish = Storage::bulkLoadFinish() << QStringLiteral("PRAGMA locking_mode = NORMAL")
                                                             << QStringLiteral("PRAGMA journal_mode = WAL");
        for (const QString &sql : finish) {
            if (!ok)
                break;
            QSqlQuery q(db);
            ok = q.exec(sql);
            if (!ok)
                error = q.lastError().text();
            qCDebug(lcDemo).noquote() << timer.elapsed() << "ms:" << sql.left(60);
        }
        if (!ok) {
            connection.close();
            QFile::remove(partial);
            result.error = translated(QT_TRANSLATE_NOOP("Clearway::Demo", "The demo data could not be written: %1")).arg(error);
            return result;
        }
    }
    for (const char *suffix : {"", "-wal", "-shm"})
        QFile::remove(path + QString::fromLatin1(suffix));
    if (!QFile::rename(partial, path)) {
        result.error = translated(QT_TRANSLATE_NOOP("Clearway::Demo", "The finished file %1 could not be renamed to %2.")).arg(partial, path);
        return result;
    }
    result.ok = true;
    result.elapsedMs = timer.elapsed();
    return result;
}

} // namespace Clearway::Demo
