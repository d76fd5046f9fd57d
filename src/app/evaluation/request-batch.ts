import { periodEnd, periodStart, type Period } from '../../domain/period.js';
import {
  aggregateValuesWithSource,
  type AggregateRequest,
  type AggregateResult,
} from '../../store/aggregate.queries.js';
import type { Queryable } from '../../store/db.js';
import type { ActualsFrom, EvaluationNotice } from '../../contract/evaluation.js';
import { ROLLUP_REBUILDING_NOTICE } from '../rollup/rebuild-rollup.js';

/** Collects aggregate requests, one per distinct indicator × unit × period, so one query answers them all. */
export class RequestBatch {
  private readonly requests: AggregateRequest[] = [];
  private readonly keys = new Map<string, number>();
  private results = new Map<number, AggregateResult>();
  /** Whether the answers were all computed from the values because the rollup rows are being rebuilt. */
  rollupRebuilding = false;

  add(indicatorId: number, unitId: number, period: Period): number {
    const start = periodStart(period);
    const end = periodEnd(period);
    const id = `${indicatorId}|${unitId}|${start}|${end}`;
    const known = this.keys.get(id);
    if (known !== undefined) return known;
    const key = this.requests.length + 1;
    this.keys.set(id, key);
    this.requests.push({ key, indicatorId, unitId, periodStart: start, periodEnd: end });
    return key;
  }

  async run(q: Queryable): Promise<void> {
    const { results, rollupRebuilding } = await aggregateValuesWithSource(q, this.requests);
    this.results = new Map(results.map((r) => [r.key, r]));
    this.rollupRebuilding = rollupRebuilding;
  }

  get(key: number): AggregateResult {
    const result = this.results.get(key);
    if (!result) throw new Error(`no aggregate for request ${key}`);
    return result;
  }
}

/** Where a batch's actuals came from, and the notice to show when it was from the values during a rebuild. */
export function actualsFromOf(batch: RequestBatch): {
  actualsFrom: ActualsFrom;
  notice: EvaluationNotice | null;
} {
  return batch.rollupRebuilding
    ? {
        actualsFrom: 'values',
        notice: { message_vi: ROLLUP_REBUILDING_NOTICE.vi, message_en: ROLLUP_REBUILDING_NOTICE.en },
      }
    : { actualsFrom: 'rollup', notice: null };
}
