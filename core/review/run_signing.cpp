#include "review/run_signing.h"

#include "plan/step_digest.h"
#include "review/approval_signing.h"

namespace bellows::review {

namespace {

Error refusedRun(const QString& message)
{
    Error e;
    e.message = message;
    e.hint = QStringLiteral("the plan's review policy requires signatures: sign the run with "
                            "your own key (apply --sign-key KEY or $BELLOWS_SIGNING_KEY), listed "
                            "for your e-mail in the allowed signers file");
    return e;
}

} // namespace

QByteArray runSigningPayload(const plan::Plan& plan, const Identity& executor)
{
    QString text = QStringLiteral("bellows-plan-run 1\n");
    auto line = [&](const char* key, const QString& value) {
        QString v = value;
        v.replace(QLatin1Char('\n'), QLatin1String("\\n"));
        text += QLatin1String(key) + QStringLiteral(": ") + v + QLatin1Char('\n');
    };
    line("plan", plan.id);
    line("plan-digest", plan::planDigest(plan));
    line("executor-name", executor.name);
    line("executor-email", executor.email);
    return text.toUtf8();
}

Result<RunSignature> signRun(const plan::Plan& plan, const Identity& executor,
                             const QString& keyFile, const QString& allowedSignersFile)
{
    if (executor.email.isEmpty())
        return refusedRun(QStringLiteral("a signed run needs the executor's e-mail (--as-email): "
                                         "the signature is verified for it"));
    if (allowedSignersFile.isEmpty())
        return refusedRun(QStringLiteral("the run's signature cannot be verified: no allowed "
                                         "signers file (--allowed-signers)"));
    if (keyFile.isEmpty())
        return refusedRun(
            QStringLiteral("the run is not signed: %1 must sign it").arg(executor.display()));
    const QByteArray payload = runSigningPayload(plan, executor);
    auto signature = signPayload(payload, keyFile);
    if (!signature)
        return refusedRun(signature.error().message);
    const SignatureCheck check =
        verifyPayload(payload, *signature, executor.email, allowedSignersFile);
    if (check.status != SignatureStatus::Valid)
        return refusedRun(QStringLiteral("the run's signature does not verify for %1 (%2): only "
                                         "the key listed for that e-mail can run as them")
                              .arg(executor.display(), check.message));
    return RunSignature{*signature, executor.email, check.keyFingerprint};
}

} // namespace bellows::review
