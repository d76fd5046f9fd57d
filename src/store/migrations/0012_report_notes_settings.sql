-- DX Monitor schema, part 10: the meeting report (docs/report.md). The report's text is generated from the
-- figures each time and never stored; what is stored is what numbers cannot write: the secretariat's own
-- paragraphs per plan, period, unit and section, and each plan's settings for the report's heading.

CREATE TABLE report_note (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  plan_id     bigint NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
  period      text NOT NULL,
  unit_id     bigint NOT NULL REFERENCES unit (id),
  section     text NOT NULL CHECK (section IN ('assessment', 'causes', 'nextTasks', 'recommendations')),
  body        text NOT NULL,
  updated_by  text,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (plan_id, period, unit_id, section)
);

CREATE TABLE plan_report_settings (
  plan_id       bigint PRIMARY KEY REFERENCES plan (id) ON DELETE CASCADE,
  issuing_body  text,
  parent_body   text,
  doc_number    integer CHECK (doc_number IS NULL OR doc_number > 0),
  doc_symbol    text,
  place         text,
  signer        text,
  signer_title  text,
  updated_at    timestamptz NOT NULL DEFAULT now()
);
