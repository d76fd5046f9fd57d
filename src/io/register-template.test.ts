import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { writeRegisterTemplate } from './register-template.js';

describe('writeRegisterTemplate', () => {
  it('writes names and comments that look like formulas as text cells, never formulas', async () => {
    const bytes = await writeRegisterTemplate([
      {
        indicatorCode: 'HAS_FIBRE',
        indicatorName: '=HYPERLINK("http://x.invalid","bấm")',
        valueType: 'count',
        unitCode: '02647',
        unitName: '@Phường Lào Cai',
        parentName: '+Tỉnh Lào Cai',
        period: '2025',
        value: 3,
        comment: "=cmd|' /C calc'!A0",
      },
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
    const row = wb.getWorksheet('values')?.getRow(2);
    if (!row) throw new Error('no row');
    expect([5, 6, 7, 8].map((c) => row.getCell(c).value)).toEqual([
      "=cmd|' /C calc'!A0",
      '@Phường Lào Cai',
      '+Tỉnh Lào Cai',
      '=HYPERLINK("http://x.invalid","bấm")',
    ]);
    for (const c of [5, 6, 7, 8]) expect(row.getCell(c).type).toBe(ExcelJS.ValueType.String);
    expect(row.getCell(4).type).toBe(ExcelJS.ValueType.Number);
  });
});
