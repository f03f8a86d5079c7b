#pragma once

// Tamper evidence, the way git signs commits: an approval is signed with the approver's SSH key
// (ssh-keygen -Y sign -n bellows-plan) over a canonical payload (plan id, what it covers, the
// SQL hashes, approver, role, verdict, time, comment) and verified against an allowed_signers
// file (ssh-keygen -Y verify -I EMAIL). ssh-keygen runs through QProcess.

#include "common/result.h"
#include "review/review_record.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace bellows::review {

// The SSH signature namespace: a signature made for anything else does not verify here.
inline constexpr const char* kSignatureNamespace = "bellows-plan";

// The exact bytes signed: one "key: value" line each, steps in the approval's order. Everything
// that decides what an approval means is in it (not the reviewed SQL text, whose hash is).
QByteArray signingPayload(const QString& planId, const Approval& approval);

// Signs the payload with a private key file (or a public key file whose private half the agent
// holds); returns the armored signature.
Result<QString> signPayload(const QByteArray& payload, const QString& keyFile);

enum class SignatureStatus {
    Unsigned,   // no signature
    NotChecked, // signed, but no allowed_signers file was given
    Valid,      // verifies for the approver's e-mail in allowed_signers
    Invalid,    // does not verify: the approval or the plan's hashes were altered, another key
                // signed, or the approver is not the key's principal
};
QString toString(SignatureStatus status); // "unsigned", "not checked", "valid", "invalid"

struct SignatureCheck {
    QString approvalId;
    SignatureStatus status = SignatureStatus::Unsigned;
    QString message;        // ssh-keygen's words when it refused, or why it was not checked
    QString keyFingerprint; // "SHA256:…" of the key a valid signature verified with
};

// Verifies one signature over `payload` for `principal` (an e-mail in allowed_signers).
SignatureCheck verifyPayload(const QByteArray& payload, const QString& signature,
                             const QString& principal, const QString& allowedSignersFile);

// One check per approval, in the record's order. An empty allowedSignersFile leaves signed
// approvals NotChecked; an unreadable one is an error.
Result<std::vector<SignatureCheck>> verifySignatures(const QString& planId,
                                                     const ReviewRecord& record,
                                                     const QString& allowedSignersFile);

} // namespace bellows::review
