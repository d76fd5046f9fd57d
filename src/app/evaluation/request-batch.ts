import { periodEnd, periodStart, type Period } from '../../domain/period.js';
import {
  aggregateValues,
  type AggregateRequest,
  type AggregateResult,
} from '../../store/aggregate.queries.js';
import type { Queryable } from '../../store/db.js';

/** Collects aggregate requests, one per distinct indicator × unit × period, so one query answers them all. */
export class RequestBatch {
  private readonly requests: AggregateRequest[] = [];
  private readonly keys = new Map<string, number>();
  private results = new Map<number, AggregateResult>();

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
    const results = await aggregateValues(q, this.requests);
    this.results = new Map(results.map((r) => [r.key, r]));
  }

  get(key: number): AggregateResult {
    const result = this.results.get(key);
    if (!result) throw new Error(`no aggregate for request ${key}`);
    return result;
  }
}
