-- Quality and safety (src/quality, domain-spec §7): adverse events (不良事件), checklist templates,
-- inspection rounds (督查) with scores and findings, and rectification tasks (限期整改). Adverse
-- events and rectification tasks are cases of the case engine (0007): state, owner, deadline and
-- timeline live in case_record / case_event; these tables hold what only they have.

-- An adverse event. The reporter's identity is kept only here, only when the report is not
-- anonymous (reporter_id), and shown only to holders of adverse_events.manage; the case itself
-- records no opener. Anonymous reports store no reporter at all.
CREATE TABLE adverse_event (
  case_id BIGINT PRIMARY KEY REFERENCES case_record(id),
  anonymous BIGINT NOT NULL DEFAULT 0,
  reporter_id BIGINT REFERENCES app_user(id),
  reported_at TEXT NOT NULL,
  -- Local wall time "YYYY-MM-DD HH:MM": statistics group by its month.
  reported_local TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  discovered_at TEXT NOT NULL,
  department_id BIGINT NOT NULL REFERENCES department(id),
  patient_name TEXT NOT NULL DEFAULT '',
  patient_record_no TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL,
  grade TEXT NOT NULL,
  description TEXT NOT NULL,
  immediate_measures TEXT NOT NULL DEFAULT '',
  -- Reporting outward (医疗质量安全事件报告暂行规定): '' none, general / major / grave. The
  -- period (15d / 12h / 2h, from the case rules) runs from discovered_at; the due moment is local
  -- "YYYY-MM-DD HH:MM" (or "YYYY-MM-DD" = by the end of that day), due_minutes its minute number.
  external_severity TEXT NOT NULL DEFAULT '',
  external_period TEXT NOT NULL DEFAULT '',
  external_due_at TEXT,
  external_due_minutes BIGINT,
  external_reported_at TEXT,
  external_report_note TEXT NOT NULL DEFAULT '',
  external_on_time BIGINT,
  -- 科室处理
  dept_analysis TEXT NOT NULL DEFAULT '',
  dept_measures TEXT NOT NULL DEFAULT '',
  dept_submitted_at TEXT,
  -- 职能部门审核 / 根因分析 (the causes are adverse_event_cause rows)
  rca_factors TEXT NOT NULL DEFAULT '',
  rca_conclusion TEXT NOT NULL DEFAULT '',
  reviewed_at TEXT,
  -- 效果评价
  effectiveness TEXT NOT NULL DEFAULT '',
  evaluation TEXT NOT NULL DEFAULT '',
  evaluated_at TEXT
);
CREATE INDEX ix_adverse_event_reported ON adverse_event (reported_local);
CREATE INDEX ix_adverse_event_category ON adverse_event (category, reported_local);
CREATE INDEX ix_adverse_event_department ON adverse_event (department_id, reported_local);
CREATE INDEX ix_adverse_event_reporter ON adverse_event (reporter_id);
CREATE INDEX ix_adverse_event_external ON adverse_event (external_severity, external_due_minutes);

-- Root causes by 人 / 机 / 料 / 法 / 环; replaced as a whole when the event is analysed again.
CREATE TABLE adverse_event_cause (
  id __ID__,
  case_id BIGINT NOT NULL REFERENCES adverse_event(case_id),
  seq BIGINT NOT NULL,
  category TEXT NOT NULL,
  description TEXT NOT NULL
);
CREATE INDEX ix_adverse_event_cause_case ON adverse_event_cause (case_id);

-- Checklist templates (检查表). Every change is a new version; a round keeps the version it used.
CREATE TABLE checklist_template (
  id __ID__,
  code TEXT NOT NULL UNIQUE,
  current_version BIGINT NOT NULL DEFAULT 1,
  -- shipped: loaded from data/quality/checklists; custom: made in the console
  source TEXT NOT NULL,
  active BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE checklist_version (
  id __ID__,
  template_id BIGINT NOT NULL REFERENCES checklist_template(id),
  version BIGINT NOT NULL,
  name TEXT NOT NULL,
  name_en TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  -- Scores are kept in tenths of a point (one decimal), as integers: exact on both databases.
  total_x10 BIGINT NOT NULL,
  created_at TEXT NOT NULL,
  created_by_name TEXT NOT NULL,
  UNIQUE (template_id, version)
);

CREATE TABLE checklist_item (
  id __ID__,
  version_id BIGINT NOT NULL REFERENCES checklist_version(id),
  seq BIGINT NOT NULL,
  category TEXT NOT NULL,
  content TEXT NOT NULL,
  max_x10 BIGINT NOT NULL,
  UNIQUE (version_id, seq)
);

-- An inspection round (督查): one template version, a date, who inspected, which departments.
CREATE TABLE inspection_round (
  id __ID__,
  title TEXT NOT NULL,
  template_id BIGINT NOT NULL REFERENCES checklist_template(id),
  version_id BIGINT NOT NULL REFERENCES checklist_version(id),
  inspected_on TEXT NOT NULL,
  inspectors TEXT NOT NULL,
  -- open: scores and findings may be recorded; completed: locked
  status TEXT NOT NULL DEFAULT 'open',
  note TEXT NOT NULL DEFAULT '',
  created_by BIGINT REFERENCES app_user(id),
  created_at TEXT NOT NULL,
  completed_at TEXT
);
CREATE INDEX ix_inspection_round_on ON inspection_round (inspected_on);

-- One inspected department of a round. score_x10 is the score out of 100 (in tenths):
-- total / max × 100, NULL until the department is scored.
CREATE TABLE inspection_sheet (
  id __ID__,
  round_id BIGINT NOT NULL REFERENCES inspection_round(id),
  department_id BIGINT NOT NULL REFERENCES department(id),
  total_x10 BIGINT,
  max_x10 BIGINT,
  score_x10 BIGINT,
  summary TEXT NOT NULL DEFAULT '',
  scored_at TEXT,
  UNIQUE (round_id, department_id)
);
CREATE INDEX ix_inspection_sheet_department ON inspection_sheet (department_id);

CREATE TABLE inspection_score (
  sheet_id BIGINT NOT NULL REFERENCES inspection_sheet(id),
  item_id BIGINT NOT NULL REFERENCES checklist_item(id),
  score_x10 BIGINT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (sheet_id, item_id)
);

-- A problem found (问题); each becomes a rectification case owned by the department.
CREATE TABLE inspection_finding (
  id __ID__,
  round_id BIGINT NOT NULL REFERENCES inspection_round(id),
  sheet_id BIGINT NOT NULL REFERENCES inspection_sheet(id),
  department_id BIGINT NOT NULL REFERENCES department(id),
  item_id BIGINT REFERENCES checklist_item(id),
  description TEXT NOT NULL,
  rectification_case_id BIGINT NOT NULL REFERENCES case_record(id),
  created_at TEXT NOT NULL
);
CREATE INDEX ix_inspection_finding_round ON inspection_finding (round_id);

-- A rectification task (限期整改): where it came from and what is required. source_type:
-- inspection (source_id = inspection_finding.id), adverse_event / complaint (source_id =
-- the source's case_record.id), other (no source_id).
CREATE TABLE rectification (
  case_id BIGINT PRIMARY KEY REFERENCES case_record(id),
  source_type TEXT NOT NULL,
  source_id BIGINT,
  problem TEXT NOT NULL,
  requirement TEXT NOT NULL,
  -- 分管领导 and 责任人 as the task names them (整改责任分解到分管领导、责任科室和责任人)
  leader TEXT NOT NULL DEFAULT '',
  responsible TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);
CREATE INDEX ix_rectification_source ON rectification (source_type, source_id);
