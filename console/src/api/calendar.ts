import { http } from './request';

export namespace CalendarApi {
  export type Kind = 'holiday' | 'workday';

  export interface Day {
    date: string;
    kind: Kind;
    name: string;
    notice: string;
  }
}

/** 工作日历 */
export function getCalendar(year: number) {
  return http.get<{ items: CalendarApi.Day[] }>('/calendar', { year });
}
export function putCalendarDay(day: CalendarApi.Day) {
  const { date, ...rest } = day;
  return http.put<CalendarApi.Day>(`/calendar/${date}`, rest);
}
export function deleteCalendarDay(date: string) {
  return http.del(`/calendar/${date}`);
}
/** 计算 from 之后第 days 个工作日 */
export function addWorkingDays(from: string, days: number) {
  return http.get<{ date: string }>('/calendar/add-working-days', { from, days });
}
