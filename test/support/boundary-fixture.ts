// Small boundary files for the map tests (docs/maps.md): squares of a given size at given corners, as GeoJSON, and
// the same as a TopoJSON topology with one arc per square.

/** A closed square ring of side `size` degrees from (lon, lat). */
export function squareRing(lon: number, lat: number, size = 0.1): number[][] {
  return [
    [lon, lat],
    [lon + size, lat],
    [lon + size, lat + size],
    [lon, lat + size],
    [lon, lat],
  ];
}

/** A GeoJSON FeatureCollection with one square Polygon per code, side by side from 104° E, 22° N. */
export function squaresGeoJson(
  codes: readonly string[],
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    type: 'FeatureCollection',
    ...extra,
    features: codes.map((code, i) => ({
      type: 'Feature',
      properties: { ma: code, ten: `Ô ${code}` },
      geometry: { type: 'Polygon', coordinates: [squareRing(104 + i * 0.1, 22)] },
    })),
  };
}

/** The same squares as a TopoJSON topology (no quantisation), each feature's id its code. */
export function squaresTopoJson(codes: readonly string[]): Record<string, unknown> {
  return {
    type: 'Topology',
    arcs: codes.map((_, i) => squareRing(104 + i * 0.1, 22)),
    objects: {
      units: {
        type: 'GeometryCollection',
        geometries: codes.map((code, i) => ({ type: 'Polygon', id: code, arcs: [[i]] })),
      },
    },
  };
}
