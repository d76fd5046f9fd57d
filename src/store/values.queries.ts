import { AppError } from '../domain/app-error.js';
import type { ValueType } from '../domain/aggregate.js';
import { periodEnd, periodStart, type Period, type PeriodType } from '../domain/period.js';
import { formatUnitRef } from '../domain/unit-ref.js';
import { formatVietnamTime } from '../domain/vietnam-time.js';
import { insertAuditRows, type ChangeAuthor } from './audit.queries.js';
import { LIST_LIMIT_DEFAULT, type Db, type Queryable } from './db.js';

/** A stored data value (docs/domain.md §4). Booleans are value 1/0; a ratio keeps its parts and value = 100 × num / den. */
export interface DataValueRow {
  id: number;
  indicatorId: number;
  unitId: number;
  period: string;
  periodType: PeriodType;
  periodStart: string;
  periodEnd: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  comment: string | null;
  source: string;
  provinceCode: string | null;
  version: number;
  createdBy: string | null;
  createdAt: Date;
  updatedBy: string | null;
  updatedAt: Date;
}

/** A value with the codes and names a reader needs. */
export interface ValueListRow extends DataValueRow {
  indicatorCode: string;
  indicatorName: string;
  valueType: ValueType;
  unitSet: string;
  unitCode: string;
  unitName: string;
  unitPath: string;
}

/** The columns of a DataValueRow, read through a table alias (none in RETURNING). */
const valueColumns = (alias: string): string => {
  const a = alias ? `${alias}.` : '';
  return `${a}id, ${a}indicator_id AS "indicatorId", ${a}unit_id AS "unitId", ${a}period, ${a}period_type AS "periodType",
  ${a}period_start AS "periodStart", ${a}period_end AS "periodEnd", ${a}value, ${a}numerator, ${a}denominator, ${a}comment,
  ${a}source, ${a}province_code AS "provinceCode", ${a}version, ${a}created_by AS "createdBy", ${a}created_at AS "createdAt",
  ${a}updated_by AS "updatedBy", ${a}updated_at AS "updatedAt"`;
};

const VALUE_COLUMNS = valueColumns('v');

const LIST_COLUMNS = `${VALUE_COLUMNS}, i.code AS "indicatorCode", i.name_vi AS "indicatorName",
  i.value_type AS "valueType", u.set_code AS "unitSet", u.code AS "unitCode", u.name AS "unitName", u.path AS "unitPath"`;

const isDb = (q: Queryable): q is Db => typeof (q as Partial<Db>).transaction === 'function';

/** Runs `fn` in a transaction of its own when given the database, else inside the caller's transaction. */
export function inTransaction<T>(q: Queryable, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return isDb(q) ? q.transaction(fn) : fn(q);
}

/** The audit log's key of a value: `<indicator code>|<unit as users write it>|<period>`, e.g. `DX_A|pre2025:10|2024`. */
export function valueEntityKey(
  indicatorCode: string,
  unit: { set: string; code: string },
  period: string,
): string {
  return `${indicatorCode}|${formatUnitRef(unit)}|${period}`;
}

/** The value of an indicator for a unit and period, or null; `forUpdate` locks the row until the transaction ends. */
export async function findValue(
  q: Queryable,
  key: { indicatorId: number; unitId: number; period: string },
  options: { forUpdate?: boolean } = {},
): Promise<DataValueRow | null> {
  const rows = await q.query<DataValueRow>(
    `SELECT ${VALUE_COLUMNS} FROM data_value v WHERE v.indicator_id = $1 AND v.unit_id = $2 AND v.period = $3
     ${options.forUpdate ? 'FOR UPDATE' : ''}`,
    [key.indicatorId, key.unitId, key.period],
  );
  return rows[0] ?? null;
}

/**
 * One value to save: `value` (numbers; booleans as 1/0), or for a ratio its parts and value = 100 × num / den.
 * The caller has resolved the indicator, the unit and the period: the save looks none of them up again.
 */
export interface SaveValueInput {
  /** `nameVi` and `name` name the value in messages (the codes when absent). */
  indicator: { id: number; code: string; nameVi?: string };
  unit: { id: number; set: string; code: string; provinceCode: string | null; name?: string };
  period: Period;
  value: number | null;
  numerator?: number | null;
  denominator?: number | null;
  comment?: string | null;
  /** The version the editor saw; null when the editor saw no value (the value must not exist yet). */
  expectedVersion: number | null;
  /** When the change is made; the database's clock when absent. */
  at?: Date;
}

export interface SaveValueResult {
  /** The value as stored after the save. */
  row: DataValueRow;
  /** `none` when the value, parts and comment were already exactly these (nothing written, version kept). */
  action: 'create' | 'update' | 'none';
  entityKey: string;
}

/** The audit log's view of a value: what changed and its version. */
export function auditValueData(
  row: Pick<DataValueRow, 'value' | 'numerator' | 'denominator' | 'comment' | 'version'>,
): Record<string, unknown> {
  return {
    value: row.value,
    numerator: row.numerator,
    denominator: row.denominator,
    comment: row.comment,
    version: row.version,
  };
}

/** A value as messages name it: its indicator and unit by their names, and its period. */
function valueLabel(input: Pick<SaveValueInput, 'indicator' | 'unit' | 'period'>): {
  vi: string;
  en: string;
} {
  const indicator = input.indicator.nameVi ?? input.indicator.code;
  const unit = input.unit.name ?? formatUnitRef(input.unit);
  return {
    vi: `«${indicator}» của ${unit}, kỳ ${input.period.id},`,
    en: `«${indicator}» of ${unit}, period ${input.period.id},`,
  };
}

function staleError(
  label: { vi: string; en: string },
  expected: number | null,
  current: Pick<DataValueRow, 'version' | 'updatedBy' | 'updatedAt'> | null,
): AppError {
  if (!current) {
    return new AppError(
      'staleVersion',
      {
        vi: `Số liệu ${label.vi} không còn tồn tại (bạn đang sửa phiên bản ${expected}); hãy tải lại rồi nhập như một số liệu mới (không ghi phiên bản).`,
        en: `The value ${label.en} no longer exists (you were editing version ${expected}); reload and enter it as a new value (no version).`,
      },
      [
        {
          field: 'version',
          message_vi: 'Phiên bản hiện tại: không có.',
          message_en: 'Current version: none.',
        },
      ],
    );
  }
  const who = current.updatedBy ?? '?';
  const when = formatVietnamTime(current.updatedAt);
  const seen_vi = expected === null ? 'bạn nhập như số liệu mới' : `bạn đang sửa phiên bản ${expected}`;
  const seen_en =
    expected === null ? 'you entered it as a new value' : `you were editing version ${expected}`;
  return new AppError(
    'staleVersion',
    {
      vi: `Số liệu ${label.vi} đã được ${who} thay đổi lúc ${when} (phiên bản hiện tại ${current.version}; ${seen_vi}). Không ghi đè: hãy tải lại, xem số liệu mới rồi lưu lại với phiên bản ${current.version}.`,
      en: `The value ${label.en} was changed by ${who} at ${when} (current version ${current.version}; ${seen_en}). Not overwritten: reload, review it and save again with version ${current.version}.`,
    },
    [
      {
        field: 'version',
        message_vi: `Phiên bản hiện tại: ${current.version}, do ${who} sửa lúc ${when}.`,
        message_en: `Current version: ${current.version}, changed by ${who} at ${when}.`,
      },
    ],
  );
}

const same = (a: number | null, b: number | null | undefined): boolean => a === (b ?? null);

/**
 * Saves one value with optimistic concurrency (docs/domain.md §4): creates it when `expectedVersion` is null and
 * none exists, updates it when the stored version equals `expectedVersion` (the version then increments), and
 * otherwise refuses with `staleVersion` naming the current version, who changed it and when — never
 * overwriting. Period type and dates come from the period, the province from the unit; an audit row
 * (entity `value`) is written in the same transaction. Saving exactly what is stored writes nothing.
 * Checks neither the value type nor validation rules: the use case does (src/app/values/save-value.ts).
 */
export async function saveValue(
  q: Queryable,
  input: SaveValueInput,
  author: ChangeAuthor,
): Promise<SaveValueResult> {
  const { indicator, unit, period } = input;
  return inTransaction(q, async (tx) => {
    const entityKey = valueEntityKey(indicator.code, unit, period.id);
    const key = { indicatorId: indicator.id, unitId: unit.id, period: period.id };
    const current = await findValue(tx, key, { forUpdate: true });
    const numerator = input.numerator ?? null;
    const denominator = input.denominator ?? null;
    const comment = input.comment ?? null;
    const at = input.at?.toISOString() ?? null;
    let row: DataValueRow | undefined;
    let action: SaveValueResult['action'];
    if (input.expectedVersion === null) {
      if (current) throw staleError(valueLabel(input), null, current);
      const inserted = await tx.query<DataValueRow>(
        `INSERT INTO data_value (indicator_id, unit_id, period, period_type, period_start, period_end, value, numerator,
                                 denominator, comment, source, province_code, version, created_by, created_at,
                                 updated_by, updated_at)
         VALUES ($1, $2, $3, $4, $5::date, $6::date, $7, $8, $9, $10, $11, $12, 1, $13,
                 COALESCE($14::timestamptz, now()), $13, COALESCE($14::timestamptz, now()))
         ON CONFLICT (indicator_id, unit_id, period) DO NOTHING
         RETURNING ${valueColumns('')}`,
        [
          indicator.id,
          unit.id,
          period.id,
          period.type,
          periodStart(period),
          periodEnd(period),
          input.value,
          numerator,
          denominator,
          comment,
          author.source,
          unit.provinceCode,
          author.name,
          at,
        ],
      );
      row = inserted[0];
      // Another transaction created it between our look and our insert: it won.
      if (!row) throw staleError(valueLabel(input), null, await findValue(tx, key));
      action = 'create';
    } else {
      if (!current || current.version !== input.expectedVersion) {
        throw staleError(valueLabel(input), input.expectedVersion, current);
      }
      if (
        same(current.value, input.value) &&
        same(current.numerator, numerator) &&
        same(current.denominator, denominator) &&
        current.comment === comment
      ) {
        return { row: current, action: 'none', entityKey };
      }
      const updated = await tx.query<DataValueRow>(
        `UPDATE data_value SET value = $2, numerator = $3, denominator = $4, comment = $5, source = $6,
           version = version + 1, updated_by = $7, updated_at = COALESCE($8::timestamptz, now())
         WHERE id = $1 AND version = $9
         RETURNING ${valueColumns('')}`,
        [
          current.id,
          input.value,
          numerator,
          denominator,
          comment,
          author.source,
          author.name,
          at,
          current.version,
        ],
      );
      row = updated[0];
      if (!row) throw staleError(valueLabel(input), input.expectedVersion, await findValue(tx, key));
      action = 'update';
    }
    await insertAuditRows(tx, [
      {
        actor: author.name,
        source: author.source,
        address: author.address ?? null,
        action,
        entity: 'value',
        entityKey,
        provinceCode: unit.provinceCode,
        oldData: current ? auditValueData(current) : null,
        newData: auditValueData(row),
        at: input.at ?? null,
      },
    ]);
    return { row, action, entityKey };
  });
}

/** Which units' values a list takes, shared by the value list and the value export. */
export interface ValueUnitFilter {
  /** Only values of units in this unit's subtree (its materialised path). */
  unitPath?: string;
  /** Only values of the plan's indicators, for units in the subtree of the plan's unit. */
  planId?: number;
  /** Only values of units inside one of these subtrees (the reader's scope); absent means everywhere. */
  scopePaths?: readonly string[];
}

/**
 * Adds the conditions of a ValueUnitFilter on a value `v` of unit `u`; `add` numbers each `?` of a clause
 * as the next query parameter.
 */
export function addValueUnitConditions(
  add: (clause: string, value: string | number | readonly string[]) => void,
  filter: ValueUnitFilter,
): void {
  if (filter.unitPath) add('starts_with(u.path, ?)', filter.unitPath);
  if (filter.planId !== undefined) {
    add(
      `EXISTS (SELECT 1 FROM plan p JOIN unit pu ON pu.id = p.unit_id
               WHERE p.id = ? AND starts_with(u.path, pu.path)
                 AND EXISTS (SELECT 1 FROM target t WHERE t.plan_id = p.id AND t.indicator_id = v.indicator_id))`,
      filter.planId,
    );
  }
  if (filter.scopePaths) {
    add(
      'EXISTS (SELECT 1 FROM unnest(?::text[]) AS s(path) WHERE starts_with(u.path, s.path))',
      filter.scopePaths,
    );
  }
}

export interface ValueFilter extends ValueUnitFilter {
  indicatorIds?: readonly number[];
  /** Only values of exactly this unit. */
  unitId?: number;
  period?: string;
  limit?: number;
  offset?: number;
}

/** Values matching a filter, ordered by indicator, unit and period start. */
export async function listValues(q: Queryable, filter: ValueFilter = {}): Promise<ValueListRow[]> {
  const where: string[] = [];
  const params: (string | number | readonly string[] | readonly number[])[] = [];
  const add = (clause: string, value: string | number | readonly string[] | readonly number[]) => {
    params.push(value);
    where.push(clause.replaceAll('?', `$${params.length}`));
  };
  if (filter.indicatorIds) add('v.indicator_id = ANY(?::bigint[])', filter.indicatorIds);
  if (filter.unitId !== undefined) add('v.unit_id = ?', filter.unitId);
  if (filter.period) add('v.period = ?', filter.period);
  addValueUnitConditions(add, filter);
  params.push(filter.limit ?? LIST_LIMIT_DEFAULT, filter.offset ?? 0);
  return q.query<ValueListRow>(
    `SELECT ${LIST_COLUMNS} FROM data_value v JOIN indicator i ON i.id = v.indicator_id JOIN unit u ON u.id = v.unit_id
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY i.code, u.set_code, u.code, v.period_start, v.period_end
     LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
}

/** A value's number for validation rules, by indicator code, for each (unit, period) cell asked for. */
export async function valuesForCells(
  q: Queryable,
  cells: readonly { unitId: number; period: string }[],
  indicatorCodes: readonly string[],
): Promise<{ unitId: number; period: string; indicatorCode: string; value: number }[]> {
  if (cells.length === 0 || indicatorCodes.length === 0) return [];
  return q.query(
    `SELECT v.unit_id AS "unitId", v.period, i.code AS "indicatorCode", v.value
     FROM unnest($1::bigint[], $2::text[]) AS c(unit_id, period)
     JOIN data_value v ON v.unit_id = c.unit_id AND v.period = c.period
     JOIN indicator i ON i.id = v.indicator_id
     WHERE i.code = ANY($3::text[]) AND v.value IS NOT NULL`,
    [cells.map((c) => c.unitId), cells.map((c) => c.period), [...indicatorCodes]],
  );
}

/** Which values a history is read for: one indicator at one unit, periods of one type. */
export interface HistoryKey {
  indicatorId: number;
  unitId: number;
  periodType: string;
}

/** One stored value of a history: its period, where the period starts, and its number (a ratio's percentage). */
export interface HistoryPoint extends HistoryKey {
  period: string;
  periodStart: string;
  value: number;
}

/**
 * The stored values of every (indicator, unit, period type) asked for, in one query, oldest first: the
 * history a new value is compared with (docs/domain.md §4, outliers). A ratio stored without its value gives
 * 100 × numerator / denominator.
 */
export async function findValueHistories(q: Queryable, keys: readonly HistoryKey[]): Promise<HistoryPoint[]> {
  const unique = new Map(keys.map((k) => [`${k.indicatorId}|${k.unitId}|${k.periodType}`, k]));
  if (unique.size === 0) return [];
  const list = [...unique.values()];
  return q.query<HistoryPoint>(
    `SELECT v.indicator_id AS "indicatorId", v.unit_id AS "unitId", v.period_type AS "periodType", v.period,
            v.period_start AS "periodStart",
            coalesce(v.value, 100 * v.numerator / nullif(v.denominator, 0)) AS value
     FROM data_value v
     JOIN unnest($1::bigint[], $2::bigint[], $3::text[]) AS k(indicator_id, unit_id, period_type)
       ON v.indicator_id = k.indicator_id AND v.unit_id = k.unit_id AND v.period_type = k.period_type
     WHERE coalesce(v.value, 100 * v.numerator / nullif(v.denominator, 0)) IS NOT NULL
     ORDER BY v.indicator_id, v.unit_id, v.period_type, v.period_start`,
    [list.map((k) => k.indicatorId), list.map((k) => k.unitId), list.map((k) => k.periodType)],
  );
}
