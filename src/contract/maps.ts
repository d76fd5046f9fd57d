import type { Band, BandBoundaries } from '../domain/band.js';
import type { BoundarySet, UnitLevel } from '../domain/unit-vocabulary.js';
import type { ActualsFrom, EvaluationNotice } from './evaluation.js';

// Maps: unit boundaries as layers, loading them, and one indicator across a unit's children (docs/maps.md).

/** A map layer: the boundaries of a unit's children as a GeoJSON FeatureCollection, with the sources credited. */
export interface BoundaryMap {
  type: 'FeatureCollection';
  set: BoundarySet;
  /** The unit whose children are drawn; null for the set's provinces. */
  parent: string | null;
  features: {
    type: 'Feature';
    id: string;
    properties: { code: string; name: string; level: string };
    geometry: Record<string, unknown>;
  }[];
  /** The units of the layer without a boundary (a map shows them in its list instead). */
  without: string[];
  /** The sources of the boundaries shown, as their files credit them. */
  credit: string[];
}

/** What loading a boundary file did (docs/maps.md). */
export interface BoundaryLoadReport {
  set: BoundarySet;
  source: string;
  features: number;
  matched: number;
  /** Boundaries written (new or changed); loading the same file again writes none. */
  written: number;
  /** Feature codes that name no unit of the set, in the file's order. */
  unmatched: string[];
  /** Matched units per level. */
  levels: Record<string, number>;
}

/** One unit's achievement on the indicator, with its rank (1 = best ratio; equal ratios share a rank). */
export interface UnitEvaluation {
  unit: string;
  name: string;
  level: UnitLevel;
  actual: number | boolean | null;
  target: number | null;
  targetUnit: string | null;
  ratio: number | null;
  band: Band;
  rank: number | null;
  actualSource: 'entered' | 'derived' | null;
  valueCount: number;
  unitCount: number;
}

/** An indicator evaluated at every unit below a unit, best first (for maps and rankings of communes). */
export interface IndicatorAcrossUnits {
  plan: string;
  indicator: string;
  indicatorName: string;
  period: string;
  parent: string;
  level: UnitLevel | null;
  total: number;
  bands: Record<Band, number>;
  boundaries: BandBoundaries;
  units: UnitEvaluation[];
  /** `values` while the rollup rows are being rebuilt (every actual computed from the values), else `rollup`. */
  actualsFrom: ActualsFrom;
  /** Said to the reader when `actualsFrom` is `values`; null otherwise. */
  notice: EvaluationNotice | null;
}
