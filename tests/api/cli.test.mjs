// The command line, black box: every subcommand of the one `yuanwu` binary against the database
// selected by YUANWU_TEST_DB (sqlite | postgres).
//   --help of the root and of every subcommand (Chinese and English), migrate (idempotent), demo
//   (twice, no duplicates), user create | passwd | unlock (with sign-ins over HTTP), audit verify
//   (intact; tampered: PostgreSQL only, see below), backup, routes, jobs, how --db / --config /
//   YUANWU_DB select the database, and serve (busy port, bad host, graceful SIGTERM).
// One server (startServer: demo loaded) serves the HTTP side; the commands run against its
// database through srv.cli(). Commands that need an empty database get one from freshDatabase().
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  Client, DB_KIND, ROOT, binaryPath, freshDatabase, runPsql, show, startServer, uniq, yuanwuEnv,
} from '../lib/server.mjs';
import { builtinRoles, parseRoutes } from '../lib/roles.mjs';

const PG = DB_KIND === 'postgres' || DB_KIND === 'postgresql';
const BIN = binaryPath();
const GOOD_PASSWORD = 'Cli2026goodpass';
const MIGRATIONS = fs.readdirSync(path.join(ROOT, 'migrations')).filter((f) => f.endsWith('.sql'));

let srv;
let api;
let admin;
const disposables = [];

before(async () => {
  // Sign-ins are limited to 10 per minute per address; the lockout test alone needs more.
  srv = await startServer({ extraArgs: ['--login-attempts-per-minute', '1000'] });
  api = new Client(srv.base);
  admin = await api.login('admin');
});

after(async () => {
  if (srv) await srv.stop();
  for (const d of disposables) d();
});

// ---------------------------------------------------------------------------------------------
// Helpers

// Runs the binary with exactly `args` (no --db added), a clean environment plus `env`, in `cwd`.
function run(args, { env = {}, cwd, timeout = 120_000 } = {}) {
  const r = spawnSync(BIN, args, { encoding: 'utf8', env: yuanwuEnv(env), cwd, timeout });
  return { status: r.status, signal: r.signal, stdout: r.stdout || '', stderr: r.stderr || '', error: r.error };
}

// Runs a command against a database from freshDatabase().
const on = (d, args, opts) => run(['--db', d.db, '--data-dir', d.dataDir, ...args], opts);

function fresh() {
  const d = freshDatabase();
  disposables.push(d.cleanup);
  return d;
}

function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yw-cli-cwd-'));
  disposables.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const desc = (r) =>
  `exit ${r.status}${r.signal ? ` (${r.signal})` : ''}${r.error ? ` ${r.error}` : ''}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

function ok(r, re) {
  assert.equal(r.status, 0, desc(r));
  if (re) assert.match(r.stdout, re, desc(r));
  return r;
}

function fails(r, re, code) {
  assert.ok(r.status !== 0 && r.status !== null, `expected a failure exit code: ${desc(r)}`);
  if (code !== undefined) assert.equal(r.status, code, desc(r));
  if (re) assert.match(r.stderr + r.stdout, re, desc(r));
  return r;
}

const HAN = /[\u4e00-\u9fff]/;
const sha1 = (file) => createHash('sha1').update(fs.readFileSync(file)).digest('hex');

// First number in psql's aligned output of a one-value query.
const psqlNumber = (url, q) => Number(/^\s*(\d+)\s*$/m.exec(runPsql(url, q))[1]);

// "intact: N entries" → N.
function intactCount(r) {
  const m = /audit trail intact: (\d+) entries/.exec(r.stdout);
  assert.ok(m, desc(r));
  return Number(m[1]);
}

async function total(p) {
  const r = await api.get(p, admin);
  assert.equal(r.status, 200, `${p}: ${show(r)}`);
  return r.json.total ?? r.json.items.length;
}

// ---------------------------------------------------------------------------------------------

describe('--help', () => {
  // [path, Chinese description, English description, options the page must show]
  const PAGES = [
    [[], '医院院务公开与运营管理平台', 'hospital affairs platform', ['--db', '--data-dir', '--config']],
    [['serve'], '启动服务', 'serve the portal, console and API', ['--host', '--port', '--threads', '--secure-cookie']],
    [['demo'], '创建演示医院', 'load the demo hospital', ['--data', '--password', '--record-scale']],
    [['migrate'], '升级数据库结构', 'apply migrations', []],
    [['user'], '账号管理', 'manage accounts', []],
    [['user', 'create'], '创建账号', 'create an account', ['--username', '--name', '--role', '--password']],
    [['user', 'passwd'], '重置密码', 'reset a password', ['--username', '--password']],
    [['user', 'unlock'], '解除锁定', 'unlock an account', ['--username']],
    [['audit'], '审计日志', 'audit trail', []],
    [['audit', 'verify'], '校验哈希链', 'verify the hash chain', []],
    [['backup'], '备份数据库', 'back up the database', ['--out']],
    [['jobs'], '立即执行定时任务', 'run scheduled jobs once', []],
    [['routes'], '列出 API 路由及权限', 'list API routes and permissions', []],
    [['import'], '导入病案首页、门急诊等数据', 'import record files', ['--dataset', '--mapping']],
    [['indicators'], '计算指标', 'compute indicators', ['--from', '--to', '--by', '--group', '--format', '--reference']],
    [['generate'], '生成演示/基准测试用的病案与就诊数据', 'generate demo record files', ['--out', '--discharges', '--visits', '--seed']],
    [['departments'], '科室', 'departments', []],
    [['departments', 'import'], '导入科室代码表', 'import the department code table', ['--dry-run']],
  ];

  // Help must not open (or create) a database: run it where the default var/yuanwu.db would go.
  let cwd;
  before(() => { cwd = tempDir(); });

  for (const [sub, zh, en, options] of PAGES) {
    test(`yuanwu ${[...sub, '--help'].join(' ')}`, () => {
      const r = ok(run([...sub, '--help'], { cwd }));
      assert.ok(r.stdout.includes(zh), `Chinese description ${zh}:\n${r.stdout}`);
      assert.ok(r.stdout.includes(en), `English description ${en}:\n${r.stdout}`);
      assert.match(r.stdout, /Usage:/);
      for (const o of options) assert.ok(r.stdout.includes(o), `option ${o}:\n${r.stdout}`);
      assert.deepEqual(fs.readdirSync(cwd), [], '--help created files');
    });
  }

  test('every subcommand has a help page above (the lists in the help are the lists here)', () => {
    const listed = (sub) => {
      const text = ok(run([...sub, '--help'], { cwd })).stdout;
      const section = text.split(/^Subcommands:$/m)[1] || '';
      return section.split('\n').map((l) => /^ {2}(\S+)\s/.exec(l)?.[1]).filter(Boolean).sort();
    };
    const children = (prefix) =>
      PAGES.filter(([s]) => s.length === prefix.length + 1 && prefix.every((p, i) => s[i] === p))
        .map(([s]) => s.at(-1)).sort();
    assert.deepEqual(listed([]), children([]));
    assert.deepEqual(listed(['user']), children(['user']));
    assert.deepEqual(listed(['audit']), children(['audit']));
    assert.deepEqual(listed(['departments']), children(['departments']));
  });

  test('no subcommand, a missing sub-subcommand or an unknown option: usage error, no database', () => {
    fails(run([], { cwd }), /subcommand is required/i);
    fails(run(['user'], { cwd }), /subcommand is required/i);
    fails(run(['audit'], { cwd }), /subcommand is required/i);
    fails(run(['departments'], { cwd }), /subcommand is required/i);
    fails(run(['--no-such-flag', 'routes'], { cwd }), /no-such-flag/);
    fails(run(['backup'], { cwd }), /--out/);
    // Not a number: a usage error naming the option (it used to abort on an uncaught std::stoll
    // exception, exit 134), from the flag and from the environment alike.
    fails(run(['--utc-offset-minutes', 'abc', 'routes'], { cwd }), /--utc-offset-minutes.*abc/, 105);
    fails(run(['routes'], { cwd, env: { YUANWU_UTC_OFFSET_MINUTES: '99999999999999999999' } }), /--utc-offset-minutes/, 105);
    assert.deepEqual(fs.readdirSync(cwd), [], 'a usage error created files');
  });
});

describe('migrate and demo on an empty database', () => {
  let d;
  before(() => { d = fresh(); });

  test('migrate applies every migration once; a second run changes nothing', () => {
    const first = ok(on(d, ['migrate']), new RegExp(`数据库结构版本 ${MIGRATIONS.length} / schema version ${MIGRATIONS.length}`));
    for (const m of MIGRATIONS) assert.match(first.stdout + first.stderr, new RegExp(`applied migration ${m}`));
    let before;
    if (PG) {
      assert.equal(psqlNumber(d.db, 'SELECT count(*) FROM schema_version'), MIGRATIONS.length);
      before = psqlNumber(d.db, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'");
    } else {
      assert.equal(fs.readFileSync(d.db).subarray(0, 16).toString('latin1'), 'SQLite format 3\0');
      before = sha1(d.db);
    }
    const second = ok(on(d, ['migrate']), new RegExp(`schema version ${MIGRATIONS.length}`));
    assert.doesNotMatch(second.stdout + second.stderr, /applied migration/, desc(second));
    if (PG) {
      assert.equal(psqlNumber(d.db, 'SELECT count(*) FROM schema_version'), MIGRATIONS.length);
      assert.equal(
        psqlNumber(d.db, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"), before);
    } else {
      assert.equal(sha1(d.db), before, 'the second migrate rewrote the SQLite file');
    }
    // A migrated database holds only what the first start installs, on an intact audit trail:
    // the shipped inspection checklists (data/quality/checklists), one entry each.
    const checklists = fs.readdirSync(path.join(ROOT, 'data', 'quality', 'checklists'))
      .filter((f) => f.endsWith('.json')).length;
    assert.ok(checklists > 0);
    assert.equal(intactCount(ok(on(d, ['audit', 'verify']))), checklists);
  });

  test('demo loads the hospital once; the second run says so and adds nothing', () => {
    const first = ok(on(d, ['demo', '--record-scale', '0.02']), /60 个科室，69 名职工，61 条公开目录，50 个公开事项，556 条价格/);
    assert.match(first.stdout, /demo records imported \(\d{4}–\d{4}, demo data\): \d+ discharges, \d+ visits/);
    // The cases are generated through the real services: a year's worth and more of each kind.
    const cases = first.stdout.match(/(\d+) 件投诉，(\d+) 件不良事件，(\d+) 次督查，(\d+) 件依申请公开/);
    assert.ok(cases, first.stdout);
    const [complaints, events, rounds, applications] = cases.slice(1).map(Number);
    assert.ok(complaints >= 84, `${complaints} complaints`);
    assert.ok(events >= 27, `${events} adverse events`);
    assert.ok(rounds >= 12, `${rounds} inspection rounds`);
    assert.ok(applications >= 12, `${applications} disclosure applications`);
    assert.match(first.stdout, /\d+ complaints, \d+ adverse events, \d+ inspections, \d+ disclosure applications/);
    const n = intactCount(ok(on(d, ['audit', 'verify'])));
    assert.ok(n > 100, `${n} audit entries after demo`);
    const second = ok(on(d, ['demo', '--record-scale', '0.02']), /演示数据已存在，未重复导入 \/ demo data already loaded/);
    assert.doesNotMatch(second.stdout, /demo records imported/, 'the second demo imported records again');
    assert.equal(intactCount(ok(on(d, ['audit', 'verify']))), n, 'the second demo wrote to the audit trail');
  });

  // Tampering needs direct write access to the database. For SQLite that would need the sqlite3
  // CLI (not guaranteed to be installed) or node:sqlite (not in Node 20), so the tamper cases run
  // only with YUANWU_TEST_DB=postgres, through psql.
  test('audit verify: a changed entry → exit 2 naming it; restored → 0; deleted entries → 2', { skip: !PG && 'PostgreSQL only (no SQLite writer in Node 20)' }, () => {
    const n = intactCount(ok(on(d, ['audit', 'verify'])));
    runPsql(d.db, "UPDATE audit_log SET actor_name = actor_name || 'x' WHERE id = 7");
    const r = fails(on(d, ['audit', 'verify']), /audit trail BROKEN at entry 7\b/, 2);
    assert.match(r.stdout, /第 7 条/);
    runPsql(d.db, 'UPDATE audit_log SET actor_name = left(actor_name, -1) WHERE id = 7');
    assert.equal(intactCount(ok(on(d, ['audit', 'verify']))), n);

    // The newest entry deleted: every remaining link is valid, only audit_head shows the cut.
    runPsql(d.db, `DELETE FROM audit_log WHERE id = ${n}`);
    fails(on(d, ['audit', 'verify']), new RegExp(`BROKEN at entry ${n}\\b`), 2);
    // An entry from the middle deleted: the gap is named.
    runPsql(d.db, 'DELETE FROM audit_log WHERE id = 5');
    fails(on(d, ['audit', 'verify']), /BROKEN at entry 5\b/, 2);
  });
});

describe('demo against the running server', () => {
  test('a second demo says "already loaded", exits 0 and duplicates nothing', async () => {
    const paths = [
      '/api/v1/departments', '/api/v1/users?page_size=1', '/api/v1/disclosure/catalogue',
      '/api/v1/disclosure/items?page_size=1', '/api/v1/prices?kind=service&page_size=1',
      '/api/v1/prices?kind=drug&page_size=1', '/api/v1/campuses',
    ];
    const before = {};
    for (const p of paths) before[p] = await total(p);
    assert.equal(before['/api/v1/departments'], 60);
    assert.equal(before['/api/v1/campuses'], 2);
    const r = ok(srv.cli(['demo', '--record-scale', '0.02']), /demo data already loaded/);
    assert.doesNotMatch(r.stdout, /已创建演示医院/);
    for (const p of paths) assert.equal(await total(p), before[p], p);
    // The demo accounts still sign in with the demo password (not reset, not duplicated).
    const users = (await api.get('/api/v1/users?q=admin&page_size=50', admin)).json.items;
    assert.equal(users.filter((u) => u.username === 'admin').length, 1);
    assert.equal((await api.login('office')).user.username, 'office');
  });
});

describe('user create | passwd | unlock', () => {
  const name = `cli_${uniq(6)}`;

  test('weak passwords are refused with the policy in Chinese and English; nothing is created', () => {
    const cases = [
      ['Short12', /至少10位.*at least 10 characters/s],
      ['onlyletterslong', /字母和数字.*letters and digits/s],
      ['12345678901234', /字母和数字.*letters and digits/s],
      [`X${name}2026ab`, /不能包含用户名.*must not contain the username/s],
    ];
    for (const [pw, re] of cases) {
      const r = fails(srv.cli(['user', 'create', '--username', name, '--name', '命令行测试', '--password', pw]), re, 1);
      assert.match(r.stderr, /password/, desc(r));
      assert.doesNotMatch(r.stdout, /完成 \/ done/);
    }
    fails(srv.cli(['user', 'unlock', '--username', name]), /不存在.*not found/s, 1);
  });

  test('missing required options and an unknown role are refused', () => {
    fails(srv.cli(['user', 'create', '--username', name, '--name', 'x']), /--password/);
    fails(srv.cli(['user', 'create', '--name', 'x', '--password', GOOD_PASSWORD]), /--username/);
    fails(srv.cli(['user', 'passwd', '--username', name]), /--password/);
    fails(srv.cli(['user', 'unlock']), /--username/);
    // The message here is the generic foreign-key one (see the report); the exit code is what counts.
    fails(srv.cli(['user', 'create', '--username', name, '--name', 'x', '--role', 'no_such_role', '--password', GOOD_PASSWORD]), null, 1);
    fails(srv.cli(['user', 'unlock', '--username', name]), /not found/);
  });

  test('create: the account signs in over HTTP with the default role admin; audited as 命令行', async () => {
    ok(srv.cli(['user', 'create', '--username', name, '--name', '命令行测试', '--password', GOOD_PASSWORD]), /已创建账号 .* \/ account created/);
    const s = await api.login(name, GOOD_PASSWORD);
    assert.equal(s.user.username, name);
    assert.equal(s.user.name, '命令行测试');
    assert.deepEqual(s.user.roles, ['admin']);
    const users = await api.get(`/api/v1/users?q=${name}`, s);  // user.manage: admin only
    assert.equal(users.status, 200, show(users));
    assert.ok(users.json.items.some((u) => u.username === name));
    const audit = await api.get('/api/v1/audit?action=org.user.create&page_size=50', admin);
    const e = audit.json.items.find((x) => x.after && x.after.username === name);
    assert.ok(e, JSON.stringify(audit.json.items.slice(0, 3)));
    assert.equal(e.actor_name, '命令行');
    // The same username again: refused.
    fails(srv.cli(['user', 'create', '--username', name, '--name', 'x', '--password', GOOD_PASSWORD]), /工号已存在.*username already exists/s, 1);
  });

  test('passwd: a weak or unknown one is refused; then the old password stops working', async () => {
    fails(srv.cli(['user', 'passwd', '--username', name, '--password', 'short1']), /at least 10 characters/, 1);
    fails(srv.cli(['user', 'passwd', '--username', `nobody_${uniq(4)}`, '--password', 'Newpass2026xyz']), /not found/, 1);
    ok(srv.cli(['user', 'passwd', '--username', name, '--password', 'Newpass2026xyz']), /完成 \/ done/);
    const old = await api.tryLogin(name, GOOD_PASSWORD);
    assert.equal(old.status, 401, show(old));
    const s = await api.login(name, 'Newpass2026xyz', { fresh: true });
    assert.equal(s.user.username, name);
    const audit = await api.get('/api/v1/audit?action=org.user.password_reset&page_size=20', admin);
    assert.ok(audit.json.items.some((x) => x.actor_name === '命令行'), show(audit));
  });

  test('after 5 failed sign-ins the account is locked; `user unlock` lets the right password in', async () => {
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await api.tryLogin(name, `Wrong2026pass${i}`)).status);
    assert.deepEqual(statuses.slice(0, 4), [401, 401, 401, 401]);
    assert.equal(statuses[4], 429, `the 5th failure locks: ${statuses}`);
    const locked = await api.tryLogin(name, 'Newpass2026xyz');
    assert.equal(locked.status, 429, `locked account, right password: ${show(locked)}`);
    fails(srv.cli(['user', 'unlock', '--username', `nobody_${uniq(4)}`]), /not found/, 1);
    ok(srv.cli(['user', 'unlock', '--username', name]), /完成 \/ done/);
    const r = await api.tryLogin(name, 'Newpass2026xyz');
    assert.equal(r.status, 200, show(r));
    const audit = await api.get('/api/v1/audit?action=org.user.unlock&page_size=20', admin);
    assert.ok(audit.json.items.some((x) => x.actor_name === '命令行'), show(audit));
  });
});

describe('user create validates like the console', () => {
  // `user create` goes through OrgService::SaveUser, as the API does. Run on a database of its own.
  test('usernames, names and roles the API would refuse are refused', () => {
    const d = fresh();
    fails(on(d, ['user', 'create', '--username', '', '--name', 'x', '--password', GOOD_PASSWORD]), /username|工号/);
    fails(on(d, ['user', 'create', '--username', 'a"b c', '--name', 'x', '--password', GOOD_PASSWORD]), /username|工号/);
    fails(on(d, ['user', 'create', '--username', 'okname', '--name', '', '--password', GOOD_PASSWORD]), /name|姓名/);
    fails(on(d, ['user', 'create', '--username', 'okname', '--name', '张三', '--role', 'no_such_role', '--password', GOOD_PASSWORD]), /unknown role|角色不存在/);
  });
});

describe('audit verify against the running server', () => {
  test('an intact trail → exit 0 and at least as many entries as the API lists', async () => {
    const listed = await total('/api/v1/audit?page_size=1');
    const r = ok(srv.cli(['audit', 'verify']), /审计日志完整：已校验 \d+ 条 \/ audit trail intact: \d+ entries/);
    assert.ok(intactCount(r) >= listed, `${intactCount(r)} checked, ${listed} listed`);
    const api2 = await api.get('/api/v1/audit/verify', admin);
    assert.equal(api2.json.ok, true);
  });
});

describe('backup', () => {
  test('--out is required', () => {
    fails(srv.cli(['backup']), /--out/);
  });

  test('SQLite: a database file that `audit verify` accepts; an existing file is not overwritten', { skip: PG && 'SQLite only' }, () => {
    const dir = tempDir();
    const out = path.join(dir, 'backup.db');
    ok(srv.cli(['backup', '--out', out]), /backup written/);
    const head = fs.readFileSync(out).subarray(0, 16);
    assert.equal(head.toString('latin1'), 'SQLite format 3\0');
    const r = ok(run(['--db', out, '--data-dir', path.join(dir, 'data'), 'audit', 'verify']));
    assert.ok(intactCount(r) > 100, desc(r));
    // The copy is a working database: the demo admin is in it.
    ok(run(['--db', out, '--data-dir', path.join(dir, 'data'), 'user', 'unlock', '--username', 'admin']), /done/);
    const sum = sha1(out);
    fails(srv.cli(['backup', '--out', out]), /already exists/, 1);
    assert.equal(sha1(out), sum, 'a failed backup changed the existing file');
  });

  test('PostgreSQL: a non-empty pg_dump custom-format file', { skip: !PG && 'PostgreSQL only' }, () => {
    const dir = tempDir();
    const out = path.join(dir, 'backup.pgdump');
    ok(srv.cli(['backup', '--out', out]), /backup written/);
    const buf = fs.readFileSync(out);
    assert.ok(buf.length > 10_000, `${buf.length} bytes`);
    assert.equal(buf.subarray(0, 5).toString('latin1'), 'PGDMP');
    const list = spawnSync('pg_restore', ['--list', out], { encoding: 'utf8' });
    if (!list.error) {
      assert.equal(list.status, 0, list.stderr);
      assert.match(list.stdout, /TABLE public audit_log/);
    }
    // A quote in the file name would break out of the shell command: refused.
    const quoted = path.join(dir, "it's.pgdump");
    fails(srv.cli(['backup', '--out', quoted]), /pg_dump failed/, 1);
    assert.equal(fs.existsSync(quoted), false);
  });
});

describe('routes', () => {
  let out;
  let routes;
  before(() => {
    out = ok(srv.cli(['routes'])).stdout;
    routes = parseRoutes(out);
  });

  test('every line is METHOD, pattern and a known permission; no duplicates', () => {
    const lines = out.split('\n').filter((l) => l.trim() !== '');
    assert.equal(routes.length, lines.length, `unparsed lines:\n${lines.filter((l) => parseRoutes(l).length === 0).join('\n')}`);
    assert.ok(routes.length >= 40, `${routes.length} routes`);
    const known = new Set(['public', 'signed_in', ...[...builtinRoles().values()].flatMap((s) => [...s])]);
    for (const r of routes) {
      assert.ok(r.pattern.startsWith('/api/v1/'), `${r.method} ${r.pattern}`);
      assert.ok(known.has(r.permission), `${r.method} ${r.pattern}: permission ${r.permission}`);
    }
    const keys = routes.map((r) => `${r.method} ${r.pattern}`);
    assert.equal(new Set(keys).size, keys.length, 'duplicate routes');
    const perm = (m, p) => routes.find((r) => r.method === m && r.pattern === p)?.permission;
    assert.equal(perm('POST', '/api/v1/session'), 'public');
    assert.equal(perm('GET', '/api/v1/session'), 'signed_in');
    assert.equal(perm('GET', '/api/v1/audit/verify'), 'audit.read');
    assert.equal(perm('POST', '/api/v1/users'), 'user.manage');
    assert.equal(perm('POST', '/api/v1/disclosure/items/{id}/approve'), 'disclosure.item.approve');
  });

  test('every route in docs/api.md is listed, and the server routes every listed one', async () => {
    const doc = fs.readFileSync(path.join(ROOT, 'docs', 'api.md'), 'utf8');
    const listed = new Set(routes.map((r) => `${r.method} ${r.pattern}`));
    const documented = [...doc.matchAll(/`(GET|POST|PUT|DELETE|PATCH) (\/[^`\s?]+)/g)]
      .map(([, m, p]) => `${m} ${p.startsWith('/api/v1/') ? p : '/api/v1' + p}`);
    assert.ok(documented.length >= 30, `${documented.length} documented routes`);
    assert.deepEqual(documented.filter((k) => !listed.has(k)), [], 'documented but not listed');
    // Anonymous: 401 (or, for public routes, anything but 404/405): the route exists.
    for (const r of routes) {
      const p = r.pattern.replace(/\{(\w+)\}/g, (_, n) => (n === 'date' ? '2099-01-01' : n === 'code' ? 'staff' : '1'));
      const res = await api.request(r.method, p, r.method === 'GET' || r.method === 'DELETE' ? {} : { json: {} });
      if (r.permission === 'public') {
        assert.ok(res.status !== 404 && res.status !== 405, `${r.method} ${p}: ${show(res)}`);
      } else {
        assert.equal(res.status, 401, `${r.method} ${p}: ${show(res)}`);
      }
    }
  });
});

describe('jobs', () => {
  test('runs the scheduled jobs once and exits 0', () => {
    ok(srv.cli(['jobs']), /定时任务已执行 \/ jobs done/);
  });
});

describe('choosing the database: --db, then --config, then YUANWU_DB', () => {
  // Three databases, each with its own marker account; `user unlock --username mark_X` succeeds
  // only on the database that holds mark_X, so it shows which database a command opened.
  const dbs = {};
  let cwd;
  let config;
  before(() => {
    cwd = tempDir();
    for (const k of ['a', 'b', 'c']) {
      dbs[k] = fresh();
      ok(on(dbs[k], ['user', 'create', '--username', `mark_${k}`, '--name', k, '--password', GOOD_PASSWORD]));
    }
    config = path.join(cwd, 'yuanwu.toml');
    fs.writeFileSync(config, `# yuanwu CLI test\ndb = "${dbs.a.db}"\n`);
  });

  // Runs `user unlock --username mark_<k>` in cwd with the given flags and env.
  const opened = (k, args, env) =>
    run([...args, '--data-dir', path.join(cwd, 'data'), 'user', 'unlock', '--username', `mark_${k}`], { cwd, env });

  test('--config FILE with db = "..." selects that database', () => {
    ok(opened('a', ['--config', config]));
    fails(opened('b', ['--config', config]), /not found/);
  });

  test('YUANWU_DB selects the database', () => {
    ok(opened('b', [], { YUANWU_DB: dbs.b.db }));
    fails(opened('a', [], { YUANWU_DB: dbs.b.db }), /not found/);
  });

  test('the config file beats YUANWU_DB', () => {
    ok(opened('a', ['--config', config], { YUANWU_DB: dbs.b.db }));
    fails(opened('b', ['--config', config], { YUANWU_DB: dbs.b.db }), /not found/);
  });

  test('--db beats both', () => {
    ok(opened('c', ['--db', dbs.c.db, '--config', config], { YUANWU_DB: dbs.b.db }));
    ok(opened('c', ['--config', config, '--db', dbs.c.db], { YUANWU_DB: dbs.b.db }));
    fails(opened('a', ['--db', dbs.c.db, '--config', config], { YUANWU_DB: dbs.b.db }), /not found/);
  });

  test('a missing config file is an error, not a silent default', () => {
    const r = fails(opened('a', ['--config', path.join(cwd, 'nope.toml')]), /nope\.toml/);
    assert.ok(!fs.existsSync(path.join(cwd, 'var')), desc(r));
  });

  test('with none of them: the documented default var/yuanwu.db under the working directory', () => {
    const dir = tempDir();
    fails(run(['user', 'unlock', '--username', 'mark_a'], { cwd: dir }), /not found/, 1);
    assert.ok(fs.existsSync(path.join(dir, 'var', 'yuanwu.db')), fs.readdirSync(dir).join(','));
  });
});

describe('serve', () => {
  test('a port in use or a bad --host: exit 1 with a message', () => {
    const base = ['--db', srv.db, '--data-dir', srv.dataDir, 'serve', '--scheduler-interval', '3600'];
    fails(run([...base, '--host', '127.0.0.1', '--port', String(srv.port)], { timeout: 30_000 }), /无法监听端口.*cannot listen/s, 1);
    fails(run([...base, '--host', 'not-an-address', '--port', '0'], { timeout: 30_000 }), /invalid listen address/, 1);
  });

  // Last: this stops the shared server.
  test('SIGTERM with an idle keep-alive connection open: exit 0 within a few seconds', async () => {
    const sock = net.connect(srv.port, '127.0.0.1');
    let got = '';
    let closedAt = null;
    const responded = new Promise((resolve, reject) => {
      sock.on('data', (b) => {
        got += b.toString('latin1');
        const m = /\r\n\r\n/.exec(got);
        const len = /content-length:\s*(\d+)/i.exec(got);
        if (m && len && got.length >= m.index + 4 + Number(len[1])) resolve();
      });
      sock.on('error', reject);
    });
    sock.on('close', () => { closedAt = Date.now(); });
    sock.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n');
    await responded;
    assert.match(got, /^HTTP\/1\.1 200/);
    assert.doesNotMatch(got, /connection:\s*close/i, 'the server should keep the connection open');
    assert.equal(closedAt, null);

    const t0 = Date.now();
    const res = await srv.stop();
    const elapsed = Date.now() - t0;
    srv = null;
    assert.equal(res.signal, null, `killed by ${res.signal}:\n${res.output}`);
    assert.equal(res.code, 0, res.output);
    assert.ok(elapsed < 3000, `shutdown took ${elapsed} ms`);
    assert.match(res.output, /yuanwu 已停止 \/ stopped/);
    await new Promise((r) => (closedAt !== null ? r() : sock.once('close', r)));
    assert.ok(closedAt - t0 < 3000, 'the idle connection was closed by the server');
    sock.destroy();
  });
});

describe('config file mistakes', () => {
  test('an unknown key in the config file is an error, not a silent default database', () => {
    const dir = tempDir();
    const conf = path.join(dir, 'yuanwu.conf');
    fs.writeFileSync(conf, 'database = "/tmp/should-not-be-used.db"\n');
    const r = spawnSync(BIN, ['--config', conf, 'routes'], { cwd: dir, encoding: 'utf8', env: yuanwuEnv() });
    assert.notEqual(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stderr + r.stdout, /database/);
    assert.equal(fs.existsSync(path.join(dir, 'var', 'yuanwu.db')), false, 'no default database was created');
  });
});
