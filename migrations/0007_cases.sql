-- The case engine (src/platform/cases): every case a hospital must not lose — complaints,
-- adverse events, rectification tasks, disclosure applications — with its owner, deadline
-- clock, timeline and attachments. Rows are never deleted: a correction is a new case_event.
-- Each case type keeps its own fields in its own table keyed by case_record.id.

-- 科室负责人: who hears first when a department's case is overdue.
ALTER TABLE department ADD COLUMN head_user_id BIGINT REFERENCES app_user(id);

CREATE TABLE case_record (
  id __ID__,
  type TEXT NOT NULL,
  code TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  state TEXT NOT NULL,
  department_id BIGINT REFERENCES department(id),
  assignee_id BIGINT REFERENCES app_user(id),
  opened_by BIGINT REFERENCES app_user(id),
  opened_at TEXT NOT NULL,
  -- SHA-256 of the requester's tracking code (public intake, anonymous reports); NULL otherwise.
  tracking_hash TEXT,
  -- The deadline in local wall-clock time: start, period ("5wd", "15d", "12h"), and the due
  -- moment recomputed from the clock entries on the timeline after every change.
  start_at TEXT NOT NULL,
  period TEXT NOT NULL DEFAULT '',
  extension_limit TEXT NOT NULL DEFAULT '',
  extended TEXT NOT NULL DEFAULT '',
  due_at TEXT,
  -- Minutes since the epoch of due_at (local), so the scheduler's range query needs no parsing.
  due_minutes BIGINT,
  clock TEXT NOT NULL DEFAULT 'none',
  escalation BIGINT NOT NULL DEFAULT 0,
  answered_at TEXT,
  on_time BIGINT,
  closed_at TEXT,
  updated_at TEXT NOT NULL,
  last_seq BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX ix_case_type_state ON case_record (type, state);
CREATE INDEX ix_case_clock_due ON case_record (clock, due_minutes);
CREATE INDEX ix_case_department ON case_record (department_id);
CREATE INDEX ix_case_assignee ON case_record (assignee_id);
CREATE INDEX ix_case_opened ON case_record (type, opened_at);

-- 编号 counters: TS-2026-0001 … per type and year.
CREATE TABLE case_sequence (
  type TEXT NOT NULL,
  year BIGINT NOT NULL,
  last BIGINT NOT NULL,
  PRIMARY KEY (type, year)
);

CREATE TABLE case_event (
  id __ID__,
  case_id BIGINT NOT NULL REFERENCES case_record(id),
  seq BIGINT NOT NULL,
  at TEXT NOT NULL,
  actor_id BIGINT,
  actor_name TEXT NOT NULL,
  kind TEXT NOT NULL,
  action TEXT NOT NULL DEFAULT '',
  from_state TEXT NOT NULL DEFAULT '',
  to_state TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL DEFAULT '',
  data TEXT NOT NULL DEFAULT '{}',
  public BIGINT NOT NULL DEFAULT 0,
  corrects BIGINT,
  -- What the entry did to the deadline clock: pause, resume, restart or extend, at a local
  -- moment, by clock_amount units (extend); '' for none. The due date is recomputed from these.
  clock_effect TEXT NOT NULL DEFAULT '',
  clock_at TEXT,
  clock_amount BIGINT NOT NULL DEFAULT 0,
  UNIQUE (case_id, seq)
);

CREATE TABLE case_attachment (
  id __ID__,
  case_id BIGINT NOT NULL REFERENCES case_record(id),
  event_id BIGINT NOT NULL REFERENCES case_event(id),
  filename TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  at TEXT NOT NULL,
  actor_id BIGINT,
  actor_name TEXT NOT NULL
);
CREATE INDEX ix_case_attachment_case ON case_attachment (case_id);
