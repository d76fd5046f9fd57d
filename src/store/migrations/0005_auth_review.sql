-- DX Monitor schema, part 5: users, roles scoped to units, sessions, API tokens, login throttling, review and
-- approval (issue 7). Secrets are stored only as hashes: scrypt for passwords, SHA-256 for random tokens.

CREATE TABLE app_user (
  id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  login                 text NOT NULL,
  -- The login NFKC-normalised, trimmed and lower-cased: one account per spelling, and the throttle's key.
  login_key             text NOT NULL UNIQUE,
  display_name          text NOT NULL,
  email                 text,
  -- scrypt$N=…,r=…,p=…$salt$hash: parameters stored with the hash so they can be raised later.
  password_hash         text NOT NULL,
  disabled              boolean NOT NULL DEFAULT false,
  must_change_password  boolean NOT NULL DEFAULT false,
  last_login_at         timestamptz,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  CHECK (login ~ '^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$')
);

-- One role held over a unit subtree; a null unit is the installation root above every unit.
CREATE TABLE user_grant (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id     bigint NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  role        text NOT NULL CHECK (role IN ('admin', 'secretariat', 'reporter', 'viewer')),
  unit_id     bigint REFERENCES unit (id),
  created_by  text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE NULLS NOT DISTINCT (user_id, role, unit_id)
);
CREATE INDEX user_grant_unit_idx ON user_grant (unit_id);

-- Sessions live in the database so any number of app servers can serve them.
CREATE TABLE user_session (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  token_hash    text NOT NULL UNIQUE,
  user_id       bigint NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  csrf_token    text NOT NULL,
  created_at    timestamptz NOT NULL,
  last_seen_at  timestamptz NOT NULL,
  -- The absolute deadline (created_at + the absolute lifetime); idle expiry is checked from last_seen_at.
  expires_at    timestamptz NOT NULL,
  user_agent    text,
  address       text,
  revoked_at    timestamptz
);
CREATE INDEX user_session_user_idx ON user_session (user_id);
CREATE INDEX user_session_expires_idx ON user_session (expires_at);

-- Tokens for machine clients, each scoped to one role over one unit subtree (null: the root), with an expiry.
CREATE TABLE api_token (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  token_hash    text NOT NULL UNIQUE,
  name          text NOT NULL,
  role          text NOT NULL CHECK (role IN ('admin', 'secretariat', 'reporter', 'viewer')),
  unit_id       bigint REFERENCES unit (id),
  created_by    text NOT NULL,
  created_at    timestamptz NOT NULL,
  expires_at    timestamptz NOT NULL,
  revoked_at    timestamptz,
  revoked_by    text,
  last_used_at  timestamptz,
  CHECK (expires_at > created_at)
);

-- Failed logins, counted per account key (the login as typed) and per address key (IPv4, or an IPv6 /64).
CREATE TABLE login_failure (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_key  text NOT NULL,
  address_key  text NOT NULL,
  at           timestamptz NOT NULL
);
CREATE INDEX login_failure_account_idx ON login_failure (account_key, at);
CREATE INDEX login_failure_address_idx ON login_failure (address_key, at);

-- The review state of one (plan, unit, period); no row means 'open'. period_start/period_end hold the period's
-- first and last day so a lock covers every shorter period inside it.
CREATE TABLE review (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  plan_id        bigint NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
  unit_id        bigint NOT NULL REFERENCES unit (id),
  period         text NOT NULL,
  period_start   date NOT NULL,
  period_end     date NOT NULL,
  state          text NOT NULL CHECK (state IN ('open', 'submitted', 'approved', 'returned')),
  reason         text,
  province_code  text,
  updated_by     text,
  updated_at     timestamptz NOT NULL,
  UNIQUE (plan_id, unit_id, period),
  CHECK (period_end >= period_start)
);
CREATE INDEX review_plan_period_idx ON review (plan_id, period, state);
CREATE INDEX review_approved_idx ON review (unit_id, period_start, period_end) WHERE state = 'approved';

CREATE TABLE review_event (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  review_id   bigint NOT NULL REFERENCES review (id) ON DELETE CASCADE,
  event       text NOT NULL CHECK (event IN ('submit', 'return', 'approve', 'reopen')),
  from_state  text NOT NULL,
  to_state    text NOT NULL,
  role        text NOT NULL,
  reason      text,
  actor       text NOT NULL,
  source      text NOT NULL,
  at          timestamptz NOT NULL
);
CREATE INDEX review_event_review_idx ON review_event (review_id, at);

-- The audit log cannot be edited: rows may only be inserted (issue 7). TRUNCATE stays possible for the
-- operator's restore of a backup, never through the product.
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log rows cannot be changed or deleted';
END;
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE INDEX audit_log_at_idx ON audit_log (at);
