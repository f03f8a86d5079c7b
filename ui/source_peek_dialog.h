#pragma once

// Shows a target schema file at the spot of a parse error: read-only, the error squiggled and
// the cursor on it. What the banner's "Open at the error" opens; fix the file in your editor
// and save, and Bellows re-plans.

#include "common/error.h"

#include <QDialog>

namespace bellows::ui {

class CodeEditor;

class SourcePeekDialog : public QDialog {
    Q_OBJECT
public:
    SourcePeekDialog(const Error& error, QWidget* parent = nullptr);

    CodeEditor* editor() const { return m_editor; }

private:
    CodeEditor* m_editor = nullptr;
};

} // namespace bellows::ui
