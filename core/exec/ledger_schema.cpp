#include "exec/ledger_schema.h"

namespace bellows::exec {

const QStringList& ledgerMigrations()
{
    static const QStringList migrations = {
        // Version 1: runs, steps, backfill checkpoints, object states for drift, events.
        QStringLiteral(R"sql(
CREATE TABLE bellows.ledger_runs (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    plan_id text NOT NULL,
    plan_fingerprint text NOT NULL,
    source_fingerprint text,
    target_description text,
    db_user text NOT NULL DEFAULT current_user,
    os_user text,
    client_host text,
    client_pid integer,
    backend_pid integer NOT NULL DEFAULT pg_backend_pid(),
    bellows_version text,
    started_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    finished_at timestamptz,
    outcome text NOT NULL DEFAULT 'running'
        CHECK (outcome IN ('running', 'completed', 'stopped', 'failed', 'cancelled',
                           'refused', 'interrupted')),
    message text
);
CREATE INDEX ledger_runs_plan_id_idx ON bellows.ledger_runs (plan_id, started_at);

CREATE TABLE bellows.ledger_steps (
    run_id bigint NOT NULL REFERENCES bellows.ledger_runs (id),
    plan_id text NOT NULL,
    step_id text NOT NULL,
    phase text NOT NULL,
    title text NOT NULL,
    sql_sha256 text NOT NULL,
    attempts integer NOT NULL DEFAULT 0,
    statements_done integer NOT NULL DEFAULT 0,
    started_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    finished_at timestamptz,
    status text NOT NULL
        CHECK (status IN ('running', 'done', 'failed', 'cancelled', 'rolled_back')),
    rows bigint,
    error text,
    sqlstate text,
    PRIMARY KEY (run_id, step_id)
);
CREATE INDEX ledger_steps_plan_step_idx ON bellows.ledger_steps (plan_id, step_id, started_at);

CREATE TABLE bellows.ledger_checkpoints (
    plan_id text NOT NULL,
    step_id text NOT NULL,
    last_key text[],
    rows_done bigint NOT NULL DEFAULT 0,
    batches bigint NOT NULL DEFAULT 0,
    rows_estimated bigint,
    batch_rows integer,
    finished boolean NOT NULL DEFAULT false,
    updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (plan_id, step_id)
);

CREATE TABLE bellows.ledger_object_states (
    plan_id text NOT NULL,
    object text NOT NULL,
    description text,
    after_step text,
    recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (plan_id, object)
);

CREATE TABLE bellows.ledger_events (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id bigint REFERENCES bellows.ledger_runs (id),
    step_id text,
    at timestamptz NOT NULL DEFAULT clock_timestamp(),
    kind text NOT NULL,
    message text NOT NULL,
    sql text,
    duration_ms bigint,
    sqlstate text
);
CREATE INDEX ledger_events_run_idx ON bellows.ledger_events (run_id, id);
)sql"),
        // Version 2: who ran a plan (the executor, as named to apply) and the approvals each
        // step ran on, so the audit trail of review lives with the data.
        QStringLiteral(R"sql(
ALTER TABLE bellows.ledger_runs ADD COLUMN executor_name text, ADD COLUMN executor_email text;
ALTER TABLE bellows.ledger_steps ADD COLUMN rollback_sha256 text;

CREATE TABLE bellows.ledger_approvals (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id bigint NOT NULL REFERENCES bellows.ledger_runs (id),
    plan_id text NOT NULL,
    step_id text NOT NULL,
    approval_id text NOT NULL,
    approver_name text NOT NULL,
    approver_email text NOT NULL DEFAULT '',
    role text NOT NULL,
    verdict text NOT NULL,
    approved_at text,
    sql_sha256 text NOT NULL,
    rollback_sha256 text,
    comment text,
    signature text,
    signature_status text NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    UNIQUE (run_id, step_id, approval_id)
);
CREATE INDEX ledger_approvals_plan_step_idx ON bellows.ledger_approvals (plan_id, step_id);
)sql"),
        // Version 3: one checkpoint per part of a backfill (a leaf partition of a partitioned
        // table; '' for a plain table), and why a done step was run again (apply --redo).
        QStringLiteral(R"sql(
ALTER TABLE bellows.ledger_checkpoints ADD COLUMN part text NOT NULL DEFAULT '';
ALTER TABLE bellows.ledger_checkpoints DROP CONSTRAINT ledger_checkpoints_pkey;
ALTER TABLE bellows.ledger_checkpoints ADD PRIMARY KEY (plan_id, step_id, part);
ALTER TABLE bellows.ledger_steps ADD COLUMN redo_reason text;
)sql"),
        // Version 4: the step digest approvals bind (plan/step_digest.h), the login role besides
        // the effective one (session_user differs after SET ROLE), and the run's own signature.
        QStringLiteral(R"sql(
ALTER TABLE bellows.ledger_steps ADD COLUMN step_digest text;
ALTER TABLE bellows.ledger_runs ADD COLUMN db_session_user text;
ALTER TABLE bellows.ledger_runs ADD COLUMN run_signature text;
ALTER TABLE bellows.ledger_runs ADD COLUMN run_signer text;
ALTER TABLE bellows.ledger_runs ADD COLUMN run_signature_status text;
)sql"),
    };
    return migrations;
}

} // namespace bellows::exec
