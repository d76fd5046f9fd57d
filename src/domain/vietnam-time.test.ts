import { describe, expect, it } from 'vitest';
import { formatVietnamDate, formatVietnamTime, isoVietnamTime } from './vietnam-time.js';

describe('Vietnam times', () => {
  it.each<[string, string, string, string]>([
    ['2026-12-05T14:05:00Z', '21:05 05/12/2026', '05/12/2026', '2026-12-05T21:05:00+07:00'],
    ['2026-12-05T17:00:00Z', '00:00 06/12/2026', '06/12/2026', '2026-12-06T00:00:00+07:00'],
    ['2026-12-31T16:59:59Z', '23:59 31/12/2026', '31/12/2026', '2026-12-31T23:59:59+07:00'],
    ['2026-12-31T17:00:00Z', '00:00 01/01/2027', '01/01/2027', '2027-01-01T00:00:00+07:00'],
    ['2024-02-28T20:30:00Z', '03:30 29/02/2024', '29/02/2024', '2024-02-29T03:30:00+07:00'],
    ['2026-07-01T08:00:00+07:00', '08:00 01/07/2026', '01/07/2026', '2026-07-01T08:00:00+07:00'],
    ['2026-03-29T01:00:00Z', '08:00 29/03/2026', '29/03/2026', '2026-03-29T08:00:00+07:00'],
  ])('%s', (iso, time, date, offset) => {
    expect(formatVietnamTime(iso)).toBe(time);
    expect(formatVietnamTime(new Date(iso))).toBe(time);
    expect(formatVietnamDate(iso)).toBe(date);
    expect(isoVietnamTime(new Date(iso))).toBe(offset);
  });

  it('leaves text that is not a time as it is', () => {
    expect(formatVietnamTime('not a time')).toBe('not a time');
    expect(formatVietnamDate('')).toBe('');
  });
});
