import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Direction } from '../src/domain/achievement.js';
import { achievementRatio } from '../src/domain/achievement.js';
import type { Band } from '../src/domain/band.js';
import { bandOf, countBands } from '../src/domain/band.js';
import { parsePeriod } from '../src/domain/period.js';
import type { RegisterValues } from '../src/domain/register-change.js';
import { registerChange } from '../src/domain/register-change.js';
import type { Task, TaskStatus } from '../src/domain/task-status.js';
import { TASK_STATUSES, summarizeTasks, validateTask } from '../src/domain/task-status.js';
import type { OfficialUnit } from '../src/io/official-units.js';
import { readOfficialUnits } from '../src/io/official-units.js';
import { parseCsv } from '../src/io/read-csv.js';

// The demo workspace (data/demo/lao-cai-2024) must reproduce the published figures listed in data/demo/README.md:
// Lào Cai's 2024 H1 review. This reads the CSVs with a minimal local reader (the real importer lives in src/io) and
// recomputes every count the report states with the domain functions.

const dir = new URL('../data/demo/lao-cai-2024/', import.meta.url);

const COLUMNS: Record<string, string[]> = {
  units: ['code', 'name', 'kind', 'parent_code'],
  indicators: ['code', 'name_vi', 'name_en', 'value_type', 'unit', 'direction', 'time_aggregation', 'group'],
  plans: ['code', 'name', 'unit_code', 'start_year', 'end_year'],
  targets: [
    'plan_code',
    'indicator_code',
    'unit_code',
    'period',
    'target',
    'baseline',
    'baseline_period',
    'lead_unit_code',
    'note',
  ],
  values: ['indicator_code', 'unit_code', 'period', 'value', 'numerator', 'denominator', 'comment'],
  tasks: ['code', 'programme', 'title', 'lead_unit_code', 'start', 'due', 'recurring', 'status', 'note'],
};

const GROUPS = [
  'digitalGovernment',
  'digitalEconomy',
  'digitalSociety',
  'awareness',
  'institutions',
  'infrastructure',
  'platforms',
  'humanResources',
  'cybersecurity',
  'smartCity',
];

const ILLUSTRATIVE = 'giá trị minh họa';
const SOURCE = 'phiên họp ngày 18/7/2024';
const PLAN = 'LCI-DX-2024';
const PROVINCE = 'pre2025:10';

type Row = Record<string, string>;

async function readSheet(sheet: string): Promise<{ header: string[]; rows: Row[]; widths: number[] }> {
  const records = (await parseCsv(readFileSync(new URL(`${sheet}.csv`, dir), 'utf8'))).records.filter(
    (r) => !(r.length === 1 && r[0] === ''),
  );
  const header = records[0] ?? [];
  const cells = records.slice(1);
  const rows = cells.map((c) => Object.fromEntries(header.map((h, i) => [h, c[i] ?? ''])));
  return { header, rows, widths: cells.map((c) => c.length) };
}

function col(row: Row, column: string): string {
  const v = row[column];
  if (v === undefined) throw new Error(`no column ${column}`);
  return v;
}

function byKey(rows: Row[], key: (r: Row) => string): Map<string, Row> {
  return new Map(rows.map((r) => [key(r), r]));
}

const units = (await readSheet('units')).rows;
const indicators = (await readSheet('indicators')).rows;
const plans = (await readSheet('plans')).rows;
const targets = (await readSheet('targets')).rows;
const values = (await readSheet('values')).rows;
const tasks = (await readSheet('tasks')).rows;

const unitByCode = byKey(units, (r) => col(r, 'code'));
const indicatorByCode = byKey(indicators, (r) => col(r, 'code'));
const valueKey = (indicator: string, unit: string, period: string): string =>
  `${indicator}|${unit}|${period}`;
const valueByKey = byKey(values, (r) =>
  valueKey(col(r, 'indicator_code'), col(r, 'unit_code'), col(r, 'period')),
);

function indicatorOf(code: string): Row {
  const row = indicatorByCode.get(code);
  if (!row) throw new Error(`unknown indicator ${code}`);
  return row;
}

/** The actual value of a value row as evaluation reads it: a ratio as 100 × numerator / denominator. */
function actualOf(row: Row): number | boolean {
  const type = col(indicatorOf(col(row, 'indicator_code')), 'value_type');
  if (type === 'ratio') return (100 * Number(col(row, 'numerator'))) / Number(col(row, 'denominator'));
  if (type === 'boolean') return col(row, 'value') === 'true';
  return Number(col(row, 'value'));
}

function evaluate(target: Row): { ratio: number | null; band: Band; actual: number | boolean | null } {
  const indicator = indicatorOf(col(target, 'indicator_code'));
  const valueRow = valueByKey.get(
    valueKey(col(target, 'indicator_code'), col(target, 'unit_code'), '2024S1'),
  );
  const actual = valueRow ? actualOf(valueRow) : null;
  const baseline = col(target, 'baseline');
  const a = achievementRatio({
    direction: col(indicator, 'direction') as Direction,
    actual,
    target: Number(col(target, 'target')),
    baseline: baseline === '' ? null : Number(baseline),
  });
  const ratio = a.kind === 'ratio' ? a.ratio : null;
  return { ratio, band: bandOf(ratio), actual };
}

let communes: OfficialUnit[] = [];

beforeAll(async () => {
  const list = await readOfficialUnits('pre2025');
  const districts = new Set(list.units.filter((u) => u.parentCode === '10').map((u) => u.code));
  communes = list.units.filter(
    (u) => u.level === 'commune' && u.parentCode !== null && districts.has(u.parentCode),
  );
});

describe('demo workspace data/demo/lao-cai-2024: sheets', () => {
  it.each(Object.entries(COLUMNS))(
    '%s.csv has the canonical header and full rows',
    async (sheet, columns) => {
      const { header, rows, widths } = await readSheet(sheet);
      expect(header).toEqual(columns);
      expect(rows.length).toBeGreaterThan(0);
      expect(widths.every((w) => w === columns.length)).toBe(true);
    },
  );

  it.each([
    ['units', (r: Row) => col(r, 'code')],
    ['indicators', (r: Row) => col(r, 'code')],
    ['plans', (r: Row) => col(r, 'code')],
    [
      'targets',
      (r: Row) => ['plan_code', 'indicator_code', 'unit_code', 'period'].map((c) => col(r, c)).join('|'),
    ],
    ['values', (r: Row) => ['indicator_code', 'unit_code', 'period'].map((c) => col(r, c)).join('|')],
    ['tasks', (r: Row) => col(r, 'code')],
  ] as const)('%s.csv has unique keys', async (sheet, key) => {
    const rows = (await readSheet(sheet)).rows;
    expect(new Set(rows.map(key)).size).toBe(rows.length);
  });
});

describe('demo workspace: units', () => {
  it('has Lào Cai 151 communes in the pre-2025 list (the demo refers to them)', () => {
    expect(communes).toHaveLength(151);
  });

  it('hangs the agencies under pre2025:10 with LCI- codes', () => {
    const agencies = units.filter((u) => col(u, 'kind') === 'agency');
    expect(agencies.length).toBeGreaterThanOrEqual(9);
    for (const a of agencies) {
      expect(col(a, 'code')).toMatch(/^LCI-[A-Z]+$/);
      expect(col(a, 'parent_code')).toBe(PROVINCE);
    }
  });

  it('hangs every village under a real Lào Cai commune, coded <commune>-Tnn', () => {
    const communeCodes = new Set(communes.map((c) => c.code));
    const villages = units.filter((u) => col(u, 'kind') === 'village');
    expect(villages.length).toBeGreaterThanOrEqual(200);
    expect(villages.length).toBeLessThan(500);
    for (const v of villages) {
      const m = /^(\d{5})-T\d{2}$/.exec(col(v, 'code'));
      expect(m).not.toBeNull();
      expect(communeCodes.has(m?.[1] ?? '')).toBe(true);
      expect(col(v, 'parent_code')).toBe(`pre2025:${m?.[1] ?? ''}`);
      expect(col(v, 'name')).toMatch(/^(Thôn|Bản) \S/);
    }
    expect(units.every((u) => ['agency', 'village'].includes(col(u, 'kind')))).toBe(true);
  });
});

describe('demo workspace: indicators and plan', () => {
  it('uses only the import format enumerations and the ten group codes', () => {
    for (const i of indicators) {
      expect(['percent', 'count', 'number', 'money', 'boolean', 'ratio']).toContain(col(i, 'value_type'));
      expect(['increase', 'decrease', 'reach']).toContain(col(i, 'direction'));
      expect(['sum', 'last', 'average']).toContain(col(i, 'time_aggregation'));
      expect(GROUPS).toContain(col(i, 'group'));
      expect(col(i, 'name_vi')).not.toBe('');
      expect(col(i, 'name_en')).not.toBe('');
    }
    expect(new Set(indicators.map((i) => col(i, 'group')))).toEqual(new Set(GROUPS));
  });

  it.each([
    ['REG_MOBILE_BB', 'boolean'],
    ['REG_FIBRE', 'boolean'],
    ['REG_LAN', 'boolean'],
    ['REG_CDT_TEAMS', 'count'],
    ['REG_CDT_MEMBERS', 'count'],
  ])('has the register indicator %s (%s)', (code, type) => {
    expect(col(indicatorOf(code), 'value_type')).toBe(type);
  });

  it('has one plan for 2024 at pre2025:10', () => {
    expect(plans).toEqual([
      {
        code: PLAN,
        name: 'Kế hoạch chuyển đổi số tỉnh Lào Cai năm 2024',
        unit_code: PROVINCE,
        start_year: '2024',
        end_year: '2024',
      },
    ]);
  });
});

describe('demo workspace: targets evaluated at 2024S1', () => {
  const results = targets.map((t) => ({ code: col(t, 'indicator_code'), ...evaluate(t) }));

  it('has 24 targets of the plan due 2024 at pre2025:10, each led by an agency and noted', () => {
    expect(targets).toHaveLength(24);
    for (const t of targets) {
      expect([col(t, 'plan_code'), col(t, 'unit_code'), col(t, 'period')]).toEqual([PLAN, PROVINCE, '2024']);
      expect(col(unitByCode.get(col(t, 'lead_unit_code')) ?? {}, 'kind')).toBe('agency');
      expect(col(t, 'note').includes(ILLUSTRATIVE) || col(t, 'note').includes(SOURCE)).toBe(true);
      const indicator = indicatorOf(col(t, 'indicator_code'));
      expect(col(indicator, 'code').startsWith('REG_')).toBe(false);
    }
  });

  it('covers percent, ratio, count and boolean targets, a decrease with a baseline and a reach', () => {
    const types = new Set(targets.map((t) => col(indicatorOf(col(t, 'indicator_code')), 'value_type')));
    expect([...types].sort()).toEqual(['boolean', 'count', 'percent', 'ratio']);
    const decrease = targets.filter(
      (t) => col(indicatorOf(col(t, 'indicator_code')), 'direction') === 'decrease',
    );
    expect(decrease.length).toBeGreaterThanOrEqual(1);
    for (const t of decrease) {
      expect(Number(col(t, 'baseline'))).toBeGreaterThan(Number(col(t, 'target')));
      expect(parsePeriod(col(t, 'baseline_period')).ok).toBe(true);
    }
    expect(targets.some((t) => col(indicatorOf(col(t, 'indicator_code')), 'direction') === 'reach')).toBe(
      true,
    );
  });

  it('gives 8 exceeded, 11 over 80%, 4 from 50% to 80%, 1 under 50%, none without data', () => {
    expect(countBands(results.map((r) => r.band))).toEqual({
      exceeded: 8,
      over80: 11,
      from50to80: 4,
      under50: 1,
      noData: 0,
    });
  });

  it('keeps every ratio clearly inside its band (exactly 1 allowed: 95/95 and a milestone reached)', () => {
    for (const { code, ratio } of results) {
      if (ratio === 1) continue;
      for (const bound of [0.5, 0.8, 1]) {
        expect(Math.abs((ratio ?? 0) - bound), code).toBeGreaterThanOrEqual(0.01);
      }
    }
  });

  it.each([
    ['Tỷ lệ hồ sơ công việc được xử lý hoàn toàn trên môi trường mạng', 97, 95, 'exceeded'],
    ['Tỷ lệ doanh nghiệp vừa và nhỏ sử dụng nền tảng số', 47, 30, 'exceeded'],
    ['Thủ tục hành chính của các cơ quan nhà nước được cắt giảm', 30, 10, 'exceeded'],
    ['Tỷ lệ người dân có hồ sơ sức khỏe điện tử', 95, 95, 'exceeded'],
    ['Tỷ lệ người dân có nhu cầu thanh toán có tài khoản thanh toán điện tử', 45, 40, 'exceeded'],
  ])('reproduces the published figure "%s đạt %s%%/%s%%"', (name, actual, target, band) => {
    const indicator = indicators.find((i) => col(i, 'name_vi') === name);
    expect(indicator).toBeDefined();
    const t = targets.find((r) => col(r, 'indicator_code') === col(indicator ?? {}, 'code'));
    expect(t).toBeDefined();
    expect(Number(col(t ?? {}, 'target'))).toBe(target);
    expect(col(t ?? {}, 'note')).toContain(SOURCE);
    const result = evaluate(t ?? {});
    expect(result.actual).toBe(actual);
    expect(result.band).toBe(band);
  });

  it('holds the Party bloc figure (88%) as a value without a target', () => {
    const party = indicators.filter((i) => col(i, 'name_vi').includes('khối Đảng'));
    expect(party).toHaveLength(1);
    const code = col(party[0] ?? {}, 'code');
    expect(targets.some((t) => col(t, 'indicator_code') === code)).toBe(false);
    expect(col(valueByKey.get(valueKey(code, PROVINCE, '2024S1')) ?? {}, 'value')).toBe('88');
  });
});

describe('demo workspace: values', () => {
  const knownUnit = (code: string): boolean =>
    unitByCode.has(code) ||
    code === PROVINCE ||
    (code.startsWith('pre2025:') && communes.some((c) => `pre2025:${c.code}` === code));

  it('matches each value to its indicator type, a valid period and a known unit', () => {
    for (const v of values) {
      const type = col(indicatorOf(col(v, 'indicator_code')), 'value_type');
      const [value, numerator, denominator] = ['value', 'numerator', 'denominator'].map((c) => col(v, c));
      expect(parsePeriod(col(v, 'period')).ok).toBe(true);
      expect(knownUnit(col(v, 'unit_code')), col(v, 'unit_code')).toBe(true);
      expect(col(v, 'comment').includes(ILLUSTRATIVE) || col(v, 'comment').includes(SOURCE)).toBe(true);
      if (type === 'ratio') {
        expect(value).toBe('');
        expect(numerator).toMatch(/^\d+$/);
        expect(denominator).toMatch(/^[1-9]\d*$/);
        expect(Number(numerator)).toBeLessThanOrEqual(Number(denominator));
        continue;
      }
      expect([numerator, denominator]).toEqual(['', '']);
      if (type === 'boolean') expect(['true', 'false']).toContain(value);
      else if (type === 'count') expect(value).toMatch(/^\d+$/);
      else if (type === 'percent') {
        expect(value).toMatch(/^\d+(\.\d+)?$/);
        expect(Number(value)).toBeLessThanOrEqual(100);
      }
    }
  });

  it('gives flows (time aggregation sum) no sub-period value that would double count', () => {
    const flows = values.filter(
      (v) => col(indicatorOf(col(v, 'indicator_code')), 'time_aggregation') === 'sum',
    );
    expect(flows.length).toBeGreaterThan(0);
    expect(flows.every((v) => col(v, 'period') === '2024S1')).toBe(true);
  });

  it('gives some targets a 2024Q1 value too, so their forecast has two points', () => {
    const withQ1 = targets.filter((t) =>
      valueByKey.has(valueKey(col(t, 'indicator_code'), PROVINCE, '2024Q1')),
    );
    expect(withQ1.length).toBeGreaterThanOrEqual(3);
  });
});

describe('demo workspace: registers', () => {
  function register(indicator: string, period: string): Map<string, boolean> {
    return new Map(
      values
        .filter((v) => col(v, 'indicator_code') === indicator && col(v, 'period') === period)
        .map((v) => [col(v, 'unit_code'), col(v, 'value') === 'true']),
    );
  }

  it.each([
    ['REG_MOBILE_BB', 10, 6, 4],
    ['REG_FIBRE', 200, 56, 144],
  ])('%s: %i villages lacking at 2024Q1, %i at 2024Q2, %i closed, none opened', (code, from, to, closed) => {
    const q1: RegisterValues = register(code, '2024Q1');
    const q2: RegisterValues = register(code, '2024Q2');
    const villages = units.filter((u) => col(u, 'kind') === 'village').map((u) => col(u, 'code'));
    expect([...q1.keys()].sort()).toEqual([...villages].sort());
    expect([...q2.keys()].sort()).toEqual([...villages].sort());
    const change = registerChange(q1, q2);
    expect([change.from.count, change.to.count, change.closed.count, change.opened.count]).toEqual([
      from,
      to,
      closed,
      0,
    ]);
  });

  it('REG_LAN: every Lào Cai commune at 2024Q2, 29 of them without a standard LAN', () => {
    const lan = register('REG_LAN', '2024Q2');
    expect([...lan.keys()].sort()).toEqual(communes.map((c) => `pre2025:${c.code}`).sort());
    expect([...lan.values()].filter((v) => !v)).toHaveLength(29);
  });

  it('community digital teams and members for every commune at 2024Q2, members ≥ 4 per team', () => {
    const teams = values.filter((v) => col(v, 'indicator_code') === 'REG_CDT_TEAMS');
    const members = byKey(
      values.filter((v) => col(v, 'indicator_code') === 'REG_CDT_MEMBERS'),
      (v) => col(v, 'unit_code'),
    );
    expect(teams).toHaveLength(communes.length);
    for (const t of teams) {
      expect(col(t, 'period')).toBe('2024Q2');
      const m = members.get(col(t, 'unit_code'));
      expect(Number(col(m ?? {}, 'value'))).toBeGreaterThanOrEqual(4 * Number(col(t, 'value')));
    }
  });
});

describe('demo workspace: Đề án 06 tasks', () => {
  const parsed: Task[] = tasks.map((t) => ({
    code: col(t, 'code'),
    programme: col(t, 'programme'),
    leadUnitCode: col(t, 'lead_unit_code'),
    status: col(t, 'status') as TaskStatus,
    recurring: col(t, 'recurring') === 'true',
    start: col(t, 'start') || undefined,
    due: col(t, 'due') || null,
    kind: 'task',
  }));

  it('has 38 DA06 tasks: 1 completed, 31 recurring, 6 in progress, none overdue at the meeting', () => {
    expect(summarizeTasks(parsed, '2024-07-18')).toEqual({
      total: 38,
      byStatus: { completed: 1, recurring: 31, inProgress: 6, notStarted: 0, overdue: 0 },
    });
    expect(parsed.every((t) => t.programme === 'DA06')).toBe(true);
  });

  it('has valid, consistent tasks led by agencies of the demo', () => {
    for (const [i, t] of parsed.entries()) {
      expect(validateTask(t).ok, t.code).toBe(true);
      expect(TASK_STATUSES).toContain(t.status);
      expect(['true', 'false']).toContain(col(tasks[i] ?? {}, 'recurring'));
      expect(col(unitByCode.get(t.leadUnitCode) ?? {}, 'kind')).toBe('agency');
      expect(t.recurring).toBe(t.status === 'recurring');
      if (t.status === 'inProgress') expect(t.due ?? '').toMatch(/^2024-(0[7-9]|1[0-2])-\d{2}$/);
    }
  });
});
