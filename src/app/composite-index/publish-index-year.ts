import type { IndexResults } from '../../contract/composite-index.js';
import { unitLevelName } from '../../domain/unit-vocabulary.js';
import { AppError } from '../../domain/app-error.js';
import { insertAuditRows } from '../../store/audit.queries.js';
import { insertPublishedResults } from '../../store/composite-index.queries.js';
import { auditEntry } from '../audit-entry.js';
import type { AppContext, Actor } from '../context.js';
import {
  computeFreshResults,
  publishedResults,
  resolveIndexScope,
  type ComputeIndexResultsInput,
} from './compute-index-results.js';

/**
 * Publishes a year's ranking (docs/domain.md §8): computes it on the methodology's newest version and freezes
 * the results, sub-scores, ranks and last year's values, so that later edits of the methodology or of the
 * values never change them. A year is published once; publishing it again is refused.
 */
export async function publishIndexYear(
  ctx: AppContext,
  actor: Actor,
  input: ComputeIndexResultsInput,
): Promise<IndexResults> {
  return ctx.db.transaction(async (tx) => {
    const scope = await resolveIndexScope(tx, actor, input, 'plans:manage');
    const label = `${scope.methodology.code} ${scope.year} (${scope.level}${input.within ? `, ${input.within}` : ''})`;
    const already = await publishedResults(tx, scope);
    if (already) {
      throw new AppError('conflict', {
        vi: `Kết quả ${label} đã được công bố (phiên bản ${already.version}) và không thể tính lại.`,
        en: `The results of ${label} are already published (version ${already.version}) and cannot be recomputed.`,
      });
    }
    const now = ctx.now();
    const fresh = await computeFreshResults(tx, scope, now, input.previousMethodology);
    if (fresh.units.length === 0) {
      throw new AppError('badInput', {
        vi: `Không có đơn vị ${unitLevelName(scope.level, 'vi')} nào để xếp hạng ${label}.`,
        en: `There is no unit of level ${unitLevelName(scope.level, 'en')} to rank for ${label}.`,
      });
    }
    if (fresh.units.every((u) => u.missing.length === fresh.nodes.filter((n) => n.leaf).length)) {
      throw new AppError('badInput', {
        vi: `Chưa có số liệu nào của năm ${scope.year} cho các chỉ tiêu của ${scope.methodology.code}; không có gì để công bố.`,
        en: `There is no value for ${scope.year} of the indicators of ${scope.methodology.code}; nothing to publish.`,
      });
    }
    const written = await insertPublishedResults(
      tx,
      {
        methodologyId: scope.methodology.id,
        versionId: fresh.versionId,
        year: scope.year,
        level: scope.level,
        scopeUnitId: scope.within?.id ?? null,
      },
      { computedAt: now, publishedBy: actor.name },
      fresh.units.map((u) => ({
        unitId: u.unitId,
        provinceCode: u.provinceCode,
        score: u.score,
        rank: u.rank,
        nodeScores: u.nodes,
        nodeRanks: u.nodeRanks,
        missing: u.missing,
        previousScore: u.previousScore,
        previousRank: u.previousRank,
        change: u.change,
      })),
    );
    await insertAuditRows(tx, [
      auditEntry(ctx, actor, {
        action: 'create',
        entity: 'index_result',
        entityKey: `${scope.methodology.code}/${scope.year}/${scope.level}${fresh.within ? `/${fresh.within}` : ''}`,
        oldData: null,
        newData: {
          version: fresh.version,
          units: written,
          top: fresh.results.slice(0, 3).map((r) => ({ unit: r.unit, score: r.score, rank: r.rank })),
        },
        at: now,
      }),
    ]);
    const { versionId: _v, units: _u, ...results } = fresh;
    return { ...results, published: true };
  });
}
