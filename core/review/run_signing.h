#pragma once

// A signed run: when a plan's review policy requires signed approvals, whoever runs it signs
// too. The executor signs the plan's digest and their own identity with their SSH key
// (ssh-keygen -Y sign, namespace bellows-plan) and the signature must verify against the same
// allowed_signers file for the executor's e-mail before anything connects. Separation of
// duties then compares verified identities on both sides: Bob cannot run as Carol, since
// Bob's key does not verify for carol@. The ledger keeps the signature (docs/security.md).

#include "common/result.h"
#include "plan/plan.h"
#include "review/identity.h"

#include <QByteArray>
#include <QString>

namespace bellows::review {

// The exact bytes a run signs: plan id, plan digest (plan::planDigest), executor.
QByteArray runSigningPayload(const plan::Plan& plan, const Identity& executor);

struct RunSignature {
    QString signature;      // armored SSH signature
    QString signer;         // the principal it verified for (the executor's e-mail)
    QString keyFingerprint; // SHA256:… of the key it verified with
};

// Signs with `keyFile` and verifies the result for the executor against `allowedSignersFile`.
// The error says, in plain words, why the run may not go ahead (no key, no e-mail, no signers
// file, a signature that does not verify for the executor).
Result<RunSignature> signRun(const plan::Plan& plan, const Identity& executor,
                             const QString& keyFile, const QString& allowedSignersFile);

} // namespace bellows::review
