import { crc32, deflateSync } from 'node:zlib';
import type { Band } from '../../domain/band.js';
import type { BandChart } from '../../domain/report-document.js';

// The chart of targets by band as a PNG picture, drawn here pixel by pixel and encoded with Node's own zlib, so
// the DOCX carries its chart on any machine (no browser, no native library). The bars stand on a base line, one
// per band in the band's colour, the count written above each bar; the bands' names are text beside the
// picture (the DOCX's legend and caption), where they keep their diacritics and can be searched.

/** Each band's colour (RGB), shared with the legend the DOCX writes under the picture. */
export const BAND_COLOURS: Readonly<Record<Band, string>> = {
  exceeded: '2E7D32',
  over80: '1565C0',
  from50to80: 'F9A825',
  under50: 'C62828',
  noData: '9E9E9E',
};

/** 5 × 7 bitmaps of the digits, one string of five pixels per row (`#` drawn). */
const DIGITS: Record<string, readonly string[]> = {
  '0': [' ### ', '#   #', '#  ##', '# # #', '##  #', '#   #', ' ### '],
  '1': ['  #  ', ' ##  ', '  #  ', '  #  ', '  #  ', '  #  ', ' ### '],
  '2': [' ### ', '#   #', '    #', '   # ', '  #  ', ' #   ', '#####'],
  '3': ['#####', '   # ', '  #  ', '   # ', '    #', '#   #', ' ### '],
  '4': ['   # ', '  ## ', ' # # ', '#  # ', '#####', '   # ', '   # '],
  '5': ['#####', '#    ', '#### ', '    #', '    #', '#   #', ' ### '],
  '6': ['  ## ', ' #   ', '#    ', '#### ', '#   #', '#   #', ' ### '],
  '7': ['#####', '    #', '   # ', '  #  ', ' #   ', ' #   ', ' #   '],
  '8': [' ### ', '#   #', '#   #', ' ### ', '#   #', '#   #', ' ### '],
  '9': [' ### ', '#   #', '#   #', ' ####', '    #', '   # ', ' ##  '],
};

/** The picture's size in pixels (drawn at 150 × 60 mm in the DOCX: about 200 dpi). */
export const CHART_WIDTH = 1200;
export const CHART_HEIGHT = 480;

class Canvas {
  readonly pixels: Buffer;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.pixels = Buffer.alloc(width * height * 3, 0xff);
  }

  fill(x0: number, y0: number, w: number, h: number, rgb: string): void {
    const r = parseInt(rgb.slice(0, 2), 16);
    const g = parseInt(rgb.slice(2, 4), 16);
    const b = parseInt(rgb.slice(4, 6), 16);
    const x1 = Math.min(this.width, Math.round(x0 + w));
    const y1 = Math.min(this.height, Math.round(y0 + h));
    for (let y = Math.max(0, Math.round(y0)); y < y1; y++) {
      for (let x = Math.max(0, Math.round(x0)); x < x1; x++) {
        const i = (y * this.width + x) * 3;
        this.pixels[i] = r;
        this.pixels[i + 1] = g;
        this.pixels[i + 2] = b;
      }
    }
  }

  /** Writes a number centred on `cx` with its baseline at `bottom`, each font pixel `scale` pixels wide. */
  number(text: string, cx: number, bottom: number, scale: number, rgb: string): void {
    const advance = 6 * scale;
    let x = cx - (text.length * advance - scale) / 2;
    for (const ch of text) {
      const rows = DIGITS[ch];
      if (rows) {
        rows.forEach((row, ry) => {
          for (let rx = 0; rx < row.length; rx++) {
            if (row[rx] === '#') this.fill(x + rx * scale, bottom - (7 - ry) * scale, scale, scale, rgb);
          }
        });
      }
      x += advance;
    }
  }
}

/** A PNG file of 8-bit RGB pixels (no alpha, no interlace). */
export function encodePng(width: number, height: number, rgb: Buffer): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const stride = width * 3;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) rgb.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 6 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The band chart as a PNG: one bar per band, heights to scale, the count above each bar. */
export function drawBandChart(chart: BandChart): Buffer {
  const canvas = new Canvas(CHART_WIDTH, CHART_HEIGHT);
  const base = CHART_HEIGHT - 30;
  const top = 90;
  const left = 60;
  const right = CHART_WIDTH - 60;
  const bars = chart.bars;
  const max = Math.max(1, ...bars.map((bar) => bar.count));
  const slot = (right - left) / Math.max(1, bars.length);
  const barWidth = Math.min(180, slot * 0.6);
  // Light grid lines at quarters of the highest bar, then the base line.
  for (let q = 1; q <= 4; q++) canvas.fill(left, base - ((base - top) * q) / 4, right - left, 2, 'E0E0E0');
  bars.forEach((bar, i) => {
    const cx = left + slot * i + slot / 2;
    const h = ((base - top) * bar.count) / max;
    canvas.fill(cx - barWidth / 2, base - h, barWidth, h, BAND_COLOURS[bar.band]);
    canvas.number(String(bar.count), cx, base - h - 14, 7, '212121');
  });
  canvas.fill(left - 10, base, right - left + 20, 4, '424242');
  return encodePng(canvas.width, canvas.height, canvas.pixels);
}
