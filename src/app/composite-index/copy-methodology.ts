import type { MethodologyCopyResult } from '../../contract/composite-index.js';
import { AppError } from '../../domain/app-error.js';
import { findMethodology, insertMethodology } from '../../store/composite-index.queries.js';
import type { AppContext, Actor } from '../context.js';
import { authorizeIndex, loadMethodologyVersion, requireMethodology } from './load-methodology.js';
import { checkMethodologyCode, saveMethodologyVersion } from './save-methodology-version.js';

export interface CopyMethodologyInput {
  /** The methodology copied. */
  from: string;
  /** The new methodology's code. */
  to: string;
  name?: string;
  description?: string;
  /** The version copied; the newest by default. */
  version?: number;
}

/**
 * Copies a methodology (a shipped template, typically) under a new code so the committee can edit the
 * copy while the original stays as published (docs/domain.md §8); the copy starts at version 1 and records
 * what it was based on.
 */
export async function copyMethodology(
  ctx: AppContext,
  actor: Actor,
  input: CopyMethodologyInput,
): Promise<MethodologyCopyResult> {
  authorizeIndex(actor, 'plans:manage');
  checkMethodologyCode(input.to, 'to');
  return ctx.db.transaction(async (tx) => {
    const source = await requireMethodology(tx, input.from);
    const loaded = await loadMethodologyVersion(tx, source, input.version);
    if (await findMethodology(tx, input.to)) {
      throw new AppError(
        'conflict',
        {
          vi: `Mã phương pháp «${input.to}» đã được dùng.`,
          en: `Methodology code «${input.to}» is already taken.`,
        },
        [{ field: 'to', message_vi: 'Mã đã tồn tại.', message_en: 'The code exists.' }],
      );
    }
    await insertMethodology(tx, {
      code: input.to,
      name: input.name?.trim() || `${source.name} (bản sao)`,
      description: input.description?.trim() || source.description,
      basedOn: source.code,
      level: source.level,
      createdBy: actor.name,
    });
    const copy = await findMethodology(tx, input.to);
    if (!copy) throw new Error(`methodology ${input.to} vanished`);
    const version = await saveMethodologyVersion(
      ctx,
      tx,
      actor,
      copy,
      null,
      loaded.nodes,
      `copy of ${source.code} v${loaded.version.version}`,
    );
    return { code: copy.code, basedOn: source.code, version, nodes: loaded.nodes.length };
  });
}
