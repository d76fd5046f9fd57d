import {
  listMethodologyRows,
  listVersions,
  type CompositeIndexNodeRow,
} from '../../store/composite-index.queries.js';
import type { UnitLevel } from '../../domain/unit-vocabulary.js';
import type { AppContext } from '../context.js';
import { loadMethodologyVersion, requireMethodology } from './load-methodology.js';

export interface MethodologySummary {
  code: string;
  name: string;
  description: string | null;
  basedOn: string | null;
  level: UnitLevel;
  version: number;
  /** Years already published (frozen), with the level and the version each was computed with. */
  published: { year: number; level: string; version: number }[];
}

/** A node with what the tree makes of it: depth, whether it counts, and its share of the root score. */
export type MethodologyNodeView = CompositeIndexNodeRow & {
  depth: number;
  scored: boolean;
  /** The fraction of the root score this node carries (0.1 for a 100-point index out of 1000). */
  rootShare: number;
  leaf: boolean;
};

export interface MethodologyDetail extends Omit<MethodologySummary, 'published'> {
  versions: {
    version: number;
    note: string | null;
    createdAt: string;
    createdBy: string | null;
    publishedYears: number[];
  }[];
  nodes: MethodologyNodeView[];
}

/** Every methodology, by code, with its newest version and the years published on it (docs/domain.md §8). */
export async function listMethodologies(ctx: AppContext): Promise<MethodologySummary[]> {
  const rows = await listMethodologyRows(ctx.db);
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    description: r.description,
    basedOn: r.basedOn,
    level: r.level,
    version: r.latestVersion ?? 0,
    published: [...r.published].sort((a, b) => a.year - b.year || a.level.localeCompare(b.level)),
  }));
}

/** One methodology with its versions and the nodes of one version (the newest unless named). */
export async function getMethodology(
  ctx: AppContext,
  code: string,
  version?: number,
): Promise<MethodologyDetail> {
  const m = await requireMethodology(ctx.db, code);
  const loaded = await loadMethodologyVersion(ctx.db, m, version);
  const versions = await listVersions(ctx.db, m.id);
  return {
    code: m.code,
    name: m.name,
    description: m.description,
    basedOn: m.basedOn,
    level: m.level,
    version: loaded.version.version,
    versions: versions.map((v) => ({
      version: v.version,
      note: v.note,
      createdAt: v.createdAt.toISOString(),
      createdBy: v.createdBy,
      publishedYears: v.publishedYears,
    })),
    nodes: loaded.nodes.map((n) => {
      const t = loaded.tree.nodes.get(n.code);
      return {
        ...n,
        depth: t?.depth ?? 0,
        scored: t?.scored ?? false,
        rootShare: t?.rootShare ?? 0,
        leaf: t?.kind === 'leaf',
      };
    }),
  };
}
