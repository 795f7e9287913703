import { type CaseApi, caseRoutes, listParams } from './cases';
import { apiUrl, http, type Page } from './request';

/** 不良事件 (src/quality/quality_routes.h). */
export namespace AdverseEventApi {
  export interface Code {
    code: string;
    name: string;
    name_en: string;
    help?: string;
    help_en?: string;
  }

  export interface Severity extends Code {
    help: string;
    help_en: string;
    period_name: string;
    /** The reporting period in force ("12h"), from the rules. */
    period: string;
  }

  export interface Codes {
    categories: Code[];
    grades: Code[];
    severities: Severity[];
    cause_categories: Code[];
    effectiveness: Code[];
    rectification_sources: Code[];
    non_punitive_notice: string;
    non_punitive_notice_en: string;
    handle_period: string;
  }

  export interface Cause {
    category: string;
    category_name?: string;
    description: string;
  }

  /** The event's own fields, masked by the server for the viewer. */
  export interface Event {
    anonymous: boolean;
    reporter: { id: number; name: string; department: string };
    reported_at: string;
    reported_local: string;
    occurred_at: string;
    discovered_at: string;
    department_id: number;
    department_name: string;
    patient: { name: string; record_no: string };
    category: string;
    category_name: string;
    grade: string;
    grade_name: string;
    description: string;
    immediate_measures: string;
    external: {
      required: boolean;
      severity: string;
      severity_name: string;
      period: string;
      due_at: string | null;
      reported_at: string | null;
      note: string;
      on_time: boolean | null;
      overdue: boolean;
    };
    department_handling: { analysis: string; measures: string; submitted_at: string | null };
    review: { causes: Cause[]; factors: string; conclusion: string; reviewed_at: string | null };
    evaluation: { effectiveness: string; effectiveness_name: string; text: string; evaluated_at: string | null };
    masked: boolean;
  }

  export interface Corrective {
    id: number;
    code: string;
    state: string;
    state_name: string;
    closed: boolean;
    department_id: number;
    department_name: string;
    requirement: string;
    due_at: string;
  }

  export type Case = CaseApi.Case & { event: Event; corrective?: Corrective[] };

  export interface Filters {
    category: string;
    grade: string;
    external: string;
  }

  export interface ReportInput {
    occurred_at: string;
    discovered_at: string;
    department_id: number | null;
    patient_name: string;
    patient_record_no: string;
    category: string;
    grade: string;
    description: string;
    immediate_measures: string;
    external_severity: string;
    anonymous: boolean;
  }

  export interface Reported {
    id: number;
    code: string;
    tracking_code: string;
    anonymous: boolean;
    state: string;
    state_name: string;
    notice: string;
  }

  export interface Mine {
    id: number;
    code: string;
    title: string;
    state: string;
    state_name: string;
    closed: boolean;
    reported_local: string;
    category_name: string;
    grade_name: string;
  }

  export interface CorrectiveAction {
    department_id: number | null;
    assignee_id: number | null;
    requirement: string;
    period: string;
    leader: string;
    responsible: string;
  }

  export interface Count {
    key: string;
    name: string;
    count: number;
  }

  export interface Stats {
    year: number;
    from_month: number;
    to_month: number;
    total: number;
    anonymous: number;
    closed: number;
    external: { required: number; reported: number; on_time: number; overdue: number };
    by_category: Count[];
    by_grade: Count[];
    by_department: Count[];
    by_month: Count[];
    by_cause: Count[];
    note: string;
  }
}

const BASE = '/adverse-events';

export const adverseEventCases = caseRoutes(BASE);

function query(q: CaseApi.ListQuery, f: AdverseEventApi.Filters) {
  return listParams(q, { category: f.category, grade: f.grade, external: f.external });
}

export function getAdverseEvents(q: CaseApi.ListQuery, f: AdverseEventApi.Filters) {
  return http.get<Page<AdverseEventApi.Case>>(BASE, query(q, f));
}
export function adverseEventsExportUrl(q: CaseApi.ListQuery, f: AdverseEventApi.Filters): string {
  const { offset: _o, limit: _l, ...rest } = query(q, f);
  return apiUrl(`${BASE}/export`, rest);
}
export function getAdverseEventCodes() {
  return http.get<AdverseEventApi.Codes>(`${BASE}/categories`);
}
export function getAdverseEvent(id: number) {
  return http.get<AdverseEventApi.Case>(`${BASE}/${id}`);
}
/** 上报; the tracking code is in the answer once. */
export function reportAdverseEvent(input: AdverseEventApi.ReportInput) {
  return http.post<AdverseEventApi.Reported>(BASE, input);
}
/** My named reports. */
export function getMyAdverseEvents() {
  return http.get<{ items: AdverseEventApi.Mine[] }>(`${BASE}/mine`);
}
export function deptSubmit(id: number, input: { analysis: string; measures: string }) {
  return http.post<AdverseEventApi.Case>(`${BASE}/${id}/actions/dept_submit`, input);
}
export function analyseEvent(id: number, input: { causes: AdverseEventApi.Cause[]; factors: string; conclusion: string; grade: string; category: string }) {
  return http.post<AdverseEventApi.Case>(`${BASE}/${id}/actions/analyse`, input);
}
export function planActions(id: number, input: { actions: AdverseEventApi.CorrectiveAction[]; note: string }) {
  const actions = input.actions.map((a) => ({ ...a, assignee_id: a.assignee_id ?? 0 }));
  return http.post<AdverseEventApi.Case>(`${BASE}/${id}/actions/plan_actions`, { actions, note: input.note });
}
export function closeEvent(id: number, input: { effectiveness: string; evaluation: string }) {
  return http.post<AdverseEventApi.Case>(`${BASE}/${id}/actions/close`, input);
}
export function setExternalSeverity(id: number, severity: string) {
  return http.post<AdverseEventApi.Case>(`${BASE}/${id}/external`, { severity });
}
export function markReportedOutward(id: number, input: { reported_at: string; note: string }) {
  return http.post<AdverseEventApi.Case>(`${BASE}/${id}/external/reported`, input);
}
export function getAdverseEventStats(year: number, fromMonth: number, toMonth: number) {
  return http.get<AdverseEventApi.Stats>(`${BASE}/stats`, { year, from_month: fromMonth, to_month: toMonth });
}
