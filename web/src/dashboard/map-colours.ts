import { BAND_COLOURS } from './band-colours';

/**
 * The map's colours (docs/web.md, "The map panel"): the bands in the dashboard's own band colours (band-colours.ts),
 * so a band looks the same on the map, its legend, the band chart and the tags; values on a light-to-dark blue
 * scale. Colours are lower-case hex, which is how the SVG renderer writes them into `fill`.
 */

/** The value scale's ends: the lowest value drawn gets the first, the highest the second. */
export const VALUE_SCALE: readonly [string, string] = ['#deebf7', '#08519c'];

/** A unit without a numeric value on the value scale: the "no data" band's colour. */
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
