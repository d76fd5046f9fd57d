import { describe, it, expect } from 'vitest';
import { roundHalfAwayFromZero, withoutFloatNoise } from './round.js';

describe('roundHalfAwayFromZero', () => {
  it.each([
    // halves that binary floating point stores just below the half
    [1.005, 2, 1.01],
    [1.015, 2, 1.02],
    [1.045, 2, 1.05],
    [0.3685, 3, 0.369],
    [2.675, 2, 2.68],
    [8.345, 2, 8.35],
    [1.255, 2, 1.26],
    [0.285, 2, 0.29],
    [10.235, 2, 10.24],
    [1234.5675, 3, 1234.568],
    // halves away from zero, both signs
    [0.5, 0, 1],
    [1.5, 0, 2],
    [2.5, 0, 3],
    [-0.5, 0, -1],
    [-2.5, 0, -3],
    [-1.005, 2, -1.01],
    [-0.3685, 3, -0.369],
    [0.05, 1, 0.1],
    [0.005, 2, 0.01],
    [-0.005, 2, -0.01],
    // below the half stays down
    [1.0049, 2, 1],
    [2.4999, 0, 2],
    [-2.4999, 0, -2],
    [0.004, 2, 0],
    [0.0004, 2, 0],
    // carries
    [9.995, 2, 10],
    [9999.5, 0, 10000],
    [0.9999, 3, 1],
    [-9.995, 2, -10],
    // the report's own figures
    [(14 / 38) * 100, 1, 36.8],
    [(72 / 173) * 100, 1, 41.6],
    [(922 / 3022) * 100, 0, 31],
    [97 / 95, 4, 1.0211],
    [97 / 95, 3, 1.021],
    [((0.4736 - 0.2848) / 0.2848) * 100, 2, 66.29],
    // arithmetic noise
    [0.1 + 0.2, 2, 0.3],
    [1.1 * 3, 1, 3.3],
    [0.7 * 100, 0, 70],
    // integers and already-short values are unchanged
    [42, 2, 42],
    [3.1, 4, 3.1],
    [-7, 0, -7],
    // negative digits round to tens, hundreds…
    [1234.5, -1, 1230],
    [1250, -2, 1300],
    [-1250, -2, -1300],
    [1249, -2, 1200],
    [40, -2, 0],
    [50, -2, 100],
    // very small and very large magnitudes
    [1.5e-10, 10, 2e-10],
    [1.4e-10, 10, 1e-10],
    [123456789012.345, 2, 123456789012.35],
    [1e21, 2, 1e21],
  ])('round(%s, %i) = %s', (x, digits, expected) => {
    expect(roundHalfAwayFromZero(x, digits)).toBe(expected);
  });

  it('never returns negative zero', () => {
    expect(Object.is(roundHalfAwayFromZero(-0.0001, 2), 0)).toBe(true);
    expect(Object.is(roundHalfAwayFromZero(-0, 2), 0)).toBe(true);
    expect(Object.is(roundHalfAwayFromZero(-0.004, 2), 0)).toBe(true);
  });

  it.each([NaN, Infinity, -Infinity])('passes %s through', (x) => {
    expect(roundHalfAwayFromZero(x, 2)).toBe(x);
  });

  it('leaves digits beyond what a double holds alone', () => {
    expect(roundHalfAwayFromZero(0.1 + 0.2, 20)).toBe(0.1 + 0.2);
  });

  it.each([1.5, NaN, Infinity])('refuses non-integer digits %s', (digits) => {
    expect(() => roundHalfAwayFromZero(1, digits)).toThrow(RangeError);
  });

  it('agrees with exact decimal rounding on a grid of halves', () => {
    // k + 0.5 at every scale from 10^0 to 10^-6: always rounds away from zero
    for (let digits = 0; digits <= 6; digits++) {
      for (let k = 0; k < 200; k++) {
        const text = `${k}5e-${digits + 1}`;
        const x = Number(text);
        const up = Number(`${k + 1}e-${digits}`);
        expect(roundHalfAwayFromZero(x, digits), text).toBe(up);
        expect(roundHalfAwayFromZero(-x, digits), `-${text}`).toBe(up === 0 ? 0 : -up);
      }
    }
  });
});

describe('withoutFloatNoise', () => {
  it.each([
    [36.4 / 45.5, 0.8],
    [0.6 / 0.75, 0.8],
    [0.56 / 0.7, 0.8],
    [0.1 + 0.2, 0.3],
    [1 - 0.9, 0.1],
    [97 / 95, 1.02105263158],
    [0, 0],
    [-0, 0],
    [-(36.4 / 45.5), -0.8],
  ])('%s → %s', (x, expected) => {
    expect(withoutFloatNoise(x)).toBe(expected);
  });

  it.each([NaN, Infinity, -Infinity])('passes %s through', (x) => {
    expect(withoutFloatNoise(x)).toBe(x);
  });
});
