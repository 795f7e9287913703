/**
 * Pure helpers of the case screens (投诉, 不良事件, 整改, 依申请公开): deadline periods, how a
 * case's deadline is marked, the remaining time on the working-day calendar, the timeline with
 * its corrections, and the console page of each case type. No Vue, no requests: unit-tested.
 */

/** The queue tabs of every case work list, in tab order (GET {base}?queue=…). */
export const CASE_QUEUES = ['mine', 'department', 'due_soon', 'overdue', 'paused', 'all', 'closed'] as const;
export type CaseQueue = (typeof CASE_QUEUES)[number];

/** GET {base}/queues. */
export interface QueueCounts {
  mine: number;
  department: number;
  open: number;
  overdue: number;
  due_soon: number;
  paused: number;
  closed: number;
}

/** The count shown on a queue tab; 全部 is what the viewer may see: open + closed. */
export function queueCount(counts: QueueCounts | null, queue: CaseQueue): number | null {
  if (!counts) return null;
  if (queue === 'all') return counts.open + counts.closed;
  return counts[queue];
}

/** The tab to open first: my own work, else my department's, else everything. */
export function defaultQueue(counts: QueueCounts | null): CaseQueue {
  if (counts && counts.mine > 0) return 'mine';
  if (counts && counts.department > 0) return 'department';
  return 'all';
}

export function isCaseQueue(value: unknown): value is CaseQueue {
  return typeof value === 'string' && (CASE_QUEUES as readonly string[]).includes(value);
}

// ---------------------------------------------------------------------------------------------
// Periods: "5wd" 工作日, "15d" 自然日, "12h" 小时 (platform/deadline).

export type PeriodUnit = 'wd' | 'd' | 'h';
export const PERIOD_UNITS: readonly PeriodUnit[] = ['wd', 'd', 'h'];

export interface Period {
  amount: number;
  unit: PeriodUnit;
}

/** '5wd' → {5, 'wd'}; null for anything else (empty, '0wd', '5w', ' 5d'). */
export function parsePeriod(text: string | null | undefined): Period | null {
  const m = /^([1-9]\d{0,4})(wd|d|h)$/.exec(text ?? '');
  if (!m) return null;
  return { amount: Number(m[1]), unit: m[2] as PeriodUnit };
}

export function periodText(period: Period): string {
  return `${period.amount}${period.unit}`;
}

// ---------------------------------------------------------------------------------------------
// Deadlines

/** The fields of a case (platform/cases/case_json.h) that its deadline marking needs. */
export interface CaseClock {
  clock: string; // none | running | paused | stopped
  due_at: string; // local 'YYYY-MM-DD HH:MM' or 'YYYY-MM-DD' (= by the end of that day)
  period: string;
  overdue: boolean;
  escalation: number; // 0 none, 1 reminded, 2 overdue, 3 office
  on_time: boolean | null;
}

/**
 * How a case's deadline is marked: overdue (red) and due soon (orange) while the clock runs;
 * "due soon" is the server's: the reminder went out (escalation ≥ 1), as in the due_soon queue.
 * A stopped clock tells whether the case was answered in time.
 */
export type DueStatus = 'none' | 'normal' | 'due_soon' | 'overdue' | 'paused' | 'met' | 'late' | 'stopped';

export function dueStatus(c: CaseClock): DueStatus {
  if (c.clock === 'paused') return 'paused';
  if (c.clock === 'stopped') {
    if (c.on_time === true) return 'met';
    if (c.on_time === false) return 'late';
    return 'stopped';
  }
  if (c.clock !== 'running' || !c.due_at) return 'none';
  if (c.overdue) return 'overdue';
  if (c.escalation >= 1) return 'due_soon';
  return 'normal';
}

/** Element Plus tag type of each marking (red, orange, …). */
export function dueTagType(status: DueStatus): 'danger' | 'warning' | 'info' | 'success' | 'primary' {
  switch (status) {
    case 'overdue':
    case 'late':
      return 'danger';
    case 'due_soon':
      return 'warning';
    case 'met':
      return 'success';
    case 'normal':
      return 'primary';
    default:
      return 'info';
  }
}

/** Calendar overrides: 'YYYY-MM-DD' → 'holiday' (法定节假日) or 'workday' (调休上班). */
export type CalendarOverrides = ReadonlyMap<string, 'holiday' | 'workday'>;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A Date's local calendar day as 'YYYY-MM-DD'. */
export function dayOf(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** 'YYYY-MM-DD' → the next day, on the calendar (no time zone involved). */
export function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return `${next.getUTCFullYear()}-${pad(next.getUTCMonth() + 1)}-${pad(next.getUTCDate())}`;
}

/** Monday to Friday, unless the calendar says otherwise. */
export function isWorkingDay(day: string, overrides: CalendarOverrides): boolean {
  const kind = overrides.get(day);
  if (kind) return kind === 'workday';
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** Working days d with from < d ≤ to (0 when to ≤ from). */
export function workingDaysBetween(from: string, to: string, overrides: CalendarOverrides): number {
  let n = 0;
  for (let day = nextDay(from); day <= to; day = nextDay(day)) {
    if (isWorkingDay(day, overrides)) n += 1;
  }
  return n;
}

/** Calendar days from `from` to `to` (negative when to is earlier). */
export function daysBetween(from: string, to: string): number {
  const ms = (s: string) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((ms(to) - ms(from)) / 86_400_000);
}

/** The due moment as a local Date: a bare date means the end of that day. */
export function dueMoment(dueAt: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?$/.exec(dueAt);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
  if (m[4] === undefined) return new Date(y, mo, d, 23, 59, 59);
  return new Date(y, mo, d, Number(m[4]), Number(m[5]));
}

/** What is left of a running deadline, in the period's own unit. */
export type Remaining =
  | { kind: 'left'; unit: PeriodUnit; n: number }
  | { kind: 'today' }
  | { kind: 'over'; unit: PeriodUnit; n: number };

/**
 * The time left until `dueAt` at `now`: working days for 'wd' periods (the days after today up to
 * the due day), calendar days for 'd', whole hours for 'h'. Past the due moment, how far over.
 * Null when there is no due date.
 */
export function remaining(
  dueAt: string,
  period: string,
  now: Date,
  overrides: CalendarOverrides,
): Remaining | null {
  const due = dueMoment(dueAt);
  if (!due) return null;
  const unit = parsePeriod(period)?.unit ?? 'wd';
  const late = now.getTime() > due.getTime();
  if (unit === 'h') {
    const hours = Math.floor(Math.abs(due.getTime() - now.getTime()) / 3_600_000);
    if (late) return { kind: 'over', unit, n: Math.max(1, hours) };
    return hours === 0 ? { kind: 'today' } : { kind: 'left', unit, n: hours };
  }
  const today = dayOf(now);
  const dueDay = dayOf(due);
  if (!late && dueDay === today) return { kind: 'today' };
  if (unit === 'd') {
    const n = Math.abs(daysBetween(today, dueDay));
    return late ? { kind: 'over', unit, n: Math.max(1, n) } : { kind: 'left', unit, n };
  }
  if (late) return { kind: 'over', unit, n: Math.max(1, workingDaysBetween(dueDay, today, overrides)) };
  return { kind: 'left', unit, n: workingDaysBetween(today, dueDay, overrides) };
}

// ---------------------------------------------------------------------------------------------
// Assignment

/** The engine's rule: naming someone else, or moving to another department, is a 改派 and needs a reason. */
export function isReassignment(
  current: { department_id: number; assignee_id: number },
  departmentId: number | null,
): boolean {
  return current.assignee_id !== 0 || (current.department_id !== 0 && current.department_id !== departmentId);
}

// ---------------------------------------------------------------------------------------------
// Timeline

export interface TimelineEventLike {
  id: number;
  seq: number;
  kind: string;
  corrects: number;
}

export interface TimelineAttachmentLike {
  id: number;
  event_id: number;
}

export interface TimelineEntry<E, A> {
  event: E;
  /** Later entries that correct this one, oldest first. */
  corrections: E[];
  /** The entry this one corrects (kind "correct"), if it is on the timeline. */
  corrected: E | null;
  attachments: A[];
}

/**
 * Every entry in order of seq, each with the corrections that point at it, the entry it corrects
 * and the attachments recorded with it. Nothing is left out: a correction is an entry of its own
 * too, linked both ways.
 */
export function buildTimeline<E extends TimelineEventLike, A extends TimelineAttachmentLike>(
  events: readonly E[],
  attachments: readonly A[],
): TimelineEntry<E, A>[] {
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  const byId = new Map(sorted.map((e) => [e.id, e]));
  return sorted.map((event) => ({
    event,
    corrections: sorted.filter((e) => e.kind === 'correct' && e.corrects === event.id),
    corrected: event.kind === 'correct' ? (byId.get(event.corrects) ?? null) : null,
    attachments: attachments.filter((a) => a.event_id === event.id),
  }));
}

// ---------------------------------------------------------------------------------------------
// Pages

/** The console page of each case type, for /cases/:type/:id (the links of reminders). */
export const CASE_DETAIL_PATHS: Readonly<Record<string, string>> = {
  complaint: '/complaints/cases',
  adverse_event: '/quality/adverse-events',
  rectification: '/quality/rectifications',
  disclosure_application: '/disclosure/applications',
  disclosure_consultation: '/disclosure/consultations',
};

/** '/complaints/cases/7' for ('complaint', '7'); null for an unknown type or a bad id. */
export function caseDetailPath(type: string, id: string | number): string | null {
  const base = CASE_DETAIL_PATHS[type];
  const text = String(id);
  if (!base || !/^[1-9]\d*$/.test(text)) return null;
  return `${base}/${text}`;
}

/** The locale key (cases.remaining.*) and count of a Remaining. */
export function remainingLabel(r: Remaining): { key: string; n: number } {
  if (r.kind === 'today') return { key: 'cases.remaining.today', n: 0 };
  return { key: `cases.remaining.${r.kind}.${r.unit}`, n: r.n };
}
