import { AppError } from '../../domain/app-error.js';
import type { MethodologyNode } from '../../domain/index-methodology.js';
import { insertAuditRows } from '../../store/audit.queries.js';
import type { Queryable } from '../../store/db.js';
import {
  insertVersion,
  lockMethodology,
  type CompositeIndexNodeRow,
  type MethodologyRow,
} from '../../store/composite-index.queries.js';
import { auditEntry } from '../audit-entry.js';
import type { Actor, AppContext } from '../context.js';

/** A node as a user gives it (a row of the `index_nodes` sheet without its methodology). */
export type IndexNodeInput = MethodologyNode;

const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Refuses a methodology code users could not write back (letters, digits, `.`, `_`, `-`; up to 64). */
export function checkMethodologyCode(code: string, field = 'methodology'): string {
  if (!CODE_PATTERN.test(code)) {
    throw new AppError(
      'badInput',
      {
        vi: `Mã phương pháp «${code}» không hợp lệ: dùng chữ, số, «.», «_», «-» (tối đa 64 ký tự).`,
        en: `Methodology code «${code}» is invalid: use letters, digits, «.», «_», «-» (64 at most).`,
      },
      [{ field, message_vi: 'Mã không hợp lệ.', message_en: 'Invalid code.' }],
    );
  }
  return code;
}

function text(s: string | null | undefined): string | null {
  const t = s?.trim();
  return t ? t.normalize('NFC') : null;
}

/** A node input as stored: trimmed text, empty cells as null. */
export function toNodeRow(n: IndexNodeInput): CompositeIndexNodeRow {
  return {
    code: n.code.trim(),
    parentCode: text(n.parentCode),
    name: n.name.trim().normalize('NFC'),
    weight: n.weight,
    indicatorCode: text(n.indicatorCode),
    normalization: n.normalization ?? null,
    reference: n.reference ?? null,
  };
}

/**
 * Applies an edit to a version's nodes: nodes given replace those of the same code in place, new codes
 * are appended in the order given, and each removed code takes its whole subtree with it.
 */
export function mergeNodes(
  current: readonly CompositeIndexNodeRow[],
  upsert: readonly CompositeIndexNodeRow[],
  remove: readonly string[] = [],
): CompositeIndexNodeRow[] {
  const given = new Map(upsert.map((n) => [n.code, n]));
  const merged = current.map((n) => given.get(n.code) ?? n);
  const known = new Set(current.map((n) => n.code));
  for (const n of upsert) {
    if (!known.has(n.code)) {
      merged.push(n);
      known.add(n.code);
    }
  }
  const removed = new Set(remove);
  let grew = removed.size > 0;
  while (grew) {
    grew = false;
    for (const n of merged) {
      if (n.parentCode !== null && removed.has(n.parentCode) && !removed.has(n.code)) {
        removed.add(n.code);
        grew = true;
      }
    }
  }
  return merged.filter((n) => !removed.has(n.code));
}

/** Whether two node lists say the same (same nodes, same order). */
export function sameNodes(a: readonly CompositeIndexNodeRow[], b: readonly CompositeIndexNodeRow[]): boolean {
  const key = (n: CompositeIndexNodeRow) =>
    JSON.stringify([n.code, n.parentCode, n.name, n.weight, n.indicatorCode, n.normalization, n.reference]);
  return a.length === b.length && a.every((n, i) => key(n) === key(b[i] as CompositeIndexNodeRow));
}

/**
 * Writes the nodes as the methodology's next version (never altering an earlier one, so published years
 * keep their tree) and logs it at the clock's time; the caller has validated the nodes.
 */
export async function saveMethodologyVersion(
  clock: Pick<AppContext, 'now'>,
  tx: Queryable,
  actor: Actor,
  m: MethodologyRow,
  previous: { version: number; nodes: readonly CompositeIndexNodeRow[] } | null,
  nodes: readonly CompositeIndexNodeRow[],
  note: string | null,
): Promise<number> {
  await lockMethodology(tx, m.id);
  const latest = await tx.query<{ v: number | null }>(
    'SELECT max(version) AS v FROM methodology_version WHERE methodology_id = $1',
    [m.id],
  );
  const version = (latest[0]?.v ?? 0) + 1;
  await insertVersion(tx, m.id, version, nodes, { note, createdBy: actor.name });
  await insertAuditRows(tx, [
    auditEntry(clock, actor, {
      action: previous === null ? 'create' : 'update',
      entity: 'methodology',
      entityKey: m.code,
      oldData: previous === null ? null : { version: previous.version, nodes: previous.nodes },
      newData: { version, note, nodes },
    }),
  ]);
  return version;
}
