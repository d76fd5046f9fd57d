-- DX Monitor schema, part 1: units, indicators, plans, targets, values and the audit log (docs/domain.md §2–§5).
-- Large tables carry province_code so they can be distributed by it, should one machine not be enough (a distributed PostgreSQL).

CREATE TABLE unit_set (
  code        text PRIMARY KEY,
  name_vi     text NOT NULL,
  name_en     text NOT NULL,
  official    boolean NOT NULL DEFAULT false,
  source      text,
  loaded_at   timestamptz
);

INSERT INTO unit_set (code, name_vi, name_en, official) VALUES
  ('2025', 'Đơn vị hành chính từ 1/7/2025', 'Administrative units from 1 July 2025', true),
  ('pre2025', 'Đơn vị hành chính trước 1/7/2025', 'Administrative units before 1 July 2025', true),
  ('workspace', 'Đơn vị do không gian làm việc thêm', 'Units added by the workspace', false);

CREATE TABLE unit (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  set_code      text NOT NULL REFERENCES unit_set (code),
  code          text NOT NULL,
  name          text NOT NULL,
  short_name    text NOT NULL,
  name_en       text,
  search_name   text NOT NULL,
  level         text NOT NULL CHECK (level IN ('national', 'province', 'district', 'commune', 'village', 'agency')),
  kind          text NOT NULL CHECK (kind IN ('national', 'province', 'agency', 'district', 'commune', 'village')),
  subtype       text,
  parent_id     bigint REFERENCES unit (id),
  path          text NOT NULL,
  depth         integer NOT NULL,
  province_code text,
  valid_from    date,
  valid_to      date,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (set_code, code),
  CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
);
CREATE INDEX unit_parent_idx ON unit (parent_id);
CREATE INDEX unit_path_idx ON unit (path text_pattern_ops);
CREATE INDEX unit_level_idx ON unit (set_code, level);
CREATE INDEX unit_search_idx ON unit (search_name text_pattern_ops);

-- The 2025 reform: an old unit continues, whole or in part, in new ones.
CREATE TABLE unit_mapping (
  old_unit_id bigint NOT NULL REFERENCES unit (id) ON DELETE CASCADE,
  new_unit_id bigint NOT NULL REFERENCES unit (id) ON DELETE CASCADE,
  share       numeric NOT NULL DEFAULT 1 CHECK (share > 0 AND share <= 1),
  source      text,
  PRIMARY KEY (old_unit_id, new_unit_id)
);
CREATE INDEX unit_mapping_new_idx ON unit_mapping (new_unit_id);

CREATE TABLE indicator_group (
  code     text PRIMARY KEY,
  name_vi  text NOT NULL,
  name_en  text NOT NULL,
  kind     text NOT NULL CHECK (kind IN ('pillar', 'foundation', 'custom')),
  sort     integer NOT NULL DEFAULT 100
);

INSERT INTO indicator_group (code, name_vi, name_en, kind, sort) VALUES
  ('digitalGovernment', 'Chính quyền số', 'Digital government', 'pillar', 1),
  ('digitalEconomy', 'Kinh tế số', 'Digital economy', 'pillar', 2),
  ('digitalSociety', 'Xã hội số', 'Digital society', 'pillar', 3),
  ('awareness', 'Nhận thức số', 'Digital awareness', 'foundation', 11),
  ('institutions', 'Thể chế số', 'Digital institutions', 'foundation', 12),
  ('infrastructure', 'Hạ tầng số', 'Digital infrastructure', 'foundation', 13),
  ('platforms', 'Nền tảng số', 'Digital platforms', 'foundation', 14),
  ('humanResources', 'Nhân lực số', 'Digital human resources', 'foundation', 15),
  ('cybersecurity', 'An toàn, an ninh mạng', 'Cybersecurity', 'foundation', 16),
  ('smartCity', 'Đô thị thông minh', 'Smart city', 'foundation', 17);

CREATE TABLE indicator (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code             text NOT NULL UNIQUE,
  name_vi          text NOT NULL,
  name_en          text,
  value_type       text NOT NULL CHECK (value_type IN ('percent', 'count', 'number', 'money', 'boolean', 'ratio')),
  measure_unit     text,
  direction        text NOT NULL DEFAULT 'increase' CHECK (direction IN ('increase', 'decrease', 'reach')),
  time_aggregation text NOT NULL DEFAULT 'last' CHECK (time_aggregation IN ('sum', 'last', 'average')),
  group_code       text REFERENCES indicator_group (code),
  description      text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);

-- Validation rules stored as data, as DHIS2 does: left side, operator, right side over indicators of
-- the same unit and period (expressions such as "#{A} + #{B}").
CREATE TABLE validation_rule (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code        text NOT NULL UNIQUE,
  name_vi     text NOT NULL,
  name_en     text,
  left_side   text NOT NULL,
  operator    text NOT NULL CHECK (operator IN ('==', '!=', '<', '<=', '>', '>=')),
  right_side  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE plan (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code        text NOT NULL UNIQUE,
  name        text NOT NULL,
  unit_id     bigint NOT NULL REFERENCES unit (id),
  start_year  integer NOT NULL,
  end_year    integer NOT NULL,
  -- Band boundaries when the plan sets its own (docs/domain.md §6); null means the defaults.
  bands       jsonb,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (end_year >= start_year)
);

CREATE TABLE target (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  plan_id          bigint NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
  indicator_id     bigint NOT NULL REFERENCES indicator (id),
  unit_id          bigint NOT NULL REFERENCES unit (id),
  period           text NOT NULL,
  target           numeric,
  baseline         numeric,
  baseline_period  text,
  lead_unit_id     bigint REFERENCES unit (id),
  note             text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (plan_id, indicator_id, unit_id, period)
);
CREATE INDEX target_indicator_idx ON target (indicator_id);

CREATE TABLE data_value (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  indicator_id  bigint NOT NULL REFERENCES indicator (id),
  unit_id       bigint NOT NULL REFERENCES unit (id),
  period        text NOT NULL,
  period_type   text NOT NULL CHECK (period_type IN ('year', 'half', 'quarter', 'month')),
  period_start  date NOT NULL,
  period_end    date NOT NULL,
  value         numeric,
  numerator     numeric,
  denominator   numeric,
  comment       text,
  source        text NOT NULL CHECK (source IN ('web', 'import', 'api', 'cli', 'demo')),
  province_code text,
  version       integer NOT NULL DEFAULT 1,
  created_by    text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_by    text,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (indicator_id, unit_id, period),
  CHECK (value IS NOT NULL OR (numerator IS NOT NULL AND denominator IS NOT NULL))
);
CREATE INDEX data_value_unit_idx ON data_value (unit_id, period);
CREATE INDEX data_value_indicator_period_idx ON data_value (indicator_id, period_start, period_end);

-- Every change of a value (and later of other entities) with who, when, from where, old and new.
-- The product only ever inserts here.
CREATE TABLE audit_log (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at            timestamptz NOT NULL DEFAULT now(),
  actor         text,
  source        text NOT NULL,
  address       text,
  action        text NOT NULL CHECK (action IN ('create', 'update', 'delete', 'approve', 'return', 'submit', 'reopen', 'login', 'logout')),
  entity        text NOT NULL,
  entity_key    text NOT NULL,
  province_code text,
  old_data      jsonb,
  new_data      jsonb
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_key, at);
