import { insertAuditRows } from '../../store/audit.queries.js';
import type { Queryable } from '../../store/db.js';
import { revokeUserSessions } from '../../store/sessions.queries.js';
import { setUserPassword } from '../../store/users.queries.js';
import { auditEntry } from '../audit-entry.js';
import type { Actor, AppContext } from '../context.js';

/**
 * The common end of a password change and a reset, in the caller's transaction: stores the new hash, ends
 * the user's sessions (all but `keepSessionId`, the one in use) and audits it as `newData` plus the number
 * of sessions ended, which it returns (issue 7).
 */
export async function writeNewPassword(
  ctx: AppContext,
  tx: Queryable,
  actor: Actor,
  user: { id: number; login: string },
  /** The user's province as the audit log files it (userProvinceCode). */
  provinceCode: string | null,
  input: {
    hash: string;
    mustChangePassword: boolean;
    keepSessionId?: number | null;
    newData: Record<string, unknown>;
  },
): Promise<number> {
  const at = ctx.now();
  await setUserPassword(tx, user.id, input.hash, input.mustChangePassword, at);
  const sessionsEnded = await revokeUserSessions(tx, user.id, at, input.keepSessionId ?? null);
  await insertAuditRows(tx, [
    auditEntry(ctx, actor, {
      action: 'update',
      entity: 'user',
      entityKey: user.login,
      provinceCode,
      oldData: null,
      newData: { ...input.newData, sessionsEnded },
      at,
    }),
  ]);
  return sessionsEnded;
}
