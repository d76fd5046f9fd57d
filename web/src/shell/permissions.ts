import type { Permission } from '../../../src/domain/permission.js';
import type { Grant, Session } from '../api/types';

// What the signed-in user may do, from the permissions the session lists per grant (`GET /session`). A screen
// offers an action only where some grant allows it; the API still checks every request against the unit it
// concerns and refuses the rest with its message, which the screen shows.

/** The session's grants that carry the permission. */
export function grantsWith(session: Session | null | undefined, permission: Permission): Grant[] {
  // A session remembered offline by an older version lists no permissions: it allows nothing until read again.
  return (session?.grants ?? []).filter((g) => (g.permissions ?? []).includes(permission));
}

/** Whether some grant of the session carries the permission (over some unit). */
export function mayAnywhere(session: Session | null | undefined, permission: Permission): boolean {
  return grantsWith(session, permission).length > 0;
}

/** The units (as users write them; `/` for the whole installation) over which the session has the permission. */
export function unitsWith(session: Session | null | undefined, permission: Permission): string[] {
  return [...new Set(grantsWith(session, permission).map((g) => g.unit))];
}
