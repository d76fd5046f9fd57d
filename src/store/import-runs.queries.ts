// Large imports applied in steps on the embedded database (migration 0013, docs/import.md "A large import on the
// embedded database"): a run is staged while nothing of it is decided, marked `applying` in the transaction that
// writes the file's other sheets, then applied a step at a time, each step a short transaction of its own, so
// that other requests take their turns between steps. A run found `staging` when the database opens is discarded;
// one found `applying` is finished.
import type { Db, Queryable } from './db.js';
import { findUnitsByKeys, writeValues, type ImportAuthor, type ValueWrite } from './import.queries.js';

/** Values per step: a step holds the embedded database for a fraction of a second. */
export const IMPORT_STEP_ROWS = 1_000;

/** A value staged for a later step, its unit and indicator named by codes. */
export interface StagedValue extends Omit<ValueWrite, 'indicatorId' | 'unitId'> {
  indicatorCode: string;
  unitSet: string;
  unitCode: string;
}

/** A run as stored: where it is, and what its applied steps wrote. */
export interface ImportRunRow {
  id: number;
  state: 'staging' | 'applying' | 'done';
  fileName: string;
  actor: string;
  total: number;
  applied: number;
  inserted: number;
  updated: number;
  skipped: number;
}

const RUN_COLUMNS = `id::int AS id, state, file_name AS "fileName", actor, total, applied, inserted, updated, skipped`;

/** The columns of a staged value, in the order a step's JSON arrays hold them. */
const STAGED_FIELDS = [
  'indicatorCode',
  'unitSet',
  'unitCode',
  'period',
  'periodType',
  'periodStart',
  'periodEnd',
  'entityKey',
  'value',
  'numerator',
  'denominator',
  'comment',
] as const satisfies readonly (keyof StagedValue)[];

type StagedTuple = StagedValue[(typeof STAGED_FIELDS)[number]][];

/** Starts a run, `staging`: nothing of it counts until markImportRunApplying. */
export async function createImportRun(
  q: Queryable,
  run: { fileName: string; author: ImportAuthor; keepComment: boolean; total: number },
): Promise<number> {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO import_run (state, file_name, actor, source, address, keep_comment, total)
     VALUES ('staging', $1, $2, $3, $4, $5, $6) RETURNING id::int AS id`,
    [run.fileName, run.author.name, run.author.source, run.author.address, run.keepComment, run.total],
  );
  if (!row) throw new Error('import_run: no id returned');
  return row.id;
}

/** Stages one step's values (at most IMPORT_STEP_ROWS, in file order). */
export async function stageImportStep(
  q: Queryable,
  runId: number,
  seq: number,
  values: readonly StagedValue[],
): Promise<void> {
  const rows: StagedTuple[] = values.map((v) => STAGED_FIELDS.map((f) => v[f]));
  await q.query('INSERT INTO import_run_step (run_id, seq, rows) VALUES ($1, $2, $3::jsonb)', [
    runId,
    seq,
    JSON.stringify(rows),
  ]);
}

/** Decides a staged run: from this transaction's commit on, its steps are applied whatever happens. */
export async function markImportRunApplying(tx: Queryable, runId: number): Promise<void> {
  await tx.query(`UPDATE import_run SET state = 'applying' WHERE id = $1 AND state = 'staging'`, [runId]);
}

/** Removes a run that was never decided, and its staged steps. */
export async function discardImportRun(q: Queryable, runId: number): Promise<void> {
  await q.query(`DELETE FROM import_run WHERE id = $1 AND state = 'staging'`, [runId]);
}

/** How many runs are being applied (approvals wait for them: docs/import.md). */
export async function countApplyingImportRuns(q: Queryable): Promise<number> {
  const [row] = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM import_run WHERE state = 'applying'`,
  );
  return row?.n ?? 0;
}

/** One run as stored. */
export async function findImportRun(q: Queryable, runId: number): Promise<ImportRunRow | null> {
  const [row] = await q.query<ImportRunRow>(`SELECT ${RUN_COLUMNS} FROM import_run WHERE id = $1`, [runId]);
  return row ?? null;
}

function staged(tuple: StagedTuple): StagedValue {
  const v: Record<string, unknown> = {};
  STAGED_FIELDS.forEach((f, i) => (v[f] = tuple[i] ?? null));
  return v as unknown as StagedValue;
}

/**
 * Applies the next step of an `applying` run in one transaction — its values written as the import writes them
 * (only what changes, each change audited), the step removed, the run's counts added to — and, after the last,
 * marks the run `done`. Returns the run as it then stands.
 */
export async function applyImportStep(db: Db, runId: number): Promise<ImportRunRow> {
  // A background turn: requests waiting on the embedded database go first (turns.ts).
  return db.transaction(
    async (tx) => {
      const [run] = await tx.query<
        ImportRunRow & { source: string; address: string | null; keepComment: boolean }
      >(
        `SELECT ${RUN_COLUMNS}, source, address, keep_comment AS "keepComment"
       FROM import_run WHERE id = $1 AND state = 'applying' FOR UPDATE`,
        [runId],
      );
      if (!run) throw new Error(`import run ${runId} is not being applied`);
      const [step] = await tx.query<{ seq: number; rows: StagedTuple[] }>(
        'SELECT seq, rows FROM import_run_step WHERE run_id = $1 ORDER BY seq LIMIT 1',
        [runId],
      );
      if (!step) {
        const [done] = await tx.query<ImportRunRow>(
          `UPDATE import_run SET state = 'done', finished_at = now() WHERE id = $1 RETURNING ${RUN_COLUMNS}`,
          [runId],
        );
        if (run.inserted > 10_000) await tx.exec('ANALYZE data_value');
        return done ?? run;
      }
      const values = step.rows.map(staged);
      const units = await findUnitsByKeys(
        tx,
        values.map((v) => ({ set: v.unitSet, code: v.unitCode })),
      );
      const unitIds = new Map(units.map((u) => [`${u.set}:${u.code}`, u.id]));
      const indicators = await tx.query<{ id: number; code: string }>(
        'SELECT id::int AS id, code FROM indicator WHERE code = ANY($1::text[])',
        [[...new Set(values.map((v) => v.indicatorCode))]],
      );
      const indicatorIds = new Map(indicators.map((i) => [i.code, i.id]));
      const rows: ValueWrite[] = [];
      for (const v of values) {
        const unitId = unitIds.get(`${v.unitSet}:${v.unitCode}`);
        const indicatorId = indicatorIds.get(v.indicatorCode);
        if (unitId === undefined || indicatorId === undefined) continue;
        const { indicatorCode: _i, unitSet: _s, unitCode: _u, ...rest } = v;
        rows.push({ ...rest, unitId, indicatorId });
      }
      const author: ImportAuthor = { name: run.actor, source: run.source, address: run.address };
      const written = await writeValues(tx, rows, run.keepComment, author);
      await tx.query('DELETE FROM import_run_step WHERE run_id = $1 AND seq = $2', [runId, step.seq]);
      const [after] = await tx.query<ImportRunRow>(
        `UPDATE import_run SET applied = applied + $2, inserted = inserted + $3, updated = updated + $4,
              skipped = skipped + $5
       WHERE id = $1 RETURNING ${RUN_COLUMNS}`,
        [runId, values.length, written.inserted, written.updated, values.length - rows.length],
      );
      return after ?? run;
    },
    { background: true },
  );
}

/** What opening the database found of runs a stop interrupted. */
export interface InterruptedImports {
  /** Runs stopped while staging: nothing of them had been written; they are removed. */
  discarded: number;
  /** Runs stopped while applying, now finished. */
  finished: ImportRunRow[];
}

/**
 * Settles the runs a stop interrupted, when a database opens: discards the undecided ones and applies the rest of
 * each decided one, telling `onStep` after each step.
 */
export async function settleInterruptedImports(
  db: Db,
  onStep?: (run: ImportRunRow) => void,
): Promise<InterruptedImports> {
  const runs = await db.query<ImportRunRow>(
    `SELECT ${RUN_COLUMNS} FROM import_run WHERE state <> 'done' ORDER BY id`,
  );
  let discarded = 0;
  const finished: ImportRunRow[] = [];
  for (const run of runs) {
    if (run.state === 'staging') {
      await discardImportRun(db, run.id);
      discarded += 1;
      continue;
    }
    let now = run;
    while (now.state === 'applying') {
      now = await applyImportStep(db, run.id);
      onStep?.(now);
    }
    finished.push(now);
  }
  return { discarded, finished };
}
