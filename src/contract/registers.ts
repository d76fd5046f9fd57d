import type { UnitLevel } from '../domain/unit-vocabulary.js';

// Registers as the API and `dxmon registers … --json` answer them (docs/tasks.md "Registers"): yes/no items kept
// at villages or communes (mobile broadband, fibre, a standard LAN), the units lacking one, and its change.

/** A unit in a register list, with its parent, so the map can place it and a reader find it. */
export interface RegisterUnit {
  /** The unit as users write it (bare, or set:code). */
  code: string;
  name: string;
  parentCode: string | null;
  parentName: string | null;
}

/** A set of units with its size. */
export interface RegisterUnitSet {
  count: number;
  units: RegisterUnit[];
}

/**
 * `dxmon registers change --json`: the units lacking the register at P1 (`from`) and at P2 (`to`), each with its
 * period, those that stopped lacking it (`closed`) and those that started (`opened`).
 */
export interface RegisterChangeView {
  from: RegisterUnitSet & { period: string };
  to: RegisterUnitSet & { period: string };
  closed: RegisterUnitSet;
  opened: RegisterUnitSet;
}

/** `GET /registers/{indicator}/change`: the change with the sentence the report prints ("xóa được 4 thôn, còn 6 thôn"). */
export interface RegisterChange extends RegisterChangeView {
  indicator: string;
  phrase: { vi: string; en: string };
}

/** `GET /registers/{indicator}/lacking`: the units still lacking a register at a period, with how many have a value. */
export interface LackingUnits {
  indicator: string;
  period: string;
  /** The root unit as users write it, or null for every unit. */
  unit: string | null;
  /** How many units under the root have a yes/no value for the period. */
  withValue: number;
  count: number;
  units: RegisterUnit[];
  /** How a sentence names these units ({vi: 'thôn', en: 'villages'}). */
  noun: { vi: string; en: string };
}

/** One register of `GET /registers`: a yes/no item no plan targets, kept at villages or communes. */
export interface RegisterSummary {
  indicator: string;
  nameVi: string;
  nameEn: string | null;
  /** The level most of its values are kept at. */
  level: UnitLevel;
  /** How a sentence names the units it counts ({vi: 'thôn', en: 'villages'}). */
  noun: { vi: string; en: string };
  /** The periods with a value under the unit asked about, oldest first. */
  periods: string[];
}

/** `GET /registers`: the registers with values under a unit (or anywhere). */
export interface RegisterList {
  unit: string | null;
  registers: RegisterSummary[];
}
