import type { Queryable } from './db.js';
import { grantsJsonOf, type GrantRow } from './users.queries.js';

/** A stored session with the state of its user, as a request's lookup needs it. */
export interface SessionRow {
  id: number;
  userId: number;
  login: string;
  displayName: string;
  disabled: boolean;
  mustChangePassword: boolean;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

/** A session with its user's current grants, read in one query on every request. */
export interface SessionWithGrants extends SessionRow {
  grants: GrantRow[];
}

export async function insertSession(
  q: Queryable,
  session: {
    tokenHash: string;
    userId: number;
    csrfToken: string;
    at: Date;
    expiresAt: Date;
    userAgent: string | null;
    address: string | null;
  },
): Promise<number> {
  const rows = await q.query<{ id: number }>(
    `INSERT INTO user_session (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, user_agent,
                               address)
     VALUES ($1, $2, $3, $4, $4, $5, $6, $7) RETURNING id`,
    [
      session.tokenHash,
      session.userId,
      session.csrfToken,
      session.at,
      session.expiresAt,
      session.userAgent,
      session.address,
    ],
  );
  const id = rows[0]?.id;
  if (id === undefined) throw new Error('insertSession returned no id');
  return id;
}

export async function findSessionByHash(q: Queryable, tokenHash: string): Promise<SessionWithGrants | null> {
  const rows = await q.query<SessionWithGrants>(
    `SELECT s.id, s.user_id AS "userId", u.login, u.display_name AS "displayName", u.disabled,
            u.must_change_password AS "mustChangePassword", s.csrf_token AS "csrfToken",
            s.created_at AS "createdAt", s.last_seen_at AS "lastSeenAt", s.expires_at AS "expiresAt",
            s.revoked_at AS "revokedAt", ${grantsJsonOf('s.user_id')} AS grants
     FROM user_session s JOIN app_user u ON u.id = s.user_id
     WHERE s.token_hash = $1`,
    [tokenHash],
  );
  return rows[0] ?? null;
}

export async function touchSession(q: Queryable, id: number, at: Date): Promise<void> {
  await q.query('UPDATE user_session SET last_seen_at = $2 WHERE id = $1 AND last_seen_at < $2', [id, at]);
}

/** Revokes one session by its token hash; returns its user's id when a live session was revoked. */
export async function revokeSessionByHash(q: Queryable, tokenHash: string, at: Date): Promise<number | null> {
  const rows = await q.query<{ userId: number }>(
    `UPDATE user_session SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL
     RETURNING user_id AS "userId"`,
    [tokenHash, at],
  );
  return rows[0]?.userId ?? null;
}

/** Revokes every live session of a user except, optionally, one; returns how many. */
export async function revokeUserSessions(
  q: Queryable,
  userId: number,
  at: Date,
  exceptId: number | null = null,
): Promise<number> {
  const rows = await q.query(
    `UPDATE user_session SET revoked_at = $2
     WHERE user_id = $1 AND revoked_at IS NULL AND id IS DISTINCT FROM $3 RETURNING 1`,
    [userId, at, exceptId],
  );
  return rows.length;
}

/** Deletes sessions past their absolute deadline or revoked before `before`; returns how many. */
export async function purgeSessions(q: Queryable, now: Date, before: Date): Promise<number> {
  const rows = await q.query(
    'DELETE FROM user_session WHERE expires_at <= $1 OR revoked_at < $2 RETURNING 1',
    [now, before],
  );
  return rows.length;
}

export async function recordLoginFailure(
  q: Queryable,
  failure: { accountKey: string; addressKey: string; at: Date },
): Promise<void> {
  await q.query('INSERT INTO login_failure (account_key, address_key, at) VALUES ($1, $2, $3)', [
    failure.accountKey,
    failure.addressKey,
    failure.at,
  ]);
}

/** Failed logins since `since` for an account key and for an address key, in one query. */
export async function loadLoginFailures(
  q: Queryable,
  accountKey: string,
  addressKey: string,
  since: Date,
): Promise<{ accountFailures: Date[]; addressFailures: Date[] }> {
  const rows = await q.query<{ at: Date; account: boolean; address: boolean }>(
    `SELECT at, account_key = $1 AS account, address_key = $2 AS address FROM login_failure
     WHERE (account_key = $1 OR address_key = $2) AND at >= $3`,
    [accountKey, addressKey, since],
  );
  return {
    accountFailures: rows.filter((r) => r.account).map((r) => r.at),
    addressFailures: rows.filter((r) => r.address).map((r) => r.at),
  };
}

/** Deletes failures older than `before` (they no longer count toward any lock). */
export async function purgeLoginFailures(q: Queryable, before: Date): Promise<void> {
  await q.query('DELETE FROM login_failure WHERE at < $1', [before]);
}
