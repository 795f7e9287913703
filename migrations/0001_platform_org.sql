-- Platform and organisation: campuses, departments, staff accounts, roles, sessions,
-- the hash-chained audit trail, the working-day calendar and hospital settings.
-- Timestamps are ISO-8601 UTC text; dates are YYYY-MM-DD text; booleans are 0/1.

CREATE TABLE campus (
  id __ID__,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  sort BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE department (
  id __ID__,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  campus_id BIGINT NOT NULL REFERENCES campus(id),
  parent_id BIGINT REFERENCES department(id),
  kind TEXT NOT NULL,
  phone TEXT NOT NULL DEFAULT '',
  location TEXT NOT NULL DEFAULT '',
  intro TEXT NOT NULL DEFAULT '',
  public BIGINT NOT NULL DEFAULT 1,
  sort BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE app_user (
  id __ID__,
  username TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  phone TEXT NOT NULL DEFAULT '',
  department_id BIGINT REFERENCES department(id),
  scope TEXT NOT NULL DEFAULT 'self',
  password_hash TEXT NOT NULL,
  active BIGINT NOT NULL DEFAULT 1,
  failed_count BIGINT NOT NULL DEFAULT 0,
  first_failed_at TEXT,
  locked_until TEXT,
  created_at TEXT NOT NULL
);

CREATE TABLE role (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  name_en TEXT NOT NULL,
  permissions TEXT NOT NULL,
  builtin BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE user_role (
  user_id BIGINT NOT NULL REFERENCES app_user(id),
  role_code TEXT NOT NULL REFERENCES role(code),
  PRIMARY KEY (user_id, role_code)
);

CREATE TABLE user_session (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES app_user(id),
  csrf_token TEXT NOT NULL,
  ip TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL
);

CREATE TABLE audit_log (
  id BIGINT PRIMARY KEY,
  at TEXT NOT NULL,
  actor_id BIGINT,
  actor_name TEXT NOT NULL,
  ip TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  before_json TEXT NOT NULL,
  after_json TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX ix_audit_entity ON audit_log (entity, entity_id);
CREATE INDEX ix_audit_at ON audit_log (at);

-- One row: the head of the hash chain, locked by every appender.
CREATE TABLE audit_head (
  id BIGINT PRIMARY KEY,
  last_id BIGINT NOT NULL,
  last_hash TEXT NOT NULL
);
INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, 0, '');

CREATE TABLE calendar_day (
  day TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  notice TEXT NOT NULL DEFAULT ''
);

CREATE TABLE setting (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE attachment (
  id __ID__,
  owner_kind TEXT NOT NULL,
  owner_id BIGINT NOT NULL,
  added_version BIGINT NOT NULL DEFAULT 1,
  deleted_version BIGINT,
  filename TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  created_by BIGINT,
  created_at TEXT NOT NULL
);
CREATE INDEX ix_attachment_owner ON attachment (owner_kind, owner_id);
