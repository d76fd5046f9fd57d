import { BANDS, type Band } from '../../../src/domain/band.js';

/**
 * The map's colours (docs/web.md, "The map panel"): one fixed colour per achievement band, so a band looks the same
 * on every map and in its legend, and a light-to-dark blue scale for values. Colours are written as lower-case
 * hex, which is how the SVG renderer writes them into `fill`.
 */

/** Each band's fill, best first; "no data" is a neutral grey. */
export const BAND_COLOURS: Readonly<Record<Band, string>> = {
  exceeded: '#1b7837',
  over80: '#7fbf7b',
  from50to80: '#fdb863',
  under50: '#d73027',
  noData: '#d9d9d9',
};

/** The bands in legend order. */
export const LEGEND_BANDS: readonly Band[] = BANDS;

/** The value scale's ends: the lowest value drawn gets the first, the highest the second. */
export const VALUE_SCALE: readonly [string, string] = ['#deebf7', '#08519c'];

/** A unit without a numeric value on the value scale. */
export const NO_VALUE_COLOUR = BAND_COLOURS.noData;

function channels(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

function hex2(n: number): string {
  return Math.round(n).toString(16).padStart(2, '0');
}

/** The colour of `value` on the value scale from `min` to `max` (the middle of the scale when they are equal). */
export function valueColour(value: number, min: number, max: number): string {
  const t = max > min ? (value - min) / (max - min) : 0.5;
  const [from, to] = [channels(VALUE_SCALE[0]), channels(VALUE_SCALE[1])];
  return `#${from.map((c, i) => hex2(c + ((to[i] ?? c) - c) * t)).join('')}`;
}
