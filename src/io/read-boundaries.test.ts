import { describe, expect, it } from 'vitest';
import { squareRing, squaresGeoJson, squaresTopoJson } from '../../test/support/boundary-fixture.js';
import { readBoundaries } from './read-boundaries.js';

describe('reading unit boundaries (docs/maps.md)', () => {
  it('reads GeoJSON features by their ma property, crediting the file’s name when it names no source', () => {
    const read = readBoundaries(squaresGeoJson(['01', '02']), 'xa.geojson');
    expect(read.problems).toEqual([]);
    expect(read.source).toBe('xa.geojson');
    expect(read.features.map((f) => [f.index, f.code, f.name, f.geometry.type])).toEqual([
      [0, '01', 'Ô 01', 'Polygon'],
      [1, '02', 'Ô 02', 'Polygon'],
    ]);
  });

  it('converts TopoJSON to the same polygons, and credits a source or attribution member', () => {
    const topo = readBoundaries({ ...squaresTopoJson(['01', '02']), attribution: 'Cục Đo đạc' }, 'x.json');
    const geo = readBoundaries(squaresGeoJson(['01', '02']), 'y.json');
    expect(topo.problems).toEqual([]);
    expect(topo.source).toBe('Cục Đo đạc');
    expect(topo.features.map((f) => f.geometry)).toEqual(geo.features.map((f) => f.geometry));
    expect(readBoundaries(squaresGeoJson(['01'], { source: 'Sở KH&CN' }), 'z.json').source).toBe('Sở KH&CN');
  });

  it('takes a MultiPolygon, and the code from id, then code, then ma', () => {
    const doc = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          id: 15,
          properties: { code: 'x', ma: 'y' },
          geometry: { type: 'MultiPolygon', coordinates: [[squareRing(104, 22)], [squareRing(105, 22)]] },
        },
        {
          type: 'Feature',
          properties: { code: 'C2', ma: 'y' },
          geometry: { type: 'Polygon', coordinates: [squareRing(1, 1)] },
        },
      ],
    };
    expect(readBoundaries(doc, 'f.json').features.map((f) => [f.code, f.geometry.type])).toEqual([
      ['15', 'MultiPolygon'],
      ['C2', 'Polygon'],
    ]);
  });

  it('names the feature and the field of every problem, in both languages', () => {
    const doc = squaresGeoJson(['01', '02', '03', '04', '05']) as { features: Record<string, unknown>[] };
    doc.features[1] = {
      type: 'Feature',
      properties: { ma: '02' },
      geometry: { type: 'Point', coordinates: [1, 2] },
    };
    doc.features[2] = {
      type: 'Feature',
      properties: { ma: '03' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [104, 22],
            [200, 22],
            [104, 23],
            [104, 22],
          ],
        ],
      },
    };
    doc.features[3] = {
      type: 'Feature',
      properties: {},
      geometry: { type: 'Polygon', coordinates: [squareRing(1, 1)] },
    };
    doc.features[4] = {
      type: 'Feature',
      properties: { ma: '05' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [104, 22],
            [104, Number.NaN],
            [105, 23],
            [104, 22],
          ],
        ],
      },
    };
    const read = readBoundaries(doc, 'bad.json');
    expect(read.features.map((f) => f.code)).toEqual(['01']);
    expect(read.problems.map((p) => [p.index, p.field])).toEqual([
      [1, 'features[1].geometry.type'],
      [2, 'features[2].geometry.coordinates[0][1][0]'],
      [3, 'features[3].id'],
      [4, 'features[4].geometry.coordinates[0][1][1]'],
    ]);
    expect(read.problems[1]?.message_vi).toMatch(
      /^Đối tượng thứ 3 .*kinh độ phải là số từ -180 đến 180, nhận được 200/,
    );
    expect(read.problems[1]?.message_en).toMatch(
      /^Feature 3 .*longitude must be a number from -180 to 180, got 200/,
    );
  });

  it('refuses what is neither TopoJSON nor GeoJSON', () => {
    expect(readBoundaries({ type: 'Nope' }, 'n.json').problems).toEqual([
      expect.objectContaining({ index: null, field: 'type' }),
    ]);
    expect(readBoundaries([1, 2], 'n.json').problems).toHaveLength(1);
    expect(readBoundaries({ type: 'Topology', objects: {} }, 't.json').problems[0]?.field).toBe('objects');
  });
});
