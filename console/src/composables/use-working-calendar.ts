import { onBeforeUnmount, onMounted, reactive, ref } from 'vue';

import type { CalendarApi } from '#/api/calendar';
import { http } from '#/api/request';
import type { CalendarOverrides } from '#/utils/cases';

/** Holidays and make-up working days by date, for every year asked for so far. */
const overrides = reactive(new Map<string, 'holiday' | 'workday'>());
const years = new Map<number, Promise<void>>();

function ensureYear(year: number): void {
  if (years.has(year)) return;
  // Silent: without the calendar the count falls back to Monday–Friday; no toast for it.
  const p = http.get<{ items: CalendarApi.Day[] }>('/calendar', { year }, true).then((res) => {
    for (const d of res.items) overrides.set(d.date, d.kind);
  });
  p.catch(() => years.delete(year));
  years.set(year, p);
}

/**
 * The working-day calendar for counting the days left to a deadline, and the current time,
 * refreshed every minute so the marking moves on while a page is open.
 */
export function useWorkingCalendar() {
  const now = ref(new Date());
  let timer: ReturnType<typeof setInterval> | undefined;
  onMounted(() => {
    timer = setInterval(() => (now.value = new Date()), 60_000);
  });
  onBeforeUnmount(() => clearInterval(timer));
  ensureYear(now.value.getFullYear());
  return {
    now,
    overrides: overrides as CalendarOverrides,
    /** Loads the calendar of the year of a due date ('YYYY-…'). */
    need(dueAt: string) {
      const year = Number(dueAt.slice(0, 4));
      if (year > 2000 && year < 3000) ensureYear(year);
    },
  };
}
