import { describe, expect, it } from 'vitest';
import { duration, progressBar, progressLine, rollupStatusText } from './rollup.command.js';

describe('dxmon rollup output', () => {
  it('draws a bar of 30 cells with the count, the share and the indicator', () => {
    expect(progressBar(12, 150, 'DX_A', 'vi')).toBe(`[${'█'.repeat(2)}${'░'.repeat(28)}] 12/150 (8%) DX_A`);
    expect(progressBar(150, 150, 'DX_Z', 'en')).toBe(`[${'█'.repeat(30)}] 150/150 (100%) DX_Z`);
    expect(progressBar(0, 0, '', 'en')).toContain('0/0 (100%)');
  });

  it('writes a progress line with numbers in the reader’s locale', () => {
    const p = {
      done: 12,
      total: 150,
      indicator: 'DX_A',
      valueCount: 93000,
      rowCount: 4210,
      ms: 5240,
      elapsedMs: 65_000,
      valuesDone: 1_115_000,
      valuesLeft: 12_685_000,
      estimateMs: 730_000,
    };
    expect(progressLine(p, 'vi')).toBe(
      '[12/150] DX_A: 93.000 giá trị, 4.210 dòng tổng hợp, 5,2 s (1.115.000/13.800.000 giá trị, đã chạy 1 min 05 s, còn khoảng 12 min 10 s)',
    );
    expect(progressLine(p, 'en')).toBe(
      '[12/150] DX_A: 93,000 values, 4,210 rollup rows, 5.2 s (1,115,000/13,800,000 values, 1 min 05 s so far, about 12 min 10 s left)',
    );
    expect(progressBar(12, 150, 'DX_A', 'en', { ...p, estimateMs: null })).toBe(
      `[${'█'.repeat(2)}${'░'.repeat(28)}] 12/150 (8%) DX_A — 1,115,000/13,800,000 values, 1 min 05 s so far, about ? left`,
    );
  });

  it('writes durations in seconds, minutes or hours', () => {
    expect([duration(4_400), duration(200_000), duration(3_900_000)]).toEqual([
      '4 s',
      '3 min 20 s',
      '1 h 05 min',
    ]);
  });

  it('says how far a rebuild under way got, and that reads use the values meanwhile', () => {
    const text = rollupStatusText(
      {
        status: 'rebuilding',
        startedAt: '2026-12-05T21:00:00.000Z',
        startedBy: 'admin',
        finishedAt: null,
        batchesDone: 12,
        batchesTotal: 150,
        valuesDone: 1115000,
        rowsDone: 52340,
      },
      'vi',
    );
    expect(text).toBe(
      'Số liệu tổng hợp: đang dựng lại (bắt đầu 04:00 06/12/2026 bởi admin; xong 12/150 chỉ tiêu, 1.115.000 giá trị, 52.340 dòng tổng hợp).\n' +
        'Trong lúc này, kết quả được tính trực tiếp từ số liệu. Chạy «dxmon rollup rebuild» để làm tiếp.',
    );
  });
});
