import { AppError, type ProblemDetail } from '../../domain/app-error.js';
import type { MethodologyProblem, MethodologyTree } from '../../domain/index-methodology.js';
import { buildMethodologyTree, toMethodologyNode } from '../../domain/index-methodology.js';
import { MAX_YEAR, MIN_YEAR } from '../../domain/period.js';
import type { Queryable } from '../../store/db.js';
import {
  findMethodology,
  findVersion,
  findVersionById,
  listNodes,
  type CompositeIndexNodeRow,
  type MethodologyRow,
  type VersionRow,
} from '../../store/composite-index.queries.js';
import type { Permission } from '../auth/scope.js';
import { authorize } from '../authorize.js';
import type { Actor } from '../context.js';

/** A methodology version ready to compute: its stored nodes and the validated tree. */
export interface LoadedMethodology {
  methodology: MethodologyRow;
  version: VersionRow;
  nodes: CompositeIndexNodeRow[];
  tree: MethodologyTree;
}

/** The methodology with this code, or a notFound error naming it. */
export async function requireMethodology(q: Queryable, code: string): Promise<MethodologyRow> {
  const m = await findMethodology(q, code);
  if (!m) {
    throw new AppError('notFound', {
      vi: `Không tìm thấy phương pháp tính chỉ số «${code}».`,
      en: `Index methodology «${code}» was not found.`,
    });
  }
  return m;
}

/**
 * Turns methodology problems into error details naming the node (and its sheet row when the nodes came
 * from a file).
 */
export function methodologyProblemDetails(
  problems: readonly MethodologyProblem[],
  rowOf: (nodeCode: string) => number | undefined = () => undefined,
): ProblemDetail[] {
  return problems.map((p) => {
    const row = p.nodeCode === '' ? undefined : rowOf(p.nodeCode);
    return {
      ...(row === undefined ? {} : { sheet: 'index_nodes', row }),
      field: p.nodeCode === '' ? 'nodes' : `nodes.${p.nodeCode}`,
      message_vi: p.message_vi,
      message_en: p.message_en,
    };
  });
}

/** The validated tree of stored nodes; a stored version is always valid, so a failure is an internal error. */
function treeOf(
  m: MethodologyRow,
  version: VersionRow,
  nodes: readonly CompositeIndexNodeRow[],
): MethodologyTree {
  const built = buildMethodologyTree(nodes.map(toMethodologyNode));
  if (!built.ok) {
    throw new AppError(
      'internal',
      {
        vi: `Phiên bản ${version.version} của phương pháp «${m.code}» không hợp lệ.`,
        en: `Version ${version.version} of methodology «${m.code}» is invalid.`,
      },
      methodologyProblemDetails(built.error),
    );
  }
  return built.value;
}

/** Loads a version of a methodology (the newest unless one is named), with its tree. */
export async function loadMethodologyVersion(
  q: Queryable,
  m: MethodologyRow,
  version?: number,
): Promise<LoadedMethodology> {
  const v = await findVersion(q, m.id, version);
  if (!v) {
    throw new AppError('notFound', {
      vi:
        version === undefined
          ? `Phương pháp «${m.code}» chưa có phiên bản nào.`
          : `Phương pháp «${m.code}» không có phiên bản ${version}.`,
      en:
        version === undefined
          ? `Methodology «${m.code}» has no version yet.`
          : `Methodology «${m.code}» has no version ${version}.`,
    });
  }
  const nodes = await listNodes(q, v.id);
  return { methodology: m, version: v, nodes, tree: treeOf(m, v, nodes) };
}

/** Loads the version with this id (the one a published year points at). */
export async function loadMethodologyVersionById(
  q: Queryable,
  m: MethodologyRow,
  versionId: number,
): Promise<LoadedMethodology> {
  const v = await findVersionById(q, versionId);
  if (!v) throw new Error(`methodology_version ${versionId} is gone`);
  const nodes = await listNodes(q, v.id);
  return { methodology: m, version: v, nodes, tree: treeOf(m, v, nodes) };
}

/** Checks a year given for an index computation: a whole number within the periods DX Monitor knows. */
export function checkYear(year: number, field = 'year'): number {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new AppError(
      'badInput',
      {
        vi: `Năm «${year}» không hợp lệ: cần một năm từ ${MIN_YEAR} đến ${MAX_YEAR}.`,
        en: `Year «${year}» is invalid: a year from ${MIN_YEAR} to ${MAX_YEAR} is needed.`,
      },
      [
        {
          field,
          message_vi: `Năm phải từ ${MIN_YEAR} đến ${MAX_YEAR}.`,
          message_en: `The year must be from ${MIN_YEAR} to ${MAX_YEAR}.`,
        },
      ],
    );
  }
  return year;
}

/** The whole installation, where methodologies live: a grant at `/` covers it. */
export const INSTALLATION_PATH = '/';

/** Refuses unless the actor may act on the whole installation, or on the unit at `path` when given. */
export function authorizeIndex(
  actor: Actor,
  permission: Permission,
  scope: { path: string; label: string } | null = null,
): void {
  authorize(actor, permission, scope?.path ?? INSTALLATION_PATH, scope?.label ?? 'Việt Nam (/)');
}
