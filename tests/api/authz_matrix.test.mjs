// The authorization matrix: every API route (from `yuanwu routes`) × every role.
//   anonymous              → 401 unless the route's permission is `public`
//   a role without it      → 403
//   a role holding it      → neither 401 nor 403 (and no 5xx)
// "Holding" comes from the role rows of migrations/*.sql, parsed here, not from a hand-written table.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Client, show, startServer } from '../lib/server.mjs';
import { builtinRoles, parseRoutes } from '../lib/roles.mjs';

// Demo account → its single built-in role.
const ACCOUNTS = [
  ['admin', 'admin'],
  ['office', 'office'],
  ['reviewer', 'reviewer'],
  ['approver', 'approver'],
  ['auditor', 'auditor'],
  ['nurse01', 'staff'],
  ['leader', 'leader'],
  ['stats', 'statistician'],
  ['coder', 'coder'],
  ['xnk_head', 'dept_head'],
  ['yihuan', 'patient_relations'],
  ['zhikong', 'quality_office'],
];

let srv;
let api;
let routes;
const roles = builtinRoles();
const sessions = {};
const ids = {};

before(async () => {
  // Ten accounts sign in from one address: above the default per-address login rate.
  srv = await startServer({ extraArgs: ['--login-attempts-per-minute', '60'] });
  api = new Client(srv.base);
  const r = srv.cli(['routes']);
  assert.equal(r.status, 0, r.stderr);
  routes = parseRoutes(r.stdout);
  for (const [user] of ACCOUNTS) sessions[user] = await api.login(user);

  const admin = sessions.admin;
  const campuses = (await api.get('/api/v1/campuses', admin)).json.items;
  const depts = (await api.get('/api/v1/departments', admin)).json.items;
  const users = (await api.get('/api/v1/users?q=nurse01', admin)).json.items;
  const cat = (await api.get('/api/v1/disclosure/catalogue', admin)).json.items;
  const items = (await api.get('/api/v1/disclosure/items?state=published&page_size=5', admin)).json.items;
  ids.campus = campuses[0].id;
  ids.department = depts[0].id;
  ids.user = users.find((u) => u.username === 'nurse01').id;
  ids.catalogue = cat[0].id;
  ids.item = items[0].id;
});

after(async () => {
  if (srv) await srv.stop();
});

// A concrete path for a route pattern, using existing demo records.
function concretePath(pattern) {
  return pattern.replace(/\{(\w+)\*?\}/g, (_, name) => {
    if (name === 'aid') return '1';
    if (name === 'action') return 'no_such_action';  // not one a module routes itself
    if (name === 'code') return 'staff';
    if (name === 'date') return '2099-01-01';  // no such calendar entry: DELETE cannot remove a real one
    if (name === 'kind') return 'procedure';  // the demo loads no code table: DELETE finds nothing
    if (name === 'id') {
      // Import batch 1 is the demo's first; targets and mappings with id 1 may not exist (404).
      if (pattern.includes('/indicators/')) return '1';
      if (pattern.includes('/campuses/')) return String(ids.campus);
      if (pattern.includes('/departments/')) return String(ids.department);
      if (pattern.includes('/users/')) return String(ids.user);
      if (pattern.includes('/catalogue/')) return String(ids.catalogue);
      if (pattern.includes('/items/')) return String(ids.item);
      // Cases, notifications …: an id no record has, so the guard's answer is what is tested (the
      // engines' own checks on real records are in each module's tests).
      return '999999';
    }
    throw new Error(`no value for {${name}} in ${pattern}`);
  });
}

function holds(role, permission) {
  if (permission === 'public' || permission === 'signed_in') return true;
  return roles.get(role).has(permission);
}

async function call(route, session) {
  const p = concretePath(route.pattern);
  const write = route.method !== 'GET' && route.method !== 'HEAD';
  return api.request(route.method, p, write ? { session, json: {} } : { session });
}

describe('route table', () => {
  test('`yuanwu routes` lists the API with a permission on every route', () => {
    assert.ok(routes.length >= 40, `only ${routes.length} routes parsed`);
    const known = new Set(['public', 'signed_in', ...[...roles.values()].flatMap((s) => [...s])]);
    for (const r of routes) {
      assert.ok(r.pattern.startsWith('/api/v1/'), `${r.method} ${r.pattern}`);
      assert.ok(known.has(r.permission), `${r.method} ${r.pattern}: unknown permission ${r.permission}`);
    }
    // Every route appears once.
    const keys = routes.map((r) => `${r.method} ${r.pattern}`);
    assert.equal(new Set(keys).size, keys.length);
  });

  test('every route requires exactly the permission in tests/api/route_permissions.txt', () => {
    const file = fileURLToPath(new URL('./route_permissions.txt', import.meta.url));
    const expected = fs.readFileSync(file, 'utf8').split('\n')
      .filter((l) => l.trim() !== '' && !l.startsWith('#'))
      .map((l) => l.trim().split(/\s+/).join(' '))
      .sort();
    const actual = routes.map((r) => `${r.method} ${r.pattern} ${r.permission}`).sort();
    assert.deepEqual(actual, expected);
  });

  test('each demo account carries exactly the permissions of its role in the migrations', async () => {
    for (const [user, role] of ACCOUNTS) {
      const r = await api.get('/api/v1/session', sessions[user]);
      assert.equal(r.status, 200, show(r));
      assert.deepEqual(r.json.user.roles, [role]);
      assert.deepEqual(new Set(r.json.user.permissions), roles.get(role), `${user}`);
    }
  });
});

describe('matrix', () => {
  test('every route × anonymous and every role', async () => {
    // Signing out (DELETE /session) ends the session, so it runs last.
    const ordered = [...routes].sort(
      (a, b) => (a.pattern === '/api/v1/session' && a.method === 'DELETE') - (b.pattern === '/api/v1/session' && b.method === 'DELETE'),
    );
    const failures = [];
    let checked = 0;
    for (const route of ordered) {
      const label = `${route.method} ${route.pattern} [${route.permission}]`;
      const anon = await call(route, undefined);
      checked++;
      if (route.permission === 'public') {
        if (anon.status === 401 || anon.status === 403 || anon.status >= 500) failures.push(`${label} anonymous: ${show(anon)}`);
      } else if (anon.status !== 401) {
        failures.push(`${label} anonymous: expected 401, got ${show(anon)}`);
      } else if (anon.json?.code !== 'unauthenticated') {
        failures.push(`${label} anonymous: problem code ${anon.json?.code}`);
      }
      for (const [user, role] of ACCOUNTS) {
        const r = await call(route, sessions[user]);
        checked++;
        if (holds(role, route.permission)) {
          if (r.status === 401 || r.status === 403 || r.status >= 500) {
            failures.push(`${label} as ${user} (${role}, holds it): got ${show(r)}`);
          }
        } else if (r.status !== 403) {
          failures.push(`${label} as ${user} (${role}, lacks it): expected 403, got ${show(r)}`);
        } else if (r.json?.code !== 'permission_denied' || !r.json.message || !r.json.message_en) {
          failures.push(`${label} as ${user}: 403 without a problem body: ${show(r)}`);
        }
      }
    }
    assert.ok(checked >= routes.length * 7);
    assert.deepEqual(failures, [], `${failures.length} matrix failures:\n${failures.join('\n')}`);
  });
});

describe('CSRF and content type', () => {
  let admin;
  before(async () => {
    // The matrix signed everyone out at the end: a fresh session for these checks.
    admin = await api.login('admin', undefined, { fresh: true });
  });

  test('a write without X-CSRF-Token is refused with 403 even for admin, and nothing is saved', async () => {
    const before = (await api.get('/api/v1/campuses', admin)).json.items.length;
    const body = { code: 'NOCSRF', name: '无令牌院区' };
    const r = await api.request('POST', '/api/v1/campuses', { session: admin, json: body, csrf: false });
    assert.equal(r.status, 403, show(r));
    assert.equal(r.json.code, 'permission_denied');
    assert.match(r.json.message_en, /CSRF/);
    const wrong = await api.request('POST', '/api/v1/campuses', {
      session: admin, json: body, csrf: false, headers: { 'X-CSRF-Token': 'deadbeef'.repeat(4) },
    });
    assert.equal(wrong.status, 403, show(wrong));
    const put = await api.request('PUT', '/api/v1/calendar/2099-01-02', {
      session: admin, json: { kind: 'holiday', name: '测试' }, csrf: false,
    });
    assert.equal(put.status, 403, show(put));
    const del = await api.request('DELETE', '/api/v1/calendar/2026-10-01', { session: admin, csrf: false });
    assert.equal(del.status, 403, show(del));
    const after = (await api.get('/api/v1/campuses', admin)).json.items;
    assert.equal(after.length, before);
    assert.ok(!after.some((c) => c.code === 'NOCSRF'));
    const cal = (await api.get('/api/v1/calendar?year=2026', admin)).json.items;
    assert.ok(cal.some((d) => d.date === '2026-10-01'), 'the holiday survived the CSRF-less DELETE');
  });

  test('a write with the wrong content type gets 415 even with a valid session and token', async () => {
    const json = JSON.stringify({ code: 'WRONGCT', name: '错误类型院区' });
    for (const ct of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
      const r = await api.request('POST', '/api/v1/campuses', {
        session: admin, body: json, headers: { 'Content-Type': ct },
      });
      assert.equal(r.status, 415, `${ct}: ${show(r)}`);
      assert.ok(r.json?.message && r.json?.message_en, show(r));
    }
    const put = await api.request('PUT', `/api/v1/campuses/${ids.campus}`, {
      session: admin, body: json, headers: { 'Content-Type': 'text/plain' },
    });
    assert.equal(put.status, 415, show(put));
    const list = (await api.get('/api/v1/campuses', admin)).json.items;
    assert.ok(!list.some((c) => c.code === 'WRONGCT'));
  });

  test('signing out ended the sessions; the session cookie is HttpOnly and SameSite=Strict', async () => {
    for (const [user] of ACCOUNTS) {
      const r = await api.get('/api/v1/session', sessions[user]);
      assert.equal(r.status, 401, `${user} after DELETE /session: ${show(r)}`);
    }
    const r = await api.tryLogin('auditor', 'Demo2026yuanwu');
    const cookie = r.headers.get('set-cookie');
    assert.match(cookie, /^yw_session=[0-9a-f]{64};/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);
    assert.match(cookie, /Path=\//);
    assert.ok(!('password_hash' in r.json.user));
  });

  test('API responses carry the security headers and no-store', async () => {
    const r = await api.get('/api/v1/session', admin);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(r.headers.get('x-frame-options'), 'DENY');
    assert.match(r.headers.get('content-security-policy'), /frame-ancestors 'none'/);
    assert.equal(r.headers.get('cache-control'), 'no-store');
  });

  test('Accept-Language: en switches the message; message_en is always there', async () => {
    const zh = await api.request('GET', '/api/v1/campuses');
    assert.match(zh.json.message, /[\u4e00-\u9fff]/);
    assert.ok(zh.json.message_en);
    const en = await api.request('GET', '/api/v1/campuses', { headers: { 'Accept-Language': 'en' } });
    assert.equal(en.json.message, en.json.message_en);
    assert.doesNotMatch(en.json.message, /[\u4e00-\u9fff]/);
  });

  test('a forged or unknown session cookie is anonymous', async () => {
    const fake = { cookie: 'yw_session=' + 'a'.repeat(64), csrf: 'x' };
    const r = await api.get('/api/v1/session', fake);
    assert.equal(r.status, 401, show(r));
    const w = await api.post('/api/v1/campuses', fake, { code: 'X', name: 'X' });
    assert.equal(w.status, 401, show(w));
  });
});
