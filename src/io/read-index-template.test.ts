import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  INDEX_TEMPLATES,
  locateIndexTemplate,
  readIndexNodesCsv,
  readIndexNodesFile,
} from './read-index-template.js';

const HEADER = 'methodology,code,parent_code,name,weight,indicator_code,normalization,reference';

const readCsvText = (text: string) => readIndexNodesCsv(Buffer.from(text, 'utf8'));

describe('readIndexNodesCsv', () => {
  it('reads rows with quoted fields, Vietnamese decimal commas, empty cells as null and row numbers', async () => {
    const { rows, problems } = await readCsvText(
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
    ['a negative weight', 'M,R,,R,-1,,,', 'weight', /0 or more/],
    ['a weight that is not a number', 'M,R,,R,1.2.3,,,', 'weight', /not a number/],
    ['an ambiguous weight', 'M,R,,R,1.500,,,', 'weight', /ambiguous/],
    ['an unknown normalisation', 'M,R,,R,1,I,zscore,', 'normalization', /value, ratio, minmax, boolean/],
    ['a reference that is not a number', 'M,R,,R,1,I,ratio,abc', 'reference', /not a number/],
  ])('refuses %s, naming row and column', async (_name, line, column, message) => {
    const { rows, problems } = await readCsvText(`${HEADER}\n${line}\n`);
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

  it('reads the Vietnamese headers and labels the import accepts', async () => {
    const { rows, problems } = await readCsvText(
      'Bộ chỉ số,Mã,Mã cha,Tên,Trọng số,Mã chỉ tiêu,Chuẩn hóa,Giá trị tham chiếu\nM,A,,Tỷ lệ,1,IA,so với tham chiếu,"1.234,5"\n',
    );
    expect(problems).toEqual([]);
    expect(rows).toEqual([expect.objectContaining({ code: 'A', normalization: 'ratio', reference: 1234.5 })]);
  });

  it('refuses a node written twice in a methodology, naming the second row', async () => {
    const { rows, problems } = await readCsvText(`${HEADER}\nM,R,,R,1,,,\nM,R,,R again,1,,,\n`);
    expect(rows).toEqual([]);
    expect(problems).toEqual([
      expect.objectContaining({ sheet: 'index_nodes', row: 3, column: 'methodology' }),
    ]);
  });

  it('refuses a file without the required columns', async () => {
    const { problems } = await readCsvText('code,name\nR,R\n');
    expect(problems.map((p) => p.column)).toEqual(['methodology', 'weight']);
  });
});

describe('shipped templates', () => {
  it.each(INDEX_TEMPLATES.map((t) => [t.name, t.level] as const))(
    '%s is found by name and reads cleanly',
    async (name) => {
      const { path, template } = locateIndexTemplate(name);
      expect(template?.name).toBe(name);
      expect(existsSync(path)).toBe(true);
      const { rows, problems } = await readIndexNodesFile(path);
      expect(problems).toEqual([]);
      expect(rows.every((r) => r.methodology === name)).toBe(true);
    },
  );

  it('takes anything else as a file path', () => {
    expect(locateIndexTemplate('/tmp/mine.csv')).toEqual({ path: '/tmp/mine.csv', template: null });
  });
});
