import { insertAuditRows } from '../../store/audit.queries.js';
import { revokeUserSessions } from '../../store/sessions.queries.js';
import { setUserPassword } from '../../store/users.queries.js';
import { hashPassword } from '../auth/password.js';
import type { Actor, AppContext } from '../context.js';
import { assertPasswordPolicy, newTemporaryPassword } from './temporary-password.js';
import { loadManagedUser } from './user-access.js';

/**
 * Sets a new password for a user the actor may manage — the one given, or a generated one returned once — which
 * the user must change at next login; every session of the user ends (issue 7).
 */
export async function resetPassword(
  ctx: AppContext,
  actor: Actor,
  login: string,
  input: { password?: string | null } = {},
): Promise<{ login: string; temporaryPassword: string | null; sessionsEnded: number }> {
  const { user } = await loadManagedUser(ctx.db, actor, login);
  const temporaryPassword = input.password ? null : newTemporaryPassword();
  const password = input.password ?? temporaryPassword ?? '';
  assertPasswordPolicy(password, { login: user.login, email: user.email, displayName: user.displayName });
  const hash = await hashPassword(password, ctx.auth?.scrypt);
  const at = ctx.now();
  return ctx.db.transaction(async (tx) => {
    await loadManagedUser(tx, actor, login);
    await setUserPassword(tx, user.id, hash, true, at);
    const sessionsEnded = await revokeUserSessions(tx, user.id, at);
    await insertAuditRows(tx, [
      {
        actor: actor.name,
        source: actor.source,
        address: actor.address ?? null,
        action: 'update',
        entity: 'user',
        entityKey: user.login,
        oldData: null,
        newData: { passwordReset: true, mustChangePassword: true, sessionsEnded },
        at,
      },
    ]);
    return { login: user.login, temporaryPassword, sessionsEnded };
  });
}
