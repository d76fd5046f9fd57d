import type { Queryable, SqlParam } from './db.js';

/** Where a change came from (the audit log's `source`; the same words as data_value.source). */
export type AuditSource = 'web' | 'import' | 'api' | 'cli' | 'demo';

export type AuditAction =
  'create' | 'update' | 'delete' | 'approve' | 'return' | 'submit' | 'reopen' | 'login' | 'logout';

/** Who made a change, as the audit log records it; an app-layer Actor fits this shape. */
export interface ChangeAuthor {
  name: string;
  source: AuditSource;
  address?: string;
}

/** One audit row to write: who, from where, what, and the entity's data before and after (JSON-able). */
export interface AuditRowInput {
  actor: string | null;
  source: AuditSource;
  address?: string | null;
  action: AuditAction;
  /** What changed: `value`, `indicator`, `plan`, `target`, `unit`, `validationRule`, … */
  entity: string;
  /** The entity's key as users write it, e.g. `DX_A|15|2024` for a value. */
  entityKey: string;
  provinceCode?: string | null;
  oldData: unknown;
  newData: unknown;
  /** When; the database's clock when absent. */
  at?: Date | null;
}

export interface AuditRow {
  id: number;
  at: Date;
  actor: string | null;
  source: string;
  address: string | null;
  action: AuditAction;
  entity: string;
  entityKey: string;
  provinceCode: string | null;
  oldData: unknown;
  newData: unknown;
}

/** Rows per batched `unnest` statement: bounds one statement's arrays (and PGlite's memory) in few round trips. */
const BATCH = 2000;

const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

/**
 * Appends audit rows in batches of one statement each (the import writes thousands at once); the product
 * only ever inserts into audit_log. Run it in the transaction that makes the change.
 */
export async function insertAuditRows(q: Queryable, rows: readonly AuditRowInput[]): Promise<number> {
  let written = 0;
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    const inserted = await q.query(
      `INSERT INTO audit_log (at, actor, source, address, action, entity, entity_key, province_code, old_data, new_data)
       SELECT COALESCE(r.at::timestamptz, now()), r.actor, r.source, r.address, r.action, r.entity, r.entity_key,
              r.province_code, r.old_data::jsonb, r.new_data::jsonb
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                   $9::text[], $10::text[])
            AS r(at, actor, source, address, action, entity, entity_key, province_code, old_data, new_data)
       RETURNING 1`,
      [
        batch.map((r) => r.at?.toISOString() ?? null),
        batch.map((r) => r.actor),
        batch.map((r) => r.source),
        batch.map((r) => r.address ?? null),
        batch.map((r) => r.action),
        batch.map((r) => r.entity),
        batch.map((r) => r.entityKey),
        batch.map((r) => r.provinceCode ?? null),
        batch.map((r) => json(r.oldData)),
        batch.map((r) => json(r.newData)),
      ],
    );
    written += inserted.length;
  }
  return written;
}

/** Audit rows listed for one entity when no limit is given: a long history, still one screen's worth to read. */
export const AUDIT_LIST_DEFAULT = 1000;

/** The audit rows of one entity, oldest first. */
export async function listAuditRows(
  q: Queryable,
  entity: string,
  entityKey: string,
  limit = AUDIT_LIST_DEFAULT,
): Promise<AuditRow[]> {
  return q.query<AuditRow>(
    `SELECT id, at, actor, source, address, action, entity, entity_key AS "entityKey",
            province_code AS "provinceCode", old_data AS "oldData", new_data AS "newData"
     FROM audit_log WHERE entity = $1 AND entity_key = $2 ORDER BY at, id LIMIT $3`,
    [entity, entityKey, limit],
  );
}

/** What the audit log may be searched by; every filter given must hold. */
export interface AuditSearch {
  entity?: string | undefined;
  entityKey?: string | undefined;
  /** Who: the actor's name, case-insensitive, in part (`quantri` finds `demo.quantri`). */
  actor?: string | undefined;
  action?: string | undefined;
  /** From this time on (inclusive) and before `to` (exclusive). */
  from?: Date | undefined;
  to?: Date | undefined;
  /** Only rows of these provinces (null: every row, those of no province included). */
  provinces: readonly string[] | null;
  /** A unit as users write it: rows whose key names it (one of its `|` parts), or rows of `unitProvince`. */
  unitRef?: string | undefined;
  unitProvince?: string | null | undefined;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

/** A page of audit rows matching the search, and how many match in all (two statements, one snapshot). */
export async function searchAuditRows(
  q: Queryable,
  search: AuditSearch,
): Promise<{ rows: AuditRow[]; total: number }> {
  const where: string[] = [];
  const params: SqlParam[] = [];
  const add = (sql: (n: string) => string, value: SqlParam): void => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (search.entity !== undefined) add((n) => `entity = ${n}`, search.entity);
  if (search.entityKey !== undefined) add((n) => `entity_key = ${n}`, search.entityKey);
  if (search.actor !== undefined) add((n) => `strpos(lower(actor), lower(${n})) > 0`, search.actor);
  if (search.action !== undefined) add((n) => `action = ${n}`, search.action);
  if (search.from !== undefined) add((n) => `at >= ${n}::timestamptz`, search.from.toISOString());
  if (search.to !== undefined) add((n) => `at < ${n}::timestamptz`, search.to.toISOString());
  if (search.provinces !== null) add((n) => `province_code = ANY(${n}::text[])`, [...search.provinces]);
  if (search.unitRef !== undefined) {
    params.push(search.unitRef);
    const ref = `$${params.length}`;
    if (search.unitProvince) {
      params.push(search.unitProvince);
      where.push(`(${ref} = ANY(string_to_array(entity_key, '|')) OR province_code = $${params.length})`);
    } else {
      where.push(`${ref} = ANY(string_to_array(entity_key, '|'))`);
    }
  }
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const direction = search.order === 'desc' ? 'DESC' : 'ASC';
  const rows = await q.query<AuditRow>(
    `SELECT id::float8 AS id, at, actor, source, address, action, entity, entity_key AS "entityKey",
            province_code AS "provinceCode", old_data AS "oldData", new_data AS "newData"
     FROM audit_log ${clause} ORDER BY at ${direction}, id ${direction}
     LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, search.limit, search.offset],
  );
  const counted = await q.query<{ total: string }>(
    `SELECT count(*) AS total FROM audit_log ${clause}`,
    params,
  );
  return { rows, total: Number(counted[0]?.total ?? 0) };
}
