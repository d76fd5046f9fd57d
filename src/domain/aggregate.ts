/**
 * How an indicator's values of shorter periods make the value of a longer one (docs/domain.md §4). The rules
 * themselves run in the database (src/store/aggregate.queries.ts, migration 0008), tested on both databases.
 */
export const TIME_AGGREGATIONS = ['sum', 'last', 'average'] as const;
export type TimeAggregation = (typeof TIME_AGGREGATIONS)[number];

/** An indicator's value types (docs/domain.md §4), in the order lists and templates show them. */
export const VALUE_TYPES = ['percent', 'count', 'number', 'money', 'boolean', 'ratio'] as const;
export type ValueType = (typeof VALUE_TYPES)[number];
