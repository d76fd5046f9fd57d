/**
 * How an indicator's values of shorter periods make the value of a longer one (DOMAIN.md §4). The rules
 * themselves run in the database (src/store/aggregate.queries.ts, migration 0008), tested on both databases.
 */
export type TimeAggregation = 'sum' | 'last' | 'average';

/** An indicator's value type (DOMAIN.md §4). */
export type ValueType = 'percent' | 'count' | 'number' | 'money' | 'boolean' | 'ratio';
