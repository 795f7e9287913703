import { type CaseApi, caseRoutes, listParams } from './cases';
import { apiUrl, http, type Page } from './request';

/** 限期整改 (src/quality/quality_routes.h). */
export namespace RectificationApi {
  export interface Task {
    source_type: string;
    source_name: string;
    source_id: number;
    source_code: string;
    source_round_id: number;
    problem: string;
    requirement: string;
    leader: string;
    responsible: string;
    created_at: string;
    failed_rechecks: number;
  }

  export type Case = CaseApi.Case & { rectification: Task };

  export interface Filters {
    source_type: string;
    source_id: number | null;
  }

  export interface NewInput {
    source_type: string;
    source_id: number | null;
    department_id: number | null;
    assignee_id: number | null;
    problem: string;
    requirement: string;
    /** '' = the rules' default; else 'Nwd'. */
    period: string;
    leader: string;
    responsible: string;
  }
}

const BASE = '/rectifications';

export const rectificationCases = caseRoutes(BASE);

function query(q: CaseApi.ListQuery, f: RectificationApi.Filters) {
  return listParams(q, { source_type: f.source_type, source_id: f.source_id });
}

export function getRectifications(q: CaseApi.ListQuery, f: RectificationApi.Filters) {
  return http.get<Page<RectificationApi.Case>>(BASE, query(q, f));
}
export function rectificationsExportUrl(q: CaseApi.ListQuery, f: RectificationApi.Filters): string {
  const { offset: _o, limit: _l, ...rest } = query(q, f);
  return apiUrl(`${BASE}/export`, rest);
}
export function getRectification(id: number) {
  return http.get<RectificationApi.Case>(`${BASE}/${id}`);
}
/** 下达整改 (from a complaint, an adverse event, or other). */
export function createRectification(input: RectificationApi.NewInput) {
  return http.post<RectificationApi.Case>(BASE, {
    ...input,
    source_id: input.source_id ?? 0,
    assignee_id: input.assignee_id ?? 0,
  });
}
/** 整改完成 (evidence goes up as attachments first). */
export function submitRectification(id: number, report: string) {
  return http.post<RectificationApi.Case>(`${BASE}/${id}/submit`, { report });
}
/** 复查: pass (销号) or fail (继续整改, the period restarts). */
export function recheckRectification(id: number, passed: boolean, note: string) {
  return http.post<RectificationApi.Case>(`${BASE}/${id}/recheck`, { passed, note });
}
