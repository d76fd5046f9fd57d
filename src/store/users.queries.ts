import type { Role } from '../domain/approval.js';
import type { Queryable } from './db.js';

/** A user account as stored, without its password hash. */
export interface UserRow {
  id: number;
  login: string;
  displayName: string;
  email: string | null;
  disabled: boolean;
  mustChangePassword: boolean;
  /** A demo account (migration 0014): created by `dxmon serve --demo` on a loopback address, never a real user. */
  demo: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** One role over a unit as stored: the unit's id, reference and path (`/` and null ids for the root). */
export interface GrantRow {
  userId: number;
  role: Role;
  unitId: number | null;
  unitSet: string | null;
  unitCode: string | null;
  unitName: string | null;
  unitPath: string;
  /** The province the unit lies in (null for the installation root). */
  provinceCode: string | null;
}

const USER_COLUMNS = `u.id, u.login, u.display_name AS "displayName", u.email, u.disabled,
  u.must_change_password AS "mustChangePassword", u.demo, u.last_login_at AS "lastLoginAt",
  u.created_at AS "createdAt", u.updated_at AS "updatedAt"`;

const GRANT_COLUMNS = `g.user_id AS "userId", g.role, g.unit_id AS "unitId", gu.set_code AS "unitSet",
  gu.code AS "unitCode", gu.name AS "unitName", COALESCE(gu.path, '/') AS "unitPath", gu.province_code AS "provinceCode"`;

export async function insertUser(
  q: Queryable,
  user: {
    login: string;
    loginKey: string;
    displayName: string;
    email: string | null;
    passwordHash: string;
    mustChangePassword: boolean;
    /** A demo account (demo-accounts.ts); false when absent. */
    demo?: boolean;
    at: Date;
  },
): Promise<UserRow | null> {
  const rows = await q.query<UserRow>(
    `INSERT INTO app_user AS u (login, login_key, display_name, email, password_hash, must_change_password,
                                demo, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $8, $7, $7)
     ON CONFLICT (login_key) DO NOTHING
     RETURNING ${USER_COLUMNS}`,
    [
      user.login,
      user.loginKey,
      user.displayName,
      user.email,
      user.passwordHash,
      user.mustChangePassword,
      user.at,
      user.demo ?? false,
    ],
  );
  return rows[0] ?? null;
}

export async function findUserByLoginKey(
  q: Queryable,
  loginKey: string,
): Promise<(UserRow & { passwordHash: string }) | null> {
  const rows = await q.query<UserRow & { passwordHash: string }>(
    `SELECT ${USER_COLUMNS}, u.password_hash AS "passwordHash" FROM app_user u WHERE u.login_key = $1`,
    [loginKey],
  );
  return rows[0] ?? null;
}

export async function listUserRows(q: Queryable): Promise<UserRow[]> {
  return q.query<UserRow>(`SELECT ${USER_COLUMNS} FROM app_user u ORDER BY u.login_key`);
}

/** How many users there are, demo users (migration 0014) left out. */
export async function countUsers(q: Queryable): Promise<number> {
  const rows = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM app_user WHERE NOT demo');
  return rows[0]?.n ?? 0;
}

/** The demo users (migration 0014), by login key. */
export async function listDemoUserRows(q: Queryable): Promise<UserRow[]> {
  return q.query<UserRow>(`SELECT ${USER_COLUMNS} FROM app_user u WHERE u.demo ORDER BY u.login_key`);
}

/** Makes a demo user usable as shipped: its password, enabled, no forced change, its display name. */
export async function resetDemoUser(
  q: Queryable,
  id: number,
  user: { displayName: string; passwordHash: string; at: Date },
): Promise<void> {
  await q.query(
    `UPDATE app_user SET display_name = $2, password_hash = $3, disabled = false, must_change_password = false,
       updated_at = $4
     WHERE id = $1 AND demo`,
    [id, user.displayName, user.passwordHash, user.at],
  );
}

/** Disables every demo user still enabled; returns their ids. */
export async function disableDemoUsers(q: Queryable, at: Date): Promise<number[]> {
  const rows = await q.query<{ id: number }>(
    'UPDATE app_user SET disabled = true, updated_at = $1 WHERE demo AND NOT disabled RETURNING id::int AS id',
    [at],
  );
  return rows.map((r) => r.id);
}

/** Removes every grant of a user (a demo user's grants are set anew at each start). */
export async function deleteGrantsOfUser(q: Queryable, userId: number): Promise<void> {
  await q.query('DELETE FROM user_grant WHERE user_id = $1', [userId]);
}

/**
 * A scalar subquery giving the grants of the user whose id is `userIdSql` as a JSON array of `GrantRow`, in the
 * order `grantsOfUsers` gives (root grants first): for reading them with the row that names the user.
 */
export function grantsJsonOf(userIdSql: string): string {
  return `(SELECT coalesce(json_agg(x ORDER BY x."unitPath", x.role), '[]')
           FROM (SELECT ${GRANT_COLUMNS} FROM user_grant g LEFT JOIN unit gu ON gu.id = g.unit_id
                 WHERE g.user_id = ${userIdSql}) x)`;
}

/** The grants of the given users (all users when `userIds` is null), root grants first. */
export async function grantsOfUsers(q: Queryable, userIds: readonly number[] | null): Promise<GrantRow[]> {
  return q.query<GrantRow>(
    `SELECT ${GRANT_COLUMNS} FROM user_grant g LEFT JOIN unit gu ON gu.id = g.unit_id
     ${userIds ? 'WHERE g.user_id = ANY($1::bigint[])' : ''}
     ORDER BY g.user_id, COALESCE(gu.path, '/'), g.role`,
    userIds ? [userIds as number[]] : [],
  );
}

export async function setUserDisabled(q: Queryable, id: number, disabled: boolean, at: Date): Promise<void> {
  await q.query('UPDATE app_user SET disabled = $2, updated_at = $3 WHERE id = $1', [id, disabled, at]);
}

export async function setUserPassword(
  q: Queryable,
  id: number,
  passwordHash: string,
  mustChangePassword: boolean,
  at: Date,
): Promise<void> {
  await q.query(
    'UPDATE app_user SET password_hash = $2, must_change_password = $3, updated_at = $4 WHERE id = $1',
    [id, passwordHash, mustChangePassword, at],
  );
}

export async function setLastLogin(q: Queryable, id: number, at: Date): Promise<void> {
  await q.query('UPDATE app_user SET last_login_at = $2 WHERE id = $1', [id, at]);
}

/** Adds a grant; false when the user already held it. */
export async function insertGrant(
  q: Queryable,
  grant: { userId: number; role: Role; unitId: number | null; createdBy: string; at: Date },
): Promise<boolean> {
  const rows = await q.query(
    `INSERT INTO user_grant (user_id, role, unit_id, created_by, created_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (user_id, role, unit_id) DO NOTHING RETURNING 1`,
    [grant.userId, grant.role, grant.unitId, grant.createdBy, grant.at],
  );
  return rows.length > 0;
}

/** Removes a grant; false when the user did not hold it. */
export async function deleteGrant(
  q: Queryable,
  grant: { userId: number; role: Role; unitId: number | null },
): Promise<boolean> {
  const rows = await q.query(
    `DELETE FROM user_grant WHERE user_id = $1 AND role = $2 AND unit_id IS NOT DISTINCT FROM $3 RETURNING 1`,
    [grant.userId, grant.role, grant.unitId],
  );
  return rows.length > 0;
}
