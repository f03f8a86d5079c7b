#pragma once

// The inline message banner above the window's pages: errors (red), warnings and proposals
// (amber), with links for what to do next ("Open at the error", "Review in the Diff tab").
// Its colours come from the palette and follow a switch to dark mode.

#include <QLabel>

namespace bellows::ui {

class MessageBanner : public QLabel {
    Q_OBJECT
public:
    enum class Kind { Error, Warning };

    explicit MessageBanner(QWidget* parent = nullptr);

    void showMessage(const QString& html, Kind kind);
    Kind kind() const { return m_kind; }
    // The visible banner's text, empty when hidden.
    QString visibleText() const;
    // Recomputes the colours from the parent's palette (the window calls it on a palette
    // change, e.g. a switch to dark mode).
    void restyle();

protected:
    void changeEvent(QEvent* event) override;

private:
    Kind m_kind = Kind::Error;
    bool m_applying = false;
};

} // namespace bellows::ui
