import type {
  IndexNodeHeader,
  IndexResultItem,
  IndexResults,
  RankedIndexResults,
} from '../../contract/composite-index.js';
import type { PreviousResult } from '../../domain/compute-index.js';
import { computeIndex, rankUnits, withPreviousYear } from '../../domain/compute-index.js';
import type { DomainMessage } from '../../domain/result.js';
import { withoutFloatNoise } from '../../domain/round.js';
import { formatUnitRef } from '../../domain/unit-ref.js';
import type { Queryable } from '../../store/db.js';
import { listPublishedResults, type MethodologyRow } from '../../store/composite-index.queries.js';
import { UNIT_LEVEL_NAMES, type UnitLevel } from '../../domain/unit-vocabulary.js';
import type { UnitRow } from '../../store/units.queries.js';
import type { AppContext, Actor } from '../context.js';
import { resolveUnit } from '../units/list-units.js';
import { gatherIndexInputs, type IndexUnit } from './gather-index-values.js';
import {
  authorizeIndex,
  checkYear,
  loadMethodologyVersion,
  loadMethodologyVersionById,
  requireMethodology,
  type LoadedMethodology,
} from './load-methodology.js';

export interface ComputeIndexResultsInput {
  methodology: string;
  year: number;
  /** The unit level ranked; the methodology's own level by default. */
  level?: UnitLevel;
  /** Compare only the units below this one (`--within`): a group ranked on its own. */
  within?: string;
  /** The methodology last year's scores come from, when it was another (DTI 2022 on 922 against 2020 on 1726). */
  previousMethodology?: string;
}

/** The ranking, or no ranking and why, when no unit of the level has a single value of the year. */
function ranked(r: IndexResults): RankedIndexResults {
  const leaves = r.nodes.filter((n) => n.leaf).length;
  const withData = r.results.filter((x) => leaves === 0 || x.missing.length < leaves);
  if (withData.length > 0) return { ...r, total: r.results.length, reason: null };
  const level = UNIT_LEVEL_NAMES[r.level];
  const within_vi = r.within ? ` thuộc ${r.within}` : '';
  const within_en = r.within ? ` within ${r.within}` : '';
  const reason: DomainMessage =
    r.results.length === 0
      ? {
          code: 'noUnitsAtLevel',
          message_vi: `Không có đơn vị ${level.vi} nào${within_vi} để xếp hạng theo «${r.name}» năm ${r.year}; hãy chọn cấp khác (--level) hoặc đơn vị khác (--within).`,
          message_en: `No ${level.en} unit${within_en} to rank by «${r.name}» for ${r.year}; choose another level (--level) or unit (--within).`,
        }
      : {
          code: 'noIndexData',
          message_vi: `Chưa đơn vị ${level.vi} nào${within_vi} có số liệu năm ${r.year} cho chỉ số «${r.name}», nên không xếp hạng (${r.results.length} đơn vị đều chưa có gì). Hãy nhập số liệu các chỉ tiêu thành phần (dxmon import) hoặc chọn năm khác (--year).`,
          message_en: `No ${level.en} unit${within_en} has values of ${r.year} for «${r.name}», so nothing is ranked (all ${r.results.length} units have none). Import the component indicators' values (dxmon import) or choose another year (--year).`,
        };
  return { ...r, results: [], total: 0, reason };
}

/** A freshly computed ranking with what publishing it needs. */
export interface FreshIndexResults extends IndexResults {
  versionId: number;
  units: (IndexResultItem & { unitId: number; provinceCode: string | null })[];
}

export interface IndexScope {
  methodology: MethodologyRow;
  level: UnitLevel;
  year: number;
  within: UnitRow | null;
}

/** Resolves and checks what a computation is about, and that the actor may read it. */
export async function resolveIndexScope(
  q: Queryable,
  actor: Actor,
  input: { methodology: string; year: number; level?: UnitLevel; within?: string },
  permission: 'read' | 'plans:manage' = 'read',
): Promise<IndexScope> {
  const year = checkYear(input.year);
  const methodology = await requireMethodology(q, input.methodology);
  const within = input.within ? await resolveUnit(q, input.within, 'within') : null;
  authorizeIndex(
    actor,
    permission,
    within ? { path: within.path, label: formatUnitRef({ set: within.set, code: within.code }) } : null,
  );
  return { methodology, level: input.level ?? methodology.level, year, within };
}

function headers(loaded: LoadedMethodology): IndexNodeHeader[] {
  return [...loaded.tree.nodes.values()].map((n) => ({
    code: n.code,
    name: n.name,
    parentCode: n.parentCode,
    depth: n.depth,
    scored: n.scored,
    rootShare: n.rootShare,
    leaf: n.kind === 'leaf',
  }));
}

/** Per-node numbers below the root, in tree order, without binary noise (0.8001750000000001 → 0.800175). */
function byNode(
  codes: readonly string[],
  root: string,
  get: (code: string) => number | undefined,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const code of codes) {
    const v = get(code);
    if (code !== root && v !== undefined) out[code] = withoutFloatNoise(v);
  }
  return out;
}

function clean(x: number | null): number | null {
  return x === null ? null : withoutFloatNoise(x);
}

/**
 * Last year's scores and ranks: as published when that year is, else computed now on the units that have
 * values that year (with the version used this year when it is the same methodology).
 */
async function previousResults(
  q: Queryable,
  scope: IndexScope,
  current: LoadedMethodology,
  previousMethodology: string | undefined,
): Promise<PreviousResult[]> {
  const m =
    previousMethodology && previousMethodology !== scope.methodology.code
      ? await requireMethodology(q, previousMethodology)
      : scope.methodology;
  const year = scope.year - 1;
  const published = await listPublishedResults(q, m.id, year, scope.level, scope.within?.id ?? null);
  if (published.length > 0) {
    return published.map((r) => ({
      unitCode: formatUnitRef({ set: r.unitSet, code: r.unitCode }),
      score: r.score,
      rank: r.rank,
    }));
  }
  const loaded = m.id === current.methodology.id ? current : await loadMethodologyVersion(q, m);
  const inputs = await gatherIndexInputs(q, loaded.tree, scope.level, year, scope.within?.path ?? null);
  const compared = new Map([...inputs.valuesByUnit].filter(([key]) => inputs.withValues.has(key)));
  if (compared.size === 0) return [];
  return rankUnits(computeIndex(loaded.tree, compared)).map((r) => ({
    unitCode: r.unitCode,
    score: r.score,
    rank: r.rank,
  }));
}

/**
 * Computes a ranking now (docs/domain.md §8) on the methodology's newest version: every unit of the level in
 * force that year is scored from its values for the year (a missing value scores 0 and is listed), ranked
 * with ties sharing a rank (1, 2, 2, 4) at the root and at every node, and given last year's score, rank
 * and the change.
 */
export async function computeFreshResults(
  q: Queryable,
  scope: IndexScope,
  now: Date,
  previousMethodology?: string,
): Promise<FreshIndexResults> {
  const loaded = await loadMethodologyVersion(q, scope.methodology);
  const inputs = await gatherIndexInputs(q, loaded.tree, scope.level, scope.year, scope.within?.path ?? null);
  const ranked = rankUnits(computeIndex(loaded.tree, inputs.valuesByUnit));
  const previous = await previousResults(q, scope, loaded, previousMethodology);
  const unitByKey = new Map<string, IndexUnit>(inputs.units.map((u) => [u.key, u]));
  const root = loaded.tree.root.code;
  const codes = [...loaded.tree.nodes.keys()];
  const units = withPreviousYear(ranked, previous).map((r) => {
    const unit = unitByKey.get(r.unitCode);
    if (!unit) throw new Error(`unit ${r.unitCode} vanished`);
    return {
      unitId: unit.id,
      provinceCode: unit.provinceCode,
      unit: r.unitCode,
      name: unit.name,
      score: withoutFloatNoise(r.score),
      rank: r.rank,
      previousScore: clean(r.previousScore),
      previousRank: r.previousRank,
      change: clean(r.change),
      rankChange: r.rankChange,
      nodes: byNode(codes, root, (c) => r.nodes.get(c)),
      nodeRanks: byNode(codes, root, (c) => r.nodeRanks.get(c)),
      missing: [...r.missing],
    };
  });
  return {
    methodology: scope.methodology.code,
    name: scope.methodology.name,
    version: loaded.version.version,
    versionId: loaded.version.id,
    year: scope.year,
    level: scope.level,
    within: scope.within ? formatUnitRef({ set: scope.within.set, code: scope.within.code }) : null,
    published: false,
    computedAt: now.toISOString(),
    nodes: headers(loaded),
    results: units.map(({ unitId: _id, provinceCode: _p, ...item }) => item),
    units,
  };
}

/** The frozen results of a published year, or null when the year is not published. */
export async function publishedResults(q: Queryable, scope: IndexScope): Promise<IndexResults | null> {
  const rows = await listPublishedResults(
    q,
    scope.methodology.id,
    scope.year,
    scope.level,
    scope.within?.id ?? null,
  );
  const first = rows[0];
  if (!first) return null;
  const loaded = await loadMethodologyVersionById(q, scope.methodology, first.versionId);
  const root = loaded.tree.root.code;
  const codes = [...loaded.tree.nodes.keys()];
  return {
    methodology: scope.methodology.code,
    name: scope.methodology.name,
    version: loaded.version.version,
    year: scope.year,
    level: scope.level,
    within: scope.within ? formatUnitRef({ set: scope.within.set, code: scope.within.code }) : null,
    published: true,
    computedAt: first.computedAt.toISOString(),
    nodes: headers(loaded),
    results: rows.map((r) => ({
      unit: formatUnitRef({ set: r.unitSet, code: r.unitCode }),
      name: r.unitName,
      score: r.score,
      rank: r.rank,
      previousScore: r.previousScore,
      previousRank: r.previousRank,
      change: r.change,
      rankChange: r.previousRank === null ? null : r.previousRank - r.rank,
      // jsonb keeps keys in its own order: give them back in tree order.
      nodes: byNode(codes, root, (c) => r.nodeScores[c]),
      nodeRanks: byNode(codes, root, (c) => r.nodeRanks[c]),
      missing: r.missing,
    })),
  };
}

/**
 * The ranking of a methodology for a year and level (docs/domain.md §8), best first: the frozen results when
 * the year is published (never recomputed, whatever changed since), else computed now on the newest
 * version.
 */
export async function computeIndexResults(
  ctx: AppContext,
  actor: Actor,
  input: ComputeIndexResultsInput,
): Promise<RankedIndexResults> {
  const scope = await resolveIndexScope(ctx.db, actor, input);
  const frozen = await publishedResults(ctx.db, scope);
  if (frozen) return ranked(frozen);
  const fresh = await computeFreshResults(ctx.db, scope, ctx.now(), input.previousMethodology);
  const { versionId: _v, units: _u, ...results } = fresh;
  return ranked(results);
}
