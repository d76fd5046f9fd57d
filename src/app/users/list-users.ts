import { grantsOfUsers, listUserRows } from '../../store/users.queries.js';
import type { Actor, AppContext } from '../context.js';
import { assertHoldsAnywhere, loadManagedUser, mayManageUser, toUserSummary } from './user-access.js';
import type { UserSummary } from '../../contract/users.js';

/** Lists the users the actor may manage (every role they hold inside the actor's admin scope), by login (issue 7). */
export async function listUsers(ctx: AppContext, actor: Actor): Promise<UserSummary[]> {
  assertHoldsAnywhere(actor, 'users:manage', { vi: 'quản lý người dùng', en: 'manage users' });
  const [users, grants] = await Promise.all([listUserRows(ctx.db), grantsOfUsers(ctx.db, null)]);
  return users
    .filter((u) =>
      mayManageUser(
        actor,
        grants.filter((g) => g.userId === u.id),
      ),
    )
    .map((u) => toUserSummary(u, grants));
}

/** One user the actor may manage, with their roles (issue 7). */
export async function getUser(ctx: AppContext, actor: Actor, login: string): Promise<UserSummary> {
  const { user, grants } = await loadManagedUser(ctx.db, actor, login);
  return toUserSummary(user, grants);
}
