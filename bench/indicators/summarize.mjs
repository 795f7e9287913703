// Turns the JSON lines of run.sh into the markdown table of docs/benchmarks.md and checks the
// issue's targets: warm < 1 s, reference SQL on PostgreSQL ≥ 10× the warm engine, discharge
// import with 首页质控 ≥ 100,000 records/s, columns < 100 bytes per record.
//   node summarize.mjs RESULTS.jsonl
import { readFileSync } from 'node:fs';

const lines = readFileSync(process.argv[2], 'utf8').split('\n').filter((l) => l.startsWith('{'));
const all = lines.map((l) => JSON.parse(l));
const find = (label, measure, extra = () => true) =>
  all.find((r) => r.label === label && r.measure === measure && extra(r));
const int = (x) => (x === undefined ? '—' : Math.round(x).toLocaleString('en-US'));
const sec = (x) => (x === undefined ? '—' : x < 1 ? `${(x * 1000).toFixed(0)} ms` : `${x.toFixed(1)} s`);
const ratio = (x) => (x === undefined ? '—' : `${x.toFixed(x < 10 ? 1 : 0)}×`);

const dbs = ['sqlite', 'postgres'];
const rows = [];
const row = (what, ...cells) => rows.push(`| ${what} | ${cells.join(' | ')} |`);
for (const ds of ['discharges', 'visits', 'antibiotic_use', 'pathways']) {
  const cells = dbs.map((db) => {
    const r = find(db, 'import', (x) => x.dataset === ds);
    return r ? `${int(r.records_per_second)} rec/s (${int(r.records)} in ${r.seconds} s)` : '—';
  });
  row(`import ${ds}${ds === 'discharges' ? ' (with 首页质控)' : ''}`, ...cells, '');
}
row('engine load', ...dbs.map((db) => sec(find(db, 'engine_load')?.seconds)), '');
row('engine warm (Compute + Run), median', ...dbs.map((db) => {
  const w = find(db, 'engine_warm');
  return w ? `${sec(w.seconds_median)} (min ${sec(w.seconds_min)}; compute ${sec(w.compute_median)}, run ${sec(w.run_median)})` : '—';
}), '');
row('engine columns, bytes per record', ...dbs.map((db) => {
  const m = find(db, 'engine_memory');
  return m ? `${m.bytes_per_record.toFixed(1)} (${int(m.column_bytes)} B / ${int(m.records)})` : '—';
}), '');
row('process peak RSS after load', ...dbs.map((db) => {
  const l = find(db, 'engine_load');
  return l ? `${int(l.peak_rss_bytes / 1048576)} MiB` : '—';
}), '');
const duckLoad = find('duckdb', 'duckdb_load');
const duckRef = find('duckdb', 'reference_sql', (r) => r.run === 1);
const duckWarm = find('duckdb', 'reference_sql', (r) => r.run === 2);
row('DuckDB load of the exported tables', '', '', sec(duckLoad?.seconds));
const refCell = (r, warm) => {
  if (!r) return '—';
  if (r.timed_out) return `> ${sec(r.seconds)} (stopped)`;
  return `${sec(r.seconds)} (${ratio(r.seconds / warm)} the engine)`;
};
const pgWarm = find('postgres', 'engine_warm')?.seconds_median;
row('reference SQL, month × department, all indicators',
    ...dbs.map((db) => refCell(find(db, 'reference_sql'), find(db, 'engine_warm')?.seconds_median)),
    `${refCell(duckRef, pgWarm)}; 2nd run ${sec(duckWarm?.seconds)}`);

const m = find('machine', 'machine');
const g = find('generate', 'generate');
const endLoad = find('machine', 'loadavg_end');
console.log(`\nscale ${m?.scale}, ${m?.cores} × ${m?.cpu}, ${m?.memory_gb} GiB, commit ${m?.commit}; ` +
            `generated in ${sec(g?.seconds)} (${int(g?.bytes / 1048576)} MiB of CSV); ` +
            `load average ${m?.loadavg} at the start, ${endLoad?.loadavg} at the end\n`);
console.log('| measurement | SQLite | PostgreSQL 15 | DuckDB |');
console.log('|---|---|---|---|');
for (const r of rows) console.log(r);

const checks = [];
const pgRef = find('postgres', 'reference_sql');
for (const db of dbs) {
  const w = find(db, 'engine_warm');
  if (w) checks.push([`${db}: warm < 1 s`, w.seconds_median < 1]);
  const imp = find(db, 'import', (x) => x.dataset === 'discharges');
  if (imp) checks.push([`${db}: discharge import ≥ 100,000 rec/s`, imp.records_per_second >= 100000]);
}
// A reference run that was stopped counts with its time limit, a lower bound.
if (pgRef && pgWarm) checks.push(['reference SQL on PostgreSQL ≥ 10× the engine', pgRef.seconds / pgWarm >= 10]);
const mem = find('postgres', 'engine_memory') ?? find('sqlite', 'engine_memory');
if (mem) checks.push(['engine < 100 bytes per record', mem.bytes_per_record < 100]);
const agree = find('check', 'figures_agree');
if (agree) checks.push(['engine (SQLite, PostgreSQL) and DuckDB figures agree', agree.engine_sqlite_engine_postgres_duckdb]);
console.log('');
for (const [what, ok] of checks) console.log(`${ok ? 'PASS' : 'FAIL'} ${what}`);
