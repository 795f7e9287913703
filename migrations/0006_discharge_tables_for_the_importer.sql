-- The 首页 tables shaped for their only writer, the importer (src/indicators/record_store.cc),
-- which assigns discharge ids itself and writes every row in the transaction that created the
-- row's import batch (batches are never deleted). On a 1,000,000-record import the writer
-- thread sets the pace, and most of its time is SQLite's own b-tree work (docs/benchmarks.md):
-- - discharge.id no longer asks SQLite to keep an AUTOINCREMENT counter current on every insert;
-- - discharge.batch_id no longer looks up its import_batch row on every insert (a trigger per
--   row on PostgreSQL). RecordStoreTest checks that no discharge is ever without its batch;
-- - the diagnoses and procedures live in their primary key's b-tree on SQLite (WITHOUT ROWID)
--   instead of a rowid table plus a separate index.
CREATE TABLE discharge_v3 (
  id __ASSIGNED_ID__,
  batch_id BIGINT NOT NULL,
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
INSERT INTO discharge_v3 SELECT * FROM discharge;
DROP TABLE discharge;
ALTER TABLE discharge_v3 RENAME TO discharge;
CREATE INDEX discharge_period ON discharge (period, cykb);
CREATE INDEX discharge_batch ON discharge (batch_id);

CREATE TABLE discharge_diagnosis_v3 (
  discharge_id BIGINT NOT NULL,
  seq BIGINT NOT NULL,
  code TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL DEFAULT '',
  rybq TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (discharge_id, seq)
) __WITHOUT_ROWID__;
INSERT INTO discharge_diagnosis_v3 (discharge_id, seq, code, name, rybq)
  SELECT discharge_id, seq, code, name, rybq FROM discharge_diagnosis;
DROP TABLE discharge_diagnosis;
ALTER TABLE discharge_diagnosis_v3 RENAME TO discharge_diagnosis;

CREATE TABLE discharge_procedure_v3 (
  discharge_id BIGINT NOT NULL,
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
) __WITHOUT_ROWID__;
INSERT INTO discharge_procedure_v3 (discharge_id, seq, code, name, op_date, ssjb, sspb, wcss, qkdj,
                                    qkyhlb, mzfs)
  SELECT discharge_id, seq, code, name, op_date, ssjb, sspb, wcss, qkdj, qkyhlb, mzfs
  FROM discharge_procedure;
DROP TABLE discharge_procedure;
ALTER TABLE discharge_procedure_v3 RENAME TO discharge_procedure;
