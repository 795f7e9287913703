// Test harness for the black-box API tests: one fresh yuanwu server per test file.
//
//   const srv = await startServer();          // temp dir, fresh DB, `demo`, `serve`
//   const api = new Client(srv.base);
//   const admin = await api.login('admin');   // {cookie, csrf, user}
//   const r = await api.request('GET', '/api/v1/campuses', { session: admin });
//   ...
//   await srv.stop();
//
// Environment:
//   YUANWU_BIN           path to the yuanwu binary (default: build/yuanwu next to the repo root)
//   YUANWU_TEST_DB       sqlite (default) | postgres
//   YUANWU_TEST_PG_URL   postgresql://postgres@127.0.0.1:PORT/postgres (postgres only); every
//                        test file gets its own database yw_<random>, dropped at the end.
//   YUANWU_TEST_KEEP=1   keep the temp dir (and database) for a post-mortem
//
// Only node: built-ins and global fetch: no HTTP client libraries.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DEMO_PASSWORD = 'Demo2026yuanwu';
export const DB_KIND = (process.env.YUANWU_TEST_DB || 'sqlite').toLowerCase();

export function binaryPath() {
  const bin = process.env.YUANWU_BIN || path.join(ROOT, 'build', 'yuanwu');
  if (!fs.existsSync(bin)) {
    throw new Error(`yuanwu binary not found at ${bin}; set YUANWU_BIN`);
  }
  return bin;
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function psql(url, sqlText) {
  const r = spawnSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-q', '-c', sqlText], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.status !== 0) {
    throw new Error(`psql failed (${sqlText}): ${r.stderr || r.error}`);
  }
  return r.stdout;
}

// A PostgreSQL URL with its database name replaced.
function withDatabase(url, db) {
  const u = new URL(url);
  u.pathname = '/' + db;
  return u.toString();
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Starts a fresh server with the demo hospital loaded. Returns
// {base, port, db, dataDir, tmp, stop(), cli(args), output(), setNow(iso)}.
// With `clock: '2026-09-28T09:00:00+08:00'` the server (and `cli`) read "now" from a file
// (yuanwu --clock-file): time starts there and runs on; setNow() moves it.
export async function startServer({ extraArgs = [], demo = true, recordScale = 0.02, clock = null } = {}) {
  const bin = binaryPath();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'yw-api-'));
  const dataDir = path.join(tmp, 'data');
  let db;
  let pgAdminUrl = null;
  let pgName = null;
  if (DB_KIND === 'postgres' || DB_KIND === 'postgresql') {
    pgAdminUrl = process.env.YUANWU_TEST_PG_URL;
    if (!pgAdminUrl) throw new Error('YUANWU_TEST_DB=postgres needs YUANWU_TEST_PG_URL');
    pgName = 'yw_' + randomBytes(6).toString('hex');
    psql(pgAdminUrl, `CREATE DATABASE ${pgName}`);
    db = withDatabase(pgAdminUrl, pgName);
  } else if (DB_KIND === 'sqlite') {
    db = path.join(tmp, 'yuanwu.db');
  } else {
    throw new Error(`unknown YUANWU_TEST_DB=${DB_KIND}`);
  }
  const env = { ...process.env, ASAN_OPTIONS: process.env.ASAN_OPTIONS || 'detect_leaks=0' };
  for (const k of Object.keys(env)) {
    // Flags are the configuration here; stray YUANWU_* settings must not leak in.
    if (k.startsWith('YUANWU_') && k !== 'YUANWU_BIN') delete env[k];
  }
  const common = ['--db', db, '--data-dir', dataDir];
  const clockFile = path.join(tmp, 'now.txt');
  const setNow = (iso) => fs.writeFileSync(clockFile, iso + '\n');
  if (clock) {
    setNow(clock);
    common.push('--clock-file', clockFile);
  }

  const cli = (args, opts = {}) => {
    const r = spawnSync(bin, [...common, ...args], {
      encoding: 'utf8',
      env,
      timeout: opts.timeout ?? 300_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { status: r.status, stdout: r.stdout || '', stderr: r.stderr || '', error: r.error };
  };

  const cleanup = () => {
    if (process.env.YUANWU_TEST_KEEP === '1') return;
    if (pgName) {
      try {
        psql(pgAdminUrl, `DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`);
      } catch (e) {
        process.stderr.write(`warning: ${e.message}\n`);
      }
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  };

  if (demo) {
    // A small share of the demo records keeps every test file's start-up quick.
    const d = cli(['demo', '--record-scale', String(recordScale)]);
    if (d.status !== 0) {
      cleanup();
      throw new Error(`yuanwu demo failed (${d.status}): ${d.stderr}${d.stdout}${d.error || ''}`);
    }
  }

  // A port found free may be taken before the server binds it; retry a few times.
  let child;
  let port;
  let out = '';
  for (let attempt = 0; attempt < 5; attempt++) {
    port = await freePort();
    out = '';
    child = spawn(
      bin,
      [
        ...common,
        'serve',
        '--host', '127.0.0.1',
        '--port', String(port),
        '--scheduler-interval', '1',
        // All requests come from 127.0.0.1; the anonymous-POST limiter would otherwise turn
        // the matrix's anonymous writes and the sign-ins into 429s.
        '--anonymous-posts-per-minute', '100000',
        ...extraArgs,
      ],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout.on('data', (b) => { out += b.toString(); });
    child.stderr.on('data', (b) => { out += b.toString(); });
    let exited = false;
    child.on('exit', () => { exited = true; });
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 60_000;
    let up = false;
    while (!exited && Date.now() < deadline) {
      try {
        const r = await fetch(base + '/healthz');
        if (r.status === 200) { up = true; break; }
      } catch { /* not yet */ }
      await sleep(100);
    }
    if (up) break;
    if (!exited) child.kill('SIGKILL');
    if (attempt === 4 || !/address|bind|in use/i.test(out)) {
      cleanup();
      throw new Error(`yuanwu serve did not come up on port ${port}:\n${out}`);
    }
  }

  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await done;
      clearTimeout(t);
    }
    if (/ERROR: AddressSanitizer|runtime error:|ERROR: LeakSanitizer/.test(out)) {
      process.stderr.write(`sanitizer report from yuanwu:\n${out}\n`);
    }
    cleanup();
    return { code: child.exitCode, signal: child.signalCode, output: out };
  };
  return { base, port, db, dataDir, tmp, stop, cli, output: () => out, kind: DB_KIND, setNow };
}

// ---------------------------------------------------------------------------------------------
// A small client over global fetch.

export class Client {
  constructor(base) {
    this.base = base;
    this.sessions = new Map();
  }

  // Signs in (once per username; sessions are cached) → {cookie, csrf, user}.
  async login(username, password = DEMO_PASSWORD, { fresh = false } = {}) {
    if (!fresh && this.sessions.has(username)) return this.sessions.get(username);
    const r = await this.tryLogin(username, password);
    if (r.status !== 200) {
      throw new Error(`login ${username} failed: ${r.status} ${r.text}`);
    }
    const setCookie = r.headers.get('set-cookie') || '';
    const m = /yw_session=([^;]*)/.exec(setCookie);
    if (!m) throw new Error(`login ${username}: no yw_session cookie in ${setCookie}`);
    const s = { username, cookie: `yw_session=${m[1]}`, csrf: r.json.csrf_token, user: r.json.user };
    this.sessions.set(username, s);
    return s;
  }

  // One sign-in attempt; returns the raw response (for lockout tests).
  async tryLogin(username, password) {
    return this.request('POST', '/api/v1/session', { json: { username, password } });
  }

  // request(method, path, {json, body, session, headers, multipart, form, csrf})
  //   json:      object/array → JSON body (Content-Type application/json)
  //   body:      raw string/Buffer (set Content-Type yourself in headers)
  //   multipart: {field: value | {filename, data, type}} → FormData
  //   form:      {k: v} → application/x-www-form-urlencoded
  //   session:   from login(); adds the cookie and, for writes, X-CSRF-Token
  //   csrf:      false to leave out X-CSRF-Token
  // → {status, headers, text, json, buffer}
  async request(method, p, opts = {}) {
    const headers = { ...(opts.headers || {}) };
    let body;
    if (opts.json !== undefined) {
      body = JSON.stringify(opts.json);
      if (!hasHeader(headers, 'content-type')) headers['Content-Type'] = 'application/json';
    } else if (opts.multipart) {
      const fd = new FormData();
      for (const [k, v] of Object.entries(opts.multipart)) {
        if (v && typeof v === 'object' && 'data' in v) {
          fd.append(k, new Blob([v.data], { type: v.type || 'application/octet-stream' }), v.filename);
        } else {
          fd.append(k, String(v));
        }
      }
      body = fd;
    } else if (opts.form) {
      body = new URLSearchParams(opts.form).toString();
      if (!hasHeader(headers, 'content-type')) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    } else if (opts.body !== undefined) {
      body = opts.body;
    }
    if (opts.session) {
      headers.Cookie = opts.session.cookie;
      if (method !== 'GET' && method !== 'HEAD' && opts.csrf !== false) {
        headers['X-CSRF-Token'] = opts.session.csrf;
      }
    }
    const res = await fetch(this.base + p, { method, headers, body, redirect: 'manual' });
    const buffer = Buffer.from(await res.arrayBuffer());
    const text = buffer.toString('utf8');
    let json;
    if ((res.headers.get('content-type') || '').includes('json') && text.length > 0) {
      try { json = JSON.parse(text); } catch { json = undefined; }
    }
    return { status: res.status, headers: res.headers, text, json, buffer };
  }

  get(p, session, opts = {}) { return this.request('GET', p, { ...opts, session }); }
  post(p, session, json, opts = {}) { return this.request('POST', p, { ...opts, session, json }); }
  put(p, session, json, opts = {}) { return this.request('PUT', p, { ...opts, session, json }); }
  del(p, session, opts = {}) { return this.request('DELETE', p, { ...opts, session }); }
}

function hasHeader(h, name) {
  return Object.keys(h).some((k) => k.toLowerCase() === name);
}

// Short description of a response for assertion messages.
export function show(r) {
  return `${r.status} ${r.text.length > 400 ? r.text.slice(0, 400) + '…' : r.text}`;
}

// A tiny valid PDF.
export function tinyPdf(text = 'yuanwu test') {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n' +
      '2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
      '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n' +
      `% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
    'latin1',
  );
}

export const sleepMs = sleep;

// ISO-8601 UTC without milliseconds, as the API writes them.
export function isoSeconds(ms) {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// Today in the hospital's time zone (UTC+8, the server default).
export function localToday(offsetMinutes = 480) {
  return new Date(Date.now() + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

// Random suffix for unique names in a test.
export function uniq(n = 6) {
  return randomBytes(n).toString('hex').slice(0, n);
}

// ---------------------------------------------------------------------------------------------
// For the CLI tests (tests/api/cli.test.mjs): databases without a server, and psql access.

// psql against any PostgreSQL URL; returns stdout, throws on failure.
export function runPsql(url, sqlText) {
  return psql(url, sqlText);
}

// The environment the binary runs with: the caller's, minus stray YUANWU_* settings (as in
// startServer), plus `extra`.
export function yuanwuEnv(extra = {}) {
  const env = { ...process.env, ASAN_OPTIONS: process.env.ASAN_OPTIONS || 'detect_leaks=0' };
  for (const k of Object.keys(env)) {
    if (k.startsWith('YUANWU_') && k !== 'YUANWU_BIN') delete env[k];
  }
  return { ...env, ...extra };
}

// A fresh, empty database of the YUANWU_TEST_DB kind, nothing applied to it and no server:
// SQLite → a path in a new temp dir (the file does not exist yet); PostgreSQL → a new empty
// database yw_<random>. → {db, tmp, dataDir, kind, cleanup()}; cleanup() honours YUANWU_TEST_KEEP.
export function freshDatabase() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'yw-cli-'));
  const dataDir = path.join(tmp, 'data');
  let db;
  let pgAdminUrl = null;
  let pgName = null;
  if (DB_KIND === 'postgres' || DB_KIND === 'postgresql') {
    pgAdminUrl = process.env.YUANWU_TEST_PG_URL;
    if (!pgAdminUrl) throw new Error('YUANWU_TEST_DB=postgres needs YUANWU_TEST_PG_URL');
    pgName = 'yw_' + randomBytes(6).toString('hex');
    psql(pgAdminUrl, `CREATE DATABASE ${pgName}`);
    db = withDatabase(pgAdminUrl, pgName);
  } else if (DB_KIND === 'sqlite') {
    db = path.join(tmp, 'yuanwu.db');
  } else {
    throw new Error(`unknown YUANWU_TEST_DB=${DB_KIND}`);
  }
  const cleanup = () => {
    if (process.env.YUANWU_TEST_KEEP === '1') return;
    if (pgName) {
      try {
        psql(pgAdminUrl, `DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`);
      } catch (e) {
        process.stderr.write(`warning: ${e.message}\n`);
      }
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  return { db, tmp, dataDir, kind: DB_KIND, cleanup };
}
