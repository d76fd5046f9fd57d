-- DX Monitor schema, part 4: programmes, tasks and projects, their supporting units, progress notes and links
-- (docs/domain.md §7). `overdue` is never stored: it is derived from the due date and a reference date.

CREATE TABLE programme (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code        text NOT NULL UNIQUE,
  name_vi     text NOT NULL,
  name_en     text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE task (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code              text NOT NULL UNIQUE,
  programme_id      bigint NOT NULL REFERENCES programme (id),
  title             text NOT NULL,
  kind              text NOT NULL DEFAULT 'task' CHECK (kind IN ('task', 'project')),
  lead_unit_id      bigint NOT NULL REFERENCES unit (id),
  start_date        date,
  due_date          date,
  recurring         boolean NOT NULL DEFAULT false,
  status            text NOT NULL CHECK (status IN ('notStarted', 'inProgress', 'recurring', 'completed')),
  note              text,
  -- Projects only (kind = 'project'): budget in VND and the approval state with the dates it changed.
  budget_planned    numeric CHECK (budget_planned IS NULL OR budget_planned >= 0),
  budget_disbursed  numeric CHECK (budget_disbursed IS NULL OR budget_disbursed >= 0),
  approval_state    text CHECK (approval_state IN ('drafted', 'submitted', 'approved', 'rejected')),
  submitted_on      date,
  approved_on       date,
  rejected_on       date,
  province_code     text,
  version           integer NOT NULL DEFAULT 1,
  created_by        text,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_by        text,
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (due_date IS NULL OR start_date IS NULL OR due_date >= start_date),
  CHECK (kind = 'project' OR (approval_state IS NULL AND budget_planned IS NULL AND budget_disbursed IS NULL))
);
CREATE INDEX task_programme_idx ON task (programme_id);
CREATE INDEX task_lead_unit_idx ON task (lead_unit_id);
CREATE INDEX task_due_idx ON task (due_date);

CREATE TABLE task_supporting_unit (
  task_id  bigint NOT NULL REFERENCES task (id) ON DELETE CASCADE,
  unit_id  bigint NOT NULL REFERENCES unit (id),
  PRIMARY KEY (task_id, unit_id)
);
CREATE INDEX task_supporting_unit_unit_idx ON task_supporting_unit (unit_id);

CREATE TABLE task_note (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  task_id     bigint NOT NULL REFERENCES task (id) ON DELETE CASCADE,
  noted_on    date NOT NULL,
  author      text NOT NULL,
  text        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX task_note_task_idx ON task_note (task_id, noted_on);

-- Attachments are links (a document on the province's portal, a shared drive), never uploaded files.
CREATE TABLE task_link (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  task_id     bigint NOT NULL REFERENCES task (id) ON DELETE CASCADE,
  url         text NOT NULL,
  title       text NOT NULL,
  created_by  text,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX task_link_task_idx ON task_link (task_id);
