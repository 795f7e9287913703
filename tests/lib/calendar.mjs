// The shipped working-day calendar (data/calendar/*.csv), read independently of the server so
// the tests can compute expected answers themselves.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './server.mjs';

export function loadCalendar(dir = path.join(ROOT, 'data', 'calendar')) {
  const special = new Map();  // 'YYYY-MM-DD' → 'holiday' | 'workday'
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.csv'))) {
    const lines = fs.readFileSync(path.join(dir, f), 'utf8').split(/\r?\n/).slice(1);
    for (const line of lines) {
      const [date, kind] = line.split(',');
      if (/^\d{4}-\d{2}-\d{2}$/.test(date)) special.set(date, kind);
    }
  }
  return special;
}

const DAY = 86_400_000;
const toMs = (d) => Date.parse(d + 'T00:00:00Z');
const fromMs = (ms) => new Date(ms).toISOString().slice(0, 10);

export function isWorkingDay(special, date) {
  const k = special.get(date);
  if (k === 'holiday') return false;
  if (k === 'workday') return true;
  const dow = new Date(toMs(date)).getUTCDay();
  return dow !== 0 && dow !== 6;
}

// The n-th working day after `from` (n = 0 → from itself).
export function addWorkingDays(special, from, n) {
  let ms = toMs(from);
  while (n > 0) {
    ms += DAY;
    if (isWorkingDay(special, fromMs(ms))) n--;
  }
  return fromMs(ms);
}

// The working day n working days before `to`.
export function subtractWorkingDays(special, to, n) {
  let ms = toMs(to);
  while (n > 0) {
    ms -= DAY;
    if (isWorkingDay(special, fromMs(ms))) n--;
  }
  return fromMs(ms);
}
