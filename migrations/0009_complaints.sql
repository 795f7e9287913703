-- Complaints (投诉, domain-spec §2.5; src/complaints): the fields only a complaint has, keyed by
-- its case in the case engine (0007). State, owner, deadline and timeline live in case_record /
-- case_event. The complainant's identity and contact are confidential: the API shows them only
-- to holders of complaints.manage (医患办) and masks them for everyone else.

CREATE TABLE complaint (
  case_id BIGINT PRIMARY KEY REFERENCES case_record(id),
  -- public: the portal form; staff: registered by a member of staff (首诉)
  source TEXT NOT NULL,
  channel TEXT NOT NULL,
  received_at TEXT NOT NULL,
  -- Local wall time "YYYY-MM-DD HH:MM": the statistics group by its year and month.
  received_local TEXT NOT NULL,
  first_receiver_department_id BIGINT REFERENCES department(id),
  first_receiver_name TEXT NOT NULL DEFAULT '',
  resolved_on_spot BIGINT NOT NULL DEFAULT 0,
  complainant_name TEXT NOT NULL,
  complainant_relation TEXT NOT NULL,
  complainant_phone TEXT NOT NULL,
  complainant_id_number TEXT NOT NULL DEFAULT '',
  patient_name TEXT NOT NULL DEFAULT '',
  patient_record_no TEXT NOT NULL DEFAULT '',
  patient_department_id BIGINT REFERENCES department(id),
  target_department_id BIGINT REFERENCES department(id),
  target_staff TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL,
  description TEXT NOT NULL,
  demand TEXT NOT NULL DEFAULT '',
  -- on_the_spot | investigate | multi_department: the deadline period (CaseRules)
  complexity TEXT NOT NULL,
  reply_text TEXT NOT NULL DEFAULT '',
  reply_method TEXT NOT NULL DEFAULT '',
  replied_at TEXT,
  -- 1 the patient accepts the outcome, 0 does not, NULL not known
  accepted BIGINT,
  -- Comma-separated codes of the routes the patient was told of (调解, 行政调解, 诉讼).
  follow_up TEXT NOT NULL DEFAULT '',
  not_processed_reason TEXT NOT NULL DEFAULT '',
  not_processed_explanation TEXT NOT NULL DEFAULT '',
  not_processed_at TEXT,
  -- 重大医疗纠纷: reported to the health authority (医疗纠纷预防和处理条例 Art.28)
  major_dispute BIGINT NOT NULL DEFAULT 0,
  major_dispute_note TEXT NOT NULL DEFAULT '',
  major_dispute_at TEXT,
  -- The complainant's rating, once, after the reply: 1..5
  rating BIGINT,
  rating_comment TEXT NOT NULL DEFAULT '',
  rated_at TEXT,
  rectification_case_id BIGINT REFERENCES case_record(id)
);
CREATE INDEX ix_complaint_received ON complaint (received_local);
CREATE INDEX ix_complaint_category ON complaint (category, received_local);
CREATE INDEX ix_complaint_channel ON complaint (channel, received_local);
CREATE INDEX ix_complaint_target ON complaint (target_department_id, received_local);
CREATE INDEX ix_complaint_major ON complaint (major_dispute);

-- 医患办 (the complaint office): every complaint, assignment, reply, 不予处理, major disputes.
INSERT INTO role (code, name, name_en, permissions, builtin) VALUES ('patient_relations', '医患办投诉专员', 'Patient relations officer', 'org.read,complaints.read,complaints.handle,complaints.manage,complaints.register,portal.staff.read', 1);
-- 首诉负责制: every member of staff registers a complaint made at their desk.
UPDATE role SET permissions = permissions || ',complaints.register' WHERE code = 'staff';
-- A head of department sees and investigates the complaints sent to the department.
UPDATE role SET permissions = permissions || ',complaints.read,complaints.handle,complaints.register' WHERE code = 'dept_head';
-- Hospital leadership: the figures and the (masked) list.
UPDATE role SET permissions = permissions || ',complaints.read' WHERE code = 'leader';
UPDATE role SET permissions = permissions || ',complaints.read,complaints.handle,complaints.manage,complaints.register' WHERE code = 'admin';
