import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BAND_COLOURS, CHART_HEIGHT, CHART_WIDTH, drawBandChart } from './band-chart-png.js';

/** Decodes the PNGs drawBandChart writes (8-bit RGB, filter 0 on every row) into width, height and pixels. */
function decode(png: Buffer): { width: number; height: number; pixel: (x: number, y: number) => string } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let offset = 8;
  let width = 0;
  let height = 0;
  const data: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      expect([...body.subarray(8)]).toEqual([8, 2, 0, 0, 0]);
    }
    if (type === 'IDAT') data.push(body);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * 3 + 1;
  expect(raw.length).toBe(stride * height);
  const pixel = (x: number, y: number) =>
    raw
      .subarray(y * stride + 1 + x * 3, y * stride + 4 + x * 3)
      .toString('hex')
      .toUpperCase();
  return { width, height, pixel };
}

describe('drawBandChart', () => {
  it('draws one bar per band in its colour, heights in proportion to the counts', () => {
    const png = drawBandChart({
      kind: 'bandChart',
      caption: 'Biểu đồ 1',
      bars: [
        { band: 'exceeded', label: 'Hoàn thành', count: 8 },
        { band: 'over80', label: 'Trên 80%', count: 11 },
        { band: 'from50to80', label: '50% - 80%', count: 4 },
        { band: 'under50', label: 'Dưới 50%', count: 0 },
      ],
    });
    const { width, height, pixel } = decode(png);
    expect([width, height]).toEqual([CHART_WIDTH, CHART_HEIGHT]);
    // The height of each bar: the run of its colour up the middle of its slot, from just above the base line.
    const slot = (CHART_WIDTH - 120) / 4;
    const barHeight = (i: number, colour: string) => {
      const x = Math.round(60 + slot * i + slot / 2);
      let y = CHART_HEIGHT - 31;
      let h = 0;
      while (y > 0 && pixel(x, y) === colour) {
        h++;
        y--;
      }
      return h;
    };
    const exceeded = barHeight(0, BAND_COLOURS.exceeded);
    const over80 = barHeight(1, BAND_COLOURS.over80);
    const from50 = barHeight(2, BAND_COLOURS.from50to80);
    expect(over80).toBeGreaterThan(300);
    expect(exceeded / over80).toBeCloseTo(8 / 11, 1);
    expect(from50 / over80).toBeCloseTo(4 / 11, 1);
    expect(barHeight(3, BAND_COLOURS.under50)).toBe(0);
    // The count is written above the bar (dark pixels within the digits' box).
    const x = Math.round(60 + slot * 1.5);
    const top = CHART_HEIGHT - 30 - over80;
    const dark = [];
    for (let y = top - 70; y < top; y++)
      for (let dx = -45; dx <= 45; dx++) if (pixel(x + dx, y) === '212121') dark.push(y);
    expect(dark.length).toBeGreaterThan(100);
  });
});
