-- The diagnoses and procedures of a discharge are written only by the importer
-- (src/indicators/record_store.cc), in the same transaction as their discharge and with the id it
-- has just given it, and deleted only together with it. Checking the foreign key row by row cost
-- 40 % of PostgreSQL's COPY time for a 首页 import (docs/benchmarks.md), so the tables no longer
-- declare it: the importer's contract keeps them consistent, and RecordStoreTest checks that no
-- diagnosis or procedure is ever left without its discharge.
CREATE TABLE discharge_diagnosis_v2 (
  discharge_id BIGINT NOT NULL,
  seq BIGINT NOT NULL,
  code TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL DEFAULT '',
  rybq TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (discharge_id, seq)
);
INSERT INTO discharge_diagnosis_v2 (discharge_id, seq, code, name, rybq)
  SELECT discharge_id, seq, code, name, rybq FROM discharge_diagnosis;
DROP TABLE discharge_diagnosis;
ALTER TABLE discharge_diagnosis_v2 RENAME TO discharge_diagnosis;

CREATE TABLE discharge_procedure_v2 (
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
);
INSERT INTO discharge_procedure_v2 (discharge_id, seq, code, name, op_date, ssjb, sspb, wcss, qkdj,
                                    qkyhlb, mzfs)
  SELECT discharge_id, seq, code, name, op_date, ssjb, sspb, wcss, qkdj, qkyhlb, mzfs
  FROM discharge_procedure;
DROP TABLE discharge_procedure;
ALTER TABLE discharge_procedure_v2 RENAME TO discharge_procedure;
