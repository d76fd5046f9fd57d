import type { UnitKind, UnitLevel } from '../domain/unit-vocabulary.js';
import { LIST_LIMIT_DEFAULT, type Queryable } from './db.js';

/** A unit to write: its parent is named by set and code (a workspace unit may hang under an official one). */
export interface UnitInput {
  code: string;
  name: string;
  shortName: string;
  nameEn: string | null;
  searchName: string;
  level: UnitLevel;
  kind: UnitKind;
  subtype: string | null;
  parent: { set: string; code: string } | null;
  validFrom: string | null;
  validTo: string | null;
}

export interface UnitRow {
  id: number;
  set: string;
  code: string;
  name: string;
  shortName: string;
  nameEn: string | null;
  level: UnitLevel;
  kind: UnitKind;
  subtype: string | null;
  parentId: number | null;
  parentSet: string | null;
  parentCode: string | null;
  path: string;
  depth: number;
  provinceCode: string | null;
  validFrom: string | null;
  validTo: string | null;
}

const UNIT_COLUMNS = `
  u.id, u.set_code AS "set", u.code, u.name, u.short_name AS "shortName", u.name_en AS "nameEn",
  u.level, u.kind, u.subtype, u.parent_id AS "parentId", p.set_code AS "parentSet", p.code AS "parentCode",
  u.path, u.depth, u.province_code AS "provinceCode", u.valid_from AS "validFrom", u.valid_to AS "validTo"`;

/** Rows per batched `unnest` statement: bounds one statement's arrays (and PGlite's memory) in few round trips. */
const BATCH = 2000;

/** Splits units into generations so that a parent given in the same list is always written first. */
function generations(set: string, units: readonly UnitInput[]): UnitInput[][] {
  const byCode = new Map(units.map((u) => [u.code, u]));
  const memo = new Map<string, number>();
  const generationOf = (unit: UnitInput, seen: number): number => {
    const known = memo.get(unit.code);
    if (known !== undefined) return known;
    const parent = unit.parent && unit.parent.set === set ? byCode.get(unit.parent.code) : undefined;
    // A cycle in the input is cut here; the parent link then simply stays unresolved.
    const generation = parent && seen < units.length ? generationOf(parent, seen + 1) + 1 : 0;
    memo.set(unit.code, generation);
    return generation;
  };
  const groups: UnitInput[][] = [];
  for (const unit of units) (groups[generationOf(unit, 0)] ??= []).push(unit);
  return groups.filter((group) => group !== undefined);
}

/**
 * Inserts or updates units of one set by code, each parent before its children. Rows that would not
 * change are left alone, so loading the same list twice writes nothing.
 */
export async function upsertUnits(
  q: Queryable,
  set: string,
  units: readonly UnitInput[],
): Promise<{ inserted: number; updated: number }> {
  let inserted = 0;
  let updated = 0;
  const batches = generations(set, units).flatMap((group) => {
    const slices: UnitInput[][] = [];
    for (let start = 0; start < group.length; start += BATCH) slices.push(group.slice(start, start + BATCH));
    return slices;
  });
  for (const batch of batches) {
    const col = <K extends keyof UnitInput>(key: K) => batch.map((u) => u[key]);
    const rows = await q.query<{ inserted: boolean }>(
      `INSERT INTO unit (set_code, code, name, short_name, name_en, search_name, level, kind, subtype,
                         parent_id, path, depth, valid_from, valid_to)
       SELECT $1, i.code, i.name, i.short_name, i.name_en, i.search_name, i.level, i.kind, i.subtype,
              p.id, '', 0, i.valid_from::date, i.valid_to::date
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                   $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])
            AS i(code, name, short_name, name_en, search_name, level, kind, subtype, parent_set, parent_code,
                 valid_from, valid_to)
       LEFT JOIN unit p ON p.set_code = i.parent_set AND p.code = i.parent_code
       ON CONFLICT (set_code, code) DO UPDATE SET
         name = excluded.name, short_name = excluded.short_name, name_en = excluded.name_en,
         search_name = excluded.search_name, level = excluded.level, kind = excluded.kind,
         subtype = excluded.subtype, parent_id = excluded.parent_id, valid_from = excluded.valid_from,
         valid_to = excluded.valid_to, updated_at = now()
       WHERE (unit.name, unit.short_name, unit.name_en, unit.level, unit.kind, unit.subtype, unit.parent_id,
              unit.valid_from, unit.valid_to)
             IS DISTINCT FROM (excluded.name, excluded.short_name, excluded.name_en, excluded.level,
              excluded.kind, excluded.subtype, excluded.parent_id, excluded.valid_from, excluded.valid_to)
       RETURNING (xmax = 0) AS inserted`,
      [
        set,
        col('code'),
        col('name'),
        col('shortName'),
        col('nameEn'),
        col('searchName'),
        col('level'),
        col('kind'),
        col('subtype'),
        batch.map((u) => u.parent?.set ?? null),
        batch.map((u) => u.parent?.code ?? null),
        col('validFrom'),
        col('validTo'),
      ],
    );
    for (const row of rows) {
      if (row.inserted) inserted++;
      else updated++;
    }
  }
  return { inserted, updated };
}

/**
 * Recomputes every unit's materialised path (`/rootId/…/ownId/`), depth and province code from the
 * parent links; rows already right are not written.
 */
export async function refreshUnitPaths(q: Queryable): Promise<void> {
  await q.query(
    `WITH RECURSIVE tree AS (
       SELECT id, '/' || id || '/' AS path, 0 AS depth,
              CASE WHEN level = 'province' THEN code END AS province_code
       FROM unit WHERE parent_id IS NULL
       UNION ALL
       SELECT c.id, t.path || c.id || '/', t.depth + 1,
              COALESCE(t.province_code, CASE WHEN c.level = 'province' THEN c.code END)
       FROM unit c JOIN tree t ON c.parent_id = t.id
     )
     UPDATE unit u SET path = t.path, depth = t.depth, province_code = t.province_code
     FROM tree t
     WHERE u.id = t.id
       AND (u.path, u.depth, u.province_code) IS DISTINCT FROM (t.path, t.depth, t.province_code)`,
  );
}

export interface UnitFilter {
  set?: string;
  level?: UnitLevel;
  kind?: UnitKind;
  parentId?: number;
  /** Folded (diacritic-free, lower-case) text to find in the name or code. */
  search?: string;
  limit?: number;
  offset?: number;
}

/** Units matching a filter, ordered by code. */
export async function listUnits(q: Queryable, filter: UnitFilter): Promise<UnitRow[]> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const add = (clause: string, value: string | number) => {
    params.push(value);
    where.push(clause.replaceAll('?', `$${params.length}`));
  };
  if (filter.set) add('u.set_code = ?', filter.set);
  if (filter.level) add('u.level = ?', filter.level);
  if (filter.kind) add('u.kind = ?', filter.kind);
  if (filter.parentId !== undefined) add('u.parent_id = ?', filter.parentId);
  if (filter.search) add(`(u.search_name LIKE '%' || ? || '%' OR u.code = ?)`, filter.search);
  params.push(filter.limit ?? LIST_LIMIT_DEFAULT, filter.offset ?? 0);
  return q.query<UnitRow>(
    `SELECT ${UNIT_COLUMNS} FROM unit u LEFT JOIN unit p ON p.id = u.parent_id
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY u.set_code, u.code LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
}

/** The unit with this code in the first of the given sets that has one. */
export async function findUnit(q: Queryable, sets: readonly string[], code: string): Promise<UnitRow | null> {
  const rows = await q.query<UnitRow>(
    `SELECT ${UNIT_COLUMNS} FROM unit u LEFT JOIN unit p ON p.id = u.parent_id
     WHERE u.code = $1 AND u.set_code = ANY($2::text[])
     ORDER BY array_position($2::text[], u.set_code) LIMIT 1`,
    [code, sets],
  );
  return rows[0] ?? null;
}

export async function countUnits(q: Queryable, set: string): Promise<Record<UnitLevel, number>> {
  const rows = await q.query<{ level: UnitLevel; n: number }>(
    'SELECT level, count(*)::int AS n FROM unit WHERE set_code = $1 GROUP BY level',
    [set],
  );
  const counts: Record<UnitLevel, number> = {
    national: 0,
    province: 0,
    district: 0,
    commune: 0,
    village: 0,
    agency: 0,
  };
  for (const row of rows) counts[row.level] = row.n;
  return counts;
}

/** Records old → new links between unit sets; returns how many links were new. */
export async function upsertUnitMappings(
  q: Queryable,
  links: readonly { oldSet: string; oldCode: string; newSet: string; newCode: string; share: number }[],
  source: string,
): Promise<number> {
  let written = 0;
  for (let start = 0; start < links.length; start += BATCH) {
    const batch = links.slice(start, start + BATCH);
    const rows = await q.query(
      `INSERT INTO unit_mapping (old_unit_id, new_unit_id, share, source)
       SELECT o.id, n.id, l.share, $6
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::numeric[])
            AS l(old_set, old_code, new_set, new_code, share)
       JOIN unit o ON o.set_code = l.old_set AND o.code = l.old_code
       JOIN unit n ON n.set_code = l.new_set AND n.code = l.new_code
       ON CONFLICT (old_unit_id, new_unit_id) DO UPDATE SET share = excluded.share
       WHERE unit_mapping.share IS DISTINCT FROM excluded.share
       RETURNING 1`,
      [
        batch.map((l) => l.oldSet),
        batch.map((l) => l.oldCode),
        batch.map((l) => l.newSet),
        batch.map((l) => l.newCode),
        batch.map((l) => l.share),
        source,
      ],
    );
    written += rows.length;
  }
  return written;
}

export async function markUnitSetLoaded(q: Queryable, set: string, source: string): Promise<void> {
  await q.query('UPDATE unit_set SET source = $2, loaded_at = now() WHERE code = $1', [set, source]);
}
