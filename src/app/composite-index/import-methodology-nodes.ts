import { AppError, type ProblemDetail } from '../../domain/app-error.js';
import { buildMethodologyTree, toMethodologyNode } from '../../domain/index-methodology.js';
import type { Queryable } from '../../store/db.js';
import {
  findMethodology,
  insertMethodology,
  transactionStart,
  type CompositeIndexNodeRow,
} from '../../store/composite-index.queries.js';
import type { UnitLevel } from '../../domain/unit-vocabulary.js';
import type { Actor } from '../context.js';
import { authorizeIndex, loadMethodologyVersion, methodologyProblemDetails } from './load-methodology.js';
import {
  checkMethodologyCode,
  mergeNodes,
  sameNodes,
  saveMethodologyVersion,
  toNodeRow,
  type IndexNodeInput,
} from './save-methodology-version.js';

/** A row of the `index_nodes` sheet (docs/import.md) with the spreadsheet row it came from, if any. */
export type IndexNodeImportRow = IndexNodeInput & { methodology: string; row?: number };

/** What an import did to one methodology. */
export interface ImportedMethodology {
  code: string;
  status: 'created' | 'updated' | 'unchanged';
  /** The newest version after the import. */
  version: number;
  nodes: number;
}

export interface ImportMethodologyOptions {
  /** The level a new methodology ranks by default (province unless said). */
  level?: UnitLevel;
  /** Recorded on each version written. */
  note?: string;
  /**
   * When the change is made (the use case's ctx.now()), for the audit rows; the database's clock when absent,
   * as for the other rows of a workbook import.
   */
  at?: Date;
}

interface Plan {
  code: string;
  existing: Awaited<ReturnType<typeof findMethodology>>;
  previous: { version: number; nodes: CompositeIndexNodeRow[] } | null;
  nodes: CompositeIndexNodeRow[];
}

/**
 * Imports the `index_nodes` sheet's rows (docs/domain.md §8) in the caller's transaction: for each methodology
 * named, the rows are upserted by code onto its newest version and the result is validated as a whole; a
 * methodology that changes gets a new version (earlier versions, and the years published with them, stay
 * as they were), one that does not change is left alone. Any problem refuses the whole import, every
 * problem listed with its row and node.
 */
export async function importMethodologyNodes(
  tx: Queryable,
  actor: Actor,
  rows: readonly IndexNodeImportRow[],
  options: ImportMethodologyOptions = {},
): Promise<ImportedMethodology[]> {
  authorizeIndex(actor, 'plans:manage');
  const byMethodology = new Map<string, IndexNodeImportRow[]>();
  for (const row of rows) {
    const list = byMethodology.get(row.methodology);
    if (list) list.push(row);
    else byMethodology.set(row.methodology, [row]);
  }

  const plans: Plan[] = [];
  const details: ProblemDetail[] = [];
  for (const [code, list] of byMethodology) {
    checkMethodologyCode(code);
    const rowOf = new Map(list.map((r) => [r.code.trim(), r.row] as const));
    const existing = await findMethodology(tx, code);
    const loaded = existing ? await loadMethodologyVersion(tx, existing) : null;
    const previous = loaded ? { version: loaded.version.version, nodes: loaded.nodes } : null;
    const nodes = mergeNodes(previous?.nodes ?? [], list.map(toNodeRow));
    const built = buildMethodologyTree(nodes.map(toMethodologyNode));
    if (!built.ok) {
      details.push(
        ...methodologyProblemDetails(built.error, (c) => rowOf.get(c)).map((d) => ({
          ...d,
          sheet: 'index_nodes',
          message_vi: `${code}: ${d.message_vi}`,
          message_en: `${code}: ${d.message_en}`,
        })),
      );
      continue;
    }
    plans.push({ code, existing, previous, nodes });
  }
  if (details.length > 0) {
    throw new AppError(
      'badInput',
      {
        vi: `Cây chỉ số không hợp lệ: ${details.length} lỗi.`,
        en: `The index tree is invalid: ${details.length} problem(s).`,
      },
      details,
    );
  }

  let at = options.at;
  const out: ImportedMethodology[] = [];
  for (const plan of plans) {
    if (plan.previous && sameNodes(plan.previous.nodes, plan.nodes)) {
      out.push({
        code: plan.code,
        status: 'unchanged',
        version: plan.previous.version,
        nodes: plan.nodes.length,
      });
      continue;
    }
    const root = plan.nodes.find((n) => n.parentCode === null);
    let m = plan.existing;
    if (!m) {
      await insertMethodology(tx, {
        code: plan.code,
        name: root?.name ?? plan.code,
        description: null,
        basedOn: null,
        level: options.level ?? 'province',
        createdBy: actor.name,
      });
      m = await findMethodology(tx, plan.code);
    }
    if (!m) throw new Error(`methodology ${plan.code} vanished`);
    const when = (at ??= await transactionStart(tx));
    const version = await saveMethodologyVersion(
      { now: () => when },
      tx,
      actor,
      m,
      plan.previous,
      plan.nodes,
      options.note ?? null,
    );
    out.push({
      code: plan.code,
      status: plan.previous ? 'updated' : 'created',
      version,
      nodes: plan.nodes.length,
    });
  }
  return out;
}
