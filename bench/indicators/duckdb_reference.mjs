// DuckDB as a peer for the indicator benchmark: loads the record tables that run.sh exported
// from PostgreSQL (CSV + schema.tsv) into an in-memory DuckDB and runs the SAME reference SQL
// text that `yuanwu indicators --reference-sql` prints (one GROUP BY month, department query per
// measure), with :from / :to substituted as RunReferenceSql does (from a year earlier, for 同比).
//
//   node duckdb_reference.mjs --tables DIR --sql FILE --from 202401 --to 202512
//                             [--threads 2] [--runs 2] [--dump FILE]
//
// Prints JSON lines like indicators_bench: duckdb_load, then reference_sql per run (the first
// run is the one compared with PostgreSQL and SQLite, which run it once). --dump writes the
// figures in indicators_bench's --dump format so run.sh can check DuckDB computed the same.
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function args(argv) {
  const out = { threads: '2', runs: '2' };
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || argv[i + 1] === undefined) throw new Error(`bad argument ${argv[i]}`);
    out[argv[i].slice(2)] = argv[i + 1];
  }
  for (const k of ['tables', 'sql', 'from', 'to']) if (!out[k]) throw new Error(`--${k} is required`);
  return out;
}

// schema.tsv: table, column, PostgreSQL data_type, ordinal position (psql -At -F '\t').
function readSchema(dir) {
  const tables = new Map();
  for (const line of readFileSync(join(dir, 'schema.tsv'), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const [table, column, type, pos] = line.split('\t');
    if (!tables.has(table)) tables.set(table, []);
    tables.get(table).push({ column, type, pos: Number(pos) });
  }
  for (const cols of tables.values()) cols.sort((a, b) => a.pos - b.pos);
  return tables;
}

function duckType(pgType) {
  switch (pgType) {
    case 'bigint': return 'BIGINT';
    case 'integer': return 'INTEGER';
    case 'smallint': return 'SMALLINT';
    case 'double precision': return 'DOUBLE';
    case 'real': return 'REAL';
    case 'boolean': return 'BOOLEAN';
    default: return 'VARCHAR';
  }
}

// The reference SQL text → [{indicator, side: 'numerator'|'denominator', sql}].
function parseStatements(text) {
  const out = [];
  let indicator = null, side = null, lastComment = null, buf = '';
  for (const line of text.split('\n')) {
    if (line.startsWith('--')) {
      const c = line.slice(2).trim();
      if (c === 'numerator' || c === 'denominator') {
        if (c === 'numerator') indicator = lastComment.split(/\s+/)[0];
        side = c;
      }
      lastComment = c;
      continue;
    }
    if (!line.trim()) continue;
    buf += (buf ? '\n' : '') + line;
    if (line.trimEnd().endsWith(';')) {
      out.push({ indicator, side, sql: buf.trimEnd().replace(/;$/, '') });
      buf = '';
    }
  }
  return out;
}

const monthLabel = (p) => `${String(Math.floor(p / 100)).padStart(4, '0')}-${String(p % 100).padStart(2, '0')}`;
const emit = (measure, fields) => console.log(JSON.stringify({ label: 'duckdb', measure, ...fields }));

const opt = args(process.argv.slice(2));
const from = Number(opt.from), to = Number(opt.to);
const fromPrev = (Math.floor(from / 100) - 1) * 100 + (from % 100);
const statements = parseStatements(readFileSync(opt.sql, 'utf8'));
if (!statements.length) throw new Error(`no statements in ${opt.sql}`);

const instance = await DuckDBInstance.create(':memory:', { threads: opt.threads });
const db = await instance.connect();
const schema = readSchema(opt.tables);
let t0 = performance.now();
const counts = {};
for (const [table, cols] of schema) {
  const ddl = cols.map((c) => `"${c.column}" ${duckType(c.type)}`).join(', ');
  await db.run(`CREATE TABLE "${table}" (${ddl})`);
  const file = join(opt.tables, `${table}.csv`).replaceAll("'", "''");
  // PostgreSQL's CSV writes NULL unquoted and '' quoted: keep them apart.
  await db.run(`COPY "${table}" FROM '${file}' (FORMAT csv, HEADER true, QUOTE '"', ESCAPE '"', ` +
               `NULL '', ALLOW_QUOTED_NULLS false)`);
  const r = await db.runAndReadAll(`SELECT COUNT(*) FROM "${table}"`);
  counts[table] = Number(r.getRows()[0][0]);
}
emit('duckdb_load', { seconds: (performance.now() - t0) / 1000, rows: counts, threads: Number(opt.threads) });

for (let run = 1; run <= Number(opt.runs); ++run) {
  // indicator → "period\torg" → [numerator, denominator] (decimal strings: sums are HUGEINT).
  const figures = new Map();
  let resultRows = 0;
  t0 = performance.now();
  for (const s of statements) {
    const sql = s.sql.replaceAll(':from', String(fromPrev)).replaceAll(':to', String(to));
    const reader = await db.runAndReadAll(sql);
    const rows = reader.getRows();
    resultRows += rows.length;
    if (run !== 1) continue;
    if (!figures.has(s.indicator)) figures.set(s.indicator, new Map());
    const byKey = figures.get(s.indicator);
    for (const [period, org, , total] of rows) {
      const p = Number(period);
      if (p < from || p > to) continue;
      const key = `${monthLabel(p)}\t${org}`;
      if (!byKey.has(key)) byKey.set(key, ['0', '0']);
      byKey.get(key)[s.side === 'numerator' ? 0 : 1] = String(total);
    }
  }
  emit('reference_sql', { run, seconds: (performance.now() - t0) / 1000, statements: statements.length, result_rows: resultRows });
  if (run === 1 && opt.dump) {
    const lines = [];
    for (const [indicator, byKey] of figures)
      for (const [key, [n, d]] of byKey) lines.push(`${indicator}\t${key}\t${n}\t${d}\n`);
    writeFileSync(opt.dump, lines.join(''));
  }
}
