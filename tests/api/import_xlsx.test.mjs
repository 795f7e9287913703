// Imports of real XLSX files, end to end: the committed fixtures in tests/fixtures/ (made by
// tools/gen_xlsx_fixtures.py) go through multipart upload, ParseXlsx and the importers.
//   staff_ok.xlsx     → 3 staff accounts; the ones with an initial password can sign in.
//   staff_bad.xlsx    → 400 naming sheet row 4 and its column; nothing is imported.
//   prices_drug.xlsx  → replaces the drug price list; the portal's /prices?kind=drug shows it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Client, ROOT, show, startServer } from '../lib/server.mjs';

const CHINESE = /[\u4e00-\u9fff]/;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let srv;
let api;
let admin;

before(async () => {
  srv = await startServer();
  api = new Client(srv.base);
  admin = await api.login('admin');
});

after(async () => {
  if (srv) await srv.stop();
});

function fixture(name, filename = name) {
  return { filename, data: fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', name)), type: XLSX_TYPE };
}

const importUsers = (file) => api.request('POST', '/api/v1/users/import', { session: admin, multipart: { file } });
const importPrices = (file, kind) =>
  api.request('POST', `/api/v1/prices/import?kind=${kind}`, { session: admin, multipart: { file } });

async function users(q) {
  const r = await api.get(`/api/v1/users?q=${encodeURIComponent(q)}&page_size=100`, admin);
  assert.equal(r.status, 200, show(r));
  return r.json;
}

async function priceTotal(kind, q = '') {
  const r = await api.get(`/api/v1/prices?kind=${kind}&page_size=1${q ? '&q=' + encodeURIComponent(q) : ''}`, admin);
  assert.equal(r.status, 200, show(r));
  return r.json.total;
}

describe('staff import from XLSX', () => {
  test('staff_ok.xlsx imports every row, with departments, roles and scopes from the sheet', async () => {
    const r = await importUsers(fixture('staff_ok.xlsx'));
    assert.equal(r.status, 200, show(r));
    assert.deepEqual(r.json, { imported: 3 });

    const depts = (await api.get('/api/v1/departments', admin)).json.items;
    const deptId = (code) => depts.find((d) => d.code === code).id;
    const list = await users('xlsx00');
    assert.equal(list.total, 3, JSON.stringify(list));
    const byName = Object.fromEntries(list.items.map((u) => [u.username, u]));
    assert.equal(byName.xlsx001.name, '测试甲');
    assert.equal(byName.xlsx001.department_id, deptId('XNK'));
    assert.deepEqual(byName.xlsx001.roles, ['staff']);
    assert.equal(byName.xlsx001.scope, 'self');
    assert.equal(byName.xlsx002.department_id, deptId('YB'));
    assert.deepEqual(byName.xlsx002.roles, ['staff'], 'the role name 职工 became its code');
    assert.equal(byName.xlsx002.scope, 'dept');
    assert.equal(byName.xlsx003.department_id, deptId('HXK'));
    assert.deepEqual([...byName.xlsx003.roles].sort(), ['reviewer', 'staff']);
    assert.equal(byName.xlsx003.scope, 'dept_tree');

    // The phone was a number cell; the missing 手机 cell (sheet row 3) is an empty phone.
    const u1 = await api.get(`/api/v1/users/${byName.xlsx001.id}`, admin);
    assert.equal(u1.json.phone, '13800003001', show(u1));
    const u2 = await api.get(`/api/v1/users/${byName.xlsx002.id}`, admin);
    assert.equal(u2.json.phone, '', show(u2));
  });

  test('an imported user signs in with the initial password from the sheet', async () => {
    const s = await api.login('xlsx001', 'Xlsx2026pass');
    assert.equal(s.user.username, 'xlsx001');
    const me = await api.get('/api/v1/session', s);
    assert.equal(me.status, 200, show(me));
    const s2 = await api.tryLogin('xlsx002', 'Welcome2026ab');
    assert.equal(s2.status, 200, show(s2));
    // No 初始密码 in the sheet: the account exists but cannot sign in yet.
    const s3 = await api.tryLogin('xlsx003', 'Xlsx2026pass');
    assert.equal(s3.status, 401, show(s3));
  });

  test('importing staff_ok.xlsx again refuses every row as already existing', async () => {
    const r = await importUsers(fixture('staff_ok.xlsx'));
    assert.equal(r.status, 400, show(r));
    assert.deepEqual(r.json.fields.map((f) => f.field).sort(), ['row 2 / 工号', 'row 3 / 工号', 'row 5 / 工号']);
    assert.equal((await users('xlsx00')).total, 3);
  });

  test('staff_bad.xlsx: one bad row → 400 naming the sheet row and column, nothing imported', async () => {
    const before = (await users('')).total;
    const r = await importUsers(fixture('staff_bad.xlsx'));
    assert.equal(r.status, 400, show(r));
    assert.equal(r.json.code, 'invalid_argument', show(r));
    assert.match(r.json.message, CHINESE);
    assert.ok(r.json.message_en);
    assert.deepEqual(r.json.fields.map((f) => f.field), ['row 4 / 科室编码'], show(r));
    const [f] = r.json.fields;
    assert.match(f.reason, /第4行/);
    assert.match(f.reason, /科室编码/);
    assert.match(f.reason, /NOPE/);
    assert.match(f.reason_en, /^row 4 科室编码: unknown department code NOPE$/);
    assert.equal((await users('xlsxbad')).total, 0, 'the good rows were not imported either');
    assert.equal((await users('')).total, before);
  });

  test('the same workbook named .xls or .txt is refused before it is read', async () => {
    for (const name of ['staff_ok.xls', 'staff_ok.txt']) {
      const r = await importUsers(fixture('staff_bad.xlsx', name));
      assert.equal(r.status, 400, `${name}: ${show(r)}`);
      assert.deepEqual(r.json.fields.map((f) => f.field), ['file']);
      assert.match(r.json.message, /CSV/);
      assert.match(r.json.message, /XLSX/);
      assert.equal(r.json.message_en, 'only CSV or XLSX files are supported');
    }
  });
});

describe('price import from XLSX', () => {
  test('prices_drug.xlsx replaces the drug list and leaves the service list alone', async () => {
    const services = await priceTotal('service');
    const drugsBefore = await priceTotal('drug');
    assert.ok(drugsBefore > 4, 'the demo drug list is loaded');
    assert.equal(await priceTotal('drug', 'YP100001'), 1, 'a demo drug is there before');

    const r = await importPrices(fixture('prices_drug.xlsx'), 'drug');
    assert.equal(r.status, 200, show(r));
    assert.deepEqual(r.json, { imported: 4 });

    const list = await api.get('/api/v1/prices?kind=drug&page_size=100', admin);
    assert.equal(list.json.total, 4);
    const byCode = Object.fromEntries(list.json.items.map((p) => [p.code, p]));
    assert.deepEqual(Object.keys(byCode).sort(), ['XY900001', 'XY900002', 'XY900003', 'XY900004']);
    assert.equal(byCode.XY900001.name, '测试阿司匹林肠溶片（XLSX）');
    assert.equal(byCode.XY900001.spec, '100mg×30片');
    assert.equal(byCode.XY900001.unit, '盒');
    assert.equal(byCode.XY900001.price_fen, 1250, 'the number cell 12.5');
    assert.equal(byCode.XY900001.manufacturer, '演示制药有限公司（演示）');
    assert.equal(byCode.XY900001.effective_from, '2027-01-01');
    assert.equal(byCode.XY900002.price_fen, 300, 'the number cell 3');
    assert.equal(byCode.XY900003.price_fen, 86, 'the number cell 0.86');
    assert.equal(byCode.XY900003.manufacturer, '', 'the missing cell');
    assert.equal(byCode.XY900004.price_fen, 1875);
    assert.equal(byCode.XY900004.effective_from, '2027-02-15');

    assert.equal(await priceTotal('drug', 'YP100001'), 0, 'the old drug list is gone');
    assert.equal(await priceTotal('service'), services, 'the service list is untouched');
  });

  test('the portal shows a drug from the workbook', async () => {
    const r = await api.get('/prices?kind=drug');
    assert.equal(r.status, 200, show(r));
    assert.match(r.text, /测试阿司匹林肠溶片（XLSX）/);
    assert.match(r.text, /XY900001/);
    assert.match(r.text, /12\.50/);
    assert.match(r.text, /100mg×30片 \/ 盒/);
    assert.doesNotMatch(r.text, /YP100001/, 'no demo drug is left on the page');
    const q = await api.get('/prices?kind=drug&q=' + encodeURIComponent('布洛芬'));
    assert.equal(q.status, 200);
    assert.match(q.text, /测试布洛芬缓释胶囊（XLSX）/);
    assert.match(q.text, /18\.75/);
    assert.doesNotMatch(q.text, /测试阿司匹林肠溶片/);
  });

  test('the extension is matched in any case', async () => {
    const r = await importPrices(fixture('prices_drug.xlsx', 'PRICES_DRUG.XLSX'), 'drug');
    assert.equal(r.status, 200, show(r));
    assert.deepEqual(r.json, { imported: 4 });
    assert.equal(await priceTotal('drug'), 4);
  });
});
