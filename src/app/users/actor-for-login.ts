import { AppError } from '../../domain/app-error.js';
import { findUserByLoginKey, grantsOfUsers } from '../../store/users.queries.js';
import { throttleAccountKey } from '../auth/throttle.js';
import type { Actor, AppContext, ChangeSource } from '../context.js';
import { toGrant } from './user-access.js';

/**
 * The actor of a named, enabled user with their current grants, for the CLI's `--as LOGIN`: whoever runs the CLI on
 * the data directory already holds every right over it, so this narrows what a command may do and names who did it
 * in the audit log — it is not a sign-in (issue 7).
 */
export async function actorForLogin(
  ctx: AppContext,
  login: string,
  source: ChangeSource = 'cli',
): Promise<Actor> {
  const user = await findUserByLoginKey(ctx.db, throttleAccountKey(login));
  if (!user || user.disabled) {
    throw new AppError('unauthenticated', {
      vi: `Không có người dùng đang hoạt động «${login}» (--as).`,
      en: `There is no enabled user «${login}» (--as).`,
    });
  }
  const grants = await grantsOfUsers(ctx.db, [user.id]);
  return { kind: 'user', name: user.login, userId: user.id, grants: grants.map(toGrant), source };
}
