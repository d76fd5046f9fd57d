import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, TEST_DB_KINDS } from '../../../test/support/test-db.js';
import { isAppError } from '../../domain/app-error.js';
import type { Db } from '../../store/db.js';
import { findUnit } from '../../store/units.queries.js';
import { loadUnitList } from './load-unit-list.js';
import { tempDirSync } from '../../../test/support/temp-dir.js';

function listFile(rows: string[]): string {
  const dir = tempDirSync('dxmon-units-');
  writeFileSync(join(dir, 'units.csv'), ['code,name,kind,parent_code', ...rows].join('\n'));
  return dir;
}

describe.each(TEST_DB_KINDS)('loadUnitList on %s', (kind) => {
  let db: Db;
  const ctx = () => ({ db, now: () => new Date('2026-11-23T00:00:00Z') });
  beforeAll(async () => {
    db = await createTestDb(kind);
  });
  afterAll(async () => db.close());

  const newer = [
    '75,Thành phố Đồng Nai,province,',
    '25270,Phường Trấn Biên,commune,75',
    '25357,Phường Biên Hòa,commune,75',
  ];

  it('loads a newer official list into a set, under the national root', async () => {
    const result = await loadUnitList(ctx(), '2025', listFile(newer));
    expect(result).toMatchObject({ inserted: 4, updated: 0 });
    expect(result.counts).toMatchObject({ national: 1, province: 1, commune: 2 });
    expect(await findUnit(db, ['2025'], '25270')).toMatchObject({
      parentCode: '75',
      provinceCode: '75',
      shortName: 'Trấn Biên',
    });
  });

  it('changes nothing when loaded again, and updates only what changed', async () => {
    expect(await loadUnitList(ctx(), '2025', listFile(newer))).toMatchObject({ inserted: 0, updated: 0 });
    const renamed = [...newer.slice(0, 2), '25357,Phường Biên Hoà,commune,75'];
    expect(await loadUnitList(ctx(), '2025', listFile(renamed))).toMatchObject({ inserted: 0, updated: 1 });
  });

  it('refuses a list whose parent is unknown, naming the row, and writes nothing', async () => {
    let caught: unknown;
    try {
      await loadUnitList(
        ctx(),
        '2025',
        listFile(['26000,Xã Mới,commune,99', '77,Thành phố Hồ Chí Minh Mới,province,']),
      );
    } catch (error) {
      caught = error;
    }
    expect(isAppError(caught) && caught.details).toEqual([
      expect.objectContaining({
        sheet: 'units',
        row: 2,
        column: 'parent_code',
        message_en: expect.stringContaining('«99»'),
      }),
    ]);
    expect(await findUnit(db, ['2025'], '77')).toBeNull();
  });
});
