import { LOCAL_ADMIN, type Actor, type AppContext } from '../app/context.js';
import { actorForLogin } from '../app/users/actor-for-login.js';
import type { GlobalOptions } from './cli-context.js';

/**
 * Who a dxmon command acts as: the local administrator of the workspace it opened, or with `--as LOGIN` that user
 * with exactly their roles (every check of the app layer applies, and the audit log names them).
 */
export async function cliActor(ctx: AppContext, globals: GlobalOptions): Promise<Actor> {
  return globals.as ? actorForLogin(ctx, globals.as, 'cli') : LOCAL_ADMIN;
}
