// Role → permissions, read from the migrations that define and extend the built-in roles (not a
// copy): every `INSERT INTO role …` and every `UPDATE role SET permissions = permissions || ',…'
// WHERE code = '…'`, in migration order.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './server.mjs';

export function builtinRoles(dir = path.join(ROOT, 'migrations')) {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
  const sql = files.map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n');
  const file = dir;
  const roles = new Map();
  const re = /INSERT\s+INTO\s+role\s*\(([^)]*)\)\s*VALUES\s*\(([^;]*)\)\s*;/gi;
  for (const m of sql.matchAll(re)) {
    const cols = m[1].split(',').map((s) => s.trim());
    const vals = [...m[2].matchAll(/'((?:[^']|'')*)'|(\d+)/g)].map((v) => (v[1] !== undefined ? v[1].replace(/''/g, "'") : v[2]));
    const row = Object.fromEntries(cols.map((c, i) => [c, vals[i]]));
    roles.set(row.code, new Set(row.permissions.split(',').map((s) => s.trim()).filter(Boolean)));
  }
  const up = /UPDATE\s+role\s+SET\s+permissions\s*=\s*permissions\s*\|\|\s*'([^']*)'\s+WHERE\s+code\s*=\s*'([^']*)'\s*;/gi;
  for (const m of sql.matchAll(up)) {
    const set = roles.get(m[2]);
    if (!set) throw new Error(`UPDATE of unknown role ${m[2]}`);
    for (const p of m[1].split(',').map((x) => x.trim()).filter(Boolean)) set.add(p);
  }
  if (roles.size === 0) throw new Error(`no roles parsed from ${file}`);
  return roles;
}

// `yuanwu routes` output → [{method, pattern, permission}]
export function parseRoutes(stdout) {
  const out = [];
  for (const line of stdout.split('\n')) {
    const m = /^(GET|POST|PUT|DELETE|PATCH|HEAD)\s+(\/\S+)\s+(\S+)\s*$/.exec(line.trim());
    if (m) out.push({ method: m[1], pattern: m[2], permission: m[3] });
  }
  return out;
}
