#include "message_banner.h"

#include "palette_colors.h"

#include <QEvent>

namespace bellows::ui {

MessageBanner::MessageBanner(QWidget* parent) : QLabel(parent)
{
    setObjectName(QStringLiteral("banner"));
    setWordWrap(true);
    setTextFormat(Qt::RichText);
    setTextInteractionFlags(Qt::TextBrowserInteraction);
    setOpenExternalLinks(false);
    hide();
}

void MessageBanner::showMessage(const QString& html, Kind kind)
{
    m_kind = kind;
    setText(html);
    restyle();
    show();
}

QString MessageBanner::visibleText() const
{
    return isVisibleTo(parentWidget()) ? text() : QString();
}

void MessageBanner::restyle()
{
    // The window's palette: this label's own has the roles its style sheet sets pinned, and
    // on a change the window hears of it before its children do.
    const QPalette pal = window()->palette();
    const QColor accent =
        m_kind == Kind::Error ? QColor(0xdc, 0x3d, 0x3d) : QColor(0xe0, 0x92, 0x0b);
    const bool dark = isDark(pal);
    // Setting a style sheet changes the palette, which calls this again: only set a new one.
    const QString sheet =
        QStringLiteral("QLabel#banner { background: %1; color: %2; border: 1px solid %3;"
                       " border-left: 5px solid %3; border-radius: 3px; padding: 6px;"
                       " margin: 4px 4px 0px 4px; }")
            .arg(blend(pal.color(QPalette::Base), accent, dark ? 0.28 : 0.14).name(),
                 pal.color(QPalette::Text).name(), accent.name());
    if (sheet == styleSheet() || m_applying)
        return;
    m_applying = true;
    setStyleSheet(sheet);
    m_applying = false;
}

void MessageBanner::changeEvent(QEvent* event)
{
    QLabel::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && isVisible())
        restyle();
}

} // namespace bellows::ui
