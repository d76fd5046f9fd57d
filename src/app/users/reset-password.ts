import { hashPassword } from '../auth/password.js';
import type { Actor, AppContext } from '../context.js';
import { assertPasswordPolicy, newTemporaryPassword } from './temporary-password.js';
import { loadManagedUser, userProvinceCode } from './user-access.js';
import { writeNewPassword } from './write-password.js';

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
  return ctx.db.transaction(async (tx) => {
    // Checked again in the transaction (the hash is computed outside it): the row as it is now is the one written.
    const { user: current, grants } = await loadManagedUser(tx, actor, login);
    const sessionsEnded = await writeNewPassword(ctx, tx, actor, current, userProvinceCode(grants), {
      hash,
      mustChangePassword: true,
      newData: { passwordReset: true, mustChangePassword: true },
    });
    return { login: current.login, temporaryPassword, sessionsEnded };
  });
}
