#include "review/approval_signing.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

namespace bellows::review {

namespace {

// One line per value: a newline inside a value must not forge another line.
QString oneLine(const QString& text)
{
    QString out = text;
    out.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    out.replace(QLatin1Char('\n'), QLatin1String("\\n"));
    out.replace(QLatin1Char('\r'), QLatin1String("\\r"));
    return out;
}

struct ToolRun {
    bool started = false;
    int exitCode = -1;
    QString output; // stdout and stderr
};

ToolRun runSshKeygen(const QStringList& args, const QByteArray& input = {})
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral("ssh-keygen"), args);
    ToolRun run;
    if (!process.waitForStarted(10000)) {
        run.output = QStringLiteral("cannot run ssh-keygen: %1").arg(process.errorString());
        return run;
    }
    run.started = true;
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished(1000);
        run.output = QStringLiteral("ssh-keygen did not finish in 30 s");
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.output = QString::fromLocal8Bit(process.readAll()).trimmed();
    return run;
}

bool writeFile(const QString& path, const QByteArray& data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

QString principal(const Identity& id)
{
    return id.email.isEmpty() ? id.name : id.email;
}

} // namespace

QByteArray signingPayload(const QString& planId, const Approval& approval)
{
    QString text = QStringLiteral("bellows-plan-approval 2\n");
    auto line = [&](const char* key, const QString& value) {
        text += QLatin1String(key) + QStringLiteral(": ") + oneLine(value) + QLatin1Char('\n');
    };
    line("plan", planId);
    line("approval", approval.id);
    line("scope", toString(approval.scope));
    line("target", approval.target);
    for (const ReviewedStep& s : approval.steps)
        line("step", QStringLiteral("%1 digest=%2").arg(s.stepId, s.digest));
    line("approver-name", approval.approver.name);
    line("approver-email", approval.approver.email);
    line("role", toString(approval.role));
    line("verdict", toString(approval.verdict));
    line("at", approval.at);
    line("comment-sha256", sqlHash(approval.comment));
    return text.toUtf8();
}

Result<QString> signPayload(const QByteArray& payload, const QString& keyFile)
{
    auto fail = [](const QString& message) {
        Error e;
        e.message = message;
        e.hint = QStringLiteral("sign with an SSH key without passphrase or one the ssh-agent "
                                "holds: ssh-keygen -Y sign -n bellows-plan -f KEY");
        return e;
    };
    if (!QFileInfo::exists(keyFile))
        return fail(QStringLiteral("%1: no such key file").arg(keyFile));
    QTemporaryDir dir;
    if (!dir.isValid())
        return fail(QStringLiteral("cannot make a temporary directory to sign in"));
    const QString payloadPath = dir.filePath(QStringLiteral("approval"));
    if (!writeFile(payloadPath, payload))
        return fail(QStringLiteral("cannot write %1").arg(payloadPath));
    const ToolRun run = runSshKeygen({QStringLiteral("-Y"), QStringLiteral("sign"),
                                      QStringLiteral("-n"), QLatin1String(kSignatureNamespace),
                                      QStringLiteral("-f"), keyFile, payloadPath});
    if (run.exitCode != 0)
        return fail(
            QStringLiteral("ssh-keygen could not sign with %1: %2").arg(keyFile, run.output));
    QFile signature(payloadPath + QStringLiteral(".sig"));
    if (!signature.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("ssh-keygen wrote no signature"));
    return QString::fromLatin1(signature.readAll()).trimmed();
}

QString toString(SignatureStatus status)
{
    switch (status) {
    case SignatureStatus::Unsigned:
        return QStringLiteral("unsigned");
    case SignatureStatus::NotChecked:
        return QStringLiteral("not checked");
    case SignatureStatus::Valid:
        return QStringLiteral("valid");
    case SignatureStatus::Invalid:
        return QStringLiteral("invalid");
    }
    return {};
}

SignatureCheck verifyPayload(const QByteArray& payload, const QString& signature,
                             const QString& principal, const QString& allowedSignersFile)
{
    SignatureCheck check;
    QTemporaryDir dir;
    const QString sigPath = dir.filePath(QStringLiteral("payload.sig"));
    if (!dir.isValid() || !writeFile(sigPath, signature.toLatin1() + '\n')) {
        check.status = SignatureStatus::NotChecked;
        check.message = QStringLiteral("cannot write a temporary file to verify");
        return check;
    }
    const ToolRun run =
        runSshKeygen({QStringLiteral("-Y"), QStringLiteral("verify"), QStringLiteral("-f"),
                      allowedSignersFile, QStringLiteral("-I"), principal, QStringLiteral("-n"),
                      QLatin1String(kSignatureNamespace), QStringLiteral("-s"), sigPath},
                     payload);
    check.message = run.output;
    // "Good "bellows-plan" signature for bob@example.com with ED25519 key SHA256:…"
    if (const auto key =
            QRegularExpression(QStringLiteral("key (SHA256:[A-Za-z0-9+/=]+)")).match(run.output);
        run.exitCode == 0 && key.hasMatch())
        check.keyFingerprint = key.captured(1);
    if (!run.started)
        check.status = SignatureStatus::NotChecked;
    else
        check.status = run.exitCode == 0 ? SignatureStatus::Valid : SignatureStatus::Invalid;
    return check;
}

Result<std::vector<SignatureCheck>> verifySignatures(const QString& planId,
                                                     const ReviewRecord& record,
                                                     const QString& allowedSignersFile)
{
    if (!allowedSignersFile.isEmpty() && !QFileInfo(allowedSignersFile).isReadable()) {
        Error e;
        e.message =
            QStringLiteral("%1: cannot read the allowed signers file").arg(allowedSignersFile);
        e.hint = QStringLiteral("one line per signer: EMAIL namespaces=\"bellows-plan\" "
                                "ssh-ed25519 AAAA... (see docs/review.md)");
        return e;
    }
    std::vector<SignatureCheck> checks;
    for (const Approval& a : record.approvals) {
        SignatureCheck check;
        check.approvalId = a.id;
        if (a.signature.isEmpty()) {
            check.status = SignatureStatus::Unsigned;
        } else if (allowedSignersFile.isEmpty()) {
            check.status = SignatureStatus::NotChecked;
            check.message = QStringLiteral("no allowed signers file given");
        } else {
            const SignatureCheck verified = verifyPayload(
                signingPayload(planId, a), a.signature, principal(a.approver), allowedSignersFile);
            check.status = verified.status;
            check.message = verified.message;
            check.keyFingerprint = verified.keyFingerprint;
        }
        checks.push_back(check);
    }
    return checks;
}

} // namespace bellows::review
