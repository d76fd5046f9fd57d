import type { MethodologyDetail, MethodologySummary } from '../../contract/composite-index.js';
import { listMethodologyRows, listVersions } from '../../store/composite-index.queries.js';
import type { AppContext } from '../context.js';
import { loadMethodologyVersion, requireMethodology } from './load-methodology.js';

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
