// The department code table import (科室代码表): POST /api/v1/departments/import and
// `yuanwu departments import`. A dry run previews and writes nothing; an import is all rows or
// none, upserts by code, is audited, and a second run of the same file changes nothing; bad
// files get a 400 naming the line and column; only org.manage may import.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Client, show, startServer, uniq } from '../lib/server.mjs';

let srv;
let api;
const s = {};

before(async () => {
  srv = await startServer();
  api = new Client(srv.base);
  for (const u of ['admin', 'office', 'auditor']) s[u] = await api.login(u);
});

after(async () => {
  if (srv) await srv.stop();
});

const HEADER = '科室代码,科室名称,院区代码,上级科室代码,科室类别,是否对外公开,排序';
const csv = (lines, header = HEADER) => `\uFEFF${[header, ...lines].join('\r\n')}\r\n`;
const upload = (text, { dryRun = false, session = s.admin, filename = '科室代码表.csv' } = {}) =>
  api.request('POST', `/api/v1/departments/import${dryRun ? '?dry_run=1' : ''}`, {
    session, multipart: { file: { filename, data: Buffer.from(text, 'utf8'), type: 'text/csv' } },
  });

async function departments() {
  const r = await api.get('/api/v1/departments', s.admin);
  assert.equal(r.status, 200, show(r));
  return r.json.items;
}

async function importEntries() {
  const r = await api.get('/api/v1/audit?entity=department&action=org.department.import&page_size=200', s.auditor);
  assert.equal(r.status, 200, show(r));
  return r.json.items.filter((e) => e.action === 'org.department.import');
}

async function auditTotal() {
  const r = await api.get('/api/v1/audit?page_size=1', s.auditor);
  assert.equal(r.status, 200, show(r));
  return r.json.total;
}

describe('department code table import', () => {
  const t = uniq(4).toUpperCase();
  // The child comes before its parent; the second campus is given by its name.
  const file = csv([
    `C${t}1,心血管内科${t},HQ,P${t},临床,1,2`,
    `P${t},大内科${t},HQ,,clinical,是,1`,
    `M${t},影像中心${t},东院区,,医技,否,5`,
    `YWB,医务部,HQ,,行政,0,3`, // an existing demo department: updated, not duplicated
  ]);

  test('a dry run previews new and changed rows and writes nothing', async () => {
    const before = await departments();
    const audits = await auditTotal();
    const ywb = before.find((d) => d.code === 'YWB');
    assert.ok(ywb, 'demo department YWB');
    const r = await upload(file, { dryRun: true });
    assert.equal(r.status, 200, show(r));
    assert.equal(r.json.dry_run, true);
    assert.equal(r.json.valid, true);
    assert.deepEqual(r.json.errors, []);
    assert.equal(r.json.created, 3);
    assert.equal(r.json.updated + r.json.unchanged, 1);
    const child = r.json.rows.find((x) => x.code === `C${t}1`);
    assert.equal(child.action, 'create');
    assert.equal(child.parent_code, `P${t}`);
    assert.equal(child.line, 2, 'the header is line 1');
    assert.equal(r.json.rows.find((x) => x.code === `M${t}`).campus_code, 'EAST');
    const after = await departments();
    assert.equal(after.length, before.length, 'nothing created');
    assert.deepEqual(after.find((d) => d.code === 'YWB'), ywb, 'nothing changed');
    assert.equal(await auditTotal(), audits, 'nothing audited');
  });

  test('the import upserts by code, links forward parents and is audited', async () => {
    const before = await departments();
    const r = await upload(file);
    assert.equal(r.status, 200, show(r));
    assert.equal(r.json.dry_run, false);
    assert.equal(r.json.created, 3);
    const after = await departments();
    assert.equal(after.length, before.length + 3);
    const byCode = (c) => after.find((d) => d.code === c);
    assert.equal(byCode(`C${t}1`).parent_id, byCode(`P${t}`).id);
    const campuses = (await api.get('/api/v1/campuses', s.admin)).json.items;
    assert.equal(byCode(`M${t}`).campus_id, campuses.find((c) => c.code === 'EAST').id, 'campus by name');
    assert.equal(byCode(`M${t}`).kind, 'medtech');
    assert.equal(byCode(`M${t}`).public, false);
    assert.equal(byCode('YWB').kind, 'admin');
    assert.equal(byCode('YWB').sort, 3);
    const oldYwb = before.find((d) => d.code === 'YWB');
    assert.equal(byCode('YWB').phone, oldYwb.phone, 'columns not in the file are kept');
    assert.equal(byCode('YWB').intro, oldYwb.intro);

    const entries = await importEntries();
    assert.ok(entries.length >= 1, 'an org.department.import entry');
    assert.equal(entries[0].after.created, 3);
    assert.equal(entries[0].after.file, '科室代码表.csv');
    assert.ok(entries[0].actor_name);
    const created = await api.get(`/api/v1/audit?entity=department&action=org.department.create&page_size=200`, s.auditor);
    assert.ok(created.json.items.some((e) => e.entity_id === String(byCode(`C${t}1`).id)), 'per-department entry');
  });

  test('the same file again changes nothing', async () => {
    const before = await departments();
    const r = await upload(file);
    assert.equal(r.status, 200, show(r));
    assert.equal(r.json.created, 0);
    assert.equal(r.json.updated, 0);
    assert.equal(r.json.unchanged, 4);
    assert.deepEqual(r.json.rows, []);
    assert.deepEqual(await departments(), before);
  });

  test('row problems: 400 naming line, column and value, and nothing written', async () => {
    const before = await departments();
    const audits = await auditTotal();
    const bad = csv([
      `G${t},好科室,HQ,,,,`,
      `X${t},坏院区,NOWHERE,,,,`,
      `Y${t},,HQ,,,,`,
      `Z${t},自己的上级,HQ,Z${t},,,`,
      `A${t},环甲,HQ,B${t},,,`,
      `B${t},环乙,HQ,A${t},,,`,
      `G${t},重复,HQ,,,,`,
      `K${t},类别,HQ,,厨房,,`,
      `U${t},无上级,HQ,NOPE${t},,,`,
    ]);
    const r = await upload(bad);
    assert.equal(r.status, 400, show(r));
    assert.equal(r.json.code, 'invalid_argument');
    const fields = r.json.fields.map((f) => f.field);
    for (const f of ['row 3 / 院区代码', 'row 4 / 科室名称', 'row 5 / 上级科室代码', 'row 6 / 上级科室代码',
      'row 7 / 上级科室代码', 'row 8 / 科室代码', 'row 9 / 科室类别', 'row 10 / 上级科室代码']) {
      assert.ok(fields.includes(f), `${f} in ${fields}`);
    }
    for (const f of r.json.fields) {
      assert.match(f.reason, /^第\d+行「/, 'Chinese reason names the row and column');
      assert.ok(f.reason_en, 'English reason');
    }
    const campus = r.json.errors.find((e) => e.line === 3);
    assert.deepEqual([campus.column, campus.value], ['院区代码', 'NOWHERE']);
    assert.match(campus.reason_en, /unknown campus/);
    assert.match(r.json.errors.find((e) => e.line === 8).reason_en, /duplicate department code/);
    assert.match(r.json.errors.find((e) => e.line === 6).reason_en, /parent cycle/);
    assert.equal((await departments()).length, before.length, 'not even the good row');
    assert.equal(await auditTotal(), audits);

    // The same file as a dry run: 200 with the problems beside the preview.
    const dry = await upload(bad, { dryRun: true });
    assert.equal(dry.status, 200, show(dry));
    assert.equal(dry.json.valid, false);
    assert.equal(dry.json.errors.length, r.json.errors.length);
  });

  test('file problems: missing column, duplicate column, empty, wrong type, bad dry_run', async () => {
    const missing = await upload(csv([`Q${t},甲`], '科室代码,科室名称'));
    assert.equal(missing.status, 400, show(missing));
    assert.deepEqual(missing.json.fields.map((f) => f.field), ['header / 院区代码']);
    const twice = await upload(csv([`Q${t},Q${t},甲,HQ`], '科室代码,KSDM,科室名称,院区代码'));
    assert.equal(twice.status, 400, show(twice));
    assert.equal(twice.json.fields[0].field, 'header / KSDM');
    const empty = await upload(csv([]));
    assert.equal(empty.status, 400, show(empty));
    assert.equal(empty.json.fields[0].field, 'file');
    const txt = await upload('hello', { filename: 'depts.txt' });
    assert.equal(txt.status, 400, show(txt));
    assert.equal(txt.json.fields[0].field, 'file');
    const notUtf8 = await api.request('POST', '/api/v1/departments/import', {
      session: s.admin,
      multipart: { file: { filename: 'gbk.csv', data: Buffer.from([0xbf, 0xc6, 0xca, 0xd2, 0x0a]), type: 'text/csv' } },
    });
    assert.equal(notUtf8.status, 400, show(notUtf8));
    const flag = await api.request('POST', '/api/v1/departments/import?dry_run=maybe', {
      session: s.admin, multipart: { file: { filename: 'a.csv', data: Buffer.from(file), type: 'text/csv' } },
    });
    assert.equal(flag.status, 400, show(flag));
    assert.equal(flag.json.fields[0].field, 'dry_run');
    const none = await api.request('POST', '/api/v1/departments/import', { session: s.admin, json: {} });
    assert.equal(none.status, 400, show(none));
  });

  test('HIS column names work', async () => {
    const r = await upload(csv([`H${t},病案室${t},HQ,YWB,行政职能`], 'KSDM,KSMC,YQDM,SJKSDM,KSLB'), { dryRun: true });
    assert.equal(r.status, 200, show(r));
    assert.equal(r.json.valid, true, JSON.stringify(r.json.errors));
    assert.equal(r.json.rows[0].parent_code, 'YWB');
    assert.equal(r.json.rows[0].kind, 'admin');
  });

  test('without org.manage: 403 and nothing written', async () => {
    const before = await departments();
    for (const who of ['office', 'auditor']) {
      const r = await upload(csv([`N${t},无权,HQ,,,,`]), { session: s[who] });
      assert.equal(r.status, 403, `${who}: ${show(r)}`);
      assert.equal(r.json.code, 'permission_denied');
    }
    const anon = await api.request('POST', '/api/v1/departments/import', {
      multipart: { file: { filename: 'a.csv', data: Buffer.from(csv([`N${t},无权,HQ,,,,`])), type: 'text/csv' } },
    });
    assert.equal(anon.status, 401, show(anon));
    assert.equal((await departments()).length, before.length);
  });
});

describe('yuanwu departments import', () => {
  test('--dry-run previews, a real run imports, a bad file exits 1 naming the row', () => {
    const t = uniq(4).toUpperCase();
    const dir = fs.mkdtempSync(path.join(srv.tmp, 'cli-'));
    const good = path.join(dir, 'depts.csv');
    fs.writeFileSync(good, csv([`L${t}1,检验一科,HQ,L${t},医技,1,1`, `L${t},检验科,HQ,,医技,1,1`]));
    const dry = srv.cli(['departments', 'import', good, '--dry-run']);
    assert.equal(dry.status, 0, dry.stderr);
    assert.match(dry.stdout, /dry run \(nothing written\): 2 created, 0 updated, 0 unchanged/);
    const real = srv.cli(['departments', 'import', good]);
    assert.equal(real.status, 0, real.stderr);
    assert.match(real.stdout, /imported: 2 created/);
    const again = srv.cli(['departments', 'import', good]);
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /0 created, 0 updated, 2 unchanged/);

    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, csv([`L${t}9,坏,NOWHERE,,,,`]));
    const failed = srv.cli(['departments', 'import', bad]);
    assert.equal(failed.status, 1);
    assert.match(failed.stderr, /第2行「院区代码」“NOWHERE”/);
    assert.match(failed.stderr, /nothing imported/);
  });
});
