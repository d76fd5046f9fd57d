import { feature as topologyFeature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

// Unit boundaries from a TopoJSON or GeoJSON document (docs/maps.md): each feature's unit code (its `id`, or a
// `code` or `ma` property), its geometry checked (Polygon or MultiPolygon, every position a finite longitude and
// latitude), and the source the document credits. Problems name the feature by its index and the field at fault.

/** A polygon's rings, or a multipolygon's polygons, as GeoJSON writes them: [longitude, latitude] positions. */
export type BoundaryGeometry =
  { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };

/** One feature read: its place in the document (0-based), the unit code it names and its geometry. */
export interface BoundaryFeature {
  index: number;
  code: string;
  name: string | null;
  geometry: BoundaryGeometry;
}

/** A problem with one feature (or the document: index null), in both languages, naming the field. */
export interface BoundaryProblem {
  index: number | null;
  field: string;
  message_vi: string;
  message_en: string;
}

/** What a boundary document holds. */
export interface BoundaryDocument {
  features: BoundaryFeature[];
  /** The source the document credits (a `source` or `attribution` member or property), else the file's name. */
  source: string;
  problems: BoundaryProblem[];
}

/** The most problems listed before the rest are left out (the count is said). */
const PROBLEMS_MAX = 50;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const creditOf = (o: unknown): string | null => {
  if (!isObject(o)) return null;
  for (const key of ['source', 'attribution']) {
    const v = o[key];
    if (typeof v === 'string' && v.trim()) return v.trim();
  }
  return null;
};

/** The raw features of a TopoJSON topology (every object converted) or a GeoJSON document. */
function rawFeatures(doc: Json): { features: unknown[]; problem: BoundaryProblem | null } {
  if (doc.type === 'Topology') {
    const objects = doc.objects;
    if (!isObject(objects) || Object.keys(objects).length === 0) {
      return {
        features: [],
        problem: {
          index: null,
          field: 'objects',
          message_vi: 'Tệp TopoJSON không có đối tượng nào (objects).',
          message_en: 'The TopoJSON file has no objects.',
        },
      };
    }
    const topology = doc as unknown as Topology;
    const features: unknown[] = [];
    for (const name of Object.keys(objects)) {
      const converted = topologyFeature(topology, topology.objects[name] as GeometryCollection) as unknown;
      if (isObject(converted) && Array.isArray(converted.features)) features.push(...converted.features);
      else features.push(converted);
    }
    return { features, problem: null };
  }
  if (doc.type === 'FeatureCollection' && Array.isArray(doc.features))
    return { features: doc.features, problem: null };
  if (doc.type === 'Feature') return { features: [doc], problem: null };
  return {
    features: [],
    problem: {
      index: null,
      field: 'type',
      message_vi: `Tệp không phải TopoJSON (type "Topology") hay GeoJSON (type "FeatureCollection" hoặc "Feature"); nhận được type ${JSON.stringify(doc.type ?? null)}.`,
      message_en: `The file is neither TopoJSON (type "Topology") nor GeoJSON (type "FeatureCollection" or "Feature"); got type ${JSON.stringify(doc.type ?? null)}.`,
    },
  };
}

/** Checks one ring: at least 4 positions, each [longitude, latitude] finite and in range; the first problem. */
function ringProblem(ring: unknown, field: string): { field: string; vi: string; en: string } | null {
  if (!Array.isArray(ring) || ring.length < 4) {
    return {
      field,
      vi: 'mỗi vòng phải là danh sách ít nhất 4 điểm',
      en: 'each ring must be a list of at least 4 positions',
    };
  }
  for (const [i, position] of ring.entries()) {
    const at = `${field}[${i}]`;
    if (!Array.isArray(position) || position.length < 2) {
      return {
        field: at,
        vi: 'mỗi điểm phải là [kinh độ, vĩ độ]',
        en: 'each position must be [longitude, latitude]',
      };
    }
    const [lon, lat] = position as unknown[];
    if (typeof lon !== 'number' || !Number.isFinite(lon) || lon < -180 || lon > 180) {
      return {
        field: `${at}[0]`,
        vi: `kinh độ phải là số từ -180 đến 180, nhận được ${JSON.stringify(lon)}`,
        en: `the longitude must be a number from -180 to 180, got ${JSON.stringify(lon)}`,
      };
    }
    if (typeof lat !== 'number' || !Number.isFinite(lat) || lat < -90 || lat > 90) {
      return {
        field: `${at}[1]`,
        vi: `vĩ độ phải là số từ -90 đến 90, nhận được ${JSON.stringify(lat)}`,
        en: `the latitude must be a number from -90 to 90, got ${JSON.stringify(lat)}`,
      };
    }
  }
  return null;
}

function polygonProblem(rings: unknown, field: string): { field: string; vi: string; en: string } | null {
  if (!Array.isArray(rings) || rings.length === 0) {
    return { field, vi: 'đa giác phải có ít nhất một vòng', en: 'a polygon must have at least one ring' };
  }
  for (const [i, ring] of rings.entries()) {
    const problem = ringProblem(ring, `${field}[${i}]`);
    if (problem) return problem;
  }
  return null;
}

/** Reads one feature: its code and checked geometry, or the problem that stops it. */
function readFeature(raw: unknown, index: number): BoundaryFeature | BoundaryProblem {
  const at = `features[${index}]`;
  const problem = (field: string, vi: string, en: string): BoundaryProblem => ({
    index,
    field: `${at}.${field}`,
    message_vi: `Đối tượng thứ ${index + 1} (${at}.${field}): ${vi}.`,
    message_en: `Feature ${index + 1} (${at}.${field}): ${en}.`,
  });
  if (!isObject(raw)) return problem('type', 'phải là một Feature', 'must be a Feature');
  const properties = isObject(raw.properties) ? raw.properties : {};
  const codeValue = raw.id ?? properties.code ?? properties.ma;
  if (typeof codeValue !== 'string' && typeof codeValue !== 'number') {
    return problem(
      'id',
      'thiếu mã đơn vị (id của đối tượng, hoặc thuộc tính code hay ma)',
      'the unit code is missing (the feature’s id, or a code or ma property)',
    );
  }
  const code = String(codeValue).trim();
  if (!code) return problem('id', 'mã đơn vị để trống', 'the unit code is empty');
  const geometry = raw.geometry;
  if (!isObject(geometry)) return problem('geometry', 'thiếu hình (geometry)', 'the geometry is missing');
  const name = [properties.name, properties.ten].find((v): v is string => typeof v === 'string') ?? null;
  if (geometry.type === 'Polygon') {
    const p = polygonProblem(geometry.coordinates, 'coordinates');
    if (p) return problem(`geometry.${p.field}`, p.vi, p.en);
    return {
      index,
      code,
      name,
      geometry: { type: 'Polygon', coordinates: geometry.coordinates as number[][][] },
    };
  }
  if (geometry.type === 'MultiPolygon') {
    if (!Array.isArray(geometry.coordinates) || geometry.coordinates.length === 0) {
      return problem('geometry.coordinates', 'phải có ít nhất một đa giác', 'must hold at least one polygon');
    }
    for (const [i, polygon] of geometry.coordinates.entries()) {
      const p = polygonProblem(polygon, `coordinates[${i}]`);
      if (p) return problem(`geometry.${p.field}`, p.vi, p.en);
    }
    return {
      index,
      code,
      name,
      geometry: { type: 'MultiPolygon', coordinates: geometry.coordinates as number[][][][] },
    };
  }
  return problem(
    'geometry.type',
    `kiểu hình phải là Polygon hoặc MultiPolygon, nhận được ${JSON.stringify(geometry.type ?? null)}`,
    `the geometry type must be Polygon or MultiPolygon, got ${JSON.stringify(geometry.type ?? null)}`,
  );
}

/**
 * Reads the unit boundaries of a parsed TopoJSON or GeoJSON document: every feature with a unit code and a valid
 * geometry, and a problem for each other one (at most PROBLEMS_MAX listed, then how many more).
 */
export function readBoundaries(doc: unknown, fileName: string): BoundaryDocument {
  if (!isObject(doc)) {
    return {
      features: [],
      source: fileName,
      problems: [
        {
          index: null,
          field: 'type',
          message_vi: 'Tệp phải là một đối tượng JSON (TopoJSON hoặc GeoJSON).',
          message_en: 'The file must be a JSON object (TopoJSON or GeoJSON).',
        },
      ],
    };
  }
  const { features: raws, problem } = rawFeatures(doc);
  const features: BoundaryFeature[] = [];
  const problems: BoundaryProblem[] = problem ? [problem] : [];
  let more = 0;
  for (const [index, raw] of raws.entries()) {
    const read = readFeature(raw, index);
    if ('geometry' in read) features.push(read);
    else if (problems.length < PROBLEMS_MAX) problems.push(read);
    else more += 1;
  }
  if (more > 0) {
    problems.push({
      index: null,
      field: 'features',
      message_vi: `… và ${more} lỗi khác.`,
      message_en: `… and ${more} more problems.`,
    });
  }
  const firstProperties = raws.find(isObject)?.properties;
  const source = creditOf(doc) ?? creditOf(firstProperties) ?? fileName;
  return { features, source, problems };
}
