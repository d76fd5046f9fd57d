import { foldVietnamese } from '../../src/domain/text.js';
import { parsePeriod, periodEnd, periodStart } from '../../src/domain/period.js';
import type { UnitLevel } from '../../src/domain/unit-vocabulary.js';
import type { Queryable } from '../../src/store/db.js';
import { refreshUnitPaths, upsertUnits, type UnitInput } from '../../src/store/units.queries.js';

// Small data sets for the evaluation tests, written with plain SQL (the value-saving use cases are another
// engineer's; these helpers only need the schema of migration 0001).

/** A unit of the 2025 set: code, name, level and the parent's code (null for the root). */
export type FixtureUnit = [code: string, name: string, level: UnitLevel, parent: string | null];

/**
 * A small tree of every level for the rollup tests: the nation, two provinces, three communes, four villages
 * (one commune with two villages, one with one, one with one in the other province).
 */
export const SMALL_TREE: readonly FixtureUnit[] = [
  ['N', 'Cả nước', 'national', null],
  ['P1', 'Tỉnh P1', 'province', 'N'],
  ['P2', 'Tỉnh P2', 'province', 'N'],
  ['C11', 'Xã C11', 'commune', 'P1'],
  ['C12', 'Xã C12', 'commune', 'P1'],
  ['C21', 'Xã C21', 'commune', 'P2'],
  ['V111', 'Thôn V111', 'village', 'C11'],
  ['V112', 'Thôn V112', 'village', 'C11'],
  ['V121', 'Thôn V121', 'village', 'C12'],
  ['V211', 'Thôn V211', 'village', 'C21'],
];

/** Writes units of one set (default 2025) and refreshes the materialised paths. */
export async function putUnits(q: Queryable, units: readonly FixtureUnit[], set = '2025'): Promise<void> {
  const inputs = units.map(([code, name, level, parent]): UnitInput => ({
    code,
    name,
    shortName: name,
    nameEn: null,
    searchName: foldVietnamese(name),
    level,
    kind: level === 'national' ? 'national' : level,
    subtype: null,
    parent: parent === null ? null : { set, code: parent },
    validFrom: null,
    validTo: null,
  }));
  await upsertUnits(q, set, inputs);
  await refreshUnitPaths(q);
}

export interface FixtureIndicator {
  code: string;
  valueType: 'percent' | 'count' | 'number' | 'money' | 'boolean' | 'ratio';
  direction?: 'increase' | 'decrease' | 'reach';
  timeAggregation?: 'sum' | 'last' | 'average';
  name?: string;
}

/** One indicator of every value type with every time aggregation, coded `<type>_<aggregation>`. */
export const EVERY_KIND_INDICATORS: readonly FixtureIndicator[] = (
  ['count', 'money', 'ratio', 'boolean', 'percent', 'number'] as const
).flatMap((valueType) =>
  (['sum', 'last', 'average'] as const).map((timeAggregation) => ({
    code: `${valueType}_${timeAggregation}`,
    valueType,
    timeAggregation,
  })),
);

export async function putIndicators(q: Queryable, indicators: readonly FixtureIndicator[]): Promise<void> {
  for (const i of indicators) {
    await q.query(
      `INSERT INTO indicator (code, name_vi, name_en, value_type, direction, time_aggregation)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        i.code,
        i.name ?? `Chỉ tiêu ${i.code}`,
        `Indicator ${i.code}`,
        i.valueType,
        i.direction ?? 'increase',
        i.timeAggregation ?? 'last',
      ],
    );
  }
}

/** A value as stored: a number (a boolean as 1/0) or a ratio's parts. */
export type FixtureValue = number | boolean | { num: number; den: number };

function unitSql(unit: string): [string, string] {
  const colon = unit.indexOf(':');
  return colon === -1 ? ['2025', unit] : [unit.slice(0, colon), unit.slice(colon + 1)];
}

/** Inserts or replaces one data value of an indicator at a unit (`code` or `set:code`) and period. */
export async function putValue(
  q: Queryable,
  indicator: string,
  unit: string,
  period: string,
  value: FixtureValue,
  by = 'tester',
): Promise<void> {
  const parsed = parsePeriod(period);
  if (!parsed.ok) throw new Error(`bad period ${period}`);
  const p = parsed.value;
  const [set, code] = unitSql(unit);
  const isRatio = typeof value === 'object';
  const plain = typeof value === 'boolean' ? (value ? 1 : 0) : isRatio ? null : value;
  const rows = await q.query<{ id: number }>(
    `INSERT INTO data_value (indicator_id, unit_id, period, period_type, period_start, period_end,
                             value, numerator, denominator, source, created_by, updated_by)
     SELECT i.id, u.id, $3, $4, $5::date, $6::date, $7::numeric, $8::numeric, $9::numeric, 'import', $10, $10
     FROM indicator i, unit u WHERE i.code = $1 AND u.set_code = $11 AND u.code = $2
     ON CONFLICT (indicator_id, unit_id, period) DO UPDATE SET
       value = excluded.value, numerator = excluded.numerator, denominator = excluded.denominator,
       updated_by = excluded.updated_by, updated_at = now(), version = data_value.version + 1
     RETURNING id`,
    [
      indicator,
      code,
      p.id,
      p.type,
      periodStart(p),
      periodEnd(p),
      plain,
      isRatio ? value.num : null,
      isRatio ? value.den : null,
      by,
      set,
    ],
  );
  if (rows.length !== 1) throw new Error(`no indicator ${indicator} or unit ${unit}`);
}

/** Deletes one data value. */
export async function deleteValue(
  q: Queryable,
  indicator: string,
  unit: string,
  period: string,
): Promise<void> {
  const [set, code] = unitSql(unit);
  await q.query(
    `DELETE FROM data_value dv USING indicator i, unit u
     WHERE dv.indicator_id = i.id AND dv.unit_id = u.id AND i.code = $1 AND u.set_code = $4 AND u.code = $2
       AND dv.period = $3`,
    [indicator, code, period, set],
  );
}

export async function idOf(
  q: Queryable,
  table: 'indicator' | 'unit' | 'plan',
  code: string,
): Promise<number> {
  const [set, bare] = unitSql(code);
  const rows =
    table === 'unit'
      ? await q.query<{ id: number }>('SELECT id FROM unit WHERE set_code = $1 AND code = $2', [set, bare])
      : await q.query<{ id: number }>(`SELECT id FROM ${table} WHERE code = $1`, [code]);
  const id = rows[0]?.id;
  if (id === undefined) throw new Error(`no ${table} ${code}`);
  return id;
}

export interface FixtureTarget {
  indicator: string;
  unit: string;
  period: string;
  target: number | null;
  baseline?: number;
  baselinePeriod?: string;
  lead?: string;
}

/** Writes a plan at a unit with its targets. */
export async function putPlan(
  q: Queryable,
  plan: { code: string; name?: string; unit: string; startYear: number; endYear: number; bands?: object },
  targets: readonly FixtureTarget[],
): Promise<void> {
  const unitId = await idOf(q, 'unit', plan.unit);
  await q.query(
    `INSERT INTO plan (code, name, unit_id, start_year, end_year, bands) VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
    [
      plan.code,
      plan.name ?? `Kế hoạch ${plan.code}`,
      unitId,
      plan.startYear,
      plan.endYear,
      plan.bands ? JSON.stringify(plan.bands) : null,
    ],
  );
  const planId = await idOf(q, 'plan', plan.code);
  for (const t of targets) {
    await q.query(
      `INSERT INTO target (plan_id, indicator_id, unit_id, period, target, baseline, baseline_period, lead_unit_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        planId,
        await idOf(q, 'indicator', t.indicator),
        await idOf(q, 'unit', t.unit),
        t.period,
        t.target,
        t.baseline ?? null,
        t.baselinePeriod ?? null,
        t.lead ? await idOf(q, 'unit', t.lead) : null,
      ],
    );
  }
}

/**
 * A small plan for the evaluation tests, with hand-computed results at 2024S1 (see evaluate-plan.test.ts):
 * province P with communes C1, C2 (villages below C1) and plan PLAN-P of 7 targets — six at P, one at C1.
 */
export async function seedEvaluationPlan(q: Queryable): Promise<void> {
  await putUnits(q, [
    ['P', 'Tỉnh P', 'province', null],
    ['C1', 'Xã C1', 'commune', 'P'],
    ['C2', 'Xã C2', 'commune', 'P'],
    ['V1', 'Thôn V1', 'village', 'C1'],
    ['AG', 'Sở A', 'agency', 'P'],
  ]);
  await putIndicators(q, [
    { code: 'RATIO', valueType: 'ratio', timeAggregation: 'last', name: 'Tỷ lệ hộ có cáp quang' },
    { code: 'FLOW', valueType: 'count', timeAggregation: 'sum', name: 'Số tài khoản mới' },
    { code: 'DONE', valueType: 'boolean', direction: 'reach', name: 'Ban hành kế hoạch' },
    { code: 'PCT', valueType: 'percent', timeAggregation: 'last', name: 'Tỷ lệ hồ sơ trực tuyến' },
    { code: 'LACK', valueType: 'count', direction: 'decrease', name: 'Số thôn chưa có băng rộng' },
    { code: 'EMPTY', valueType: 'count', timeAggregation: 'sum', name: 'Chỉ tiêu chưa có số liệu' },
  ]);
  const values: [string, string, string, FixtureValue][] = [
    ['RATIO', 'C1', '2024Q2', { num: 1, den: 4 }],
    ['RATIO', 'C2', '2024Q2', { num: 9, den: 12 }],
    ['FLOW', 'C1', '2024Q1', 10],
    ['FLOW', 'C1', '2024Q2', 5],
    ['FLOW', 'C2', '2024Q1', 7],
    ['DONE', 'P', '2024S1', true],
    ['PCT', 'P', '2024Q1', 40],
    ['PCT', 'P', '2024Q2', 44],
    ['PCT', 'C1', '2024S1', 90],
    ['LACK', 'C1', '2024S1', 4],
    ['LACK', 'C2', '2024S1', 2],
  ];
  for (const [indicator, unit, period, value] of values) await putValue(q, indicator, unit, period, value);
  await putPlan(q, { code: 'PLAN-P', unit: 'P', startYear: 2024, endYear: 2024 }, [
    { indicator: 'RATIO', unit: 'P', period: '2024', target: 60, lead: 'AG' },
    { indicator: 'FLOW', unit: 'P', period: '2024', target: 50 },
    { indicator: 'DONE', unit: 'P', period: '2024', target: 1 },
    { indicator: 'PCT', unit: 'P', period: '2024', target: 50 },
    { indicator: 'LACK', unit: 'P', period: '2024', target: 0, baseline: 10, baselinePeriod: '2023' },
    { indicator: 'EMPTY', unit: 'P', period: '2024', target: 5 },
    { indicator: 'FLOW', unit: 'C1', period: '2024', target: 20 },
    { indicator: 'FLOW', unit: 'P', period: '2025', target: 999 },
  ]);
}
