import type { Band } from '../../../src/domain/band.js';

/**
 * One colour per achievement band, used by the band chart, the band tags and the map, so a band looks the same
 * everywhere. Each keeps a contrast of at least 4.5:1 with white text.
 */
export const BAND_COLOURS: Readonly<Record<Band, string>> = {
  exceeded: '#237804',
  over80: '#0b57d0',
  from50to80: '#ad4e00',
  under50: '#a8071a',
  noData: '#595959',
};
