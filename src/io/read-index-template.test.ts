import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  INDEX_TEMPLATES,
  locateIndexTemplate,
  parseIndexNodesCsv,
  readIndexNodesFile,
} from './read-index-template.js';

const HEADER = 'methodology,code,parent_code,name,weight,indicator_code,normalization,reference';

describe('parseIndexNodesCsv', () => {
  it('reads rows with quoted fields, Vietnamese decimal commas, empty cells as null and row numbers', () => {
    const { rows, problems } = parseIndexNodesCsv(
      `\uFEFF${HEADER}\r\nM,R,,"Chỉ số, tổng",1,,,\r\n\r\nM,A,R,Tỷ lệ,"0,4",IA,Ratio,100\r\n`,
    );
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      {
        row: 2,
        methodology: 'M',
        code: 'R',
        parentCode: null,
        name: 'Chỉ số, tổng',
        weight: 1,
        indicatorCode: null,
        normalization: null,
        reference: null,
      },
      {
        row: 4,
        methodology: 'M',
        code: 'A',
        parentCode: 'R',
        name: 'Tỷ lệ',
        weight: 0.4,
        indicatorCode: 'IA',
        normalization: 'ratio',
        reference: 100,
      },
    ]);
  });

  it.each([
    ['an empty required cell', 'M,,,Tên,1,,,', 'code', /empty/],
    ['a negative weight', 'M,R,,R,-1,,,', 'weight', /≥ 0/],
    ['a weight that is not a number', 'M,R,,R,1.000.000,,,', 'weight', /invalid/],
    ['an unknown normalisation', 'M,R,,R,1,I,zscore,', 'normalization', /value, ratio, minmax or boolean/],
    ['a reference that is not a number', 'M,R,,R,1,I,ratio,abc', 'reference', /not a number/],
  ])('refuses %s, naming row and column', (_name, line, column, message) => {
    const { rows, problems } = parseIndexNodesCsv(`${HEADER}\n${line}\n`);
    expect(rows).toEqual([]);
    expect(problems).toEqual([
      expect.objectContaining({
        sheet: 'index_nodes',
        row: 2,
        column,
        message_en: expect.stringMatching(message),
      }),
    ]);
  });

  it('refuses a file without the required columns', () => {
    const { problems } = parseIndexNodesCsv('code,name\nR,R\n');
    expect(problems.map((p) => p.column)).toEqual(['methodology', 'parent_code', 'weight']);
  });
});

describe('shipped templates', () => {
  it.each(INDEX_TEMPLATES.map((t) => [t.name, t.level] as const))(
    '%s is found by name and reads cleanly',
    (name) => {
      const { path, template } = locateIndexTemplate(name);
      expect(template?.name).toBe(name);
      expect(existsSync(path)).toBe(true);
      const { rows, problems } = readIndexNodesFile(path);
      expect(problems).toEqual([]);
      expect(rows.every((r) => r.methodology === name)).toBe(true);
    },
  );

  it('takes anything else as a file path', () => {
    expect(locateIndexTemplate('/tmp/mine.csv')).toEqual({ path: '/tmp/mine.csv', template: null });
  });
});
