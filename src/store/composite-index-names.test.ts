import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { putUnits } from '../../test/support/evaluation-fixture.js';
import { TEST_DB_KINDS, type TestDbKind } from '../../test/support/test-db.js';
import { insertPublishedResults, listNodes, listPublishedResults } from './composite-index.queries.js';
import type { Db } from './db.js';
import { listMigrations, migrate } from './migrate.js';
import { openPglite } from './pglite-db.js';
import { openPostgres } from './pg-db.js';

// Migration 0009 renames the composite index's tables (index_node → composite_index_node, index_result →
// composite_index_result): a database migrated to 0008 with a methodology, its nodes and a published result
// upgrades, and the store reads the same rows back under the new names.

const dropLater: string[] = [];

/** An empty, never migrated database of the given kind. */
async function emptyDb(kind: TestDbKind): Promise<Db> {
  if (kind === 'pglite') return openPglite();
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `dxmon_t_names_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  dropLater.push(name);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return openPostgres(url.toString(), { max: 2 });
}

afterAll(async () => {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl || dropLater.length === 0) return;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  for (const name of dropLater) await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.end();
});

async function relations(db: Db): Promise<string[]> {
  const rows = await db.query<{ relname: string }>(
    `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND (c.relname LIKE '%index_node%' OR c.relname LIKE '%index_result%')
     UNION ALL
     SELECT conname FROM pg_constraint
     WHERE conname LIKE '%index_node%' OR conname LIKE '%index_result%'
     ORDER BY 1`,
  );
  return rows.map((r) => r.relname);
}

describe.each(TEST_DB_KINDS)('migration 0009, composite index names (%s)', (kind) => {
  it('upgrades a database migrated to 0008 with data, and the store reads it back', async () => {
    const db = await emptyDb(kind);
    try {
      const upTo8 = listMigrations().filter((m) => m.version <= 8);
      expect(upTo8.at(-1)?.name).toBe('0008_value_rollup');
      await migrate(db, upTo8);

      await putUnits(db, [
        ['01', 'Hà Nội', 'province', null],
        ['79', 'TP. Hồ Chí Minh', 'province', null],
      ]);
      const [m] = await db.query<{ id: number }>(
        `INSERT INTO methodology (code, name) VALUES ('dti-test', 'DTI thử') RETURNING id`,
      );
      const [v] = await db.query<{ id: number }>(
        `INSERT INTO methodology_version (methodology_id, version) VALUES ($1, 1) RETURNING id`,
        [m!.id],
      );
      await db.query(
        `INSERT INTO index_node (version_id, code, parent_code, name, weight, sort)
         VALUES ($1, 'A', NULL, 'Chính quyền số', 1, 0)`,
        [v!.id],
      );
      await db.query(
        `INSERT INTO index_result (methodology_id, version_id, year, level, unit_id, score, rank,
                                   node_scores, node_ranks, missing, computed_at, published_at)
         SELECT $1, $2, 2025, 'province', u.id, 0.75, 1, '{"A":0.75}', '{"A":1}', '[]', now(), now()
         FROM unit u WHERE u.set_code = '2025' AND u.code = '01'`,
        [m!.id, v!.id],
      );

      expect((await migrate(db)).applied).toContain('0009_composite_index_names');

      const nodes = await listNodes(db, v!.id);
      expect(nodes.map((n) => [n.code, n.name, n.weight])).toEqual([['A', 'Chính quyền số', 1]]);
      const results = await listPublishedResults(db, m!.id, 2025, 'province', null);
      expect(results.map((r) => [r.unitCode, r.score, r.rank, r.nodeScores])).toEqual([
        ['01', 0.75, 1, { A: 0.75 }],
      ]);

      // The identity sequence and the unique key go on under their new names.
      const [hcm] = await db.query<{ id: number }>(
        `SELECT id FROM unit WHERE set_code = '2025' AND code = '79'`,
      );
      const row = {
        unitId: hcm!.id,
        provinceCode: '79',
        score: 0.5,
        rank: 1,
        nodeScores: { A: 0.5 },
        nodeRanks: { A: 1 },
        missing: [],
        previousScore: null,
        previousRank: null,
        change: null,
      };
      const key = {
        methodologyId: m!.id,
        versionId: v!.id,
        year: 2025,
        level: 'province',
        scopeUnitId: null,
      };
      const meta = { computedAt: new Date(), publishedBy: 'test' };
      expect(await insertPublishedResults(db, key, meta, [row])).toBe(1);
      await expect(insertPublishedResults(db, key, meta, [row])).rejects.toThrow(
        /composite_index_result_key_idx/,
      );

      const names = await relations(db);
      expect(names).toEqual(expect.arrayContaining(['composite_index_node', 'composite_index_result']));
      expect(names.filter((n) => /^index_(node|result)/.test(n))).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
