import type { Queryable } from './db.js';

// Unit boundaries (migration 0016, docs/maps.md).

/** A unit of a set found by code, for matching a boundary file's features. */
export interface BoundaryUnitRow {
  id: number;
  code: string;
  level: string;
}

/** The units of `set` among `codes`. */
export async function findSetUnits(
  q: Queryable,
  set: string,
  codes: readonly string[],
): Promise<BoundaryUnitRow[]> {
  if (codes.length === 0) return [];
  return q.query<BoundaryUnitRow>(
    'SELECT id, code, level FROM unit WHERE set_code = $1 AND code = ANY($2::text[])',
    [set, [...codes]],
  );
}

/** Writes boundaries (one statement), replacing a unit's earlier one; unchanged rows are not written. */
export async function upsertBoundaries(
  q: Queryable,
  rows: readonly { unitId: number; geometry: object }[],
  source: string,
  by: string,
): Promise<number> {
  if (rows.length === 0) return 0;
  const written = await q.query<{ unit_id: number }>(
    `INSERT INTO unit_boundary (unit_id, geometry, source, loaded_by)
     SELECT u, g, $3, $4 FROM unnest($1::bigint[], $2::jsonb[]) AS x(u, g)
     ON CONFLICT (unit_id) DO UPDATE SET geometry = excluded.geometry, source = excluded.source,
       loaded_at = now(), loaded_by = excluded.loaded_by
     WHERE unit_boundary.geometry IS DISTINCT FROM excluded.geometry
        OR unit_boundary.source IS DISTINCT FROM excluded.source
     RETURNING unit_id`,
    [rows.map((r) => r.unitId), rows.map((r) => JSON.stringify(r.geometry)), source, by],
  );
  return written.length;
}

/** A unit with its boundary, as a map draws it. */
export interface BoundaryRow {
  code: string;
  name: string;
  level: string;
  geometry: Record<string, unknown>;
  source: string;
}

/**
 * The boundaries of the children of the unit at `parentId` (of `set`), or of the set's provinces when it is null,
 * by code; and how many of those units have none.
 */
export async function listChildBoundaries(
  q: Queryable,
  set: string,
  parentId: number | null,
): Promise<{ rows: BoundaryRow[]; without: string[] }> {
  const units = await q.query<
    BoundaryRow & { geometry: Record<string, unknown> | null; source: string | null }
  >(
    `SELECT u.code, u.name, u.level, b.geometry, b.source
     FROM unit u LEFT JOIN unit_boundary b ON b.unit_id = u.id
     WHERE u.set_code = $1
       AND (CASE WHEN $2::bigint IS NULL THEN u.level = 'province' ELSE u.parent_id = $2 END)
     ORDER BY u.code`,
    [set, parentId],
  );
  const rows: BoundaryRow[] = [];
  const without: string[] = [];
  for (const u of units) {
    if (u.geometry && u.source) rows.push({ ...u, geometry: u.geometry, source: u.source });
    else without.push(u.code);
  }
  return { rows, without };
}

/** Per set and level: how many units there are and how many have a boundary, with the sources credited. */
export interface BoundaryStatusRow {
  set: string;
  level: string;
  units: number;
  withBoundary: number;
  sources: string[];
}

export async function boundaryStatus(q: Queryable): Promise<BoundaryStatusRow[]> {
  return q.query<BoundaryStatusRow>(
    `SELECT u.set_code AS set, u.level, count(*)::int AS units, count(b.unit_id)::int AS "withBoundary",
            coalesce(array_agg(DISTINCT b.source) FILTER (WHERE b.source IS NOT NULL), '{}') AS sources
     FROM unit u LEFT JOIN unit_boundary b ON b.unit_id = u.id
     WHERE u.set_code IN ('2025', 'pre2025')
     GROUP BY u.set_code, u.level
     HAVING count(b.unit_id) > 0
     ORDER BY u.set_code, u.level`,
  );
}
