-- DX Monitor schema, part 2: what catalogue maintenance and value entry need beyond part 1 (docs/domain.md §4–§5).

-- Validation rules (DHIS2 style): what to do when an indicator a rule names has no value, and the codes it
-- names, kept beside the text so the rules touching a saved indicator are found by one indexed lookup.
ALTER TABLE validation_rule
  ADD COLUMN missing_value_strategy text NOT NULL DEFAULT 'skipIfAnyValueMissing'
    CHECK (missing_value_strategy IN ('skipIfAnyValueMissing', 'skipIfAllValuesMissing', 'neverSkip')),
  ADD COLUMN indicator_codes text[] NOT NULL DEFAULT '{}',
  ADD COLUMN description text,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX validation_rule_codes_idx ON validation_rule USING gin (indicator_codes);

-- How values are stored, per value type (docs/domain.md §4): percent, count, number and money in `value`;
-- a ratio as numerator and denominator with `value` = 100 × numerator / denominator; a boolean as
-- value 1 (true, có) or 0 (false, không), so sums count the units where it holds.
COMMENT ON COLUMN data_value.value IS
  'The value; a boolean is stored as 1 (true) or 0 (false); a ratio as 100 * numerator / denominator';
COMMENT ON COLUMN target.target IS 'The target; a boolean milestone as 1 (true) or 0 (false); a ratio as a percentage';

-- Listing a plan's targets and a unit's plans.
CREATE INDEX target_unit_idx ON target (unit_id);
CREATE INDEX plan_unit_idx ON plan (unit_id);
CREATE INDEX indicator_group_idx ON indicator (group_code);
