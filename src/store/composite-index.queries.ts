import type { Queryable } from './db.js';
import type { UnitLevel } from '../domain/unit-vocabulary.js';

/** One node of a methodology version as stored (the `index_nodes` sheet's columns). */
export interface CompositeIndexNodeRow {
  code: string;
  parentCode: string | null;
  name: string;
  weight: number;
  indicatorCode: string | null;
  normalization: 'value' | 'ratio' | 'minmax' | 'boolean' | null;
  reference: number | null;
}

export interface MethodologyRow {
  id: number;
  code: string;
  name: string;
  description: string | null;
  basedOn: string | null;
  level: UnitLevel;
  createdAt: Date;
  createdBy: string | null;
  /** The newest version's number; null only while a methodology is being created. */
  latestVersion: number | null;
}

export interface VersionRow {
  id: number;
  version: number;
  note: string | null;
  createdAt: Date;
  createdBy: string | null;
}

const METHODOLOGY_COLUMNS = `
  m.id, m.code, m.name, m.description, m.based_on AS "basedOn", m.level, m.created_at AS "createdAt",
  m.created_by AS "createdBy",
  (SELECT max(v.version) FROM methodology_version v WHERE v.methodology_id = m.id) AS "latestVersion"`;

export async function findMethodology(q: Queryable, code: string): Promise<MethodologyRow | null> {
  const rows = await q.query<MethodologyRow>(
    `SELECT ${METHODOLOGY_COLUMNS} FROM methodology m WHERE m.code = $1`,
    [code],
  );
  return rows[0] ?? null;
}

/** Every methodology, by code, with the years and levels published on it. */
export async function listMethodologyRows(
  q: Queryable,
): Promise<(MethodologyRow & { published: { year: number; level: string; version: number }[] })[]> {
  return q.query(
    `SELECT ${METHODOLOGY_COLUMNS},
            COALESCE((SELECT jsonb_agg(DISTINCT jsonb_build_object('year', r.year, 'level', r.level, 'version', v.version))
                      FROM composite_index_result r JOIN methodology_version v ON v.id = r.version_id
                      WHERE r.methodology_id = m.id), '[]'::jsonb) AS published
     FROM methodology m ORDER BY m.code`,
  );
}

export async function insertMethodology(
  q: Queryable,
  m: {
    code: string;
    name: string;
    description: string | null;
    basedOn: string | null;
    level: UnitLevel;
    createdBy: string;
  },
): Promise<number> {
  const rows = await q.query<{ id: number }>(
    `INSERT INTO methodology (code, name, description, based_on, level, created_by)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [m.code, m.name, m.description, m.basedOn, m.level, m.createdBy],
  );
  const id = rows[0]?.id;
  if (id === undefined) throw new Error('INSERT methodology returned no id');
  return id;
}

/** Writes a new version with its nodes (in the order given); returns the version's id. */
export async function insertVersion(
  q: Queryable,
  methodologyId: number,
  version: number,
  nodes: readonly CompositeIndexNodeRow[],
  meta: { note: string | null; createdBy: string },
): Promise<number> {
  const rows = await q.query<{ id: number }>(
    `INSERT INTO methodology_version (methodology_id, version, note, created_by)
     VALUES ($1, $2, $3, $4) RETURNING id`,
    [methodologyId, version, meta.note, meta.createdBy],
  );
  const id = rows[0]?.id;
  if (id === undefined) throw new Error('INSERT methodology_version returned no id');
  await q.query(
    `INSERT INTO composite_index_node (version_id, code, parent_code, name, weight, indicator_code, normalization, reference, sort)
     SELECT $1, n.code, n.parent_code, n.name, n.weight, n.indicator_code, n.normalization, n.reference, n.sort
     FROM unnest($2::text[], $3::text[], $4::text[], $5::float8[], $6::text[], $7::text[], $8::float8[], $9::int[])
          AS n(code, parent_code, name, weight, indicator_code, normalization, reference, sort)`,
    [
      id,
      nodes.map((n) => n.code),
      nodes.map((n) => n.parentCode),
      nodes.map((n) => n.name),
      nodes.map((n) => n.weight),
      nodes.map((n) => n.indicatorCode),
      nodes.map((n) => n.normalization),
      nodes.map((n) => n.reference),
      nodes.map((_, i) => i + 1),
    ],
  );
  return id;
}

/** A version of a methodology: the one numbered, or the newest. */
export async function findVersion(
  q: Queryable,
  methodologyId: number,
  version?: number,
): Promise<VersionRow | null> {
  const rows = await q.query<VersionRow>(
    `SELECT id, version, note, created_at AS "createdAt", created_by AS "createdBy"
     FROM methodology_version
     WHERE methodology_id = $1 AND ($2::int IS NULL OR version = $2::int)
     ORDER BY version DESC LIMIT 1`,
    [methodologyId, version ?? null],
  );
  return rows[0] ?? null;
}

export async function findVersionById(q: Queryable, versionId: number): Promise<VersionRow | null> {
  const rows = await q.query<VersionRow>(
    `SELECT id, version, note, created_at AS "createdAt", created_by AS "createdBy"
     FROM methodology_version WHERE id = $1`,
    [versionId],
  );
  return rows[0] ?? null;
}

/** Every version of a methodology, oldest first, with the years published on each. */
export async function listVersions(
  q: Queryable,
  methodologyId: number,
): Promise<(VersionRow & { publishedYears: number[] })[]> {
  return q.query(
    `SELECT v.id, v.version, v.note, v.created_at AS "createdAt", v.created_by AS "createdBy",
            COALESCE((SELECT array_agg(DISTINCT r.year ORDER BY r.year) FROM composite_index_result r WHERE r.version_id = v.id),
                     '{}'::int[]) AS "publishedYears"
     FROM methodology_version v WHERE v.methodology_id = $1 ORDER BY v.version`,
    [methodologyId],
  );
}

export async function listNodes(q: Queryable, versionId: number): Promise<CompositeIndexNodeRow[]> {
  return q.query<CompositeIndexNodeRow>(
    `SELECT code, parent_code AS "parentCode", name, weight, indicator_code AS "indicatorCode",
            normalization, reference
     FROM composite_index_node WHERE version_id = $1 ORDER BY sort`,
    [versionId],
  );
}

/** A unit that takes part in a ranking. */
export interface CompositeIndexUnitRow {
  id: number;
  set: string;
  code: string;
  name: string;
  path: string;
  provinceCode: string | null;
}

/**
 * The units of a level in force on a day (valid_from ≤ day ≤ valid_to, open ends allowed), inside the
 * subtree at `scopePath` when given, ordered by set and code.
 */
export async function listUnitsInForce(
  q: Queryable,
  level: UnitLevel,
  day: string,
  scopePath: string | null,
): Promise<CompositeIndexUnitRow[]> {
  return q.query<CompositeIndexUnitRow>(
    `SELECT u.id, u.set_code AS "set", u.code, u.name, u.path, u.province_code AS "provinceCode"
     FROM unit u
     WHERE u.level = $1
       AND (u.valid_from IS NULL OR u.valid_from <= $2::date)
       AND (u.valid_to IS NULL OR u.valid_to >= $2::date)
       AND ($3::text IS NULL OR (starts_with(u.path, $3::text) AND u.path <> $3::text))
     ORDER BY u.set_code, u.code`,
    [level, day, scopePath],
  );
}

/**
 * The values of some indicators for some units and one period, as numbers: the value, or numerator ÷
 * denominator for a ratio given by its parts.
 */
export async function readCompositeIndexValues(
  q: Queryable,
  unitIds: readonly number[],
  period: string,
  indicatorCodes: readonly string[],
): Promise<{ unitId: number; indicatorCode: string; value: number | null }[]> {
  if (unitIds.length === 0 || indicatorCodes.length === 0) return [];
  return q.query(
    `SELECT dv.unit_id AS "unitId", i.code AS "indicatorCode",
            COALESCE(dv.value, dv.numerator / NULLIF(dv.denominator, 0)) AS value
     FROM data_value dv JOIN indicator i ON i.id = dv.indicator_id
     WHERE dv.unit_id = ANY($1::bigint[]) AND dv.period = $2 AND i.code = ANY($3::text[])`,
    [unitIds, period, indicatorCodes],
  );
}

/** Which of these indicator codes are defined. */
export async function existingIndicatorCodes(q: Queryable, codes: readonly string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await q.query<{ code: string }>('SELECT code FROM indicator WHERE code = ANY($1::text[])', [
    codes,
  ]);
  return new Set(rows.map((r) => r.code));
}

/** Defines the indicators not yet defined (as plain numbers, higher is better); returns the codes created. */
export async function insertMissingIndicators(
  q: Queryable,
  indicators: readonly { code: string; nameVi: string }[],
): Promise<string[]> {
  if (indicators.length === 0) return [];
  const rows = await q.query<{ code: string }>(
    `INSERT INTO indicator (code, name_vi, value_type, direction, time_aggregation)
     SELECT i.code, i.name_vi, 'number', 'increase', 'last'
     FROM unnest($1::text[], $2::text[]) AS i(code, name_vi)
     ON CONFLICT (code) DO NOTHING
     RETURNING code`,
    [indicators.map((i) => i.code), indicators.map((i) => i.nameVi)],
  );
  return rows.map((r) => r.code);
}

/** A stored (published) result of one unit. */
export interface CompositeIndexResultRow {
  versionId: number;
  unitId: number;
  unitSet: string;
  unitCode: string;
  unitName: string;
  score: number;
  rank: number;
  nodeScores: Record<string, number>;
  nodeRanks: Record<string, number>;
  missing: string[];
  previousScore: number | null;
  previousRank: number | null;
  change: number | null;
  computedAt: Date;
  publishedAt: Date | null;
  publishedBy: string | null;
}

/** The published results of a methodology for a year, level and scope, best first. */
export async function listPublishedResults(
  q: Queryable,
  methodologyId: number,
  year: number,
  level: string,
  scopeUnitId: number | null,
): Promise<CompositeIndexResultRow[]> {
  return q.query<CompositeIndexResultRow>(
    `SELECT r.version_id AS "versionId", r.unit_id AS "unitId", u.set_code AS "unitSet", u.code AS "unitCode",
            u.name AS "unitName", r.score, r.rank, r.node_scores AS "nodeScores", r.node_ranks AS "nodeRanks",
            r.missing, r.previous_score AS "previousScore", r.previous_rank AS "previousRank", r.change,
            r.computed_at AS "computedAt", r.published_at AS "publishedAt", r.published_by AS "publishedBy"
     FROM composite_index_result r JOIN unit u ON u.id = r.unit_id
     WHERE r.methodology_id = $1 AND r.year = $2 AND r.level = $3
       AND COALESCE(r.scope_unit_id, 0) = COALESCE($4::bigint, 0) AND r.published
     ORDER BY r.rank, u.set_code, u.code`,
    [methodologyId, year, level, scopeUnitId],
  );
}

/** A result to publish. */
export interface CompositeIndexResultInput {
  unitId: number;
  provinceCode: string | null;
  score: number;
  rank: number;
  nodeScores: Record<string, number>;
  nodeRanks: Record<string, number>;
  missing: string[];
  previousScore: number | null;
  previousRank: number | null;
  change: number | null;
}

/** Writes the published results of one year, level and scope; returns how many rows were written. */
export async function insertPublishedResults(
  q: Queryable,
  key: { methodologyId: number; versionId: number; year: number; level: string; scopeUnitId: number | null },
  meta: { computedAt: Date; publishedBy: string },
  results: readonly CompositeIndexResultInput[],
): Promise<number> {
  if (results.length === 0) return 0;
  const rows = await q.query(
    `INSERT INTO composite_index_result (methodology_id, version_id, year, level, scope_unit_id, unit_id, score, rank,
                               node_scores, node_ranks, missing, previous_score, previous_rank, change,
                               province_code, computed_at, published, published_at, published_by)
     SELECT $1, $2, $3, $4, $5, r.unit_id, r.score, r.rank, r.node_scores::jsonb, r.node_ranks::jsonb,
            r.missing::jsonb, r.previous_score, r.previous_rank, r.change, r.province_code, $6, true, $6, $7
     FROM unnest($8::bigint[], $9::float8[], $10::int[], $11::text[], $12::text[], $13::text[], $14::float8[],
                 $15::int[], $16::float8[], $17::text[])
          AS r(unit_id, score, rank, node_scores, node_ranks, missing, previous_score, previous_rank, change,
               province_code)
     RETURNING 1`,
    [
      key.methodologyId,
      key.versionId,
      key.year,
      key.level,
      key.scopeUnitId,
      meta.computedAt,
      meta.publishedBy,
      results.map((r) => r.unitId),
      results.map((r) => r.score),
      results.map((r) => r.rank),
      results.map((r) => JSON.stringify(r.nodeScores)),
      results.map((r) => JSON.stringify(r.nodeRanks)),
      results.map((r) => JSON.stringify(r.missing)),
      results.map((r) => r.previousScore),
      results.map((r) => r.previousRank),
      results.map((r) => r.change),
      results.map((r) => r.provinceCode),
    ],
  );
  return rows.length;
}

/**
 * The database's clock: when the current transaction began, the time now() gives each of its statements (and
 * insertAuditRows gives rows without `at`).
 */
export async function transactionStart(q: Queryable): Promise<Date> {
  const rows = await q.query<{ now: Date }>('SELECT now() AS now');
  const now = rows[0]?.now;
  if (!now) throw new Error('no time from the database');
  return new Date(now);
}

/** Locks a methodology's row until the transaction ends, so two edits do not both take the next version number. */
export async function lockMethodology(q: Queryable, methodologyId: number): Promise<void> {
  await q.query('SELECT id FROM methodology WHERE id = $1 FOR UPDATE', [methodologyId]);
}
