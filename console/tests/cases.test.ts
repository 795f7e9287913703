import { describe, expect, it } from 'vitest';

import {
  buildTimeline,
  caseDetailPath,
  defaultQueue,
  dueMoment,
  dueStatus,
  dueTagType,
  isCaseQueue,
  isReassignment,
  isWorkingDay,
  parsePeriod,
  queueCount,
  remaining,
  remainingLabel,
  workingDaysBetween,
  type CaseClock,
  type QueueCounts,
} from '#/utils/cases';

const counts: QueueCounts = { mine: 2, department: 5, open: 9, overdue: 1, due_soon: 3, paused: 1, closed: 4 };

/** The 2026 National Day holiday and its make-up working day, as the calendar API gives them. */
const calendar = new Map<string, 'holiday' | 'workday'>([
  ['2026-10-01', 'holiday'],
  ['2026-10-02', 'holiday'],
  ['2026-10-05', 'holiday'],
  ['2026-10-06', 'holiday'],
  ['2026-10-07', 'holiday'],
  ['2026-10-10', 'workday'],
]);

function clock(over: Partial<CaseClock>): CaseClock {
  return { clock: 'running', due_at: '2026-11-27', period: '5wd', overdue: false, escalation: 0, on_time: null, ...over };
}

describe('queues', () => {
  it('counts 全部 as open plus closed and the rest as the server says', () => {
    expect(queueCount(counts, 'all')).toBe(13);
    expect(queueCount(counts, 'mine')).toBe(2);
    expect(queueCount(counts, 'due_soon')).toBe(3);
    expect(queueCount(null, 'overdue')).toBeNull();
  });

  it('opens my work first, then my department, then everything', () => {
    expect(defaultQueue(counts)).toBe('mine');
    expect(defaultQueue({ ...counts, mine: 0 })).toBe('department');
    expect(defaultQueue({ ...counts, mine: 0, department: 0 })).toBe('all');
    expect(defaultQueue(null)).toBe('all');
  });

  it('accepts only known queue names from the URL', () => {
    expect(isCaseQueue('overdue')).toBe(true);
    expect(isCaseQueue('open')).toBe(false);
    expect(isCaseQueue(['mine'])).toBe(false);
  });
});

describe('periods', () => {
  it('parses working days, calendar days and hours', () => {
    expect(parsePeriod('5wd')).toEqual({ amount: 5, unit: 'wd' });
    expect(parsePeriod('15d')).toEqual({ amount: 15, unit: 'd' });
    expect(parsePeriod('12h')).toEqual({ amount: 12, unit: 'h' });
  });

  it('rejects anything else', () => {
    for (const bad of ['', '0wd', '5w', ' 5d', '5 d', 'wd', '-1d', '5wdx', null, undefined]) expect(parsePeriod(bad)).toBeNull();
  });
});

describe('due marking', () => {
  it('marks overdue red and due soon (reminded) orange while the clock runs', () => {
    expect(dueStatus(clock({ overdue: true, escalation: 2 }))).toBe('overdue');
    expect(dueTagType('overdue')).toBe('danger');
    expect(dueStatus(clock({ escalation: 1 }))).toBe('due_soon');
    expect(dueTagType('due_soon')).toBe('warning');
    expect(dueStatus(clock({}))).toBe('normal');
  });

  it('says paused, answered in time or late instead of a due date when the clock is not running', () => {
    expect(dueStatus(clock({ clock: 'paused', due_at: '', overdue: false }))).toBe('paused');
    expect(dueStatus(clock({ clock: 'stopped', on_time: true }))).toBe('met');
    expect(dueStatus(clock({ clock: 'stopped', on_time: false }))).toBe('late');
    expect(dueTagType('late')).toBe('danger');
    expect(dueStatus(clock({ clock: 'none', due_at: '' }))).toBe('none');
    expect(dueStatus(clock({ due_at: '' }))).toBe('none');
  });
});

describe('working days', () => {
  it('skips weekends and holidays and counts make-up days', () => {
    expect(isWorkingDay('2026-11-23', calendar)).toBe(true); // Monday
    expect(isWorkingDay('2026-11-22', calendar)).toBe(false); // Sunday
    expect(isWorkingDay('2026-10-01', calendar)).toBe(false); // 国庆
    expect(isWorkingDay('2026-10-10', calendar)).toBe(true); // Saturday, 调休上班
  });

  it('counts the days after `from` up to and including `to`', () => {
    expect(workingDaysBetween('2026-11-23', '2026-11-27', calendar)).toBe(4);
    expect(workingDaysBetween('2026-11-27', '2026-11-30', calendar)).toBe(1);
    expect(workingDaysBetween('2026-09-30', '2026-10-12', calendar)).toBe(4); // 10-08, 10-09, 10-10 (调休), 10-12
    expect(workingDaysBetween('2026-11-27', '2026-11-23', calendar)).toBe(0);
  });

  it('crosses a month and a year end', () => {
    expect(workingDaysBetween('2026-12-30', '2027-01-04', new Map())).toBe(3); // 12-31, 01-01, 01-04
  });
});

describe('remaining time', () => {
  const monday = new Date(2026, 10, 23, 10, 0); // 2026-11-23 10:00 local

  it('counts working days to a bare due date (the end of that day)', () => {
    expect(dueMoment('2026-11-27')?.getHours()).toBe(23);
    expect(remaining('2026-11-27', '5wd', monday, calendar)).toEqual({ kind: 'left', unit: 'wd', n: 4 });
    expect(remaining('2026-11-23', '5wd', monday, calendar)).toEqual({ kind: 'today' });
  });

  it('counts how far over an overdue case is, at least one', () => {
    expect(remaining('2026-11-20', '5wd', monday, calendar)).toEqual({ kind: 'over', unit: 'wd', n: 1 });
    expect(remaining('2026-11-16', '5wd', monday, calendar)).toEqual({ kind: 'over', unit: 'wd', n: 5 });
  });

  it('uses calendar days and hours for those periods', () => {
    expect(remaining('2026-12-08', '15d', monday, calendar)).toEqual({ kind: 'left', unit: 'd', n: 15 });
    expect(remaining('2026-11-23 22:00', '12h', monday, calendar)).toEqual({ kind: 'left', unit: 'h', n: 12 });
    expect(remaining('2026-11-23 10:30', '12h', monday, calendar)).toEqual({ kind: 'today' });
    expect(remaining('2026-11-23 07:00', '2h', monday, calendar)).toEqual({ kind: 'over', unit: 'h', n: 3 });
  });

  it('has no answer without a due date', () => {
    expect(remaining('', '5wd', monday, calendar)).toBeNull();
    expect(remaining('soon', '5wd', monday, calendar)).toBeNull();
  });

  it('names the locale key of each kind', () => {
    expect(remainingLabel({ kind: 'left', unit: 'wd', n: 3 })).toEqual({ key: 'cases.remaining.left.wd', n: 3 });
    expect(remainingLabel({ kind: 'over', unit: 'h', n: 2 })).toEqual({ key: 'cases.remaining.over.h', n: 2 });
    expect(remainingLabel({ kind: 'today' })).toEqual({ key: 'cases.remaining.today', n: 0 });
  });
});

describe('assignment', () => {
  it('needs a reason to move a case that already has an owner', () => {
    expect(isReassignment({ department_id: 0, assignee_id: 0 }, 7)).toBe(false);
    expect(isReassignment({ department_id: 7, assignee_id: 0 }, 7)).toBe(false); // naming someone in the same department
    expect(isReassignment({ department_id: 7, assignee_id: 0 }, 8)).toBe(true);
    expect(isReassignment({ department_id: 7, assignee_id: 12 }, 7)).toBe(true);
  });
});

describe('timeline', () => {
  const ev = (id: number, seq: number, kind = 'note', corrects = 0) => ({ id, seq, kind, corrects });

  it('keeps every entry in order and links corrections both ways', () => {
    const events = [ev(13, 3, 'correct', 11), ev(11, 1, 'open'), ev(12, 2), ev(14, 4, 'correct', 11)];
    const attachments = [{ id: 1, event_id: 12 }, { id: 2, event_id: 99 }];
    const t = buildTimeline(events, attachments);
    expect(t.map((e) => e.event.seq)).toEqual([1, 2, 3, 4]);
    expect(t[0]!.corrections.map((e) => e.id)).toEqual([13, 14]);
    expect(t[2]!.corrected?.id).toBe(11);
    expect(t[1]!.corrected).toBeNull();
    expect(t[1]!.attachments.map((a) => a.id)).toEqual([1]);
    expect(t.flatMap((e) => e.attachments).map((a) => a.id)).toEqual([1]);
  });

  it('keeps a correction of an entry it cannot find', () => {
    const t = buildTimeline([ev(5, 1, 'correct', 404)], []);
    expect(t).toHaveLength(1);
    expect(t[0]!.corrected).toBeNull();
  });
});

describe('case links', () => {
  it('sends /cases/<type>/<id> to the page of each type', () => {
    expect(caseDetailPath('complaint', '7')).toBe('/complaints/cases/7');
    expect(caseDetailPath('adverse_event', 3)).toBe('/quality/adverse-events/3');
    expect(caseDetailPath('rectification', '12')).toBe('/quality/rectifications/12');
    expect(caseDetailPath('disclosure_application', '1')).toBe('/disclosure/applications/1');
    expect(caseDetailPath('disclosure_consultation', '2')).toBe('/disclosure/consultations/2');
  });

  it('refuses unknown types and bad ids', () => {
    expect(caseDetailPath('invoice', '7')).toBeNull();
    expect(caseDetailPath('complaint', '0')).toBeNull();
    expect(caseDetailPath('complaint', '7x')).toBeNull();
    expect(caseDetailPath('complaint', '../x')).toBeNull();
  });
});
