#pragma once

// A backfill as one SQL script that runs anywhere plain SQL runs (psql, Flyway): a PL/pgSQL
// loop around the runner's own batch statement (exec::backfillBatchSql, or the ctid page-range
// batch for a table without a primary key) that commits after every batch, so each batch is
// its own short transaction as under `bellows-cli apply`. COMMIT inside DO needs PostgreSQL 11
// or later and autocommit (psql without --single-transaction; Flyway executeInTransaction=false).

#include "plan/plan.h"

#include <QString>

namespace bellows::exporting {

// The whole script: comments (what it does, how to run and resume it), the session settings,
// and the DO block. `serverVersionNum` (0: unknown) adds a warning for servers before 11.
QString backfillScript(const plan::Step& step, int serverVersionNum);

} // namespace bellows::exporting
