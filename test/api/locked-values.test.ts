import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.js';
import type { Db } from '../../src/store/db.js';
import { openDatabase, type OpenedDatabase } from '../../src/store/open-database.js';
import { buildTestServer, type TestServer } from '../support/api.js';
import { workspaceCli } from '../support/cli.js';
import {
  insertIndicator,
  insertPlan,
  insertValue,
  loadSmallTree,
  testContext,
  approvePeriod,
} from '../support/auth-fixtures.js';
import { tempDirSync } from '../support/temp-dir.js';

/**
 * Issue 7: an approved period refuses every path that writes values — the API the web form uses, the import, and
 * the CLI — for the approved unit and every unit below it; reopening it (with a reason) lets values change again.
 */
const dataDir = tempDirSync('dxmon-locked-');

describe('a locked period refuses the form, the API, the import and the CLI', () => {
  let opened: OpenedDatabase;
  let db: Db;
  let ctx: AppContext;
  let app: TestServer;

  beforeAll(async () => {
    opened = await openDatabase({ kind: 'embedded', dataDir }, { command: 'test' });
    db = opened.db;
    await loadSmallTree(db);
    ctx = testContext(db, () => new Date('2025-07-05T00:00:00Z'));
    const dx = await insertIndicator(db, 'DX_A');
    await db.query(`UPDATE indicator SET value_type = 'number' WHERE id = $1`, [dx]);
    await insertPlan(db, 'KH-15', '15', [{ indicatorId: dx, unitCode: '15' }]);
    await insertValue(db, {
      indicatorId: dx,
      unitCode: '02647',
      period: '2025Q1',
      start: '2025-01-01',
      end: '2025-03-31',
      type: 'quarter',
      value: 10,
    });
    // The province's first half-year is approved: it locks the province and every commune below it.
    await approvePeriod(ctx, 'KH-15', '2025S1', ['15']);
    app = await buildTestServer({ ctx });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await opened?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const put = (unit: string, period: string, value: number, version: number | null = null) =>
    app.inject({
      method: 'PUT',
      url: '/api/v1/values',
      payload: { indicator: 'DX_A', unit, period, value, version },
    });

  it.each([
    ['a commune’s existing quarter value', '02647', '2025Q1', 1],
    ['a new month of a commune', '02648', '202505', null],
    ['the province’s half-year itself', '15', '2025S1', null],
  ])('the API (and the form on it) refuses %s with 423', async (_label, unit, period, version) => {
    const res = await put(unit, period, 12, version);
    expect(res.statusCode, res.body).toBe(423);
    expect(res.json().message_en).toContain('plan KH-15 has been approved');
  });

  it('the API accepts a period the approval does not cover', async () => {
    expect((await put('02647', '2025Q3', 12)).statusCode).toBe(200);
  });

  it('the import refuses the whole file when one row is locked, writing nothing', async () => {
    const payload = 'indicator_code,unit_code,period,value\nDX_A,02647,2025Q4,30\nDX_A,02648,2025Q2,31\n';
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/imports?sheet=values',
      headers: { 'content-type': 'text/csv' },
      payload,
    });
    expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
    expect(res.body).toContain('KH-15');
    const written = await db.query(`SELECT 1 FROM data_value WHERE period IN ('2025Q4', '2025Q2')`);
    expect(written).toEqual([]);
  });

  it('the CLI refuses too, and accepts once the period is reopened with a reason', async () => {
    await app.close();
    await opened.close();
    const run = workspaceCli(dataDir).dxmon;
    const set = [
      'values',
      'set',
      '--indicator',
      'DX_A',
      '--unit',
      '02648',
      '--period',
      '202504',
      '--value',
      '5',
    ];
    const refused = await run(...set);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('KH-15');
    const reopened = await run(
      'review',
      'reopen',
      '--plan',
      'KH-15',
      '--period',
      '2025S1',
      '--unit',
      '15',
      '--reason',
      'Sửa số liệu quý 2',
    );
    expect(reopened.code, reopened.stderr).toBe(0);
    expect((await run(...set)).code).toBe(0);
    opened = await openDatabase({ kind: 'embedded', dataDir }, { command: 'test' });
  }, 60_000);
});
