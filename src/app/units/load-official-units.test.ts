import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, TEST_DB_KINDS } from '../../../test/support/test-db.js';
import type { Db } from '../../store/db.js';
import { findUnit, listUnits } from '../../store/units.queries.js';
import { loadOfficialUnits } from './load-official-units.js';

describe.each(TEST_DB_KINDS)('loadOfficialUnits on %s', (kind) => {
  let db: Db;
  const ctx = () => ({ db, now: () => new Date('2026-01-01T00:00:00Z') });

  beforeAll(async () => {
    db = await createTestDb(kind);
  }, 120_000);
  afterAll(async () => db.close());

  it('loads the 2025 set: 34 provinces and 3,321 communes under one national root', async () => {
    const result = await loadOfficialUnits(ctx(), '2025');
    expect(result.counts).toMatchObject({ national: 1, province: 34, district: 0, commune: 3321 });
    expect(result.inserted).toBe(1 + 34 + 3321);
    expect(result.mapping).toBeNull();
    const laoCai = await findUnit(db, ['2025'], '15');
    expect(laoCai).toMatchObject({
      name: 'Tỉnh Lào Cai',
      level: 'province',
      parentCode: 'VN',
      provinceCode: '15',
    });
    const communes = await listUnits(db, { set: '2025', parentId: laoCai!.id });
    expect(communes.length).toBeGreaterThan(90);
    expect(communes.every((c) => c.path.startsWith(laoCai!.path) && c.provinceCode === '15')).toBe(true);
  });

  it('loads the pre-2025 set beside it (63/696/10,051) and links old communes to new ones', async () => {
    const result = await loadOfficialUnits(ctx(), 'pre2025');
    expect(result.counts).toMatchObject({ province: 63, district: 696, commune: 10051 });
    expect(result.mapping!.written).toBeGreaterThan(10_000);
    expect((await findUnit(db, ['pre2025'], '15'))!.name).toBe('Tỉnh Yên Bái');
    expect((await findUnit(db, ['2025'], '15'))!.name).toBe('Tỉnh Lào Cai');
    const [{ n }] = (await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM unit_mapping m JOIN unit o ON o.id = m.old_unit_id JOIN unit n ON n.id = m.new_unit_id
       WHERE o.set_code = 'pre2025' AND n.set_code = '2025' AND o.level = 'commune' AND n.level = 'commune'`,
    )) as [{ n: number }];
    expect(n).toBe(result.mapping!.written);
  }, 120_000); // 10,051 communes and their links: longer than the default on a busy machine

  it('changes nothing when a set is loaded again', async () => {
    const again = await loadOfficialUnits(ctx(), '2025');
    expect(again).toMatchObject({ inserted: 0, updated: 0 });
    expect(again.mapping!.written).toBe(0);
  });

  it('finds a unit by its name written without diacritics', async () => {
    const found = await listUnits(db, { set: '2025', level: 'province', search: 'lao cai' });
    expect(found.map((u) => u.code)).toEqual(['15']);
  });
});
