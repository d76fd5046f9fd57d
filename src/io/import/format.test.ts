import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { foldVietnamese } from '../../domain/text.js';
import type { SheetName } from '../import-schema.js';
import {
  IMPORT_ENUMS,
  IMPORT_ENUM_LABELS,
  IMPORT_SHEETS,
  SHEET_NAMES,
  matchColumn,
  matchSheet,
  parseImportWorkbook,
} from '../import-schema.js';
import { readWorkbookFromBuffer } from '../read-workbook.js';
import { parseOk } from '../../../test/support/import-book.js';

describe('the label table', () => {
  it.each(SHEET_NAMES)('%s: every name, label and alias matches one column only', (sheet) => {
    const seen = new Map<string, string>();
    for (const c of IMPORT_SHEETS[sheet].columns) {
      for (const text of [c.name, c.label_vi, ...(c.aliases ?? [])]) {
        const key = foldVietnamese(text);
        expect(seen.get(key) ?? c.name, `${sheet}: «${text}»`).toBe(c.name);
        seen.set(key, c.name);
        expect(matchColumn(sheet, text)?.name).toBe(c.name);
      }
    }
    expect(
      IMPORT_SHEETS[sheet].key.every((k) => IMPORT_SHEETS[sheet].columns.some((c) => c.name === k)),
    ).toBe(true);
  });

  it('prints the labels docs/import.md shows and the brief name', () => {
    const labels = (s: SheetName) =>
      Object.fromEntries(IMPORT_SHEETS[s].columns.map((c) => [c.name, c.label_vi]));
    expect(labels('values')).toEqual({
      indicator_code: 'Mã chỉ tiêu',
      unit_code: 'Mã đơn vị',
      period: 'Kỳ báo cáo',
      value: 'Giá trị',
      numerator: 'Tử số',
      denominator: 'Mẫu số',
      comment: 'Ghi chú',
    });
    expect(labels('units')).toEqual({ code: 'Mã', name: 'Tên', kind: 'Loại', parent_code: 'Mã đơn vị cha' });
  });

  it('has the columns of docs/import.md in order', () => {
    const names = (s: SheetName) => IMPORT_SHEETS[s].columns.map((c) => c.name).join(', ');
    expect(names('units')).toBe('code, name, kind, parent_code');
    expect(names('indicators')).toBe(
      'code, name_vi, name_en, value_type, unit, direction, time_aggregation, group, min, max',
    );
    expect(names('plans')).toBe('code, name, unit_code, start_year, end_year');
    expect(names('targets')).toBe(
      'plan_code, indicator_code, unit_code, period, target, baseline, baseline_period, lead_unit_code, note',
    );
    expect(names('values')).toBe('indicator_code, unit_code, period, value, numerator, denominator, comment');
    expect(names('tasks')).toBe(
      'code, programme, title, lead_unit_code, start, due, recurring, status, note',
    );
    expect(names('index_nodes')).toBe(
      'methodology, code, parent_code, name, weight, indicator_code, normalization, reference',
    );
  });

  it.each(Object.keys(IMPORT_ENUMS) as (keyof typeof IMPORT_ENUMS)[])(
    'enum %s: a distinct label for every code',
    (e) => {
      const labels = IMPORT_ENUM_LABELS[e] as Record<string, string>;
      const codes = IMPORT_ENUMS[e] as readonly string[];
      expect(Object.keys(labels).sort()).toEqual([...codes].sort());
      const keys = [...codes, ...Object.values(labels)].map(foldVietnamese);
      expect(new Set(keys).size).toBe(keys.length);
    },
  );
});

describe('matching headers and sheets', () => {
  it.each([
    ['values', 'indicator_code', 'indicator_code'],
    ['values', 'Indicator Code', 'indicator_code'],
    ['values', 'INDICATOR-CODE', 'indicator_code'],
    ['values', 'Mã chỉ tiêu', 'indicator_code'],
    ['values', '  MÃ CHỈ TIÊU ', 'indicator_code'],
    ['values', 'ma chi tieu', 'indicator_code'],
    ['values', 'Mã chỉ tiêu *', 'indicator_code'],
    ['values', 'Giá trị (value)', 'value'],
    ['values', 'Tử số (numerator)', 'numerator'],
    ['values', 'Kỳ', 'period'],
    ['units', 'Mã đơn vị cha', 'parent_code'],
    ['units', 'Mã đơn vị', 'code'],
    ['plans', 'Mã đơn vị', 'unit_code'],
    ['tasks', 'Hạn hoàn thành', 'due'],
    ['index_nodes', 'Trọng số', 'weight'],
  ] as [SheetName, string, string][])('%s: «%s» is %s', async (sheet, header, name) => {
    expect(matchColumn(sheet, header)?.name).toBe(name);
  });

  it.each([
    ['values', 'Giá trị cũ'],
    ['values', 'code'],
    ['units', 'Mã chỉ tiêu'],
  ] as [SheetName, string][])('%s: «%s» is no column', async (sheet, header) => {
    expect(matchColumn(sheet, header)).toBeUndefined();
  });

  it.each([
    ['values', 'values'],
    ['Values', 'values'],
    ['Số liệu', 'values'],
    ['so lieu', 'values'],
    ['index_nodes', 'index_nodes'],
    ['Index nodes', 'index_nodes'],
    ['Cây chỉ số', 'index_nodes'],
    ['Đơn vị', 'units'],
    ['Nhiệm vụ', 'tasks'],
  ])('sheet «%s» is %s', async (name, sheet) => {
    expect(matchSheet(name)).toBe(sheet);
  });

  it('reads a sheet whose headers are all Vietnamese labels', async () => {
    const records = await parseOk({
      'Số liệu': [
        ['Mã chỉ tiêu', 'Mã đơn vị', 'Kỳ báo cáo', 'Giá trị', 'Tử số', 'Mẫu số', 'Ghi chú'],
        ['CQS_01', '15', '2024Q2', '36,8', '', '', 'ước tính'],
      ],
    });
    expect(records.values).toEqual([
      {
        row: 2,
        indicatorCode: 'CQS_01',
        unitCode: { set: '2025', code: '15', explicitSet: false },
        period: { id: '2024Q2', type: 'quarter', year: 2024, index: 2 },
        value: '36,8',
        numerator: null,
        denominator: null,
        comment: 'ước tính',
      },
    ]);
  });
});

describe('the shipped methodology templates (data/templates)', () => {
  const templates = path.join(import.meta.dirname, '..', '..', '..', 'data', 'templates');

  it('read as index_nodes sheets without an error or warning', async () => {
    const files = (await readdir(templates)).filter((f) => f.endsWith('.csv'));
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const file of files) {
      const raw = await readWorkbookFromBuffer(null, 'csv-files', [
        { name: 'index_nodes.csv', data: await readFile(path.join(templates, file)) },
      ]);
      const parsed = await parseImportWorkbook(raw);
      expect(parsed.errors, file).toEqual([]);
      expect(parsed.warnings, file).toEqual([]);
      const nodes = parsed.records.index_nodes;
      expect(nodes.length, file).toBeGreaterThan(3);
      expect(new Set(nodes.map((n) => n.methodology)).size, file).toBe(1);
      expect(nodes.filter((n) => n.parentCode === null).map((n) => n.code)).toEqual(['DTI']);
      expect(nodes.every((n) => n.indicatorCode === null || n.normalization === 'value')).toBe(true);
    }
  });
});
