import { countUsers } from '../../store/users.queries.js';
import { SYSTEM, type AppContext } from '../context.js';
import { addUser } from './add-user.js';

/** The login of the administrator a new workspace is given. */
export const FIRST_ADMIN_LOGIN = 'admin';

/**
 * Gives a workspace without any user its first administrator (`admin`, over the whole installation) with a
 * generated password to change at first login, so a fresh `npm start` can be signed into; null when users exist.
 */
export async function ensureFirstAdmin(ctx: AppContext): Promise<{ login: string; password: string } | null> {
  if ((await countUsers(ctx.db)) > 0) return null;
  const { user, temporaryPassword } = await addUser(
    ctx,
    { ...SYSTEM, source: 'cli' },
    {
      login: FIRST_ADMIN_LOGIN,
      displayName: 'Quản trị hệ thống',
      grants: [{ role: 'admin', unit: '/' }],
    },
  );
  return temporaryPassword ? { login: user.login, password: temporaryPassword } : null;
}
