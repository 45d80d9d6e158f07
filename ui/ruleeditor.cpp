#include "ui/ruleeditor.h"

#include "storage/itemdetails.h"
#include "storage/riskrouting.h"
#include "storage/valueformat.h"
#include "sync/syncclient.h"
#include "ui/riskpanel.h"
#include "ui/texttableview.h"

#include <QCloseEvent>
#include <QDateTime>
#include <QFile>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QSaveFile>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTextBlock>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace Clearway::Ui {

Q_LOGGING_CATEGORY(lcRuleEditor, "clearway.ui.rules")

using Models::Channel;

namespace {

constexpr int kLineRole = Qt::UserRole + 1;

class LineNumbers final : public QWidget
{
public:
    explicit LineNumbers(RuleTextEdit *editor)
        : QWidget(editor)
        , m_editor(editor)
    {
    }
    QSize sizeHint() const override { return {m_editor->lineNumberWidth(), 0}; }

protected:
    void paintEvent(QPaintEvent *event) override { m_editor->paintLineNumbers(event); }

private:
    RuleTextEdit *m_editor;
};

QString laneName(const QString &key)
{
    if (const std::optional<Channel> c = Models::channelFromKey(key))
        return Models::channelLabel(*c);
    return Models::channelLabel(Channel::Unassessed);
}

} // namespace

// ---------------------------------------------------------------------------------------------

RuleTextEdit::RuleTextEdit(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_numbers(new LineNumbers(this))
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTabStopDistance(fontMetrics().horizontalAdvance(QLatin1Char(' ')) * 2);
    connect(this, &QPlainTextEdit::blockCountChanged, this, [this] { setViewportMargins(lineNumberWidth(), 0, 0, 0); });
    connect(this, &QPlainTextEdit::updateRequest, this, [this](const QRect &rect, int dy) {
        if (dy)
            m_numbers->scroll(0, dy);
        else
            m_numbers->update(0, rect.y(), m_numbers->width(), rect.height());
    });
    setViewportMargins(lineNumberWidth(), 0, 0, 0);
}

int RuleTextEdit::lineNumberWidth() const
{
    int digits = 1;
    for (int n = std::max(1, blockCount()); n >= 10; n /= 10)
        ++digits;
    return 12 + fontMetrics().horizontalAdvance(QLatin1Char('9')) * std::max(3, digits);
}

void RuleTextEdit::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect r = contentsRect();
    m_numbers->setGeometry(QRect(r.left(), r.top(), lineNumberWidth(), r.height()));
}

void RuleTextEdit::paintLineNumbers(QPaintEvent *event)
{
    QPainter painter(m_numbers);
    painter.fillRect(event->rect(), palette().color(QPalette::AlternateBase));
    painter.setPen(palette().color(QPalette::PlaceholderText));
    QTextBlock block = firstVisibleBlock();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    while (block.isValid() && top <= event->rect().bottom()) {
        const int bottom = top + qRound(blockBoundingRect(block).height());
        if (block.isVisible() && bottom >= event->rect().top())
            painter.drawText(0, top, m_numbers->width() - 6, bottom - top, Qt::AlignRight | Qt::AlignVCenter, QString::number(block.blockNumber() + 1));
        block = block.next();
        top = bottom;
    }
}

void RuleTextEdit::setErrorLines(const QList<int> &lines)
{
    QList<QTextEdit::ExtraSelection> marks;
    for (int line : lines) {
        const QTextBlock block = document()->findBlockByNumber(line - 1);
        if (!block.isValid())
            continue;
        QTextEdit::ExtraSelection mark;
        mark.format.setBackground(QColor(0xFD, 0xE2, 0xE1));
        mark.format.setProperty(QTextFormat::FullWidthSelection, true);
        mark.cursor = QTextCursor(block);
        marks << mark;
    }
    setExtraSelections(marks);
}

void RuleTextEdit::goToLine(int line)
{
    const QTextBlock block = document()->findBlockByNumber(std::max(0, line - 1));
    if (!block.isValid())
        return;
    QTextCursor cursor(block);
    setTextCursor(cursor);
    centerCursor();
    setFocus(Qt::OtherFocusReason);
}

// ---------------------------------------------------------------------------------------------

RuleEditor::RuleEditor(Sync::SyncClient *sync, const QString &keptPath, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_sync(sync)
    , m_keptPath(keptPath)
    , m_inForceLabel(new QLabel(this))
    , m_text(new RuleTextEdit(this))
    , m_tabs(new QTabWidget(this))
    , m_problems(new QListWidget(this))
    , m_last(new QSpinBox(this))
    , m_dryRun(new QPushButton(tr("Dry run"), this))
    , m_publish(new QPushButton(tr("Publish…"), this))
    , m_dryRunSummary(new QLabel(this))
    , m_lanes(new Storage::TextTableModel(this))
    , m_changes(new Storage::TextTableModel(this))
    , m_status(new QLabel(this))
    , m_parseDelay(new QTimer(this))
{
    setObjectName(QStringLiteral("ruleEditor"));
    setWindowTitle(tr("Risk rules"));
    setAttribute(Qt::WA_DeleteOnClose);
    m_inForceLabel->setObjectName(QStringLiteral("rulesInForceLabel"));
    m_inForceLabel->setWordWrap(true);
    m_text->setObjectName(QStringLiteral("ruleTextEdit"));
    m_problems->setObjectName(QStringLiteral("ruleProblemsListWidget"));
    m_problems->setWordWrap(true);
    m_last->setObjectName(QStringLiteral("dryRunSpinBox"));
    m_last->setRange(1, 100000); // the server routes at most 100,000 in one dry run
    m_last->setSingleStep(1000);
    m_last->setValue(5000);
    m_last->setGroupSeparatorShown(true);
    m_dryRun->setObjectName(QStringLiteral("dryRunButton"));
    m_dryRun->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    m_publish->setObjectName(QStringLiteral("publishButton"));
    m_dryRunSummary->setObjectName(QStringLiteral("dryRunSummaryLabel"));
    m_dryRunSummary->setWordWrap(true);
    m_dryRunSummary->setText(tr("Route the last declarations under this text, without publishing it, to see which would change lane."));
    m_status->setObjectName(QStringLiteral("ruleEditorStatusLabel"));
    m_status->setWordWrap(true);
    m_lanes->setHeaders({tr("Channel"), tr("Now"), tr("Under this text"), tr("Share"), tr("Target")});
    m_lanes->setNumericColumns({1, 2, 3, 4});
    m_changes->setHeaders({tr("Entry no."), tr("Now"), tr("Would be"), tr("Because of")});

    auto *dryRunPage = new QWidget(this);
    auto *dryRunLayout = new QVBoxLayout(dryRunPage);
    auto *dryRunBar = new QHBoxLayout;
    auto *lastLabel = new QLabel(tr("Last declarations:"), this);
    lastLabel->setBuddy(m_last);
    dryRunBar->addWidget(lastLabel);
    dryRunBar->addWidget(m_last);
    dryRunBar->addWidget(m_dryRun);
    dryRunBar->addStretch();
    dryRunLayout->addLayout(dryRunBar);
    dryRunLayout->addWidget(m_dryRunSummary);
    auto *lanesView = makeTable(m_lanes, QStringLiteral("laneCountsTableView"), this);
    lanesView->setMaximumHeight(lanesView->verticalHeader()->defaultSectionSize() * 6 + 8);
    dryRunLayout->addWidget(lanesView);
    auto *changesView = makeTable(m_changes, QStringLiteral("dryRunChangesTableView"), this);
    dryRunLayout->addWidget(changesView, 1);

    m_tabs->setObjectName(QStringLiteral("ruleEditorTabWidget"));
    m_tabs->addTab(m_problems, tr("Problems"));
    m_tabs->addTab(dryRunPage, tr("Dry run"));

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_text);
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_status, 1);
    buttons->addWidget(m_publish);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_inForceLabel);
    layout->addWidget(splitter, 1);
    layout->addLayout(buttons);
    resize(1280, 800);

    m_parseDelay->setSingleShot(true);
    m_parseDelay->setInterval(300);
    connect(m_parseDelay, &QTimer::timeout, this, &RuleEditor::parseNow);
    connect(m_text, &QPlainTextEdit::textChanged, m_parseDelay, qOverload<>(&QTimer::start));
    connect(m_text, &QPlainTextEdit::textChanged, this, &RuleEditor::updateActions);
    connect(m_problems, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) { m_text->goToLine(item->data(kLineRole).toInt()); });
    connect(m_problems, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) { m_text->goToLine(item->data(kLineRole).toInt()); });
    connect(m_dryRun, &QPushButton::clicked, this, &RuleEditor::dryRun);
    connect(m_publish, &QPushButton::clicked, this, &RuleEditor::confirmPublish);
    if (m_sync) {
        connect(m_sync, &Sync::SyncClient::stateChanged, this, [this] {
            if (!m_fromServer && m_sync->isSignedIn())
                load();
            updateActions();
        });
    }
    load();
}

RuleEditor::~RuleEditor() = default;

bool RuleEditor::isModified() const { return m_loaded && m_text->toPlainText() != m_baseText; }

QString RuleEditor::inForceText() const
{
    const qint64 version = versionInForce();
    if (version == 0)
        return tr("No rule set has been published yet: only the credit class routes declarations away from green.");
    return tr("In force: version %1, “%2”, published %3 by %4.")
        .arg(version)
        .arg(m_inForce.value(QStringLiteral("name")).toString(), Storage::formatTimestamp(m_inForce.value(QStringLiteral("publishedAt")).toInteger()),
             m_inForce.value(QStringLiteral("publishedBy")).toString());
}

void RuleEditor::showStatus(const QString &text, bool problem)
{
    m_status->setText(text);
    m_status->setStyleSheet(problem ? QStringLiteral("color: #a3101a;") : QString());
}

void RuleEditor::load()
{
    if (m_sync && m_sync->isSignedIn()) {
        showStatus(tr("Loading the rule set in force…"), false);
        m_sync->request({{QStringLiteral("type"), QStringLiteral("rules_get")}}, this, [this](const QJsonObject &reply) {
            if (reply.value(QStringLiteral("type")).toString() == QLatin1String("rules")) {
                takeRules(reply, true);
                return;
            }
            showStatus(tr("The rule set in force could not be loaded: %1").arg(reply.value(QStringLiteral("message")).toString()), true);
            if (!m_loaded) {
                QJsonObject kept;
                if (readKept(&kept))
                    takeRules(kept, false);
            }
        });
        return;
    }
    QJsonObject kept;
    if (readKept(&kept)) {
        takeRules(kept, false);
        return;
    }
    m_text->setReadOnly(true);
    m_text->setPlaceholderText(tr("Offline, and this workstation has not kept a rule set. The rules in force are shown once the server can be reached."));
    m_inForceLabel->setText(tr("Offline: the rule set in force is not known here."));
    showStatus(tr("Dry runs and publishing need the server."), true);
    updateActions();
}

void RuleEditor::takeRules(const QJsonObject &rules, bool fromServer)
{
    const QString text = rules.value(QStringLiteral("text")).toString();
    const bool keepEdits = isModified(); // the officer's edits of the kept text are not overwritten
    m_inForce = rules;
    m_fromServer = fromServer;
    if (fromServer)
        keep(rules);
    if (!keepEdits) {
        m_baseText = text;
        m_text->setPlainText(text);
        m_text->setReadOnly(false);
    }
    m_loaded = true;
    QString label = inForceText();
    if (!fromServer) {
        label = tr("Offline. Kept on this workstation on %1: %2")
                    .arg(Storage::formatTimestamp(rules.value(QStringLiteral("keptAt")).toInteger()), label);
    }
    m_inForceLabel->setText(label);
    if (fromServer && keepEdits)
        showStatus(tr("Your edits are kept; they started from the text kept on this workstation, and the server's version is now %1.").arg(versionInForce()),
                   true);
    else
        showStatus(fromServer ? QString() : tr("Dry runs and publishing need the server; your edits stay here until it can be reached."), !fromServer);
    parseNow();
}

bool RuleEditor::readKept(QJsonObject *rules) const
{
    QFile file(m_keptPath);
    if (m_keptPath.isEmpty() || !file.open(QIODevice::ReadOnly))
        return false;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (!doc.isObject() || !doc.object().value(QStringLiteral("text")).isString()) {
        qCWarning(lcRuleEditor).noquote() << "the kept rule set" << m_keptPath << "is unreadable:" << error.errorString();
        return false;
    }
    *rules = doc.object();
    return true;
}

void RuleEditor::keep(const QJsonObject &rules)
{
    if (m_keptPath.isEmpty())
        return;
    QJsonObject kept = rules;
    kept.remove(QStringLiteral("type"));
    kept.remove(QStringLiteral("re"));
    kept.insert(QStringLiteral("keptAt"), QDateTime::currentSecsSinceEpoch());
    QSaveFile file(m_keptPath);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(kept).toJson(QJsonDocument::Compact)) < 0 || !file.commit())
        qCWarning(lcRuleEditor).noquote() << "the rule set could not be kept in" << m_keptPath << file.errorString();
}

void RuleEditor::parseNow()
{
    m_parseDelay->stop();
    QList<Models::RuleSetError> errors;
    const std::optional<Models::RiskRuleSet> rules = Models::parseRiskRules(m_text->toPlainText(), &errors);
    m_candidateName = rules ? rules->version : QString();
    showProblems(errors);
    if (rules)
        m_tabs->setTabText(0, tr("Problems (none: %n rule(s))", nullptr, int(rules->rules.size())));
    updateActions();
}

void RuleEditor::showProblems(const QList<Models::RuleSetError> &errors)
{
    m_problemCount = int(errors.size());
    m_problems->clear();
    QList<int> lines;
    for (const Models::RuleSetError &e : errors) {
        auto *item = new QListWidgetItem(e.text(), m_problems);
        item->setData(kLineRole, e.line);
        item->setToolTip(tr("Click to go to line %1 (%2)").arg(e.line).arg(e.code));
        lines << e.line;
    }
    m_text->setErrorLines(lines);
    m_tabs->setTabText(0, errors.isEmpty() ? tr("Problems") : tr("Problems (%1)").arg(errors.size()));
    if (!errors.isEmpty())
        m_tabs->setCurrentIndex(0);
}

void RuleEditor::updateActions()
{
    const bool online = m_sync && m_sync->isSignedIn();
    const bool ready = online && m_loaded && !m_busy && !m_text->toPlainText().trimmed().isEmpty();
    m_dryRun->setEnabled(ready);
    m_publish->setEnabled(ready && isModified());
    const QString why = !online ? tr("Needs the server: the workstation is offline.")
        : m_busy               ? tr("Waiting for the server's answer.")
        : !isModified()        ? tr("Nothing to publish: the text is the rule set in force.")
                               : QString();
    m_dryRun->setToolTip(online ? tr("Route the last declarations under this text without publishing it (Ctrl+D)") : why);
    m_publish->setToolTip(why.isEmpty() ? tr("Publish this text as the rule set in force") : why);
    if (!online && m_loaded && m_status->text().isEmpty())
        showStatus(tr("Dry runs and publishing need the server; your edits stay here until it can be reached."), true);
}

void RuleEditor::dryRun()
{
    if (!m_sync)
        return;
    m_busy = true;
    updateActions();
    showStatus(tr("Routing the last %1 declarations under this text…").arg(QLocale().toString(m_last->value())), false);
    const QJsonObject message{{QStringLiteral("type"), QStringLiteral("rules_dry_run")},
                              {QStringLiteral("text"), m_text->toPlainText()},
                              {QStringLiteral("last"), m_last->value()}};
    m_sync->request(
        message, this,
        [this](const QJsonObject &reply) {
            m_busy = false;
            updateActions();
            if (reply.value(QStringLiteral("type")).toString() == QLatin1String("dry_run")) {
                showStatus({}, false);
                showDryRun(reply);
            } else {
                showRefusal(reply, tr("The dry run"));
            }
        },
        120000);
}

void RuleEditor::showDryRun(const QJsonObject &report)
{
    const QLocale locale;
    const qint64 total = report.value(QStringLiteral("total")).toInteger();
    const qint64 changed = report.value(QStringLiteral("changed")).toInteger();
    const QJsonArray changes = report.value(QStringLiteral("changes")).toArray();
    QString summary = tr("Under “%1”, %2 of the last %3 declarations would change lane.")
                          .arg(report.value(QStringLiteral("name")).toString(), locale.toString(changed), locale.toString(total));
    if (changes.size() < changed)
        summary += QLatin1Char(' ') + tr("The first %1 are listed.").arg(locale.toString(changes.size()));
    summary += QLatin1Char(' ') + tr("Those that would get the strictest lane come first.");
    m_dryRunSummary->setText(summary);

    const QJsonObject before = report.value(QStringLiteral("before")).toObject();
    const QJsonObject after = report.value(QStringLiteral("after")).toObject();
    const QJsonObject targets = report.value(QStringLiteral("targetPercent")).toObject();
    QList<QStringList> lanes;
    QStringList keys = {QStringLiteral("green"), QStringLiteral("yellow"), QStringLiteral("red"), QStringLiteral("blue")};
    if (before.contains(QStringLiteral("unassessed")))
        keys << QStringLiteral("unassessed");
    for (const QString &key : std::as_const(keys)) {
        const qint64 a = after.value(key).toInteger();
        lanes.append({laneName(key), locale.toString(before.value(key).toInteger()), locale.toString(a),
                      total > 0 ? tr("%1 %").arg(locale.toString(100.0 * double(a) / double(total), 'f', 1)) : QString(),
                      targets.contains(key) ? tr("%1 %").arg(locale.toString(targets.value(key).toDouble(), 'g', 6)) : tr("—")});
    }
    m_lanes->setRows(lanes);

    // The strictest lane first: what a supervisor checks first is who would be stopped.
    QList<QJsonObject> listed;
    for (const QJsonValue &v : changes)
        listed << v.toObject();
    auto severity = [](const QJsonObject &c) {
        return Models::channelSeverity(Models::channelFromKey(c.value(QStringLiteral("after")).toString()).value_or(Channel::Unassessed));
    };
    std::stable_sort(listed.begin(), listed.end(), [&severity](const QJsonObject &a, const QJsonObject &b) { return severity(a) > severity(b); });
    QList<QStringList> rows;
    for (const QJsonObject &c : std::as_const(listed)) {
        QString error;
        QStringList because;
        if (std::optional<QList<Models::RiskHit>> hits = Storage::riskHitsFromJson(c.value(QStringLiteral("reasons")).toArray(), &error)) {
            // The reason that decides the lane first.
            std::stable_sort(hits->begin(), hits->end(), [](const Models::RiskHit &a, const Models::RiskHit &b) {
                return Models::channelSeverity(a.channel) > Models::channelSeverity(b.channel);
            });
            for (const Models::RiskHit &hit : std::as_const(*hits))
                because << RiskPanel::reasonSummary(hit);
        } else {
            because << error;
        }
        rows.append({c.value(QStringLiteral("entryNo")).toString(), laneName(c.value(QStringLiteral("before")).toString()),
                     laneName(c.value(QStringLiteral("after")).toString()), because.isEmpty() ? tr("no rule (green)") : because.join(QStringLiteral("; "))});
    }
    m_changes->setRows(rows);
    m_tabs->setCurrentIndex(1);
}

void RuleEditor::confirmPublish()
{
    parseNow();
    const qint64 next = versionInForce() + 1;
    QString text = m_problemCount == 0
        ? tr("Publish “%1” as version %2 of the rule set? It routes every declaration that arrives from now on; "
             "declarations already routed keep their lanes.")
              .arg(m_candidateName)
              .arg(next)
        : tr("The text has %n problem(s): the server will refuse it and version %1 stays in force. Send it anyway?", nullptr, m_problemCount)
              .arg(versionInForce());
    auto *box = new QMessageBox(QMessageBox::Question, tr("Publish the rule set"), text, QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("publishConfirmMessageBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->button(QMessageBox::Yes)->setText(m_problemCount == 0 ? tr("Publish version %1").arg(next) : tr("Send"));
    box->setDefaultButton(QMessageBox::Cancel);
    connect(box, &QMessageBox::finished, this, [this, box] {
        if (box->clickedButton() == box->button(QMessageBox::Yes))
            publish();
    });
    box->open();
}

void RuleEditor::publish()
{
    if (!m_sync)
        return;
    const QString text = m_text->toPlainText();
    m_busy = true;
    updateActions();
    showStatus(tr("Publishing…"), false);
    m_sync->request({{QStringLiteral("type"), QStringLiteral("rules_publish")}, {QStringLiteral("text"), text}}, this, [this, text](const QJsonObject &reply) {
        m_busy = false;
        if (reply.value(QStringLiteral("type")).toString() != QLatin1String("rules_published")) {
            updateActions();
            showRefusal(reply, tr("Publishing"));
            return;
        }
        const qint64 version = reply.value(QStringLiteral("version")).toInteger();
        const QString name = reply.value(QStringLiteral("name")).toString();
        QJsonObject rules{{QStringLiteral("version"), version},
                          {QStringLiteral("name"), name},
                          {QStringLiteral("text"), text},
                          {QStringLiteral("publishedAt"), QDateTime::currentSecsSinceEpoch()},
                          {QStringLiteral("publishedBy"), m_sync ? m_sync->user() : QString()}};
        m_baseText = text;
        takeRules(rules, true);
        showStatus(tr("Published: “%1” is version %2 and routes every declaration that arrives from now on.").arg(name).arg(version), false);
        Q_EMIT published(version, name);
    });
}

void RuleEditor::showRefusal(const QJsonObject &reply, const QString &what)
{
    const QString type = reply.value(QStringLiteral("type")).toString();
    if (type == QLatin1String("rules_refused")) {
        QList<Models::RuleSetError> errors;
        for (const QJsonValue &v : reply.value(QStringLiteral("errors")).toArray()) {
            const QJsonObject e = v.toObject();
            errors.append({int(e.value(QStringLiteral("line")).toInteger()), e.value(QStringLiteral("code")).toString(), e.value(QStringLiteral("message")).toString()});
        }
        showProblems(errors);
        const qint64 inForce = reply.value(QStringLiteral("inForce")).toInteger();
        showStatus(inForce > 0 ? tr("The server refused the text: %n problem(s), listed with their lines. Version %1 stays in force.", nullptr, int(errors.size()))
                                     .arg(inForce)
                               : tr("The server refused the text: %n problem(s), listed with their lines. No rule set is in force.", nullptr, int(errors.size())),
                   true);
        return;
    }
    showStatus(tr("%1 did not happen: %2").arg(what, reply.value(QStringLiteral("message")).toString()), true);
}

void RuleEditor::closeEvent(QCloseEvent *event)
{
    if (!isModified() || m_closeConfirmed) {
        event->accept();
        return;
    }
    event->ignore();
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Unpublished changes"),
                                tr("The rule text has changes that are not published. Close the editor and lose them?"),
                                QMessageBox::Discard | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("discardChangesMessageBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setDefaultButton(QMessageBox::Cancel);
    connect(box, &QMessageBox::finished, this, [this, box] {
        if (box->clickedButton() == box->button(QMessageBox::Discard)) {
            m_closeConfirmed = true;
            close();
        }
    });
    box->open();
}

} // namespace Clearway::Ui
