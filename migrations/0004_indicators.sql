-- Indicators: imported record datasets with lineage, 首页 quality findings, indicator
-- definitions, targets and hospital-level figures. Money columns are integer 分 so that sums
-- are exact on both engines; period columns are YYYYMM integers (the month of CYSJ / JZSJ).

-- One import of one file. Rows of a committed batch are the dataset's rows; a failed batch
-- keeps its report but owns no rows (a batch is committed whole or not at all).
CREATE TABLE import_batch (
  id __ID__,
  dataset TEXT NOT NULL,
  file_name TEXT NOT NULL,
  file_sha256 TEXT NOT NULL,
  file_bytes BIGINT NOT NULL DEFAULT 0,
  status TEXT NOT NULL,
  source TEXT NOT NULL,
  mapping_name TEXT NOT NULL DEFAULT '',
  demo BIGINT NOT NULL DEFAULT 0,
  row_count BIGINT NOT NULL DEFAULT 0,
  replaced_count BIGINT NOT NULL DEFAULT 0,
  reject_count BIGINT NOT NULL DEFAULT 0,
  error_count BIGINT NOT NULL DEFAULT 0,
  warning_count BIGINT NOT NULL DEFAULT 0,
  period_from BIGINT,
  period_to BIGINT,
  report_key TEXT NOT NULL DEFAULT '',
  message TEXT NOT NULL DEFAULT '',
  message_en TEXT NOT NULL DEFAULT '',
  created_by BIGINT REFERENCES app_user(id),
  created_at TEXT NOT NULL,
  finished_at TEXT
);
CREATE INDEX import_batch_dataset ON import_batch (dataset, created_at);

-- 住院病案首页. Identified by (bah, zycs); re-importing a record replaces it.
CREATE TABLE discharge (
  id __ID__,
  batch_id BIGINT NOT NULL REFERENCES import_batch(id),
  line BIGINT NOT NULL,
  bah TEXT NOT NULL,
  zycs BIGINT NOT NULL,
  period BIGINT NOT NULL,
  xm TEXT NOT NULL DEFAULT '',
  xb TEXT NOT NULL DEFAULT '',
  csrq TEXT NOT NULL DEFAULT '',
  nl BIGINT,
  sfzh TEXT NOT NULL DEFAULT '',
  ylfkfs TEXT NOT NULL DEFAULT '',
  rytj TEXT NOT NULL DEFAULT '',
  rysj TEXT NOT NULL DEFAULT '',
  rykb TEXT NOT NULL DEFAULT '',
  cysj TEXT NOT NULL,
  cykb TEXT NOT NULL,
  sjzyts BIGINT,
  jbdm TEXT NOT NULL DEFAULT '',
  zyzd TEXT NOT NULL DEFAULT '',
  rybq TEXT NOT NULL DEFAULT '',
  lyfs TEXT NOT NULL DEFAULT '',
  bmy TEXT NOT NULL DEFAULT '',
  kzr TEXT NOT NULL DEFAULT '',
  zrys TEXT NOT NULL DEFAULT '',
  zzys TEXT NOT NULL DEFAULT '',
  zyys TEXT NOT NULL DEFAULT '',
  zfy BIGINT,
  zfje BIGINT,
  ylfuf BIGINT, zlczf BIGINT, hlf BIGINT, qtfy BIGINT, blzdf BIGINT, syszdf BIGINT,
  yxxzdf BIGINT, lczdxmf BIGINT, fsszlxmf BIGINT, wlzlf BIGINT, sszlf BIGINT, maf BIGINT,
  ssf BIGINT, kff BIGINT, zyzlf BIGINT, xyf BIGINT, kjywf BIGINT, zcyf BIGINT, zcyf1 BIGINT,
  xf BIGINT, bdblzpf BIGINT, qdblzpf BIGINT, nxyzlzpf BIGINT, xbyzlzpf BIGINT, hcyyclf BIGINT,
  yyclf BIGINT, ycxyyclf BIGINT, qtf BIGINT,
  required_filled BIGINT NOT NULL DEFAULT 0,
  required_total BIGINT NOT NULL DEFAULT 0,
  UNIQUE (bah, zycs)
);
CREATE INDEX discharge_period ON discharge (period, cykb);
CREATE INDEX discharge_batch ON discharge (batch_id);

CREATE TABLE discharge_diagnosis (
  discharge_id BIGINT NOT NULL REFERENCES discharge(id) ON DELETE CASCADE,
  seq BIGINT NOT NULL,
  code TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL DEFAULT '',
  rybq TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (discharge_id, seq)
);

CREATE TABLE discharge_procedure (
  discharge_id BIGINT NOT NULL REFERENCES discharge(id) ON DELETE CASCADE,
  seq BIGINT NOT NULL,
  code TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL DEFAULT '',
  op_date TEXT NOT NULL DEFAULT '',
  ssjb TEXT NOT NULL DEFAULT '',
  sspb TEXT NOT NULL DEFAULT '',
  wcss TEXT NOT NULL DEFAULT '',
  qkdj TEXT NOT NULL DEFAULT '',
  qkyhlb TEXT NOT NULL DEFAULT '',
  mzfs TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (discharge_id, seq)
);

-- 门急诊就诊, identified by jzlsh.
CREATE TABLE visit (
  id __ID__,
  batch_id BIGINT NOT NULL REFERENCES import_batch(id),
  line BIGINT NOT NULL,
  jzlsh TEXT NOT NULL UNIQUE,
  jzsj TEXT NOT NULL,
  period BIGINT NOT NULL,
  ksdm TEXT NOT NULL,
  jzlx BIGINT NOT NULL,
  yybz BIGINT NOT NULL DEFAULT 0,
  zfy BIGINT NOT NULL DEFAULT 0,
  ypf BIGINT NOT NULL DEFAULT 0,
  kjywbz BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX visit_period ON visit (period, ksdm);
CREATE INDEX visit_batch ON visit (batch_id);

-- 住院抗菌药物使用: rows of one discharge (bah, zycs); re-importing a discharge's rows
-- replaces all of them. ddd_e4 = round(syl / dddz × 10000).
CREATE TABLE antibiotic_use (
  id __ID__,
  batch_id BIGINT NOT NULL REFERENCES import_batch(id),
  line BIGINT NOT NULL,
  bah TEXT NOT NULL,
  zycs BIGINT NOT NULL,
  ypbm TEXT NOT NULL DEFAULT '',
  ypmc TEXT NOT NULL DEFAULT '',
  atc TEXT NOT NULL DEFAULT '',
  syl DOUBLE PRECISION NOT NULL,
  dddz DOUBLE PRECISION NOT NULL,
  ddd_e4 BIGINT NOT NULL
);
CREATE INDEX antibiotic_use_key ON antibiotic_use (bah, zycs);
CREATE INDEX antibiotic_use_batch ON antibiotic_use (batch_id);

-- 临床路径 (columns RJ WC BY TC of the file; BY is an SQL keyword, hence bybz).
CREATE TABLE pathway_case (
  id __ID__,
  batch_id BIGINT NOT NULL REFERENCES import_batch(id),
  line BIGINT NOT NULL,
  bah TEXT NOT NULL,
  zycs BIGINT NOT NULL,
  ljdm TEXT NOT NULL,
  ljmc TEXT NOT NULL DEFAULT '',
  rj BIGINT NOT NULL DEFAULT 0,
  wc BIGINT NOT NULL DEFAULT 0,
  bybz BIGINT NOT NULL DEFAULT 0,
  tc BIGINT NOT NULL DEFAULT 0,
  byyy TEXT NOT NULL DEFAULT ''
);
CREATE INDEX pathway_case_key ON pathway_case (bah, zycs);
CREATE INDEX pathway_case_batch ON pathway_case (batch_id);

-- Findings of the import checks and of 首页质控, per record. record_key is "bah|zycs" for
-- discharges (so findings of a replaced record go with it), the key column otherwise.
CREATE TABLE qc_finding (
  id __ID__,
  batch_id BIGINT NOT NULL REFERENCES import_batch(id),
  dataset TEXT NOT NULL,
  record_key TEXT NOT NULL,
  line BIGINT NOT NULL,
  period BIGINT,
  dept_code TEXT NOT NULL DEFAULT '',
  coder TEXT NOT NULL DEFAULT '',
  field TEXT NOT NULL DEFAULT '',
  value TEXT NOT NULL DEFAULT '',
  rule TEXT NOT NULL,
  category TEXT NOT NULL,
  severity TEXT NOT NULL,
  message TEXT NOT NULL,
  message_en TEXT NOT NULL
);
CREATE INDEX qc_finding_batch ON qc_finding (batch_id);
CREATE INDEX qc_finding_record ON qc_finding (dataset, record_key, batch_id);
CREATE INDEX qc_finding_period ON qc_finding (period, dept_code);

-- A hospital's saved mapping from its export's headers to the canonical columns (JSON object
-- {"source header": "CANONICAL", …}).
CREATE TABLE column_mapping (
  id __ID__,
  dataset TEXT NOT NULL,
  name TEXT NOT NULL,
  mapping TEXT NOT NULL,
  updated_by BIGINT REFERENCES app_user(id),
  updated_at TEXT NOT NULL,
  UNIQUE (dataset, name)
);

-- Indicator definitions are data: the shipped set (data/indicators/definitions.json) is
-- loaded at start-up with builtin = 1; administrators may add their own or disable any.
CREATE TABLE indicator_definition (
  code TEXT PRIMARY KEY,
  definition TEXT NOT NULL,
  builtin BIGINT NOT NULL DEFAULT 0,
  enabled BIGINT NOT NULL DEFAULT 1,
  sort BIGINT NOT NULL DEFAULT 0,
  updated_by BIGINT REFERENCES app_user(id),
  updated_at TEXT NOT NULL
);

-- 目标值 / thresholds: dated configuration per hospital, campus or department.
-- scope: 'hospital' (scope_code ''), 'campus' (campus code) or 'department' (dept code);
-- comparator: '<', '<=', '>', '>='; valid_from / valid_to: YYYYMM, valid_to NULL = open.
CREATE TABLE indicator_target (
  id __ID__,
  indicator_code TEXT NOT NULL,
  scope TEXT NOT NULL,
  scope_code TEXT NOT NULL DEFAULT '',
  comparator TEXT NOT NULL,
  value DOUBLE PRECISION NOT NULL,
  valid_from BIGINT NOT NULL,
  valid_to BIGINT,
  basis TEXT NOT NULL DEFAULT '',
  updated_by BIGINT REFERENCES app_user(id),
  updated_at TEXT NOT NULL
);
CREATE INDEX indicator_target_code ON indicator_target (indicator_code);

-- Hospital-level figures the records cannot give (实际开放床日数, 医疗收入 …), per month and
-- org unit ('hospital', a campus code or a department code).
CREATE TABLE period_figure (
  id __ID__,
  period BIGINT NOT NULL,
  org_unit TEXT NOT NULL,
  code TEXT NOT NULL,
  value DOUBLE PRECISION NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  updated_by BIGINT REFERENCES app_user(id),
  updated_at TEXT NOT NULL,
  UNIQUE (period, org_unit, code)
);

-- A hospital's code tables for 首页质控 existence checks (kind: 'icd10', 'procedure').
CREATE TABLE code_table_entry (
  kind TEXT NOT NULL,
  code TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  version TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (kind, code)
);

INSERT INTO role (code, name, name_en, permissions, builtin) VALUES ('leader', '院领导', 'Hospital leadership', 'org.read,indicators.read,indicators.records.read,disclosure.stats.read,portal.staff.read', 1);
INSERT INTO role (code, name, name_en, permissions, builtin) VALUES ('statistician', '统计员', 'Statistician', 'org.read,indicators.read,indicators.records.read,indicators.import,indicators.manage,portal.staff.read', 1);
INSERT INTO role (code, name, name_en, permissions, builtin) VALUES ('coder', '病案编码员', 'Medical record coder', 'org.read,indicators.read,indicators.records.read,indicators.records.identify,indicators.import,portal.staff.read', 1);
INSERT INTO role (code, name, name_en, permissions, builtin) VALUES ('dept_head', '科室主任', 'Head of department', 'org.read,indicators.read,indicators.records.read,portal.staff.read', 1);
UPDATE role SET permissions = permissions || ',indicators.read,indicators.records.read,indicators.records.identify,indicators.import,indicators.manage' WHERE code = 'admin';
