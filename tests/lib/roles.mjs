// Role → permissions, read from the migration that defines the built-in roles (not a copy).
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './server.mjs';

export function builtinRoles(file = path.join(ROOT, 'migrations', '0003_roles.sql')) {
  const sql = fs.readFileSync(file, 'utf8');
  const roles = new Map();
  const re = /INSERT\s+INTO\s+role\s*\(([^)]*)\)\s*VALUES\s*\(([^;]*)\)\s*;/gi;
  for (const m of sql.matchAll(re)) {
    const cols = m[1].split(',').map((s) => s.trim());
    const vals = [...m[2].matchAll(/'((?:[^']|'')*)'|(\d+)/g)].map((v) => (v[1] !== undefined ? v[1].replace(/''/g, "'") : v[2]));
    const row = Object.fromEntries(cols.map((c, i) => [c, vals[i]]));
    roles.set(row.code, new Set(row.permissions.split(',').map((s) => s.trim()).filter(Boolean)));
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
