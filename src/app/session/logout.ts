import { insertAuditRows } from '../../store/audit.queries.js';
import { revokeSessionByHash } from '../../store/sessions.queries.js';
import { auditEntry } from '../audit-entry.js';
import { hashToken, isSessionTokenShape } from '../auth/tokens.js';
import type { Actor, AppContext } from '../context.js';

/**
 * Ends a session at once: its row is revoked, so the same cookie, wherever it was copied, is refused from the
 * next request on; audited when a live session ended (issue 7).
 */
export async function logout(ctx: AppContext, actor: Actor, token: string): Promise<{ ended: boolean }> {
  if (!isSessionTokenShape(token)) return { ended: false };
  const at = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const userId = await revokeSessionByHash(tx, hashToken(token), at);
    if (userId === null) return { ended: false };
    await insertAuditRows(tx, [
      auditEntry(ctx, actor, {
        action: 'logout',
        entity: 'session',
        entityKey: actor.name,
        oldData: null,
        newData: { ok: true },
        at,
      }),
    ]);
    return { ended: true };
  });
}
