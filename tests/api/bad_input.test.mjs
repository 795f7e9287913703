// Bad input on every write endpoint: 400 with fields[] naming the bad field(s), each with a
// Chinese `reason` and an English `reason_en`, and nothing saved — neither the records (checked
// by listing) nor the audit trail (its total does not move). Plus body-size limits, malformed
// uploads and the sign-in lockout.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { Client, localToday, show, startServer, tinyPdf, uniq } from '../lib/server.mjs';
import { parseRoutes } from '../lib/roles.mjs';
import { catalogue, createItem, draftBody } from '../lib/items.mjs';

const CHINESE = /[\u4e00-\u9fff]/;

let srv;
let api;
let admin;
let entries;
let entry;       // a society catalogue entry
let draft;       // an existing draft item
let routes;
let ids = {};

before(async () => {
  srv = await startServer();
  api = new Client(srv.base);
  admin = await api.login('admin');
  routes = parseRoutes(srv.cli(['routes']).stdout);
  entries = await catalogue(api, admin);
  entry = entries.find((c) => c.audience === 'society' && c.parent_id !== null);
  draft = await createItem(api, admin, entry, { title: `原标题${uniq()}` });
  const campuses = (await api.get('/api/v1/campuses', admin)).json.items;
  const depts = (await api.get('/api/v1/departments', admin)).json.items;
  ids = {
    campus: campuses[0].id,
    dept: depts.find((d) => d.code === 'XNK').id,
    deptCode: 'XNK',
    otherDeptCode: 'YB',
    user: (await api.get('/api/v1/users?q=nurse01', admin)).json.items[0].id,
  };
});

after(async () => {
  if (srv) await srv.stop();
});

// Sends raw bytes and returns everything the server writes back until it closes.
function rawRequest(port, head) {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    let out = '';
    sock.setTimeout(10_000, () => { sock.destroy(); reject(new Error('raw request timed out: ' + out)); });
    sock.on('data', (b) => { out += b.toString('utf8'); });
    sock.on('error', (e) => (out ? resolve(out) : reject(e)));
    sock.on('close', () => resolve(out));
    sock.write(head);
  });
}

async function total(p) {
  const r = await api.get(p + (p.includes('?') ? '&' : '?') + 'page_size=1', admin);
  assert.equal(r.status, 200, `${p}: ${show(r)}`);
  return r.json.total ?? r.json.items.length;
}

// Everything a bad request might have changed.
async function snapshot() {
  const list = async (p) => (await api.get(p, admin)).json.items;
  return {
    audit: await total('/api/v1/audit'),
    items: await total('/api/v1/disclosure/items'),
    draft: JSON.stringify(await list(`/api/v1/disclosure/items?q=${encodeURIComponent(draft.title)}`)),
    catalogue: JSON.stringify(await list('/api/v1/disclosure/catalogue')),
    campuses: JSON.stringify(await list('/api/v1/campuses')),
    departments: JSON.stringify(await list('/api/v1/departments')),
    users: await total('/api/v1/users'),
    nurse: JSON.stringify((await api.get(`/api/v1/users/${ids.user}`, admin)).json),
    roles: JSON.stringify(await list('/api/v1/roles')),
    services: JSON.stringify(await list('/api/v1/prices?kind=service&page_size=200')),
    drugs: await total('/api/v1/prices?kind=drug'),
    calendar: JSON.stringify(await list('/api/v1/calendar?year=2026')),
    hospital: JSON.stringify((await api.get('/api/v1/settings/hospital', admin)).json),
  };
}

// Asserts a 400 problem naming exactly `fields` (or at least them, with `{subset: true}`).
function assertInvalid(r, fields, { subset = false, label = '' } = {}) {
  assert.equal(r.status, 400, `${label} ${show(r)}`);
  assert.equal(r.json?.code, 'invalid_argument', `${label} ${show(r)}`);
  assert.match(r.json.message, CHINESE, `${label} message`);
  assert.ok(r.json.message_en, `${label} message_en`);
  assert.ok(Array.isArray(r.json.fields) && r.json.fields.length > 0, `${label} fields[]: ${show(r)}`);
  for (const f of r.json.fields) {
    assert.ok(f.field, `${label} field name`);
    assert.match(f.reason, CHINESE, `${label} ${f.field}: reason in Chinese: ${f.reason}`);
    assert.ok(typeof f.reason_en === 'string' && f.reason_en.length > 0, `${label} ${f.field}: reason_en`);
  }
  const got = [...new Set(r.json.fields.map((f) => f.field))].sort();
  if (subset) {
    for (const f of fields) assert.ok(got.includes(f), `${label}: ${f} not in ${got}`);
  } else {
    assert.deepEqual(got, [...new Set(fields)].sort(), `${label}: ${show(r)}`);
  }
}

// Sends a bad request and checks the 400 and that nothing changed.
async function rejects(label, send, fields, opts = {}) {
  const before = await snapshot();
  const r = await send();
  assertInvalid(r, fields, { ...opts, label });
  const after = await snapshot();
  assert.deepEqual(after, before, `${label}: something was saved`);
  return r;
}

const postItem = (fields, drop = []) => () => {
  const body = { ...draftBody(entry), ...fields };
  for (const k of drop) delete body[k];
  return api.post('/api/v1/disclosure/items', admin, body);
};

describe('disclosure items', () => {
  const tomorrow = new Date(Date.now() + 8 * 3600_000 + 86_400_000).toISOString().slice(0, 10);

  test('missing or too long title', async () => {
    await rejects('no title', postItem({}, ['title']), ['title']);
    await rejects('blank title', postItem({ title: '   ' }), ['title']);
    await rejects('201-char title', postItem({ title: '长'.repeat(201) }), ['title']);
    await rejects('no body', postItem({}, ['body']), ['body']);
  });

  test('invalid audience and channel', async () => {
    await rejects('audience', postItem({ audience: 'everyone' }), ['audience']);
    await rejects('channel', postItem({ channels: ['website', 'tiktok'] }), ['channels']);
    await rejects('no channel', postItem({ channels: [] }), ['channels']);
  });

  test('bad dates', async () => {
    await rejects('formed_on in the future', postItem({ formed_on: tomorrow }), ['formed_on']);
    await rejects('2026-02-30', postItem({ formed_on: '2026-02-30' }), ['formed_on']);
    await rejects('formed_on text', postItem({ formed_on: '昨天' }), ['formed_on']);
    await rejects('expire before publish', postItem({
      publish_at: '2030-01-02T08:00:00Z', expire_at: '2030-01-01T08:00:00Z',
    }), ['expire_at']);
    await rejects('publish_at garbage', postItem({ publish_at: 'next tuesday 10am' }), ['publish_at']);
    await rejects('publish_at 2026-02-30', postItem({ publish_at: '2026-02-30 10:00' }), ['publish_at']);
    await rejects('expire in the past', postItem({ expire_at: '2020-01-01T00:00:00Z' }), ['expire_at']);
  });

  test('wrong types', async () => {
    await rejects('types', postItem({ title: 123, catalogue_id: 'A01', channels: 'website' }),
      ['title', 'catalogue_id', 'channels'], { subset: true });
    await rejects('channel entries', postItem({ channels: [1, 2] }), ['channels']);
    await rejects('department_id float', postItem({ department_id: 1.5 }), ['department_id']);
    await rejects('huge catalogue_id', postItem({ catalogue_id: 18446744073709551615 }), ['catalogue_id']);
  });

  test('unknown catalogue entry', async () => {
    await rejects('catalogue 999999', postItem({ catalogue_id: 999999 }), ['catalogue_id']);
    await rejects('no catalogue', postItem({}, ['catalogue_id']), ['catalogue_id']);
    await rejects('unknown department', postItem({ department_id: 999999 }), ['department_id']);
    await rejects('negative department', postItem({ department_id: -5 }), ['department_id']);
  });

  test('several bad fields are all named at once', async () => {
    await rejects('many', postItem({ title: '', audience: 'x', channels: ['y'], formed_on: '2026-13-01' }),
      ['title', 'audience', 'channels', 'formed_on']);
  });

  test('PUT on a draft with bad input leaves it unchanged', async () => {
    const put = (fields) => () => api.put(`/api/v1/disclosure/items/${draft.id}`, admin, { ...draftBody(entry), title: draft.title, ...fields });
    await rejects('PUT title', put({ title: '' }), ['title']);
    await rejects('PUT catalogue', put({ catalogue_id: 424242 }), ['catalogue_id']);
    await rejects('PUT date', put({ formed_on: '2026-02-29' }), ['formed_on']);
    await rejects('PUT department', put({ department_id: 999999 }), ['department_id']);
  });

  test('non-JSON, JSON array, JSON scalar and empty bodies', async () => {
    const raw = (body) => () => api.request('POST', '/api/v1/disclosure/items', {
      session: admin, body, headers: { 'Content-Type': 'application/json' },
    });
    await rejects('not JSON', raw('title=abc'), ['body']);
    await rejects('truncated JSON', raw('{"title": "abc"'), ['body']);
    await rejects('array', raw(JSON.stringify([draftBody(entry)])), ['body']);
    await rejects('string', raw('"hello"'), ['body']);
    await rejects('null', raw('null'), ['body']);
    await rejects('empty', raw(''), ['body']);
    await rejects('invalid UTF-8', () => api.request('POST', '/api/v1/disclosure/items', {
      session: admin, body: Buffer.concat([Buffer.from('{"title":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]),
      headers: { 'Content-Type': 'application/json' },
    }), ['body'], { subset: false });
  });

  test('review and approve with bad bodies', async () => {
    const it = await createItem(api, admin, entry, { title: `审查输入${uniq()}` });
    assert.equal((await api.post(`/api/v1/disclosure/items/${it.id}/submit`, admin, {})).status, 200);
    const reviewer = await api.login('reviewer');
    await rejects('result missing', () => api.post(`/api/v1/disclosure/items/${it.id}/review`, reviewer, {}), ['result']);
    await rejects('result type', () => api.post(`/api/v1/disclosure/items/${it.id}/review`, reviewer, { result: true }), ['result']);
    await rejects('partial without basis', () => api.post(`/api/v1/disclosure/items/${it.id}/review`, reviewer, { result: 'partial' }), ['basis']);
  });
});

describe('every JSON write endpoint', () => {
  // Routes whose handler reads no body, and multipart uploads (covered below).
  const NO_BODY = /\/(submit|revise|archive|unlock|read|read-all|complete)$|^DELETE |\/attachments$|\/imports?$|\/webhook\/test$/;

  test('rejects a non-JSON body and a JSON array with 400 naming `body`, saving nothing', async () => {
    const writes = routes.filter((r) => r.method !== 'GET' && !NO_BODY.test(`${r.method} ${r.pattern}`) && !NO_BODY.test(r.pattern));
    assert.ok(writes.length >= 15, `${writes.length} JSON write routes`);
    for (const r of writes) {
      const p = r.pattern
        .replace('{id}', String(r.pattern.includes('/items/') ? draft.id : r.pattern.includes('/users/') ? ids.user
          : r.pattern.includes('/campuses/') ? ids.campus : r.pattern.includes('/departments/') ? ids.dept : entry.id))
        .replace('{code}', 'staff')
        .replace('{date}', '2026-10-01');
      for (const body of ['{not json', '[1,2,3]']) {
        await rejects(`${r.method} ${p} ${body}`, () => api.request(r.method, p, {
          session: admin, body, headers: { 'Content-Type': 'application/json' },
        }), ['body']);
      }
    }
  });
});

describe('catalogue, organisation, users, roles, calendar, settings', () => {
  test('catalogue entries', async () => {
    const base = { code: `T${uniq(4)}`, name: '测试目录', audience: 'society', channels: ['website'] };
    const post = (f) => () => api.post('/api/v1/disclosure/catalogue', admin, { ...base, ...f });
    await rejects('audience', post({ audience: 'all' }), ['audience']);
    await rejects('channel', post({ channels: ['radio'] }), ['channels']);
    await rejects('duplicate code', post({ code: entries[0].code }), ['code']);
    await rejects('unknown parent', post({ parent_id: 987654 }), ['parent_id']);
    await rejects('time limit', post({ time_limit_days: 0 }), ['time_limit_days']);
    await rejects('missing name', post({ name: '' }), ['name']);
    await rejects('unknown department', post({ department_id: 999999 }), ['department_id']);
    const parent = entries.find((c) => c.parent_id === null);
    const child = entries.find((c) => c.parent_id === parent.id);
    await rejects('cycle', () => api.put(`/api/v1/disclosure/catalogue/${parent.id}`, admin, { ...parent, parent_id: child.id }), ['parent_id']);
  });

  test('campuses and departments', async () => {
    await rejects('campus name', () => api.post('/api/v1/campuses', admin, { code: 'NEW1', name: '' }), ['name']);
    await rejects('campus code', () => api.post('/api/v1/campuses', admin, { code: 'a b/c', name: '新院区' }), ['code']);
    await rejects('duplicate campus code', () => api.post('/api/v1/campuses', admin, { code: 'HQ', name: '重复院区' }), ['code']);
    const dept = { code: `D${uniq(4)}`, name: '测试科', campus_id: ids.campus, kind: 'clinical' };
    const post = (f) => () => api.post('/api/v1/departments', admin, { ...dept, ...f });
    await rejects('duplicate department code', post({ code: ids.otherDeptCode }), ['code']);
    await rejects('duplicate code on update', () => api.put(`/api/v1/departments/${ids.dept}`, admin, { ...dept, code: ids.otherDeptCode }), ['code']);
    await rejects('unknown campus', post({ campus_id: 99999 }), ['campus_id']);
    await rejects('kind', post({ kind: 'kitchen' }), ['kind']);
    await rejects('unknown parent', post({ parent_id: 99999 }), ['parent_id']);
    await rejects('own parent', () => api.put(`/api/v1/departments/${ids.dept}`, admin, { ...dept, code: ids.deptCode, parent_id: ids.dept }), ['parent_id']);
  });

  test('users: weak password, duplicate username, unknown role, bad phone and scope', async () => {
    const u = { username: `u${uniq()}`, name: '测试用户', department_id: ids.dept, roles: ['staff'], scope: 'self', password: 'Str0ngPassw0rd' };
    const post = (f) => () => api.post('/api/v1/users', admin, { ...u, ...f });
    await rejects('short password', post({ password: 'abc123' }), ['password']);
    await rejects('letters only', post({ password: 'abcdefghijkl' }), ['password']);
    await rejects('digits only', post({ password: '123456789012' }), ['password']);
    await rejects('password contains username', post({ username: 'zhang01', password: 'zhang01abc123' }), ['password']);
    await rejects('missing password', post({ password: undefined }), ['password']);
    await rejects('duplicate username', post({ username: 'nurse01' }), ['username']);
    await rejects('unknown role', post({ roles: ['superuser'] }), ['roles']);
    await rejects('bad phone', post({ phone: 'call me' }), ['phone']);
    await rejects('bad scope', post({ scope: 'world' }), ['scope']);
    await rejects('bad username', post({ username: '张 三' }), ['username']);
    await rejects('unknown department', post({ department_id: 99999 }), ['department_id']);
    await rejects('PUT unknown role', () => api.put(`/api/v1/users/${ids.user}`, admin, { ...u, username: 'nurse01', password: undefined, roles: ['root'] }), ['roles']);
    await rejects('PUT weak password', () => api.put(`/api/v1/users/${ids.user}`, admin, { ...u, username: 'nurse01', password: 'short1' }), ['password']);
  });

  test('roles, calendar, settings, password change', async () => {
    await rejects('unknown permission', () => api.put('/api/v1/roles/staff', admin, { name: '职工', permissions: ['portal.staff.read', 'everything'] }), ['permissions']);
    await rejects('role name', () => api.put('/api/v1/roles/staff', admin, { name: '', permissions: [] }), ['name']);
    await rejects('calendar kind', () => api.put('/api/v1/calendar/2026-12-01', admin, { kind: 'party', name: '聚会' }), ['kind']);
    await rejects('calendar date', () => api.put('/api/v1/calendar/2026-02-30', admin, { kind: 'holiday', name: '假日' }), ['date']);
    await rejects('calendar name', () => api.put('/api/v1/calendar/2026-12-01', admin, { kind: 'holiday' }), ['name']);
    await rejects('hospital name', () => api.put('/api/v1/settings/hospital', admin, { name: '' }), ['name']);
    await rejects('hospital types', () => api.put('/api/v1/settings/hospital', admin, { name: '医院', demo: 'yes' }), ['demo']);
    await rejects('wrong old password', () => api.post('/api/v1/session/password', admin, { old_password: 'wrong-password1', new_password: 'NewPassw0rd123' }), ['old_password']);
    await rejects('weak new password', () => api.post('/api/v1/session/password', admin, { old_password: 'Demo2026yuanwu', new_password: 'weak' }), ['new_password']);
    await rejects('sign-in without password', () => api.request('POST', '/api/v1/session', { json: { username: 'admin' } }), ['password']);
    await rejects('sign-in without username', () => api.request('POST', '/api/v1/session', { json: { password: 'x' } }), ['username']);
  });
});

describe('imports', () => {
  const csvFile = (text, filename = 'import.csv') => ({ filename, data: Buffer.from(text, 'utf8'), type: 'text/csv' });

  test('staff import: one bad row among good ones imports nothing and names the row and column', async () => {
    const t = uniq(4);
    const csv = [
      '工号,姓名,科室编码,手机,角色,数据范围',
      `imp${t}a,导入甲,${ids.deptCode},13800002901,staff,本人`,
      `imp${t}b,导入乙,NOPE,13800002902,staff,本人`,
      `imp${t}c,导入丙,${ids.deptCode},13800002903,职工,本科室`,
      `imp${t}d,导入丁,${ids.deptCode},13800002904,staff,全宇宙`,
      `imp${t}a,导入戊,${ids.deptCode},13800002905,staff,本人`,
    ].join('\r\n') + '\r\n';
    const r = await rejects('staff import', () => api.request('POST', '/api/v1/users/import', {
      session: admin, multipart: { file: csvFile(csv) },
    }), ['row 3 / 科室编码', 'row 5 / 数据范围', 'row 6 / 工号']);
    const row3 = r.json.fields.find((f) => f.field === 'row 3 / 科室编码');
    assert.match(row3.reason, /第3行/);
    assert.match(row3.reason_en, /row 3/);
    const found = await api.get(`/api/v1/users?q=imp${t}`, admin);
    assert.equal(found.json.total, 0, 'no row was imported');
  });

  test('staff import: missing column, unknown role, empty file, unsupported type', async () => {
    const t = uniq(4);
    await rejects('missing column', () => api.request('POST', '/api/v1/users/import', {
      session: admin, multipart: { file: csvFile(`工号,姓名,手机,角色,数据范围\r\nimp${t},甲,1380000,staff,本人\r\n`) },
    }), ['表头/科室编码']);
    await rejects('unknown role', () => api.request('POST', '/api/v1/users/import', {
      session: admin, multipart: { file: csvFile(`工号,姓名,科室编码,手机,角色,数据范围\r\nimp${t},甲,${ids.deptCode},,wizard,本人\r\n`) },
    }), ['row 2 / 角色']);
    await rejects('header only', () => api.request('POST', '/api/v1/users/import', {
      session: admin, multipart: { file: csvFile('工号,姓名,科室编码,手机,角色,数据范围\r\n') },
    }), ['file']);
    await rejects('empty file', () => api.request('POST', '/api/v1/users/import', {
      session: admin, multipart: { file: csvFile('') },
    }), ['file']);
    await rejects('txt file', () => api.request('POST', '/api/v1/users/import', {
      session: admin, multipart: { file: csvFile('工号,姓名\r\n1,2\r\n', 'staff.txt') },
    }), ['file']);
  });

  test('price import: bad price, bad date, missing column keep the old list', async () => {
    const header = '项目编码,项目名称,计价单位,价格(元),项目内涵,除外内容,说明,生效日期';
    const good = (code, price = '10.00', date = '2027-01-01') => `${code},测试项目${code},次,${price},,,,${date}`;
    const send = (csv, kind = 'service') => () => api.request('POST', `/api/v1/prices/import?kind=${kind}`, {
      session: admin, multipart: { file: csvFile(csv, 'prices.csv') },
    });
    await rejects('bad price', send([header, good('990000001'), good('990000002', '12.345'), good('990000003', '-5')].join('\r\n')),
      ['row 3 / 价格(元)', 'row 4 / 价格(元)']);
    await rejects('bad date', send([header, good('990000001'), good('990000002', '1.00', '2027-02-30')].join('\r\n')),
      ['row 3 / 生效日期']);
    await rejects('missing column', send(['项目编码,项目名称,计价单位,项目内涵,除外内容,说明,生效日期', '990000001,甲,次,,,,2027-01-01'].join('\r\n')),
      ['表头/价格(元)']);
    await rejects('duplicate code', send([header, good('990000001'), good('990000001')].join('\r\n')), ['row 3 / 项目编码']);
    await rejects('drug without spec', send(['药品编码,药品名称,规格,单位,价格(元),生产企业,生效日期', 'YP1,甲,,盒,1.00,厂,2027-01-01'].join('\r\n'), 'drug'),
      ['row 2 / 规格']);
    await rejects('unknown kind', send([header, good('990000001')].join('\r\n'), 'food'), ['kind']);
    const list = await api.get('/api/v1/prices?q=990000001', admin);
    assert.equal(list.json.total, 0);
    assert.ok((await total('/api/v1/prices?kind=service')) > 300, 'the demo list is still there');
  });
});

describe('attachments and uploads', () => {
  const upload = (file, p = `/api/v1/disclosure/items/${draft.id}/attachments`) => () =>
    api.request('POST', p, { session: admin, multipart: { file } });

  test('wrong extension, content not matching the extension, empty file', async () => {
    await rejects('exe', upload({ filename: 'virus.exe', data: Buffer.from('MZ\x90\x00') }), ['file']);
    await rejects('html', upload({ filename: 'page.html', data: Buffer.from('<script>alert(1)</script>') }), ['file']);
    await rejects('no extension', upload({ filename: 'README', data: tinyPdf() }), ['file']);
    await rejects('pdf that is a PNG', upload({ filename: 'fake.pdf', data: Buffer.from('\x89PNG\r\n\x1a\n', 'latin1') }), ['file']);
    await rejects('png that is HTML', upload({ filename: 'fake.png', data: Buffer.from('<html></html>') }), ['file']);
    await rejects('docx that is a PDF', upload({ filename: 'fake.docx', data: tinyPdf() }), ['file']);
    await rejects('empty pdf', upload({ filename: 'empty.pdf', data: Buffer.alloc(0) }), ['file']);
    await rejects('path in name', upload({ filename: '../../etc/passwd.pdf', data: tinyPdf() }), ['file'], { subset: true });
    const it = (await api.get(`/api/v1/disclosure/items/${draft.id}`, admin)).json;
    assert.deepEqual(it.attachments, []);
  });

  test('malformed multipart bodies', async () => {
    const raw = (body, ct) => () => api.request('POST', `/api/v1/disclosure/items/${draft.id}/attachments`, {
      session: admin, body, headers: { 'Content-Type': ct },
    });
    await rejects('no boundary', raw('--x\r\n\r\n', 'multipart/form-data'), ['file']);
    await rejects('boundary not found', raw('garbage', 'multipart/form-data; boundary=abc'), ['file']);
    await rejects('truncated part', raw('--abc\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4 no end',
      'multipart/form-data; boundary=abc'), ['file']);
    await rejects('no file field', raw('--abc\r\nContent-Disposition: form-data; name="other"\r\n\r\nx\r\n--abc--\r\n',
      'multipart/form-data; boundary=abc'), ['file']);
    await rejects('JSON to an upload route', () => api.post(`/api/v1/disclosure/items/${draft.id}/attachments`, admin, { file: 'x' }), ['file']);
    await rejects('malformed import', () => api.request('POST', '/api/v1/users/import', {
      session: admin, body: '--abc\r\nno headers', headers: { 'Content-Type': 'multipart/form-data; boundary=abc' },
    }), ['file']);
  });

  test('a body over 25 MB gets 413 and nothing is saved', async () => {
    const before = await snapshot();
    // The server answers from Content-Length, before the body arrives. A raw socket shows the
    // answer; the next test sends the body through fetch.
    for (const [p, ct] of [[`/api/v1/disclosure/items/${draft.id}/attachments`, 'multipart/form-data; boundary=abc'],
      ['/api/v1/disclosure/items', 'application/json']]) {
      const r = await rawRequest(srv.port, [
        `POST ${p} HTTP/1.1`, 'Host: 127.0.0.1', `Cookie: ${admin.cookie}`, `X-CSRF-Token: ${admin.csrf}`,
        `Content-Type: ${ct}`, `Content-Length: ${26 * 1024 * 1024}`, 'Connection: close', '', ''].join('\r\n'));
      assert.match(r, /^HTTP\/1\.1 413 /, `${p}: ${r.slice(0, 200)}`);
      const body = JSON.parse(r.slice(r.indexOf('\r\n\r\n') + 4));
      assert.ok(body.message && body.message_en, r);
    }
    assert.deepEqual(await snapshot(), before);
    assert.equal((await api.get('/healthz')).status, 200);
  });

  test('a 26 MB upload through fetch sees the 413 (the server drains the rejected body)', async () => {
    const big = Buffer.alloc(26 * 1024 * 1024, 0x61);
    big.write('%PDF-1.4\n', 0, 'latin1');
    const r = await api.request('POST', `/api/v1/disclosure/items/${draft.id}/attachments`, {
      session: admin, multipart: { file: { filename: 'huge.pdf', data: big, type: 'application/pdf' } },
    });
    assert.equal(r.status, 413);
  });

  test('an attachment between 20 and 25 MB gets 400 naming the file', async () => {
    const data = Buffer.alloc(21 * 1024 * 1024, 0x20);
    data.write('%PDF-1.4\n', 0, 'latin1');
    await rejects('21 MB', upload({ filename: 'big.pdf', data, type: 'application/pdf' }), ['file']);
  });
});

describe('sign-in lockout', () => {
  test('5 wrong passwords lock the account (429) until an administrator unlocks it', async () => {
    const username = `lock${uniq()}`;
    const password = 'Lockout2026test';
    const created = await api.post('/api/v1/users', admin, {
      username, name: '锁定测试', department_id: ids.dept, roles: ['staff'], scope: 'self', password,
    });
    assert.equal(created.status, 201, show(created));
    const id = created.json.id;
    for (let i = 1; i <= 4; i++) {
      const r = await api.tryLogin(username, `Wrong${i}password`);
      assert.equal(r.status, 401, `attempt ${i}: ${show(r)}`);
    }
    const fifth = await api.tryLogin(username, 'Wrong5password');
    assert.equal(fifth.status, 429, show(fifth));
    assert.equal(fifth.json.code, 'resource_exhausted');
    assert.match(fifth.json.message, /锁定/);
    const right = await api.tryLogin(username, password);
    assert.equal(right.status, 429, `the right password is refused while locked: ${show(right)}`);
    assert.match(right.json.message, /锁定/);
    const u = await api.get(`/api/v1/users/${id}`, admin);
    assert.equal(u.json.locked, true);

    const unlock = await api.post(`/api/v1/users/${id}/unlock`, admin, {});
    assert.equal(unlock.status, 204, show(unlock));
    assert.equal((await api.get(`/api/v1/users/${id}`, admin)).json.locked, false);
    const ok = await api.tryLogin(username, password);
    assert.equal(ok.status, 200, show(ok));
    const audit = await api.get(`/api/v1/audit?entity=app_user&page_size=50`, admin);
    const actions = audit.json.items.filter((e) => e.entity_id === String(id)).map((e) => e.action);
    for (const a of ['auth.login_failed', 'auth.lockout', 'org.user.unlock', 'auth.login']) {
      assert.ok(actions.includes(a), `${a} in ${actions}`);
    }
  });
});
