// Organisation (campuses, departments, users) with data scopes and phone masking; the audit
// trail (before/after of every change, hash-chain verification, CSV export); the working-day
// calendar.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Client, ROOT, show, startServer, uniq } from '../lib/server.mjs';
import { catalogue, createItem } from '../lib/items.mjs';
import { addWorkingDays, loadCalendar } from '../lib/calendar.mjs';

let srv;
let api;
const s = {};
let depts;

before(async () => {
  srv = await startServer();
  api = new Client(srv.base);
  for (const u of ['admin', 'deptclerk', 'auditor']) s[u] = await api.login(u);
  depts = (await api.get('/api/v1/departments', s.admin)).json.items;
});

after(async () => {
  if (srv) await srv.stop();
});

const dept = (code) => {
  const d = depts.find((x) => x.code === code);
  assert.ok(d, `department ${code}`);
  return d;
};

// The newest audit entries for an entity (the list is newest first).
async function auditFor(entity, entityId) {
  const r = await api.get(`/api/v1/audit?entity=${entity}&page_size=200`, s.auditor);
  assert.equal(r.status, 200, show(r));
  return r.json.items.filter((e) => e.entity_id === String(entityId));
}

async function auditEntry(entity, entityId, action) {
  const list = await auditFor(entity, entityId);
  const e = list.find((x) => x.action === action);
  assert.ok(e, `audit ${action} on ${entity}/${entityId} in ${list.map((x) => x.action)}`);
  assert.ok(e.at && e.actor_name, JSON.stringify(e));
  return e;
}

describe('campuses', () => {
  test('create and update; both audited with before and after', async () => {
    const code = `C${uniq(4)}`;
    const c = await api.post('/api/v1/campuses', s.admin, { code, name: '南院区', address: '南路1号', phone: '13800000019', sort: 9 });
    assert.equal(c.status, 201, show(c));
    assert.equal(c.json.code, code);
    const u = await api.put(`/api/v1/campuses/${c.json.id}`, s.admin, { code, name: '南院区（新）', address: '南路2号', phone: '13800000019', sort: 9 });
    assert.equal(u.status, 200, show(u));
    assert.equal(u.json.name, '南院区（新）');
    const list = (await api.get('/api/v1/campuses', s.auditor)).json.items;
    assert.equal(list.find((x) => x.id === c.json.id).address, '南路2号');
    const created = await auditEntry('campus', c.json.id, 'org.campus.create');
    assert.deepEqual(created.before, {});
    assert.equal(created.after.name, '南院区');
    assert.equal(created.actor_name, s.admin.user.name);
    const updated = await auditEntry('campus', c.json.id, 'org.campus.update');
    assert.equal(updated.before.name, '南院区');
    assert.equal(updated.before.address, '南路1号');
    assert.equal(updated.after.name, '南院区（新）');
    assert.equal(updated.after.address, '南路2号');
    assert.equal((await api.put('/api/v1/campuses/999999', s.admin, { code: 'ZZ', name: '无' })).status, 404);
  });
});

describe('departments', () => {
  test('create a child department and rename it; audited', async () => {
    const ywb = dept('YWB');
    const code = `YWB${uniq(3)}`;
    const d = await api.post('/api/v1/departments', s.admin, {
      code, name: '医务部质控科', campus_id: ywb.campus_id, parent_id: ywb.id, kind: 'admin', public: false,
    });
    assert.equal(d.status, 201, show(d));
    assert.equal(d.json.parent_id, ywb.id);
    assert.equal(d.json.public, false);
    const u = await api.put(`/api/v1/departments/${d.json.id}`, s.admin, {
      code, name: '医疗质量控制科', campus_id: ywb.campus_id, parent_id: ywb.id, kind: 'admin', public: false,
    });
    assert.equal(u.status, 200, show(u));
    const e = await auditEntry('department', d.json.id, 'org.department.update');
    assert.equal(e.before.name, '医务部质控科');
    assert.equal(e.after.name, '医疗质量控制科');
    await auditEntry('department', d.json.id, 'org.department.create');
    depts = (await api.get('/api/v1/departments', s.admin)).json.items;
  });
});

describe('users', () => {
  test('phones are masked in lists and full in GET /users/{id}', async () => {
    const list = await api.get('/api/v1/users?q=nurse01', s.admin);
    assert.equal(list.status, 200, show(list));
    const nurse = list.json.items.find((u) => u.username === 'nurse01');
    assert.equal(nurse.phone, '138****2006');
    const all = await api.get('/api/v1/users?page_size=200', s.admin);
    assert.ok(all.json.total >= 62);
    for (const u of all.json.items) {
      assert.ok(!/\d{11}/.test(u.phone), `${u.username}: unmasked phone ${u.phone}`);
      assert.ok(!('password' in u) && !('password_hash' in u));
    }
    const one = await api.get(`/api/v1/users/${nurse.id}`, s.admin);
    assert.equal(one.status, 200);
    assert.equal(one.json.phone, '13800002006');
    const byDept = await api.get(`/api/v1/users?department_id=${dept('XNK').id}&page_size=200`, s.admin);
    assert.ok(byDept.json.items.length >= 1);
    assert.ok(byDept.json.items.every((u) => u.department_id === dept('XNK').id));
  });

  test('create, update, sign in; every change audited without the password', async () => {
    const username = `u${uniq()}`;
    const password = 'Create2026user';
    const c = await api.post('/api/v1/users', s.admin, {
      username, name: '新职工', phone: '13800002999', department_id: dept('XNK').id, roles: ['staff'], scope: 'self', password,
    });
    assert.equal(c.status, 201, show(c));
    assert.equal(c.json.phone, '13800002999');
    assert.deepEqual(c.json.roles, ['staff']);
    const u = await api.put(`/api/v1/users/${c.json.id}`, s.admin, {
      username, name: '新职工改名', phone: '13800002998', department_id: dept('XNK').id, roles: ['staff', 'auditor'], scope: 'dept',
    });
    assert.equal(u.status, 200, show(u));
    assert.deepEqual([...u.json.roles].sort(), ['auditor', 'staff']);
    const list = await api.get(`/api/v1/users?q=${username}`, s.admin);
    assert.equal(list.json.items[0].phone, '138****2998');
    const created = await auditEntry('app_user', c.json.id, 'org.user.create');
    const updated = await auditEntry('app_user', c.json.id, 'org.user.update');
    assert.equal(updated.before.name, '新职工');
    assert.equal(updated.after.name, '新职工改名');
    assert.equal(updated.before.scope, 'self');
    assert.equal(updated.after.scope, 'dept');
    const text = JSON.stringify([created, updated]);
    assert.ok(!text.includes(password), 'the password is not in the audit trail');
    assert.ok(!/argon2|\$2[aby]\$/.test(text), 'no password hash in the audit trail');
    const signIn = await api.tryLogin(username, password);
    assert.equal(signIn.status, 200, show(signIn));
    assert.deepEqual(new Set(signIn.json.user.permissions).has('audit.read'), true);
  });

  test('a role listed twice is one role', async () => {
    const c = await api.post('/api/v1/users', s.admin, {
      username: `r${uniq()}`, name: '重复角色', department_id: dept('XNK').id, roles: ['staff', 'staff'], scope: 'self', password: 'Roles2026twice',
    });
    assert.equal(c.status, 201, show(c));
    assert.deepEqual(c.json.roles, ['staff']);
  });

  test('staff import adds every row and is audited', async () => {
    const t = uniq(4);
    const csv = `\uFEFF工号,姓名,科室编码,手机,角色,数据范围\r\nimp${t}1,导入一,XNK,13800002801,staff,本人\r\nimp${t}2,导入二,YWB,,职工|审计员,本科室\r\n`;
    const r = await api.request('POST', '/api/v1/users/import', {
      session: s.admin, multipart: { file: { filename: 'staff.csv', data: Buffer.from(csv), type: 'text/csv' } },
    });
    assert.equal(r.status, 200, show(r));
    assert.equal(r.json.imported, 2);
    const list = await api.get(`/api/v1/users?q=imp${t}`, s.admin);
    assert.equal(list.json.total, 2);
    const two = list.json.items.find((u) => u.username === `imp${t}2`);
    assert.deepEqual([...two.roles].sort(), ['auditor', 'staff']);
    assert.equal(two.scope, 'dept');
  });
});

describe('data scope', () => {
  let child;
  let inTree;
  let outside;

  before(async () => {
    const ywb = dept('YWB');
    const c = await api.post('/api/v1/departments', s.admin, {
      code: `YWBC${uniq(3)}`, name: '医务部下属科', campus_id: ywb.campus_id, parent_id: ywb.id, kind: 'admin',
    });
    assert.equal(c.status, 201, show(c));
    child = c.json;
    depts = (await api.get('/api/v1/departments', s.admin)).json.items;
    const entries = await catalogue(api, s.admin);
    const entry = entries.find((e) => e.audience === 'society' && e.parent_id !== null);
    inTree = await createItem(api, s.admin, entry, { title: `下属科室事项${uniq()}`, department_id: child.id });
    outside = await createItem(api, s.admin, entry, { title: `院办事项${uniq()}`, department_id: dept('YB').id });
  });

  test('deptclerk (dept_tree of 医务部) lists only items of 医务部 and its children', async () => {
    const tree = new Set([dept('YWB').id]);
    for (let grew = true; grew;) {
      grew = false;
      for (const d of depts) {
        if (d.parent_id !== null && tree.has(d.parent_id) && !tree.has(d.id)) { tree.add(d.id); grew = true; }
      }
    }
    assert.ok(tree.has(child.id));
    const r = await api.get('/api/v1/disclosure/items?page_size=200', s.deptclerk);
    assert.equal(r.status, 200, show(r));
    assert.ok(r.json.items.length >= 2, 'the demo has 医务部 items');
    for (const it of r.json.items) {
      assert.ok(tree.has(it.department_id) || it.created_by_name === s.deptclerk.user.name,
        `${it.title} (${it.department_name}) is outside the scope`);
    }
    assert.equal(r.json.total, r.json.items.length);
    assert.ok(r.json.items.some((it) => it.id === inTree.id), 'the child department item is visible');
    assert.ok(!r.json.items.some((it) => it.id === outside.id));
    const all = await api.get('/api/v1/disclosure/items?page_size=200', s.admin);
    const expected = all.json.items.filter((it) => tree.has(it.department_id)).length;
    assert.equal(r.json.total, expected, 'every in-scope item is listed');
    const filtered = await api.get(`/api/v1/disclosure/items?department_id=${dept('YB').id}`, s.deptclerk);
    assert.equal(filtered.json.total, 0);
  });

  test('an item of another department is 404 for deptclerk, by id and by every action', async () => {
    const base = `/api/v1/disclosure/items/${outside.id}`;
    for (const [m, p] of [['GET', base], ['GET', `${base}/history`]]) {
      const r = await api.request(m, p, { session: s.deptclerk });
      assert.equal(r.status, 404, `${m} ${p}: ${show(r)}`);
      assert.ok(!r.text.includes(outside.title));
    }
    for (const action of ['submit', 'revise', 'archive']) {
      const r = await api.post(`${base}/${action}`, s.deptclerk, {});
      assert.equal(r.status, 404, `${action}: ${show(r)}`);
    }
    const put = await api.put(base, s.deptclerk, { catalogue_id: outside.catalogue_id, title: 'x', body: 'x', audience: 'society', channels: outside.channels, formed_on: outside.formed_on });
    assert.equal(put.status, 404, show(put));
    const ok = await api.get(`/api/v1/disclosure/items/${inTree.id}`, s.deptclerk);
    assert.equal(ok.status, 200);
    const overdue = await api.get('/api/v1/disclosure/overdue', s.deptclerk);
    for (const it of overdue.json.items) assert.notEqual(it.department_id, dept('YB').id);
  });

  test('deptclerk cannot draft for a department outside the scope', async () => {
    const entries = await catalogue(api, s.deptclerk);
    const entry = entries.find((e) => e.audience === 'society' && e.parent_id !== null);
    const r = await api.post('/api/v1/disclosure/items', s.deptclerk, {
      catalogue_id: entry.id, title: '越权起草', body: '正文', audience: 'society', channels: [entry.channels[0]], department_id: dept('YB').id,
    });
    assert.equal(r.status, 400, show(r));
    assert.equal(r.json.fields[0].field, 'department_id');
    const own = await api.post('/api/v1/disclosure/items', s.deptclerk, {
      catalogue_id: entry.id, title: '本科室起草', body: '正文', audience: 'society', channels: [entry.channels[0]],
    });
    assert.equal(own.status, 201, show(own));
    assert.equal(own.json.department_id, dept('YWB').id);
  });
});

describe('audit trail', () => {
  test('item changes are audited with before and after states', async () => {
    const items = (await api.get('/api/v1/disclosure/items?state=draft&page_size=1', s.admin)).json.items;
    const it = items[0];
    const sub = await api.post(`/api/v1/disclosure/items/${it.id}/submit`, s.admin, {});
    assert.equal(sub.status, 200, show(sub));
    const e = await auditEntry('disclosure_item', it.id, 'disclosure.item.submit');
    assert.equal(e.before.state, 'draft');
    assert.equal(e.after.state, 'pending_review');
    assert.equal(e.ip, '127.0.0.1');
  });

  test('catalogue, role, price import and hospital settings changes are audited', async () => {
    const code = `T${uniq(4)}`;
    const c = await api.post('/api/v1/disclosure/catalogue', s.admin, { code, name: '测试目录', audience: 'society', channels: ['website'] });
    assert.equal(c.status, 201, show(c));
    const u = await api.put(`/api/v1/disclosure/catalogue/${c.json.id}`, s.admin, { ...c.json, name: '测试目录（改）', time_limit_days: 10 });
    assert.equal(u.status, 200, show(u));
    const ce = await auditEntry('disclosure_catalogue', c.json.id, 'disclosure.catalogue.update');
    assert.equal(ce.before.name, '测试目录');
    assert.equal(ce.after.name, '测试目录（改）');
    assert.equal(ce.before.time_limit_days, 20);
    assert.equal(ce.after.time_limit_days, 10);

    const roles = (await api.get('/api/v1/roles', s.admin)).json.items;
    const staff = roles.find((r) => r.code === 'staff');
    const r1 = await api.put('/api/v1/roles/staff', s.admin, { name: '职工（测试）', permissions: [...staff.permissions, 'org.read'] });
    assert.equal(r1.status, 200, show(r1));
    const re = await auditEntry('role', 'staff', 'org.role.update');
    assert.equal(re.before.name, '职工');
    assert.deepEqual(re.after.permissions.sort(), [...staff.permissions, 'org.read'].sort());
    const r2 = await api.put('/api/v1/roles/staff', s.admin, { name: staff.name, permissions: staff.permissions });
    assert.equal(r2.status, 200, show(r2));
    const adminRole = await api.put('/api/v1/roles/admin', s.admin, { name: '管理员', permissions: [] });
    assert.equal(adminRole.status, 409, show(adminRole));

    const drugs = (await api.get('/api/v1/prices?kind=drug&page_size=1', s.admin)).json.total;
    const csv = '药品编码,药品名称,规格,单位,价格(元),生产企业,生效日期\r\nYPT1,测试药,"10g（20%,50ml）",瓶,12.5,测试厂（演示）,2027-01-01\r\n';
    const imp = await api.request('POST', '/api/v1/prices/import?kind=drug', {
      session: s.admin, multipart: { file: { filename: 'drugs.csv', data: Buffer.from(csv), type: 'text/csv' } },
    });
    assert.equal(imp.status, 200, show(imp));
    assert.equal(imp.json.imported, 1);
    const list = (await api.get('/api/v1/prices?kind=drug', s.admin)).json;
    assert.equal(list.total, 1, 'the import replaced the drug list');
    assert.equal(list.items[0].price_fen, 1250);
    assert.equal(list.items[0].spec, '10g（20%,50ml）');
    const pe = await auditEntry('price_item', 'drug', 'disclosure.price.import');
    assert.deepEqual(pe.before, { rows: drugs });
    assert.deepEqual(pe.after, { rows: 1 });

    const hosp = (await api.get('/api/v1/settings/hospital', s.admin)).json;
    const h = await api.put('/api/v1/settings/hospital', s.admin, { ...hosp, phone: '13800000099' });
    assert.equal(h.status, 200, show(h));
    const he = await auditEntry('setting', 'hospital', 'settings.hospital');
    assert.equal(he.before.phone, hosp.phone);
    assert.equal(he.after.phone, '13800000099');
    const page = await api.request('GET', '/hospital');
    assert.ok(page.text.includes('13800000099'), 'the portal shows the new phone');
  });

  test('calendar changes are audited', async () => {
    const r = await api.put('/api/v1/calendar/2026-12-31', s.admin, { kind: 'holiday', name: '测试假日', notice: '测试' });
    assert.equal(r.status, 200, show(r));
    const e = await auditEntry('calendar_day', '2026-12-31', 'calendar.set');
    assert.equal(e.after.kind, 'holiday');
    assert.equal(e.after.name, '测试假日');
    assert.equal((await api.del('/api/v1/calendar/2026-12-31', s.admin)).status, 204);
    await auditEntry('calendar_day', '2026-12-31', 'calendar.delete');
  });

  test('filters: actor, action, entity, from/to; bad dates are 400', async () => {
    const byAction = await api.get('/api/v1/audit?action=org.campus.create', s.auditor);
    assert.ok(byAction.json.items.length >= 1);
    assert.ok(byAction.json.items.every((e) => e.action === 'org.campus.create'));
    const today = new Date().toISOString().slice(0, 10);
    const range = await api.get(`/api/v1/audit?from=${today}&to=${today}&page_size=5`, s.auditor);
    assert.equal(range.status, 200);
    assert.ok(range.json.total >= 1);
    const none = await api.get('/api/v1/audit?to=2000-01-01', s.auditor);
    assert.equal(none.json.total, 0);
    const bad = await api.get('/api/v1/audit?from=2026-02-30', s.auditor);
    assert.equal(bad.status, 400, show(bad));
    assert.equal(bad.json.fields[0].field, 'from');
    const paged = await api.get('/api/v1/audit?page_size=1000', s.auditor);
    assert.equal(paged.status, 400);
  });

  test('/audit/verify reports an intact chain', async () => {
    const r = await api.get('/api/v1/audit/verify', s.auditor);
    assert.equal(r.status, 200, show(r));
    assert.equal(r.json.ok, true);
    assert.equal(r.json.broken_at, null);
    const total = (await api.get('/api/v1/audit?page_size=1', s.auditor)).json.total;
    assert.ok(r.json.checked >= total - 1 && r.json.checked > 100, `checked ${r.json.checked} of ${total}`);
    const cli = srv.cli(['audit', 'verify']);
    assert.equal(cli.status, 0, cli.stdout + cli.stderr);
  });

  test('the CSV export has a BOM, a header and one row per entry, and is itself audited', async () => {
    const total = (await api.get('/api/v1/audit?page_size=1', s.auditor)).json.total;
    const r = await api.get('/api/v1/audit/export', s.auditor);
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type'), /^text\/csv/);
    assert.match(r.headers.get('content-disposition') || '', /attachment/);
    assert.deepEqual([...r.buffer.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
    const text = r.buffer.subarray(3).toString('utf8');
    const firstLine = text.split('\r\n')[0];
    assert.equal(firstLine, '序号,时间,操作人,IP,操作,对象,对象编号,变更前,变更后,哈希');
    const rows = text.split('\r\n').filter((l) => /^\d+,/.test(l));
    assert.ok(rows.length >= total, `${rows.length} rows for ${total} entries`);
    const after = await api.get('/api/v1/audit?action=audit.export', s.auditor);
    assert.ok(after.json.items.some((e) => e.actor_name === s.auditor.user.name));
    const filtered = await api.get('/api/v1/audit/export?action=org.campus.create', s.auditor);
    const frows = filtered.buffer.subarray(3).toString('utf8').split('\r\n').filter((l) => /^\d+,/.test(l));
    assert.ok(frows.length >= 1 && frows.every((l) => l.includes('"org.campus.create"')));
  });
});

describe('working-day calendar', () => {
  const cal = loadCalendar();
  const add = async (from, days) => {
    const r = await api.get(`/api/v1/calendar/add-working-days?from=${from}&days=${days}`, s.auditor);
    assert.equal(r.status, 200, show(r));
    return r.json.date;
  };

  test('the first working day after the 2026 National Day holiday', async () => {
    const expected = addWorkingDays(cal, '2026-09-30', 1);
    assert.equal(expected, '2026-10-08');  // 10-01..10-07 off
    assert.equal(await add('2026-09-30', 1), expected);
  });

  test('the server agrees with tests/calendar/add_working_days.csv and the shipped calendar', async () => {
    const file = path.join(ROOT, 'tests', 'calendar', 'add_working_days.csv');
    const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/).slice(1).filter((l) => /^\d{4}-/.test(l));
    assert.ok(lines.length > 10);
    for (const line of lines) {
      const [start, days, expected] = line.split(',');
      assert.equal(await add(start, days), expected, line);
      assert.equal(addWorkingDays(cal, start, Number(days)), expected, `test calendar: ${line}`);
    }
  });

  test('PUT a new holiday changes the answer; DELETE restores it', async () => {
    const r = await api.put('/api/v1/calendar/2026-10-08', s.admin, { kind: 'holiday', name: '临时放假', notice: '测试通知' });
    assert.equal(r.status, 200, show(r));
    const shifted = addWorkingDays(new Map([...cal, ['2026-10-08', 'holiday']]), '2026-09-30', 1);
    assert.equal(shifted, '2026-10-09');
    assert.equal(await add('2026-09-30', 1), shifted);
    const listed = (await api.get('/api/v1/calendar?year=2026', s.auditor)).json.items.find((d) => d.date === '2026-10-08');
    assert.deepEqual(listed, { date: '2026-10-08', kind: 'holiday', name: '临时放假', notice: '测试通知' });
    const d = await api.del('/api/v1/calendar/2026-10-08', s.admin);
    assert.equal(d.status, 204, show(d));
    assert.equal(await add('2026-09-30', 1), '2026-10-08');
    assert.equal((await api.del('/api/v1/calendar/2026-10-08', s.admin)).status, 404);
  });

  test('a 调休 workday on a weekend counts; removing a shipped holiday counts too', async () => {
    // 2026-10-10 (Saturday) is a shipped 调休 working day.
    assert.equal(await add('2026-10-09', 1), '2026-10-10');
    const w = await api.put('/api/v1/calendar/2026-11-28', s.admin, { kind: 'workday', name: '测试调休' });
    assert.equal(w.status, 200, show(w));
    assert.equal(await add('2026-11-27', 1), '2026-11-28');
    assert.equal((await api.del('/api/v1/calendar/2026-11-28', s.admin)).status, 204);
    assert.equal(await add('2026-11-27', 1), '2026-11-30');
  });

  test('bad parameters are 400 naming the field', async () => {
    let r = await api.get('/api/v1/calendar/add-working-days?from=2026-02-30&days=1', s.auditor);
    assert.equal(r.status, 400);
    assert.equal(r.json.fields[0].field, 'from');
    r = await api.get('/api/v1/calendar/add-working-days?from=2026-09-30&days=-1', s.auditor);
    assert.equal(r.status, 400);
    assert.equal(r.json.fields[0].field, 'days');
    r = await api.get('/api/v1/calendar/add-working-days?from=2026-09-30&days=abc', s.auditor);
    assert.equal(r.status, 400);
  });
});
