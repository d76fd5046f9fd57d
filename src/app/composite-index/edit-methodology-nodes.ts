import type {
  MethodologyEdit,
  MethodologyEditResult,
  MethodologyValidation,
} from '../../contract/composite-index.js';
import { AppError } from '../../domain/app-error.js';
import type { MethodologyProblem } from '../../domain/index-methodology.js';
import { buildMethodologyTree, toMethodologyNode } from '../../domain/index-methodology.js';
import type { Queryable } from '../../store/db.js';
import { existingIndicatorCodes, type CompositeIndexNodeRow } from '../../store/composite-index.queries.js';
import type { AppContext, Actor } from '../context.js';
import {
  authorizeIndex,
  loadMethodologyVersion,
  methodologyProblemDetails,
  requireMethodology,
  type LoadedMethodology,
} from './load-methodology.js';
import { mergeNodes, sameNodes, saveMethodologyVersion, toNodeRow } from './save-methodology-version.js';

async function applyEdit(
  q: Queryable,
  code: string,
  edit: MethodologyEdit,
): Promise<{ loaded: LoadedMethodology; nodes: CompositeIndexNodeRow[]; problems: MethodologyProblem[] }> {
  const m = await requireMethodology(q, code);
  const loaded = await loadMethodologyVersion(q, m);
  const nodes = mergeNodes(loaded.nodes, (edit.upsert ?? []).map(toNodeRow), edit.remove ?? []);
  const built = buildMethodologyTree(nodes.map(toMethodologyNode));
  return { loaded, nodes, problems: built.ok ? [] : built.error };
}

/**
 * Validates a methodology's newest version with an edit applied, without saving (docs/domain.md §8): every
 * problem of the tree named by node, and the leaves' indicators that are not defined. With no edit, it
 * checks the stored version.
 */
export async function validateMethodology(
  ctx: AppContext,
  code: string,
  edit: MethodologyEdit = {},
): Promise<MethodologyValidation> {
  const { loaded, nodes, problems } = await applyEdit(ctx.db, code, edit);
  const indicators = [
    ...new Set(
      nodes
        .filter((n) => n.indicatorCode !== null && !nodes.some((c) => c.parentCode === n.code))
        .map((n) => n.indicatorCode ?? ''),
    ),
  ];
  const known = await existingIndicatorCodes(ctx.db, indicators);
  return {
    code,
    version: loaded.version.version,
    valid: problems.length === 0,
    problems,
    unknownIndicators: indicators.filter((c) => !known.has(c)),
  };
}

/**
 * Edits a methodology's tree (docs/domain.md §8): the edit is applied to the newest version and validated as a
 * whole, then saved as a new version, so that years already published keep the tree they were computed
 * with and only later computations use the new one. An edit that changes nothing writes nothing.
 */
export async function editMethodologyNodes(
  ctx: AppContext,
  actor: Actor,
  code: string,
  edit: MethodologyEdit,
): Promise<MethodologyEditResult> {
  authorizeIndex(actor, 'plans:manage');
  return ctx.db.transaction(async (tx) => {
    const { loaded, nodes, problems } = await applyEdit(tx, code, edit);
    if (edit.baseVersion !== undefined && edit.baseVersion !== loaded.version.version) {
      throw new AppError('staleVersion', {
        vi: `Phương pháp «${code}» đã có phiên bản ${loaded.version.version} mới hơn phiên bản ${edit.baseVersion} đang sửa; hãy tải lại.`,
        en: `Methodology «${code}» is at version ${loaded.version.version}, newer than the version ${edit.baseVersion} edited; reload it.`,
      });
    }
    if (problems.length > 0) {
      throw new AppError(
        'badInput',
        {
          vi: `Sửa đổi làm cây chỉ số «${code}» không hợp lệ: ${problems.length} lỗi.`,
          en: `The edit makes index tree «${code}» invalid: ${problems.length} problem(s).`,
        },
        methodologyProblemDetails(problems),
      );
    }
    if (sameNodes(loaded.nodes, nodes)) {
      return { code, version: loaded.version.version, changed: false, nodes: nodes.length };
    }
    const version = await saveMethodologyVersion(
      ctx,
      tx,
      actor,
      loaded.methodology,
      { version: loaded.version.version, nodes: loaded.nodes },
      nodes,
      edit.note?.trim() || null,
    );
    return { code, version, changed: true, nodes: nodes.length };
  });
}
