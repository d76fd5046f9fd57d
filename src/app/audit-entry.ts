import type { AuditAction, AuditRowInput } from '../store/audit.queries.js';
import type { AppContext, Actor } from './context.js';

/** One audit row for a change an actor makes now (who, from where, when, old and new), ready for insertAuditRows. */
export function auditEntry(
  ctx: AppContext,
  actor: Actor,
  change: {
    action: AuditAction;
    entity: string;
    entityKey: string;
    provinceCode?: string | null;
    oldData: unknown;
    newData: unknown;
  },
): AuditRowInput {
  return {
    actor: actor.name,
    source: actor.source,
    address: actor.address ?? null,
    at: ctx.now(),
    ...change,
  };
}
