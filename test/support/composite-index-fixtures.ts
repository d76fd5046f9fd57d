import { foldVietnamese } from '../../src/domain/text.js';
import type { Queryable } from '../../src/store/db.js';
import { refreshUnitPaths, upsertUnits, type UnitInput } from '../../src/store/units.queries.js';

/** Pre-2025 provinces (codes of the old list) used by the DTI tests, under the national root VN. */
export const PRE2025_PROVINCES: readonly [code: string, name: string][] = [
  ['01', 'Thành phố Hà Nội'],
  ['22', 'Tỉnh Quảng Ninh'],
  ['27', 'Tỉnh Bắc Ninh'],
  ['46', 'Tỉnh Thừa Thiên Huế'],
  ['48', 'Thành phố Đà Nẵng'],
  ['79', 'Thành phố Hồ Chí Minh'],
  ['92', 'Thành phố Cần Thơ'],
];

/** Writes the national root and the provinces above into the pre2025 set, valid until 30 June 2025. */
export async function createPre2025Provinces(q: Queryable): Promise<void> {
  const unit = (code: string, name: string, parent: string | null): UnitInput => ({
    code,
    name,
    shortName: name.replace(/^(Thành phố|Tỉnh) /, ''),
    nameEn: null,
    searchName: foldVietnamese(name),
    level: parent === null ? 'national' : 'province',
    kind: parent === null ? 'national' : 'province',
    subtype: null,
    parent: parent === null ? null : { set: 'pre2025', code: parent },
    validFrom: null,
    validTo: '2025-06-30',
  });
  await upsertUnits(q, 'pre2025', [
    unit('VN', 'Việt Nam', null),
    ...PRE2025_PROVINCES.map(([code, name]) => unit(code, name, 'VN')),
  ]);
  await refreshUnitPaths(q);
}

/**
 * The main-index values and DTI published for 2022 at https://dti.gov.vn/xep-hang-2022 (provinces ranked
 * 1–5, pre-2025 codes), in the order NTS, TCS, HTS, NLS, ATTT, HDCQS, HDKTS, HDXHS.
 */
export const DTI_2022: readonly [code: string, values: number[], dti: number][] = [
  ['48', [1.0, 0.9, 0.8253, 0.8487, 0.7578, 0.8575, 0.7836, 0.5197], 0.8002],
  ['79', [0.8917, 0.9, 0.8258, 0.6267, 0.558, 0.8406, 0.7611, 0.359], 0.7163],
  ['22', [0.9581, 0.9, 0.7648, 0.625, 0.5382, 0.8385, 0.5904, 0.4505], 0.7024],
  ['46', [0.95, 0.9, 0.6823, 0.6794, 0.6423, 0.8262, 0.6787, 0.3001], 0.6975],
  ['92', [0.9, 0.8, 0.7233, 0.7376, 0.7226, 0.7325, 0.7556, 0.2947], 0.6924],
];

export const DTI_922_INDICATORS = [
  'DTI922_P_NTS',
  'DTI922_P_TCS',
  'DTI922_P_HTS',
  'DTI922_P_NLS',
  'DTI922_P_ATTT',
  'DTI922_P_HDCQS',
  'DTI922_P_HDKTS',
  'DTI922_P_HDXHS',
];

/** Writes yearly values (indicators must exist; units are pre2025 codes) as an import would. */
export async function insertYearValues(
  q: Queryable,
  year: number,
  values: readonly { unit: string; indicator: string; value: number }[],
): Promise<void> {
  await q.query(
    `INSERT INTO data_value (indicator_id, unit_id, period, period_type, period_start, period_end, value, source)
     SELECT i.id, u.id, $1, 'year', ($1 || '-01-01')::date, ($1 || '-12-31')::date, v.value, 'import'
     FROM unnest($2::text[], $3::text[], $4::numeric[]) AS v(unit_code, indicator_code, value)
     JOIN unit u ON u.set_code = 'pre2025' AND u.code = v.unit_code
     JOIN indicator i ON i.code = v.indicator_code
     ON CONFLICT (indicator_id, unit_id, period) DO UPDATE SET value = excluded.value`,
    [String(year), values.map((v) => v.unit), values.map((v) => v.indicator), values.map((v) => v.value)],
  );
}

/** The published 2022 main-index values of the five best provinces, as values to insert. */
export function dti2022Values(): { unit: string; indicator: string; value: number }[] {
  return DTI_2022.flatMap(([unit, values]) =>
    DTI_922_INDICATORS.map((indicator, i) => ({ unit, indicator, value: values[i] ?? 0 })),
  );
}
