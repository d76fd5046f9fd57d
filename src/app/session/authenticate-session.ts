import { findSessionByHash, touchSession } from '../../store/sessions.queries.js';
import {
  DEFAULT_SESSION_POLICY,
  sessionDeadline,
  sessionExpiry,
  shouldTouch,
} from '../auth/session-policy.js';
import { hashToken, isSessionTokenShape } from '../auth/tokens.js';
import type { Actor, AppContext } from '../context.js';
import { toGrant, toGrantSummary } from '../users/user-access.js';
import type { GrantSummary } from '../../contract/session.js';

/** A live session as a request sees it: the acting user, the CSRF token and when the session ends. */
export interface SessionAuth {
  actor: Actor;
  sessionId: number;
  csrfToken: string;
  mustChangePassword: boolean;
  displayName: string;
  grants: GrantSummary[];
  /** When the session ends if not used again (the earlier of its idle and absolute deadlines). */
  expiresAt: Date;
}

/**
 * Finds the live session of a session token: null when the token is malformed, unknown, revoked, past its idle or
 * absolute deadline, or its user is disabled; otherwise the user with their current grants (read with the session,
 * in one query) as the actor, and the last-seen time refreshed at most once a minute (issue 7).
 */
export async function authenticateSession(
  ctx: AppContext,
  token: string,
  request: { address?: string; source?: 'web' | 'api' } = {},
): Promise<SessionAuth | null> {
  if (!isSessionTokenShape(token)) return null;
  const session = await findSessionByHash(ctx.db, hashToken(token));
  if (!session || session.revokedAt !== null || session.disabled) return null;
  const now = ctx.now();
  const policy = ctx.auth?.session ?? DEFAULT_SESSION_POLICY;
  if (now.getTime() >= session.expiresAt.getTime()) return null;
  if (sessionExpiry(session, now, policy) !== 'valid') return null;
  let lastSeenAt = session.lastSeenAt;
  if (shouldTouch(session.lastSeenAt, now)) {
    await touchSession(ctx.db, session.id, now);
    lastSeenAt = now;
  }
  const grants = session.grants;
  return {
    actor: {
      kind: 'user',
      name: session.login,
      userId: session.userId,
      grants: grants.map(toGrant),
      source: request.source ?? 'web',
      ...(request.address ? { address: request.address } : {}),
    },
    sessionId: session.id,
    csrfToken: session.csrfToken,
    mustChangePassword: session.mustChangePassword,
    displayName: session.displayName,
    grants: grants.map(toGrantSummary),
    expiresAt: sessionDeadline({ createdAt: session.createdAt, lastSeenAt }, policy),
  };
}
