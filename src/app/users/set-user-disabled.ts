import { insertAuditRows } from '../../store/audit.queries.js';
import { revokeUserSessions } from '../../store/sessions.queries.js';
import { setUserDisabled as storeDisabled } from '../../store/users.queries.js';
import { auditEntry } from '../audit-entry.js';
import type { Actor, AppContext } from '../context.js';
import { loadManagedUser, toUserSummary, userProvinceCode } from './user-access.js';
import type { UserSummary } from '../../contract/users.js';

/**
 * Disables (or re-enables) a user the actor may manage; disabling ends every session of the user at once.
 * Audited with the number of sessions ended (issue 7).
 */
export async function setUserDisabled(
  ctx: AppContext,
  actor: Actor,
  login: string,
  disabled: boolean,
): Promise<UserSummary & { sessionsEnded: number }> {
  const at = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const { user, grants } = await loadManagedUser(tx, actor, login);
    await storeDisabled(tx, user.id, disabled, at);
    const sessionsEnded = disabled ? await revokeUserSessions(tx, user.id, at) : 0;
    await insertAuditRows(tx, [
      auditEntry(ctx, actor, {
        action: 'update',
        entity: 'user',
        entityKey: user.login,
        provinceCode: userProvinceCode(grants),
        oldData: { disabled: user.disabled },
        newData: { disabled, sessionsEnded },
        at,
      }),
    ]);
    return { ...toUserSummary({ ...user, disabled, updatedAt: at }, grants), sessionsEnded };
  });
}
