import { describe, it, expect } from 'vitest';
import type { Band, BandBoundaries } from './band.js';
import {
  BANDS,
  BAND_PHRASES,
  DEFAULT_BAND_BOUNDARIES,
  bandOf,
  bandPhrase,
  countBands,
  shareOf,
  validateBandBoundaries,
} from './band.js';

describe('bandOf with the default bounds', () => {
  it.each<[number | null, Band]>([
    [2, 'exceeded'],
    [97 / 95, 'exceeded'],
    [1, 'exceeded'],
    [0.9999, 'over80'],
    [0.95, 'over80'],
    [0.8, 'over80'],
    [0.6 / 0.75, 'over80'],
    [36.4 / 45.5, 'over80'],
    [0.56 / 0.7, 'over80'],
    [0.7999, 'from50to80'],
    [0.65, 'from50to80'],
    [0.5, 'from50to80'],
    [0.4999, 'under50'],
    [0.4, 'under50'],
    [0, 'under50'],
    [-0.5, 'under50'],
    [-Infinity, 'under50'],
    [Infinity, 'exceeded'],
    [null, 'noData'],
    [NaN, 'noData'],
  ])('r = %s → %s', (r, band) => {
    expect(bandOf(r)).toBe(band);
  });

  it('36.4 / 45.5 really is below 0.8 in binary, and still counts as 0.8', () => {
    expect(36.4 / 45.5 < 0.8).toBe(true);
    expect(bandOf(36.4 / 45.5)).toBe('over80');
  });
});

describe('bandOf with a plan’s own bounds', () => {
  const b: BandBoundaries = { exceeded: 0.95, over80: 0.7, from50to80: 0.4 };
  it.each<[number, Band]>([
    [1, 'exceeded'],
    [0.95, 'exceeded'],
    [0.9499, 'over80'],
    [0.7, 'over80'],
    [0.6999, 'from50to80'],
    [0.4, 'from50to80'],
    [0.3999, 'under50'],
  ])('r = %s → %s', (r, band) => {
    expect(bandOf(r, b)).toBe(band);
  });
});

describe('validateBandBoundaries', () => {
  it.each<BandBoundaries>([
    DEFAULT_BAND_BOUNDARIES,
    { exceeded: 0.95, over80: 0.7, from50to80: 0.4 },
    { exceeded: 1.2, over80: 1, from50to80: 0.01 },
  ])('accepts %o', (b) => {
    expect(validateBandBoundaries(b)).toEqual({ ok: true, value: { ...b } });
  });

  it.each<[string, BandBoundaries, string, string]>([
    ['zero lower bound', { exceeded: 1, over80: 0.8, from50to80: 0 }, 'from50to80', 'phải là một số dương'],
    ['negative bound', { exceeded: 1, over80: -0.8, from50to80: 0.5 }, 'over80', 'phải là một số dương'],
    ['NaN bound', { exceeded: NaN, over80: 0.8, from50to80: 0.5 }, 'exceeded', 'phải là một số dương'],
    [
      'infinite bound',
      { exceeded: Infinity, over80: 0.8, from50to80: 0.5 },
      'exceeded',
      'phải là một số dương',
    ],
    ['equal bounds', { exceeded: 1, over80: 1, from50to80: 0.5 }, 'exceeded', 'phải lớn hơn'],
    ['ascending bounds', { exceeded: 1, over80: 0.5, from50to80: 0.8 }, 'over80', 'phải lớn hơn'],
    ['percent instead of ratio', { exceeded: 100, over80: 80, from50to80: 500 }, 'over80', 'phải lớn hơn'],
  ])('refuses %s', (_name, b, field, vi) => {
    const r = validateBandBoundaries(b);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('badBandBoundaries');
    expect(r.error.message_en).toContain(`"${field}"`);
    expect(r.error.message_vi).toContain(field);
    expect(r.error.message_vi).toContain(vi);
  });
});

describe('BAND_PHRASES and bandPhrase', () => {
  it('uses the committee’s words verbatim', () => {
    expect(BAND_PHRASES.exceeded.vi).toBe('hoàn thành và vượt kế hoạch giao');
    expect(BAND_PHRASES.over80.vi).toBe('đạt trên 80% kế hoạch giao');
    expect(BAND_PHRASES.from50to80.vi).toBe('đạt 50% - 80% kế hoạch giao');
    expect(BAND_PHRASES.under50.vi).toBe('dưới 50% kế hoạch giao');
    expect(BAND_PHRASES.noData.vi).toBe('chưa có số liệu');
  });

  it('has a phrase in both languages for every band', () => {
    for (const band of BANDS) {
      expect(BAND_PHRASES[band].vi).not.toBe('');
      expect(BAND_PHRASES[band].en).not.toBe('');
      expect(bandPhrase(band, 'vi')).toBe(BAND_PHRASES[band].vi);
      expect(bandPhrase(band, 'en')).toBe(BAND_PHRASES[band].en);
    }
  });

  const custom: BandBoundaries = { exceeded: 0.95, over80: 0.7, from50to80: 0.475 };
  it.each<[Band, 'vi' | 'en', string]>([
    ['exceeded', 'vi', 'hoàn thành và vượt kế hoạch giao'],
    ['over80', 'vi', 'đạt trên 70% kế hoạch giao'],
    ['from50to80', 'vi', 'đạt 47,5% - 70% kế hoạch giao'],
    ['under50', 'vi', 'dưới 47,5% kế hoạch giao'],
    ['noData', 'vi', 'chưa có số liệu'],
    ['over80', 'en', 'reached over 70% of the planned target'],
    ['from50to80', 'en', 'reached 47.5%–70% of the planned target'],
    ['under50', 'en', 'below 47.5% of the planned target'],
  ])('names a plan’s own bounds: %s (%s)', (band, lang, phrase) => {
    expect(bandPhrase(band, lang, custom)).toBe(phrase);
  });
});

describe('countBands', () => {
  it('counts Lào Cai 2024 H1: 8 / 11 / 4 / 1', () => {
    const bands: Band[] = [
      ...Array<Band>(8).fill('exceeded'),
      ...Array<Band>(11).fill('over80'),
      ...Array<Band>(4).fill('from50to80'),
      ...Array<Band>(1).fill('under50'),
    ].reverse();
    expect(countBands(bands)).toEqual({ exceeded: 8, over80: 11, from50to80: 4, under50: 1, noData: 0 });
  });

  it('counts from ratios, the 24 targets summing to 24', () => {
    const ratios: (number | null)[] = [
      ...[1.0211, 1.5667, 3, 1, 1.125, 1.2, 1.05, 1.01],
      ...[0.99, 0.95, 0.9, 0.85, 0.8, 0.82, 0.88, 0.93, 0.97, 0.81, 0.86],
      ...[0.79, 0.5, 0.6, 0.7],
      0.3,
    ];
    const counts = countBands(ratios.map((r) => bandOf(r)));
    expect(counts).toEqual({ exceeded: 8, over80: 11, from50to80: 4, under50: 1, noData: 0 });
    expect(Object.values(counts).reduce((s, n) => s + n, 0)).toBe(24);
  });

  it('gives all five keys at 0 for no targets', () => {
    expect(countBands([])).toEqual({ exceeded: 0, over80: 0, from50to80: 0, under50: 0, noData: 0 });
  });

  it('counts noData', () => {
    expect(countBands(['noData', 'noData', 'exceeded'])).toEqual({
      exceeded: 1,
      over80: 0,
      from50to80: 0,
      under50: 0,
      noData: 2,
    });
  });
});

describe('shareOf', () => {
  it.each<[number, number, number | undefined, number | null]>([
    [14, 38, undefined, 36.8],
    [14, 38, 1, 36.8],
    [13, 19, 1, 68.4],
    [72, 173, 1, 41.6],
    [922, 3022, 0, 31],
    [35, 35, 1, 100],
    [0, 38, 1, 0],
    [1, 8, 1, 12.5],
    [1, 8, 0, 13],
    [1, 3, 2, 33.33],
    [2, 3, 2, 66.67],
    [1, 200, 0, 1],
    [1, 0, 1, null],
    [0, 0, 1, null],
    [1, -4, 1, null],
    [NaN, 4, 1, null],
    [1, Infinity, 1, null],
  ])('%i/%i at %s digits → %s', (a, b, digits, percent) => {
    expect(shareOf(a, b, digits)).toEqual({ a, b, percent });
  });
});
