import { describe, expect, it } from 'vitest';
import { detectSeparator, parseCsv } from './read-csv.js';

describe('parseCsv', () => {
  it.each<[string, string, string[][]]>([
    ['empty text', '', []],
    ['one field', 'a', [['a']]],
    ['one record, trailing LF', 'a,b\n', [['a', 'b']]],
    [
      'LF records',
      'a,b\nc,d',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    [
      'CRLF records',
      'a,b\r\nc,d\r\n',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    [
      'lone CR records',
      'a,b\rc,d',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    ['empty fields', ',a,,', [['', 'a', '', '']]],
    ['blank line in between', 'a\n\nb', [['a'], [''], ['b']]],
    ['two trailing line breaks', 'a\n\n', [['a'], ['']]],
    ['quoted comma', '"a,b",c', [['a,b', 'c']]],
    ['escaped quote', '"say ""hi""",x', [['say "hi"', 'x']]],
    ['only an escaped quote', '""""', [['"']]],
    ['empty quoted field', '"",x', [['', 'x']]],
    [
      'quoted LF kept',
      '"line 1\nline 2",x\ny,z',
      [
        ['line 1\nline 2', 'x'],
        ['y', 'z'],
      ],
    ],
    ['quoted CRLF becomes LF', '"a\r\nb"\r\nc', [['a\nb'], ['c']]],
    [
      'BOM stripped',
      '\uFEFFcode,name\n1,A',
      [
        ['code', 'name'],
        ['1', 'A'],
      ],
    ],
    ['spaces kept', ' a , b ', [[' a ', ' b ']]],
    ['quote inside an unquoted field kept', 'ab"c,d', [['ab"c', 'd']]],
    ['text after a closing quote kept as written', '"ab"c,d', [['"ab"c', 'd']]],
    [
      'Vietnamese text',
      'Mã,Tên\n15,"Lào Cai, tỉnh"',
      [
        ['Mã', 'Tên'],
        ['15', 'Lào Cai, tỉnh'],
      ],
    ],
    ['decimal comma quoted', '"36,8",x', [['36,8', 'x']]],
  ])('%s', async (_name, text, records) => {
    expect(await parseCsv(text)).toEqual({ records, problem: null });
  });

  it('reports a quote never closed at the row and column where it opens', async () => {
    const r = await parseCsv('a,b\nc,"d\ne,f\n');
    expect(r.problem).toEqual({ code: 'unterminatedQuote', row: 2, column: 2 });
    expect(r.records).toEqual([['a', 'b']]);
  });

  it('counts records, not lines, for the row of an open quote after a multi-line cell', async () => {
    const r = await parseCsv('h\n"x\ny"\n"open');
    expect(r.problem).toEqual({ code: 'unterminatedQuote', row: 3, column: 1 });
  });
});

describe('detectSeparator', () => {
  it.each<[string, string, ',' | ';' | '\t']>([
    ['commas', 'a,b,c\n1;2;3', ','],
    ['semicolons, as LibreOffice writes in vi_VN', '\uFEFFa;b;c\r\n"12,5";2;3', ';'],
    ['tabs', 'a\tb\n1,5\t2', '\t'],
    ['a separator inside quotes does not count', '"a;b;c",d\n', ','],
    ['one column', 'value\n12,5', ','],
    ['a tie keeps the comma', 'a,b;c\n', ','],
    ['only the header line counts', 'a;b\n1,2,3,4', ';'],
  ])('%s', async (_name, text, separator) => {
    expect(detectSeparator(text)).toBe(separator);
  });

  it('cuts a text with the separator given', async () => {
    expect((await parseCsv('a;b\r\n"12,5";"x;y"\r\n', ';')).records).toEqual([
      ['a', 'b'],
      ['12,5', 'x;y'],
    ]);
  });
});
