-- DX Monitor schema, part 10: an indicator may set the plausible range of its values (docs/domain.md §4),
-- a minimum and a maximum, each optional. Without them the value type's own limits apply. Values already
-- stored are not checked again: the bounds apply to values saved or imported from now on.

ALTER TABLE indicator ADD COLUMN min_value numeric;
ALTER TABLE indicator ADD COLUMN max_value numeric;
ALTER TABLE indicator ADD CONSTRAINT indicator_bounds_order
  CHECK (min_value IS NULL OR max_value IS NULL OR min_value <= max_value);
