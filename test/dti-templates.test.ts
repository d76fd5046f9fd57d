import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import type { IndexValue } from '../src/domain/compute-index.js';
import { computeIndex, rankUnits } from '../src/domain/compute-index.js';
import type { MethodologyNode, MethodologyTree, Normalization } from '../src/domain/index-methodology.js';
import { NORMALIZATIONS, buildMethodologyTree } from '../src/domain/index-methodology.js';
import { parseCsv } from '../src/io/read-csv.js';

const dir = new URL('../data/templates/', import.meta.url);
const COLUMNS = [
  'methodology',
  'code',
  'parent_code',
  'name',
  'weight',
  'indicator_code',
  'normalization',
  'reference',
];

async function readTemplateFile(file: string): Promise<{ header: string[]; rows: Record<string, string>[] }> {
  const records = (await parseCsv(readFileSync(new URL(file, dir), 'utf8'))).records.filter(
    (r) => !(r.length === 1 && (r[0] ?? '').trim() === ''),
  );
  const header = records[0] ?? [];
  const rows = records.slice(1).map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])));
  return { header, rows };
}

function toNode(row: Record<string, string>): MethodologyNode {
  const text = (k: string) => (row[k] ?? '').trim();
  const normalization = text('normalization');
  if (normalization !== '' && !NORMALIZATIONS.includes(normalization as Normalization)) {
    throw new Error(`bad normalization ${normalization}`);
  }
  return {
    code: text('code'),
    parentCode: text('parent_code') || null,
    name: text('name'),
    weight: Number(text('weight')),
    indicatorCode: text('indicator_code') || null,
    normalization: normalization === '' ? null : (normalization as Normalization),
    reference: text('reference') === '' ? null : Number(text('reference')),
  };
}

function loadTree(file: string): MethodologyTree {
  const r = buildMethodologyTree(readTemplate(file).rows.map(toNode));
  if (!r.ok) throw new Error(`${file}: ${r.error.map((p) => p.message_en).join('; ')}`);
  return r.value;
}

const TEMPLATES = ['dti-province-1726-2020.csv', 'dti-province-922-2022.csv', 'dti-ministry-922-2022.csv'];
const READ = new Map(await Promise.all(TEMPLATES.map(async (f) => [f, await readTemplateFile(f)] as const)));

function readTemplate(file: string): { header: string[]; rows: Record<string, string>[] } {
  const read = READ.get(file);
  if (!read) throw new Error(`${file} is not one of the templates read`);
  return read;
}

describe.each(TEMPLATES)('template %s', (file) => {
  const { header, rows } = readTemplate(file);
  const tree = loadTree(file);
  const readme = readFileSync(new URL('README.md', dir), 'utf8');

  it('has the index_nodes columns and one methodology named after the file', () => {
    expect(header).toEqual(COLUMNS);
    expect(new Set(rows.map((r) => r.methodology))).toEqual(new Set([file.replace(/\.csv$/, '')]));
  });

  it('builds a valid tree whose leaves are `value` leaves with distinct indicators, all listed in the README', () => {
    const indicators = tree.leaves.map((l) => l.indicatorCode);
    expect(new Set(indicators).size).toBe(indicators.length);
    expect(tree.leaves.every((l) => l.normalization === 'value')).toBe(true);
    for (const code of indicators) expect(readme).toContain(code);
    expect(readme).toContain(file);
  });

  it('gives 1 to a unit with every main index at 1 and 0 to one with every main index at 0', () => {
    const unit = (v: number) => new Map<string, IndexValue>(tree.leaves.map((l) => [l.indicatorCode, v]));
    const results = computeIndex(
      tree,
      new Map([
        ['top', unit(1)],
        ['bottom', unit(0)],
      ]),
    );
    expect(results.map((r) => [r.unitCode, r.score])).toEqual([
      ['top', 1],
      ['bottom', 0],
    ]);
  });

  it('has scored shares adding up to 1 from the root', () => {
    const total = tree.leaves.reduce((a, l) => a + l.rootShare, 0);
    expect(total).toBeCloseTo(1, 12);
  });
});

describe('dti-province-922-2022: published DTI 2022', () => {
  const tree = loadTree('dti-province-922-2022.csv');
  const codes = ['DTI922_P_NTS', 'DTI922_P_TCS', 'DTI922_P_HTS', 'DTI922_P_NLS', 'DTI922_P_ATTT'];
  const activity = ['DTI922_P_HDCQS', 'DTI922_P_HDKTS', 'DTI922_P_HDXHS'];

  it('carries the weights of 922: five foundations at 0.1, Đô thị thông minh unscored, activities 0.2 / 0.15 / 0.15', () => {
    const share = (ind: string) => tree.leaves.find((l) => l.indicatorCode === ind)?.rootShare;
    for (const c of codes) expect(share(c)).toBeCloseTo(0.1, 12);
    expect(share('DTI922_P_DTTM')).toBe(0);
    expect(activity.map(share)).toEqual([0.2, 0.15, 0.15].map((x) => expect.closeTo(x, 12)));
  });

  // Main-index values and DTI as published at https://dti.gov.vn/xep-hang-2022 (provinces ranked 1–5):
  // Nhận thức số, Thể chế số, Hạ tầng số, Nhân lực số, ATTT mạng, HĐ chính quyền số, HĐ kinh tế số, HĐ xã hội số → DTI.
  // Worked for Đà Nẵng: 100 × (1 + 0.9 + 0.8253 + 0.8487 + 0.7578) + 200 × 0.8575 + 150 × 0.7836 + 150 × 0.5197
  //   = 433.18 + 171.5 + 117.54 + 77.955 = 800.175 of 1000 → 0.800175 → 0.8002.
  // The published main indices are themselves rounded to 4 decimals, so a recomputed DTI can differ from the
  // published one by up to 0.00005 before rounding: Hồ Chí Minh recomputes to 0.716355 (→ 0.7164) against a
  // published 0.7163. Hence the tolerance of 1e-4.
  const published: [string, number[], number][] = [
    ['Đà Nẵng', [1.0, 0.9, 0.8253, 0.8487, 0.7578, 0.8575, 0.7836, 0.5197], 0.8002],
    ['Hồ Chí Minh', [0.8917, 0.9, 0.8258, 0.6267, 0.558, 0.8406, 0.7611, 0.359], 0.7163],
    ['Quảng Ninh', [0.9581, 0.9, 0.7648, 0.625, 0.5382, 0.8385, 0.5904, 0.4505], 0.7024],
    ['Thừa Thiên - Huế', [0.95, 0.9, 0.6823, 0.6794, 0.6423, 0.8262, 0.6787, 0.3001], 0.6975],
    ['Cần Thơ', [0.9, 0.8, 0.7233, 0.7376, 0.7226, 0.7325, 0.7556, 0.2947], 0.6924],
  ];
  const valuesByUnit = new Map(
    published.map(([name, v]) => [
      name,
      new Map<string, IndexValue>([...codes, ...activity].map((c, i) => [c, v[i] ?? null])),
    ]),
  );
  const results = computeIndex(tree, valuesByUnit);

  it.each(published)('%s: DTI %#', (name, _values, dti) => {
    const r = results.find((x) => x.unitCode === name);
    expect(Math.abs((r?.score ?? 0) - dti)).toBeLessThanOrEqual(1e-4);
    expect(r?.missing).toEqual(['DTTM']);
  });

  it('ranks the five in the published order', () => {
    expect(rankUnits(results).map((r) => [r.unitCode, r.rank])).toEqual(
      published.map(([name], i) => [name, i + 1]),
    );
  });
});

describe('dti-province-1726-2020: published DTI 2020', () => {
  it('reproduces Bắc Ninh 2020 from its pillar scores', () => {
    // https://en.dangcongsan.vn/bac-ninh-province-integration-and-development/bac-ninh-s-provincial-digital-transformation-index-ranked-third-nationwide-585850.html
    // Digital government 0.4449, digital economy 0.3668, digital society 0.4052; DTI 0.4096.
    // 0.4 × 0.4449 + 0.3 × 0.3668 + 0.3 × 0.4052 = 0.17796 + 0.11004 + 0.12156 = 0.40956 → 0.4096.
    const tree = loadTree('dti-province-1726-2020.csv');
    const [r] = computeIndex(
      tree,
      new Map([
        [
          'Bắc Ninh',
          new Map<string, IndexValue>([
            ['DTI1726_P_CQS', 0.4449],
            ['DTI1726_P_KTS', 0.3668],
            ['DTI1726_P_XHS', 0.4052],
          ]),
        ],
      ]),
    );
    expect(r?.score).toBeCloseTo(0.40956, 12);
  });
});
