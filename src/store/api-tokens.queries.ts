import type { Role } from '../domain/approval.js';
import type { Queryable } from './db.js';

/** An API token as stored and listed (never with its hash). */
export interface ApiTokenRow {
  id: number;
  name: string;
  role: Role;
  unitId: number | null;
  unitSet: string | null;
  unitCode: string | null;
  unitName: string | null;
  unitPath: string;
  /** The province the unit lies in (null for the installation root). */
  provinceCode: string | null;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

const TOKEN_COLUMNS = `t.id, t.name, t.role, t.unit_id AS "unitId", tu.set_code AS "unitSet", tu.code AS "unitCode",
  tu.name AS "unitName", COALESCE(tu.path, '/') AS "unitPath", tu.province_code AS "provinceCode", t.created_by AS "createdBy", t.created_at AS "createdAt",
  t.expires_at AS "expiresAt", t.revoked_at AS "revokedAt", t.last_used_at AS "lastUsedAt"`;

export async function insertApiToken(
  q: Queryable,
  token: {
    tokenHash: string;
    name: string;
    role: Role;
    unitId: number | null;
    createdBy: string;
    at: Date;
    expiresAt: Date;
  },
): Promise<number> {
  const rows = await q.query<{ id: number }>(
    `INSERT INTO api_token (token_hash, name, role, unit_id, created_by, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [token.tokenHash, token.name, token.role, token.unitId, token.createdBy, token.at, token.expiresAt],
  );
  const id = rows[0]?.id;
  if (id === undefined) throw new Error('insertApiToken returned no id');
  return id;
}

export async function findApiTokenByHash(q: Queryable, tokenHash: string): Promise<ApiTokenRow | null> {
  const rows = await q.query<ApiTokenRow>(
    `SELECT ${TOKEN_COLUMNS} FROM api_token t LEFT JOIN unit tu ON tu.id = t.unit_id WHERE t.token_hash = $1`,
    [tokenHash],
  );
  return rows[0] ?? null;
}

export async function findApiTokenById(q: Queryable, id: number): Promise<ApiTokenRow | null> {
  const rows = await q.query<ApiTokenRow>(
    `SELECT ${TOKEN_COLUMNS} FROM api_token t LEFT JOIN unit tu ON tu.id = t.unit_id WHERE t.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

export async function listApiTokenRows(q: Queryable): Promise<ApiTokenRow[]> {
  return q.query<ApiTokenRow>(
    `SELECT ${TOKEN_COLUMNS} FROM api_token t LEFT JOIN unit tu ON tu.id = t.unit_id ORDER BY t.id`,
  );
}

/** Marks a token revoked; false when it already was. */
export async function revokeApiTokenRow(q: Queryable, id: number, by: string, at: Date): Promise<boolean> {
  const rows = await q.query(
    'UPDATE api_token SET revoked_at = $2, revoked_by = $3 WHERE id = $1 AND revoked_at IS NULL RETURNING 1',
    [id, at, by],
  );
  return rows.length > 0;
}

export async function touchApiToken(q: Queryable, id: number, at: Date): Promise<void> {
  await q.query(
    'UPDATE api_token SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2)',
    [id, at],
  );
}
