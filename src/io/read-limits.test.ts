import { describe, expect, it } from 'vitest';
import { handMadeXlsx, zipOf } from '../../test/support/xlsx-parts.js';
import { parseDecimal } from '../domain/validate-value.js';
import type { RawWorkbook, ReadLimits } from './read-workbook.js';
import { DEFAULT_READ_LIMITS, WorkbookReadError, readWorkbookFromBuffer } from './read-workbook.js';

const enc = new TextEncoder();

const inline = (ref: string, text: string): string =>
  `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

/** A sheet of ROWS rows of COLS inline-string cells. */
function sheetXml(rows: number, cols = 1, text = 'x'): string {
  const letters = 'ABCDEFGHIJ';
  let xml = '<sheetData>';
  for (let r = 1; r <= rows; r++) {
    xml += `<row r="${r}">`;
    for (let c = 0; c < cols; c++) xml += inline(`${letters[c] ?? 'Z'}${r}`, text);
    xml += '</row>';
  }
  return `${xml}</sheetData>`;
}

/** A sheet that unpacks to about SIZE bytes of the same rows: deflated, a few kilobytes (a zip bomb). */
function bombSheet(size: number): string {
  const row = '<row><c t="inlineStr"><is><t>0</t></is></c></row>';
  return `<sheetData>${row.repeat(Math.ceil(size / row.length))}</sheetData>`;
}

const read = (bytes: Uint8Array, limits: Partial<ReadLimits> = {}, signal?: AbortSignal) =>
  readWorkbookFromBuffer(bytes, 'xlsx', undefined, 'bomb.xlsx', {
    limits,
    ...(signal ? { signal } : {}),
  });

const refusal = async (attempt: Promise<RawWorkbook>): Promise<WorkbookReadError> => {
  const e = await attempt.catch((x: unknown) => x);
  if (!(e instanceof WorkbookReadError)) throw new Error(`expected a WorkbookReadError, got ${String(e)}`);
  return e;
};

describe('the .xlsx reader keeps to its limits, refusing before it spends the memory', () => {
  const tooManyEntries = Object.fromEntries(
    Array.from({ length: DEFAULT_READ_LIMITS.maxEntries }, (_, i) => [`xl/media/p${i}.txt`, 'x']),
  );
  const longText = 'ạ'.repeat(DEFAULT_READ_LIMITS.maxCellLength + 1);

  it.each<[string, () => Uint8Array, Partial<ReadLimits>, string, string]>([
    [
      'a zip bomb (by its compression ratio)',
      () => handMadeXlsx(bombSheet(4_000_000), {}, true),
      {},
      'tooLarge',
      'maxCompressionRatio',
    ],
    [
      'a file over the size limit',
      () => handMadeXlsx(sheetXml(2)),
      { maxFileBytes: 1000 },
      'tooLarge',
      'maxFileBytes',
    ],
    [
      'a part unpacking past its limit',
      () => handMadeXlsx(sheetXml(50)),
      { maxEntryBytes: 1500 },
      'tooLarge',
      'maxEntryBytes',
    ],
    [
      'parts unpacking past the total',
      () => handMadeXlsx(sheetXml(2)),
      { maxUncompressedBytes: 2000 },
      'tooLarge',
      'maxUncompressedBytes',
    ],
    ['too many zip entries', () => handMadeXlsx(sheetXml(2), tooManyEntries), {}, 'tooMany', 'maxEntries'],
    [
      'a cell of 32,768 characters',
      () => handMadeXlsx(sheetXml(1, 1, longText)),
      {},
      'tooMany',
      'maxCellLength',
    ],
    ['too many rows', () => handMadeXlsx(sheetXml(10)), { maxRows: 3 }, 'tooMany', 'maxRows'],
    [
      'too many cells in a row',
      () => handMadeXlsx(sheetXml(2, 5)),
      { maxCellsPerRow: 4 },
      'tooMany',
      'maxCellsPerRow',
    ],
    ['too many cells in all', () => handMadeXlsx(sheetXml(4, 3)), { maxCells: 10 }, 'tooMany', 'maxCells'],
  ])('refuses %s, naming the limit and its default', async (_name, bytes, limits, code, limit) => {
    const e = await refusal(read(bytes(), limits));
    expect(e.code).toBe(code);
    expect(e.message_en).toContain(limit);
    expect(e.message_vi).toContain(limit);
    expect(e.message_en).toContain('by default');
    expect(e.message_vi).toContain('mặc định');
    expect(e.message_en).toContain('bomb.xlsx');
  });

  it('refuses a shared string longer than a cell may hold', async () => {
    const strings = `<?xml version="1.0"?><sst><si><t>${'a'.repeat(32_768)}</t></si></sst>`;
    const e = await refusal(read(handMadeXlsx(sheetXml(1), { 'xl/sharedStrings.xml': strings })));
    expect(e.code).toBe('tooMany');
    expect(e.message_en).toContain('maxCellLength');
    expect(e.message_en).toContain('32,767');
    expect(e.message_vi).toContain('32.767');
  });

  it('reads a cell of exactly 32,767 characters and what stays within the limits given', async () => {
    const text = 'ạ'.repeat(DEFAULT_READ_LIMITS.maxCellLength);
    const wb = await read(handMadeXlsx(`${sheetXml(1)}`.replace('<t>x</t>', `<t>${text}</t>`)));
    expect(wb.sheets.get('Dữ liệu')?.headers).toEqual([text]);
    const small = await read(handMadeXlsx(sheetXml(3, 2)), { maxRows: 3, maxCellsPerRow: 2, maxCells: 6 });
    expect(small.sheets.get('Dữ liệu')?.rows).toHaveLength(2);
  });

  it.each([
    [
      'an entity declared in a DOCTYPE',
      '<!DOCTYPE sst [<!ENTITY lol "lol">]><sst><si><t>&lol;</t></si></sst>',
    ],
    ['a bare DOCTYPE', '<!DOCTYPE sst><sst><si><t>a</t></si></sst>'],
    [
      'an external entity',
      '<!DOCTYPE sst [<!ENTITY x SYSTEM "file:///etc/passwd">]><sst><si><t>&x;</t></si></sst>',
    ],
  ])('refuses a shared strings part with %s', async (_name, xml) => {
    const bytes = handMadeXlsx(sheetXml(1), { 'xl/sharedStrings.xml': `<?xml version="1.0"?>${xml}` });
    const e = await refusal(read(bytes));
    expect(e.code).toBe('unsafeXml');
    expect(e.message_en).toContain('DOCTYPE');
    expect(e.message_en).toContain('xl/sharedStrings.xml');
  });

  it('refuses an entry that unpacks to more than its header declares', async () => {
    const honest = zipOf({ 'xl/workbook.xml': '<workbook><sheets/></workbook>' });
    // The declared unpacked size (central directory, offset 24 of its entry) made smaller than the truth.
    const lying = new Uint8Array(honest);
    const view = new DataView(lying.buffer);
    const central = lying.length - 22 - (46 + 'xl/workbook.xml'.length);
    view.setUint32(central + 24, 5, true);
    view.setUint32(22, 5, true);
    await expect(read(lying)).rejects.toMatchObject({ code: 'unreadable' });
  });

  it('stops at the next chunk once the signal aborts', async () => {
    const controller = new AbortController();
    const reason = new Error('stopped');
    controller.abort(reason);
    await expect(read(handMadeXlsx(sheetXml(2)), {}, controller.signal)).rejects.toBe(reason);
  });

  it('refuses a limit that is not a positive number', async () => {
    await expect(read(handMadeXlsx(sheetXml(1)), { maxRows: 0 })).rejects.toThrow(/maxRows/);
  });
});

describe('CSV files: separators, BOM and limits', () => {
  const csv = (name: string, text: string, limits: Partial<ReadLimits> = {}) =>
    readWorkbookFromBuffer(null, 'csv-files', [{ name, data: enc.encode(text) }], 'upload', { limits });

  it.each<[string, string, ',' | ';' | '\t']>([
    [
      'LibreOffice in vi_VN: semicolons, BOM, CRLF, decimal commas',
      '\uFEFFindicator_code;unit_code;period;value;comment\r\nP1;15;2024;12,5;"a; b"\r\nP2;15;2024;1.234,5;\r\n',
      ';',
    ],
    [
      'tabs',
      'indicator_code\tunit_code\tperiod\tvalue\tcomment\nP1\t15\t2024\t12,5\t"a; b"\nP2\t15\t2024\t1.234,5\t\n',
      '\t',
    ],
    [
      'commas, decimal commas quoted',
      'indicator_code,unit_code,period,value,comment\nP1,15,2024,"12,5","a; b"\nP2,15,2024,"1.234,5",\n',
      ',',
    ],
  ])('reads %s', async (_name, text, separator) => {
    const wb = await csv('values.csv', text);
    const sheet = wb.sheets.get('values');
    expect(sheet?.csv).toEqual({ separator, encoding: 'UTF-8' });
    expect(sheet?.headers).toEqual(['indicator_code', 'unit_code', 'period', 'value', 'comment']);
    expect(sheet?.rows.map((r) => [r.rowNumber, r.cells.value, r.cells.comment])).toEqual([
      [2, '12,5', 'a; b'],
      [3, '1.234,5', ''],
    ]);
    // The value is text, read as the import reads a person's number: the Vietnamese decimal comma.
    expect(parseDecimal(sheet?.rows[0]?.cells.value ?? '')).toMatchObject({
      ok: true,
      value: { value: 12.5 },
    });
    expect(wb.errors).toEqual([]);
  });

  it.each<[string, string, Partial<ReadLimits>, string]>([
    ['too many rows', 'a;b\n1;2\n3;4\n5;6\n', { maxRows: 3 }, 'maxRows'],
    ['a cell of 32,768 characters', `a;b\n1;${'x'.repeat(32_768)}\n`, {}, 'maxCellLength'],
    ['too many cells in a row', 'a;b;c\n1;2;3\n', { maxCellsPerRow: 2 }, 'maxCellsPerRow'],
    ['a file over the size limit', 'a;b\n1;2\n', { maxFileBytes: 4 }, 'maxFileBytes'],
  ])('refuses %s, naming the limit, the separator and the encoding', async (_name, text, limits, limit) => {
    const e = await refusal(csv('values.csv', text, limits));
    expect(e.message_en).toContain(limit);
    expect(e.message_vi).toContain(limit);
    if (limit !== 'maxFileBytes') {
      expect(e.message_en).toContain('separator «;», encoding UTF-8');
      expect(e.message_vi).toContain('dấu phân cách «;», bảng mã UTF-8');
    }
  });

  it('names the separator and encoding in the error of a quote never closed', async () => {
    const wb = await csv('values.csv', 'a\tb\n1\t"2\n');
    expect(wb.errors[0]?.message_en).toContain('separator «tab», encoding UTF-8');
  });
});
