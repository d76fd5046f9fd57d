import { describe, expect, it } from 'vitest';
import { csvField, neutraliseFormula, restoreFormulaText } from './csv.js';

describe('formula injection in CSV', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ["'=x", "''=x"],
    ["''-x", "'''-x"],
    ['x=1', 'x=1'],
    ["'quoted'", "'quoted'"],
    ["'", "'"],
    ['', ''],
    ['Lào Cai', 'Lào Cai'],
  ])('writes %j as %j, and reads it back as it was', (text, written) => {
    expect(neutraliseFormula(text)).toBe(written);
    expect(restoreFormulaText(written)).toBe(text);
  });

  it('never touches numbers and booleans, only text', () => {
    expect(csvField(-5)).toBe('-5');
    expect(csvField(-0.5, (n) => n.toFixed(2))).toBe('-0.50');
    expect(csvField(true)).toBe('true');
    expect(csvField(null)).toBe('');
    expect(csvField('-5')).toBe("'-5");
  });

  it('quotes what RFC 4180 needs, after the apostrophe', () => {
    expect(csvField('=A1,B1')).toBe(`"'=A1,B1"`);
    expect(csvField('+"x"')).toBe(`"'+""x"""`);
    expect(csvField(' lề ')).toBe('" lề "');
  });
});
