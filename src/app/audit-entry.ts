import type { AuditAction, AuditRowInput } from '../store/audit.queries.js';
import type { AppContext, Actor } from './context.js';

/**
 * One audit row for a change an actor makes (who, from where, when, old and new), ready for insertAuditRows:
 * stamped `at` when the caller took the change's time already (so the row matches the rows it wrote), else
 * with the context's clock now.
 */
export function auditEntry(
  ctx: Pick<AppContext, 'now'>,
  actor: Actor,
  change: {
    action: AuditAction;
    entity: string;
    entityKey: string;
    provinceCode?: string | null;
    oldData: unknown;
    newData: unknown;
    at?: Date;
  },
): AuditRowInput {
  const { at, ...rest } = change;
  return {
    actor: actor.name,
    source: actor.source,
    address: actor.address ?? null,
    ...rest,
    at: at ?? ctx.now(),
  };
}
