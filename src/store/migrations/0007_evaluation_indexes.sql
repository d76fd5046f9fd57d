-- Evaluation at national scale (issue 4, bench/evaluation.bench.js): the aggregation reads the values of one
-- indicator at each unit of a subtree for a window of time (src/store/aggregate.queries.ts). The unique index
-- (indicator_id, unit_id, period) finds a unit's values of every period, each checked on the table; this one
-- finds only those starting inside the window and carries what the aggregation reads, so the probe does not
-- visit the table at all once the pages are all-visible (autovacuum).
CREATE INDEX data_value_indicator_unit_start_idx ON data_value (indicator_id, unit_id, period_start)
  INCLUDE (period_end, value, numerator, denominator, id);
