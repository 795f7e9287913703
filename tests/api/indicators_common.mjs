// Helpers shared by the indicators_*.test.mjs files (指标与首页质控, docs/api.md "Indicators").
// Not a test file itself: node --test only runs *.test.mjs.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, localToday, show } from '../lib/server.mjs';

export const CHINESE = /[\u4e00-\u9fff]/;
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// The demo loads the two calendar years before the current one.
export const Y1 = Number(localToday().slice(0, 4)) - 1; // the later demo year (2025 in 2026)
export const Y0 = Y1 - 1;

// A file of tests/fixtures/indicators/ as a multipart part.
export function fixture(name, filename = name) {
  const data = fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'indicators', name));
  const type = name.endsWith('.xlsx') ? XLSX_TYPE : 'text/csv';
  return { filename, data, type };
}

// POST /indicators/imports with the file as part `file`.
export function upload(api, session, file, { dataset = 'discharges', mapping } = {}) {
  let q = `dataset=${encodeURIComponent(dataset)}`;
  if (mapping !== undefined) q += `&mapping=${encodeURIComponent(mapping)}`;
  return api.request('POST', `/api/v1/indicators/imports?${q}`, { session, multipart: { file } });
}

// GET /indicators/results → the response (asserted 200).
export async function results(api, session, { from, to, by = 'month', group = 'hospital', indicator } = {}) {
  let q = `from=${from}&to=${to}&by=${by}&group=${group}`;
  if (indicator) q += `&indicator=${indicator}`;
  const r = await api.get(`/api/v1/indicators/results?${q}`, session);
  assert.equal(r.status, 200, show(r));
  assert.ok(Array.isArray(r.json.items), show(r));
  return r.json;
}

// The result row of (indicator, period, org_unit), or undefined.
export function row(items, indicator, period, org = 'hospital') {
  return items.find((r) => r.indicator === indicator && r.period === period && r.org_unit === org);
}

// GET /indicators/records → the response (not asserted).
export function records(api, session, { indicator, period, by = 'month', group = 'hospital', org, side, page, pageSize } = {}) {
  let q = `indicator=${indicator}&period=${period}&by=${by}&group=${group}`;
  if (org !== undefined) q += `&org_unit=${org}`;
  if (side) q += `&side=${side}`;
  if (page) q += `&page=${page}`;
  if (pageSize) q += `&page_size=${pageSize}`;
  return api.get(`/api/v1/indicators/records?${q}`, session);
}

// A 400 whose fields[] name `field` (each with a Chinese reason and an English one).
export function assertFieldError(r, field, what = '') {
  assert.equal(r.status, 400, `${what} ${show(r)}`);
  assert.equal(r.json.code, 'invalid_argument', show(r));
  assert.match(r.json.message, CHINESE, show(r));
  const names = r.json.fields.map((f) => f.field);
  assert.ok(names.includes(field), `${what}: expected field ${field} in ${JSON.stringify(names)}`);
  for (const f of r.json.fields) {
    assert.match(f.reason, CHINESE, show(r));
    assert.ok(f.reason_en, show(r));
  }
}

// Two numbers (or nulls) equal up to floating-point noise.
export function near(a, b, what = '') {
  if (a === null || b === null || a === undefined || b === undefined) {
    assert.equal(a ?? null, b ?? null, what);
    return;
  }
  assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)), `${what}: ${a} ≠ ${b}`);
}

// `yuanwu indicators … --format json --reference` against the server's database.
export function referenceRows(srv, { from, to, by = 'month', group = 'hospital', indicators = [] }) {
  const args = ['indicators', '--from', from, '--to', to, '--by', by, '--group', group, '--format', 'json', '--reference'];
  for (const i of indicators) args.push('--indicator', i);
  const r = srv.cli(args);
  assert.equal(r.status, 0, `yuanwu ${args.join(' ')}: ${r.stderr}${r.stdout.slice(0, 400)}`);
  return JSON.parse(r.stdout);
}

// The text of every part of a zip (XLSX) file, {name: text}, read with python3's zipfile, or
// with unzip when there is no python3.
export function zipParts(buffer) {
  const py = spawnSync(
    'python3',
    [
      '-c',
      'import io,json,sys,zipfile\n' +
        'z=zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read()))\n' +
        'print(json.dumps({n: z.read(n).decode("utf-8","replace") for n in z.namelist()}))',
    ],
    { input: buffer, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (py.status === 0) return JSON.parse(py.stdout);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'yw-zip-'));
  try {
    const file = path.join(tmp, 'f.zip');
    fs.writeFileSync(file, buffer);
    const list = spawnSync('unzip', ['-Z1', file], { encoding: 'utf8' });
    assert.equal(list.status, 0, `neither python3 nor unzip can read the zip: ${py.stderr} ${list.stderr}`);
    const out = {};
    for (const n of list.stdout.split('\n').filter(Boolean)) {
      out[n] = spawnSync('unzip', ['-p', file, n], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).stdout;
    }
    return out;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

// Audit entries whose action starts with `prefix` (admin holds audit.read).
export async function auditEntries(api, admin, prefix) {
  const r = await api.get(`/api/v1/audit?action=${encodeURIComponent(prefix)}&page_size=100`, admin);
  assert.equal(r.status, 200, show(r));
  return r.json.items;
}
