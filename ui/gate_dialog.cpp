#include "gate_dialog.h"

#include "confirmation_dialog.h"

#include <QCheckBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace bellows::ui {

namespace {

// The planner writes instructions as a sentence ending in ':' followed by one step title per
// line; shown as a bullet list, the steps that follow the gate stand out.
QString instructionsHtml(const QString& text)
{
    QString html;
    bool inList = false;
    for (const QString& line : text.split(QLatin1Char('\n'))) {
        if (line.trimmed().isEmpty())
            continue;
        if (inList) {
            html += QStringLiteral("<li>%1</li>").arg(line.toHtmlEscaped());
            continue;
        }
        html += QStringLiteral("<p>%1</p>").arg(line.toHtmlEscaped());
        if (line.trimmed().endsWith(QLatin1Char(':'))) {
            html += QStringLiteral("<ul style='margin-top:0'>");
            inList = true;
        }
    }
    if (inList)
        html += QStringLiteral("</ul>");
    return html;
}

} // namespace

GateDialog::GateDialog(const plan::Gate& gate, const QString& server, const QString& database,
                       EnvironmentTag environment, QWidget* parent)
    : QDialog(parent), m_gate(gate), m_environment(environment)
{
    setObjectName(QStringLiteral("gateDialog"));
    setWindowTitle(
        QStringLiteral("Gate before %1: %2").arg(plan::phaseTitle(gate.before), gate.title));

    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(4, 4, 4, 10);
    outer->setSpacing(10);
    outer->addWidget(
        makeEnvironmentHeader(environment, QStringLiteral("%1  /  %2").arg(server, database),
                              QStringLiteral("Gate — the run stops here before the %1 phase")
                                  .arg(plan::phaseTitle(gate.before)),
                              this));

    auto* body = new QVBoxLayout;
    body->setContentsMargins(14, 0, 14, 0);
    body->setSpacing(10);
    outer->addLayout(body, 1);

    auto* title = new QLabel(gate.title, this);
    title->setObjectName(QStringLiteral("gateTitle"));
    title->setWordWrap(true);
    QFont titleFont = title->font();
    titleFont.setBold(true);
    if (titleFont.pointSizeF() > 0)
        titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    title->setFont(titleFont);
    body->addWidget(title);

    if (!gate.instructions.isEmpty()) {
        auto* instructions = new QLabel(instructionsHtml(gate.instructions), this);
        instructions->setObjectName(QStringLiteral("gateInstructions"));
        instructions->setWordWrap(true);
        instructions->setTextFormat(Qt::RichText);
        instructions->setTextInteractionFlags(Qt::TextSelectableByMouse);
        body->addWidget(instructions);
    }

    auto* box = new QGroupBox(QStringLiteral("Tick each item once it is done"), this);
    auto* boxLayout = new QVBoxLayout(box);
    // A gate without a checklist still asks for one explicit tick: passing it must be a decision.
    QStringList items = gate.checklist;
    if (items.isEmpty())
        items << QStringLiteral("I have done what is described above");
    for (int i = 0; i < items.size(); ++i) {
        auto* item = new QCheckBox(items.at(i), box);
        item->setObjectName(QStringLiteral("gateItem_%1").arg(i));
        connect(item, &QCheckBox::toggled, this, &GateDialog::updatePassState);
        boxLayout->addWidget(item);
        m_items << item;
    }
    body->addWidget(box);
    body->addStretch(1);

    auto* buttons = new QHBoxLayout;
    m_progress = new QLabel(this);
    m_progress->setObjectName(QStringLiteral("gateProgress"));
    m_stop = new QPushButton(QStringLiteral("Stop here"), this);
    m_stop->setObjectName(QStringLiteral("stopButton"));
    m_stop->setDefault(true);
    m_pass = new QPushButton(QStringLiteral("Pass the gate"), this);
    m_pass->setObjectName(QStringLiteral("passButton"));
    m_pass->setAutoDefault(false);
    buttons->addWidget(m_progress, 1);
    buttons->addWidget(m_stop);
    buttons->addWidget(m_pass);
    body->addLayout(buttons);

    connect(m_stop, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_pass, &QPushButton::clicked, this, [this] {
        if (allChecked())
            accept();
    });
    updatePassState();
    setMinimumWidth(620);
    m_stop->setFocus();
}

bool GateDialog::allChecked() const
{
    return checkedCount() == m_items.size();
}

int GateDialog::checkedCount() const
{
    int count = 0;
    for (const QCheckBox* item : m_items)
        count += item->isChecked() ? 1 : 0;
    return count;
}

void GateDialog::updatePassState()
{
    const bool ready = allChecked();
    m_pass->setEnabled(ready);
    m_progress->setText(
        ready ? QStringLiteral("All %1 items done.").arg(m_items.size())
              : QStringLiteral("%1 of %2 items done.").arg(checkedCount()).arg(m_items.size()));
}

void GateDialog::paintEvent(QPaintEvent* event)
{
    QDialog::paintEvent(event);
    paintEnvironmentFrame(this, m_environment);
}

} // namespace bellows::ui
