// The checks of an import that need the database (docs/import.md): every code a file
// names is resolved against the file and the database at once — one query per kind of code — every value,
// target and baseline is checked against its indicator's value type (docs/domain.md §4), and every row against
// the actor's permissions. The outcome is either the rows ready to write or every bad cell.
import type { ProblemDetail } from '../../domain/app-error.js';
import type { ValueType } from '../../domain/aggregate.js';
import { formatNumber } from '../../domain/format-number.js';
import { DEFAULT_OUTLIER_SETTINGS, type OutlierSettings } from '../../domain/outlier.js';
import { periodEnd, periodStart } from '../../domain/period.js';
import { foldVietnamese } from '../../domain/text.js';
import {
  checkIndicatorBounds,
  validateTargetValue,
  validateValue,
  type ValueRules,
} from '../../domain/validate-value.js';
import { formatUnitRef } from '../../domain/unit-ref.js';
import type { CellError, CellUnitRef, CellWarning, ParsedImport, SheetName } from '../../io/import-schema.js';
import { cellErrorAt } from '../../io/import-schema.js';
import type { Permission } from '../auth/scope.js';
import {
  INSTALLATION_UNIT,
  planUnitRole,
  ROW_NAMES,
  rowUnit,
  writeRefusal,
  type RowUnit,
  type RowWrite,
} from '../authorize.js';
import { NEW_PARENT } from '../catalogue/create-workspace-unit.js';
import { valueRules } from '../catalogue/indicator-summary.js';
import type { Actor } from '../context.js';
import type { Queryable } from '../../store/db.js';
import { findIndicatorsByCodes } from '../../store/catalogue.queries.js';
import { findTaskLeadUnits } from '../../store/tasks.queries.js';
import type { ImportUnitRow, IndicatorWrite, UnitWrite } from '../../store/import.queries.js';
import {
  findPlansByCodes,
  findUnitsByKeys,
  findValuesOutsideBounds,
  listIndicatorGroupCodes,
  listWorkspaceUnitParents,
} from '../../store/import.queries.js';
import type { IndexNodeImportRow } from '../composite-index/import-methodology-nodes.js';
import { findOutliers, type OutlierCandidate } from '../values/outliers.js';

/** A unit a row names: one in the database, or one the file's `units` sheet adds (set `workspace`). */
export type UnitTarget = { kind: 'db'; row: ImportUnitRow } | { kind: 'file'; code: string };

/** The key of a unit across the file and the database: `set:code`. */
export function unitKey(u: UnitTarget): string {
  return u.kind === 'db' ? `${u.row.set}:${u.row.code}` : `workspace:${u.code}`;
}

/** The unit as users write it (`15`, `pre2025:10`, `LCI-STTTT`), for audit keys and messages. */
export function unitText(u: UnitTarget): string {
  return u.kind === 'db' ? formatUnitRef(u.row) : u.code;
}

export interface CheckedPlan {
  code: string;
  name: string;
  unit: UnitTarget;
  startYear: number;
  endYear: number;
}

export interface CheckedTarget {
  planCode: string;
  indicatorCode: string;
  unit: UnitTarget;
  period: string;
  target: number;
  baseline: number | null;
  baselinePeriod: string | null;
  leadUnit: UnitTarget | null;
  note: string | null;
}

export interface CheckedValue {
  row: number;
  indicatorCode: string;
  unit: UnitTarget;
  period: string;
  periodType: string;
  periodStart: string;
  periodEnd: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  comment: string | null;
}

export interface CheckedTask {
  code: string;
  programme: string;
  title: string;
  leadUnit: UnitTarget;
  start: string | null;
  due: string | null;
  recurring: boolean;
  status: 'notStarted' | 'inProgress' | 'recurring' | 'completed';
  note: string | null;
}

/** A file checked against the database: the rows to write, in dependency order, or the bad cells. */
export interface CheckedImport {
  /** Workspace units, parents before children. */
  unitGenerations: UnitWrite[][];
  unitCount: number;
  /** Group codes to create before the indicators naming them. */
  newGroups: string[];
  indicators: IndicatorWrite[];
  plans: CheckedPlan[];
  targets: CheckedTarget[];
  /** Which optional target columns the file has (a missing column keeps what is stored). */
  targetColumns: { baseline: boolean; leadUnit: boolean; note: boolean };
  values: CheckedValue[];
  /** The `values` sheet has no comment column: comments are kept as stored. */
  keepComment: boolean;
  tasks: CheckedTask[];
  indexNodes: IndexNodeImportRow[];
  errors: CellError[];
  forbidden: ProblemDetail[];
  /**
   * Values far from their unit's own history, and indicators whose new bounds exclude values they already have
   * (docs/domain.md §4): imported all the same.
   */
  warnings: CellWarning[];
}

const numberOf = (v: number | boolean): number => (typeof v === 'boolean' ? (v ? 1 : 0) : v);

/**
 * One warning per indicator whose new bounds exclude values it already has (docs/domain.md §4): the stored
 * values stay as they are, placed on the first bound column of the indicator's row.
 */
async function boundsWarnings(
  q: Queryable,
  layout: ParsedImport['layout'],
  changed: readonly { code: string; row: number; min: number | null; max: number | null }[],
  has: (sheet: SheetName, column: string) => boolean,
): Promise<CellWarning[]> {
  const outside = await findValuesOutsideBounds(q, changed);
  const warnings: CellWarning[] = [];
  for (const b of changed) {
    const o = outside.get(b.code);
    if (!o) continue;
    const n = (v: number | null, lang: 'vi' | 'en'): string => (v === null ? '…' : formatNumber(v, lang, 6));
    const range = (lang: 'vi' | 'en') => `${n(b.min, lang)} – ${n(b.max, lang)}`;
    const at = cellErrorAt(
      layout,
      'indicators',
      b.row,
      has('indicators', 'min') ? 'min' : 'max',
      `Chỉ tiêu «${b.code}» có số liệu đã lưu nằm ngoài giới hạn mới ${range('vi')}: ${formatNumber(o.count, 'vi', 0)} số liệu, ${o.lowest === o.highest ? `bằng ${n(o.lowest, 'vi')}` : `từ ${n(o.lowest, 'vi')} đến ${n(o.highest, 'vi')}`}. Các số liệu này được giữ nguyên; khi sửa, chúng phải nằm trong giới hạn mới.`,
      `Indicator «${b.code}» has stored values outside its new bounds ${range('en')}: ${formatNumber(o.count, 'en', 0)} of them, ${o.lowest === o.highest ? `equal to ${n(o.lowest, 'en')}` : `from ${n(o.lowest, 'en')} to ${n(o.highest, 'en')}`}. They are kept as they are; once edited they must be within the new bounds.`,
    );
    warnings.push({ ...at, column: at.column || null });
  }
  return warnings;
}

/**
 * Checks a parsed file against the database (docs/domain.md §2–§5, docs/import.md): resolves every unit, indicator
 * and plan code (a bare unit code names the current set, then the workspace's units, those of the file's
 * `units` sheet included), checks values, targets and baselines by value type, unit trees for cycles and
 * workspace codes against official ones, and the actor's permission on every row. Reads only.
 */
export async function checkImport(
  q: Queryable,
  actor: Actor,
  parsed: ParsedImport,
  outliers: OutlierSettings = DEFAULT_OUTLIER_SETTINGS,
): Promise<CheckedImport> {
  const { records, layout } = parsed;
  const errors: CellError[] = [];
  const forbidden: ProblemDetail[] = [];
  const fail = (sheet: SheetName, row: number, column: string, vi: string, en: string): void => {
    errors.push(cellErrorAt(layout, sheet, row, column, vi, en));
  };

  // ---- One query per kind of code --------------------------------------------------------------------------
  const fileUnits = new Map(records.units.map((u) => [u.code, u]));
  const unitRefs: CellUnitRef[] = [];
  for (const u of records.units) if (u.parentCode) unitRefs.push(u.parentCode);
  for (const p of records.plans) unitRefs.push(p.unitCode);
  for (const t of records.targets) {
    unitRefs.push(t.unitCode);
    if (t.leadUnitCode) unitRefs.push(t.leadUnitCode);
  }
  for (const v of records.values) unitRefs.push(v.unitCode);
  for (const t of records.tasks) unitRefs.push(t.leadUnitCode);
  const keys = new Map<string, { set: string; code: string }>();
  const want = (set: string, code: string) => keys.set(`${set}:${code}`, { set, code });
  for (const r of unitRefs) {
    if (r.explicitSet) want(r.set, r.code);
    else {
      want('2025', r.code);
      want('workspace', r.code);
      want('pre2025', r.code);
    }
  }
  for (const code of fileUnits.keys()) {
    want('2025', code);
    want('workspace', code);
  }
  const dbUnits = new Map<string, ImportUnitRow>();
  for (const row of await findUnitsByKeys(q, [...keys.values()])) dbUnits.set(`${row.set}:${row.code}`, row);

  const indicatorCodes = new Set<string>();
  for (const t of records.targets) indicatorCodes.add(t.indicatorCode);
  for (const v of records.values) indicatorCodes.add(v.indicatorCode);
  for (const n of records.index_nodes) if (n.indicatorCode) indicatorCodes.add(n.indicatorCode);
  for (const i of records.indicators) indicatorCodes.add(i.code);
  const dbIndicators = await findIndicatorsByCodes(q, [...indicatorCodes]);
  const fileIndicators = new Map(records.indicators.map((i) => [i.code, i]));

  const planCodes = new Set([...records.targets.map((t) => t.planCode), ...records.plans.map((p) => p.code)]);
  const dbPlans = new Map((await findPlansByCodes(q, [...planCodes])).map((p) => [p.code, p]));
  const filePlans = new Map(records.plans.map((p) => [p.code, p]));
  const dbTasks = new Map(
    (
      await findTaskLeadUnits(
        q,
        records.tasks.map((t) => t.code),
      )
    ).map((t) => [t.code, t]),
  );

  // ---- Units ---------------------------------------------------------------------------------------------
  const resolveUnit = (ref: CellUnitRef): UnitTarget | null => {
    if (ref.explicitSet) {
      const row = dbUnits.get(`${ref.set}:${ref.code}`);
      return row ? { kind: 'db', row } : null;
    }
    const official = dbUnits.get(`2025:${ref.code}`);
    if (official) return { kind: 'db', row: official };
    if (fileUnits.has(ref.code)) return { kind: 'file', code: ref.code };
    const own = dbUnits.get(`workspace:${ref.code}`);
    return own ? { kind: 'db', row: own } : null;
  };
  const unitOrFail = (sheet: SheetName, row: number, column: string, ref: CellUnitRef): UnitTarget | null => {
    const found = resolveUnit(ref);
    if (found) return found;
    const text = formatUnitRef(ref);
    const old = !ref.explicitSet && dbUnits.has(`pre2025:${ref.code}`);
    fail(
      sheet,
      row,
      column,
      `Không có đơn vị «${text}» (trong bộ đơn vị hiện hành, các đơn vị của không gian làm việc hay trang units của tệp).${old ? ` Có đơn vị trước 2025 mã này: hãy ghi pre2025:${ref.code}.` : ''}`,
      `No unit «${text}» (among the current units, the workspace's units or the file's units sheet).${old ? ` A pre-2025 unit has this code: write pre2025:${ref.code}.` : ''}`,
    );
    return null;
  };
  /** The path permissions are checked on: the unit's, or for a unit the file adds, its nearest stored ancestor's. */
  const pathOf = (u: UnitTarget | null, seen = 0): string => {
    if (!u) return '/';
    if (u.kind === 'db') return u.row.path;
    const parent = fileUnits.get(u.code)?.parentCode;
    const resolved = parent ? resolveUnit(parent) : null;
    return seen > fileUnits.size ? '/' : pathOf(resolved, seen + 1);
  };
  /** The unit a row names, for the write rule, placed on `column`; the root `/` when there is none. */
  const place = (u: UnitTarget | null, column: string, role?: RowUnit['role']): RowUnit => ({
    path: pathOf(u),
    label: u ? unitText(u) : '/',
    field: column,
    ...(role ? { role } : {}),
  });
  /**
   * The write rule of every entry point (authorizeWrite): the row needs `permission` over the units it belongs
   * to now, if stored, and over those it will belong to; a refusal is placed on the column naming the unit.
   */
  const permit = (permission: Permission, sheet: SheetName, row: number, write: RowWrite): void => {
    const refusal = writeRefusal(actor, permission, write);
    if (!refusal) return;
    const at = cellErrorAt(layout, sheet, row, refusal.unit.field ?? 'code', '', '');
    forbidden.push({
      sheet: at.sheet,
      row,
      column: at.column,
      message_vi: refusal.message_vi,
      message_en: refusal.message_en,
    });
  };

  const workspaceParents = new Map<string, string | null>();
  if (records.units.length > 0) {
    for (const u of await listWorkspaceUnitParents(q)) {
      workspaceParents.set(u.code, u.parentSet === 'workspace' ? u.parentCode : null);
    }
  }
  const unitParent = new Map<string, UnitTarget | null>();
  for (const u of records.units) {
    // A unit the workspace already has is changed, perhaps moved: the rule needs the right over it as it is now.
    const stored = dbUnits.get(`workspace:${u.code}`);
    const unitWrite: RowWrite = {
      row: ROW_NAMES.unit(u.code),
      current: stored ? [rowUnit(stored, 'code')] : [],
    };
    if (dbUnits.has(`2025:${u.code}`)) {
      fail(
        'units',
        u.row,
        'code',
        `Mã «${u.code}» đã là mã của một đơn vị hành chính hiện hành; đơn vị do không gian làm việc thêm phải dùng mã khác (ví dụ LCI-${u.code}).`,
        `«${u.code}» is already the code of a current administrative unit; a unit the workspace adds needs another code (e.g. LCI-${u.code}).`,
      );
      continue;
    }
    const parent = u.parentCode ? unitOrFail('units', u.row, 'parent_code', u.parentCode) : null;
    if (u.parentCode && !parent) {
      permit('units:manage', 'units', u.row, unitWrite);
      continue;
    }
    unitParent.set(u.code, parent);
    workspaceParents.set(
      u.code,
      parent === null
        ? null
        : parent.kind === 'file'
          ? parent.code
          : parent.row.set === 'workspace'
            ? parent.row.code
            : null,
    );
    permit('units:manage', 'units', u.row, {
      ...unitWrite,
      next: [place(parent, 'parent_code', NEW_PARENT)],
    });
  }
  for (const u of records.units) {
    const seen = new Set([u.code]);
    for (let p = workspaceParents.get(u.code) ?? null; p !== null; p = workspaceParents.get(p) ?? null) {
      if (seen.has(p)) {
        fail(
          'units',
          u.row,
          'parent_code',
          `Đơn vị «${u.code}» nằm trong một vòng đơn vị cha (${[...seen].join(' → ')} → ${p}).`,
          `Unit «${u.code}» is in a cycle of parents (${[...seen].join(' → ')} → ${p}).`,
        );
        unitParent.delete(u.code);
        break;
      }
      seen.add(p);
    }
  }
  const unitGenerations: UnitWrite[][] = [];
  const depthOf = new Map<string, number>();
  const depth = (code: string): number => {
    const known = depthOf.get(code);
    if (known !== undefined) return known;
    const parent = unitParent.get(code);
    const d = parent && parent.kind === 'file' && unitParent.has(parent.code) ? depth(parent.code) + 1 : 0;
    depthOf.set(code, d);
    return d;
  };
  for (const u of records.units) {
    if (!unitParent.has(u.code)) continue;
    const parent = unitParent.get(u.code) ?? null;
    const write: UnitWrite = {
      code: u.code,
      name: u.name,
      searchName: foldVietnamese(u.name),
      kind: u.kind,
      parentSet: parent === null ? null : parent.kind === 'file' ? 'workspace' : parent.row.set,
      parentCode: parent === null ? null : parent.kind === 'file' ? parent.code : parent.row.code,
    };
    (unitGenerations[depth(u.code)] ??= []).push(write);
  }

  // ---- Indicators ----------------------------------------------------------------------------------------
  const groups = await listIndicatorGroupCodes(q);
  const newGroups = new Set<string>();
  const indicators: IndicatorWrite[] = [];
  /** The bounds each indicator of the file will have, and the row setting them when they change. */
  const fileBounds = new Map<string, { min: number | null; max: number | null }>();
  const changedBounds: { code: string; row: number; min: number | null; max: number | null }[] = [];
  const has = (sheet: SheetName, column: string): boolean => layout[sheet]?.columns[column] !== undefined;
  for (const i of records.indicators) {
    permit('plans:manage', 'indicators', i.row, {
      row: ROW_NAMES.indicator(i.code),
      next: [{ ...INSTALLATION_UNIT, field: 'code' }],
    });
    const old = dbIndicators.get(i.code);
    const keep = <T>(column: string, fileValue: T | null, stored: T | null | undefined): T | null =>
      has('indicators', column) ? fileValue : (stored ?? null);
    // Bounds: an absent column keeps the stored bound, an empty cell of a present column removes it. The row
    // schema checked the file's own bounds; a kept bound is checked here against the row's value type.
    const bounds = { min: keep('min', i.min, old?.minValue), max: keep('max', i.max, old?.maxValue) };
    const boundProblems = checkIndicatorBounds(i.valueType, bounds);
    if (boundProblems.length > 0) {
      const kept = (['min', 'max'] as const).filter((c) => !has('indicators', c) && bounds[c] !== null);
      // On the bound's column; for a kept bound, on the other bound's column or else on the value type.
      const columnOf = (field: 'min' | 'max'): string => {
        const other = field === 'min' ? 'max' : 'min';
        if (has('indicators', field)) return field;
        return has('indicators', other) ? other : 'value_type';
      };
      for (const p of boundProblems) {
        fail(
          'indicators',
          i.row,
          columnOf(p.field),
          `${p.message_vi} Tệp không có cột ${kept.join(', ')} nên giới hạn đang lưu được giữ; hãy thêm cột để sửa hoặc bỏ giới hạn.`,
          `${p.message_en} The file has no ${kept.join(', ')} column, so the stored bound is kept; add the column to change or remove it.`,
        );
      }
      continue;
    }
    fileBounds.set(i.code, bounds);
    if (old && (old.minValue !== bounds.min || old.maxValue !== bounds.max)) {
      if (bounds.min !== null || bounds.max !== null)
        changedBounds.push({ code: i.code, row: i.row, ...bounds });
    }
    const group = keep('group', i.group, old?.groupCode);
    if (group !== null && !groups.has(group)) newGroups.add(group);
    indicators.push({
      code: i.code,
      nameVi: i.nameVi,
      nameEn: keep('name_en', i.nameEn, old?.nameEn),
      valueType: i.valueType,
      measureUnit: keep('unit', i.unit, old?.measureUnit),
      direction: i.direction ?? old?.direction ?? 'increase',
      timeAggregation: i.timeAggregation ?? old?.timeAggregation ?? 'last',
      groupCode: group,
      minValue: bounds.min,
      maxValue: bounds.max,
    });
  }
  const valueTypes = new Map<string, ValueType>();
  for (const [code, i] of dbIndicators) valueTypes.set(code, i.valueType);
  for (const [code, i] of fileIndicators) valueTypes.set(code, i.valueType);
  // A value is checked against the bounds its indicator will have once the file is written.
  const rulesOf = (code: string, valueType: ValueType): ValueRules => {
    const own = fileBounds.get(code);
    if (own) return { valueType, ...own };
    const stored = dbIndicators.get(code);
    return stored && stored.valueType === valueType ? valueRules(stored) : { valueType };
  };
  const indicatorOrFail = (sheet: SheetName, row: number, column: string, code: string): ValueType | null => {
    const type = valueTypes.get(code);
    if (type) return type;
    fail(
      sheet,
      row,
      column,
      `Không có chỉ tiêu mã «${code}» (trong trang indicators của tệp hay trong cơ sở dữ liệu).`,
      `No indicator «${code}» (in the file's indicators sheet or in the database).`,
    );
    return null;
  };

  // ---- Plans and targets ---------------------------------------------------------------------------------
  const plans: CheckedPlan[] = [];
  const planUnits = new Map<string, UnitTarget>();
  for (const p of records.plans) {
    // A stored plan is changed, perhaps moved: the rule needs the right over its unit as it is now.
    const stored = dbPlans.get(p.code);
    const planWrite: RowWrite = {
      row: ROW_NAMES.plan(p.code),
      current: stored
        ? [rowUnit({ path: stored.unitPath, set: stored.unitSet, code: stored.unitCode }, 'code')]
        : [],
    };
    const unit = unitOrFail('plans', p.row, 'unit_code', p.unitCode);
    if (!unit) {
      permit('plans:manage', 'plans', p.row, planWrite);
      continue;
    }
    permit('plans:manage', 'plans', p.row, { ...planWrite, next: [place(unit, 'unit_code')] });
    planUnits.set(p.code, unit);
    plans.push({ code: p.code, name: p.name, unit, startYear: p.startYear, endYear: p.endYear });
  }
  const targets: CheckedTarget[] = [];
  for (const t of records.targets) {
    const filePlan = filePlans.get(t.planCode);
    const dbPlan = dbPlans.get(t.planCode);
    const years = filePlan ?? dbPlan;
    if (!years) {
      fail(
        'targets',
        t.row,
        'plan_code',
        `Không có kế hoạch mã «${t.planCode}» (trong trang plans của tệp hay trong cơ sở dữ liệu).`,
        `No plan «${t.planCode}» (in the file's plans sheet or in the database).`,
      );
    } else if (t.period.year < years.startYear || t.period.year > years.endYear) {
      fail(
        'targets',
        t.row,
        'period',
        `Kỳ ${t.period.id} nằm ngoài thời gian của kế hoạch ${t.planCode} (${years.startYear}–${years.endYear}).`,
        `Period ${t.period.id} is outside plan ${t.planCode}'s years (${years.startYear}–${years.endYear}).`,
      );
    }
    const type = indicatorOrFail('targets', t.row, 'indicator_code', t.indicatorCode);
    const unit = unitOrFail('targets', t.row, 'unit_code', t.unitCode);
    const leadUnit = t.leadUnitCode ? unitOrFail('targets', t.row, 'lead_unit_code', t.leadUnitCode) : null;
    // A target belongs to its plan's unit (as the file leaves the plan) and to its own unit.
    const planUnit = filePlan ? planUnits.get(t.planCode) : undefined;
    const planPlace: RowUnit | null = planUnit
      ? place(planUnit, 'plan_code', planUnitRole(t.planCode))
      : !filePlan && dbPlan
        ? rowUnit(
            { path: dbPlan.unitPath, set: dbPlan.unitSet, code: dbPlan.unitCode },
            'plan_code',
            planUnitRole(t.planCode),
          )
        : null;
    permit('plans:manage', 'targets', t.row, {
      row: ROW_NAMES.target({
        plan: t.planCode,
        indicator: t.indicatorCode,
        unit: unit ? unitText(unit) : formatUnitRef(t.unitCode),
        period: t.period.id,
      }),
      next: [...(planPlace ? [planPlace] : []), ...(unit ? [place(unit, 'unit_code')] : [])],
    });
    let target: number | null = null;
    let baseline: number | null = null;
    if (type) {
      const checked = validateTargetValue(type, t.target);
      if (checked.ok) target = numberOf(checked.normalized);
      else fail('targets', t.row, 'target', checked.message_vi, checked.message_en);
      if (t.baseline !== null) {
        const b = validateTargetValue(type, t.baseline);
        if (b.ok) baseline = numberOf(b.normalized);
        else fail('targets', t.row, 'baseline', b.message_vi, b.message_en);
      }
    }
    if (!years || !type || !unit || target === null || (t.leadUnitCode && !leadUnit)) continue;
    if (t.baseline !== null && baseline === null) continue;
    targets.push({
      planCode: t.planCode,
      indicatorCode: t.indicatorCode,
      unit,
      period: t.period.id,
      target,
      baseline,
      baselinePeriod: t.baselinePeriod?.id ?? null,
      leadUnit,
      note: t.note,
    });
  }

  // ---- Values --------------------------------------------------------------------------------------------
  const values: CheckedValue[] = [];
  for (const v of records.values) {
    const type = indicatorOrFail('values', v.row, 'indicator_code', v.indicatorCode);
    const unit = unitOrFail('values', v.row, 'unit_code', v.unitCode);
    if (unit) {
      permit('values:write', 'values', v.row, {
        row: ROW_NAMES.value({ indicator: v.indicatorCode, unit: unitText(unit), period: v.period.id }),
        next: [place(unit, 'unit_code')],
      });
    }
    if (!type) continue;
    const checked = validateValue(rulesOf(v.indicatorCode, type), {
      value: v.value,
      numerator: v.numerator,
      denominator: v.denominator,
    });
    if (!checked.ok) {
      for (const p of checked.problems) fail('values', v.row, p.field, p.message_vi, p.message_en);
      continue;
    }
    if (!unit) continue;
    const n = checked.normalized;
    values.push({
      row: v.row,
      indicatorCode: v.indicatorCode,
      unit,
      period: v.period.id,
      periodType: v.period.type,
      periodStart: periodStart(v.period),
      periodEnd: periodEnd(v.period),
      value: n.kind === 'boolean' ? (n.value ? 1 : 0) : n.value,
      numerator: n.kind === 'ratio' ? n.numerator : null,
      denominator: n.kind === 'ratio' ? n.denominator : null,
      comment: v.comment,
    });
  }

  // ---- Outliers: one history query for every value of the file ------------------------------------------
  const warnings: CellWarning[] = [];
  if (errors.length === 0 && forbidden.length === 0) {
    const candidates: (OutlierCandidate & { row: number })[] = [];
    for (const v of values) {
      const indicator = dbIndicators.get(v.indicatorCode);
      if (v.unit.kind !== 'db' || !indicator || v.value === null) continue;
      if (indicator.valueType === 'boolean' || valueTypes.get(v.indicatorCode) !== indicator.valueType)
        continue;
      candidates.push({
        row: v.row,
        indicatorId: indicator.id,
        unitId: v.unit.row.id,
        periodType: v.periodType,
        period: v.period,
        periodStart: v.periodStart,
        value: v.value,
        indicatorName: indicator.nameVi,
        unitName: v.unit.row.name,
      });
    }
    const found = await findOutliers(q, candidates, outliers);
    candidates.forEach((c, i) => {
      const w = found[i];
      if (!w) return;
      const at = cellErrorAt(layout, 'values', c.row, 'value', w.message_vi, w.message_en);
      warnings.push({ ...at, column: at.column || null });
    });
    warnings.push(...(await boundsWarnings(q, layout, changedBounds, has)));
  }

  // ---- Tasks and index nodes -----------------------------------------------------------------------------
  const tasks: CheckedTask[] = [];
  for (const t of records.tasks) {
    // A stored task is changed, perhaps moved: the rule needs the right over its lead unit as it is now.
    const stored = dbTasks.get(t.code);
    const taskWrite: RowWrite = {
      row: ROW_NAMES.task(t.code),
      current: stored
        ? [rowUnit({ path: stored.leadUnitPath, set: stored.leadUnitSet, code: stored.leadUnitCode }, 'code')]
        : [],
    };
    const leadUnit = unitOrFail('tasks', t.row, 'lead_unit_code', t.leadUnitCode);
    if (!leadUnit) {
      permit('plans:manage', 'tasks', t.row, taskWrite);
      continue;
    }
    permit('plans:manage', 'tasks', t.row, { ...taskWrite, next: [place(leadUnit, 'lead_unit_code')] });
    tasks.push({
      code: t.code,
      programme: t.programme,
      title: t.title,
      leadUnit,
      start: t.start,
      due: t.due,
      recurring: t.recurring,
      status: t.status,
      note: t.note,
    });
  }
  const indexNodes: IndexNodeImportRow[] = [];
  for (const n of records.index_nodes) {
    permit('plans:manage', 'index_nodes', n.row, {
      row: ROW_NAMES.indexNode(n.methodology, n.code),
      next: [{ ...INSTALLATION_UNIT, field: 'code' }],
    });
    if (
      n.indicatorCode !== null &&
      !indicatorOrFail('index_nodes', n.row, 'indicator_code', n.indicatorCode)
    ) {
      continue;
    }
    indexNodes.push(n);
  }

  return {
    unitGenerations: unitGenerations.filter((g) => g !== undefined),
    unitCount: records.units.length,
    newGroups: [...newGroups],
    indicators,
    plans,
    targets,
    targetColumns: {
      baseline: has('targets', 'baseline') || has('targets', 'baseline_period'),
      leadUnit: has('targets', 'lead_unit_code'),
      note: has('targets', 'note'),
    },
    values,
    keepComment: !has('values', 'comment'),
    tasks,
    indexNodes,
    errors,
    forbidden,
    warnings,
  };
}
