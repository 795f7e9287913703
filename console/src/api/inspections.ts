import { apiUrl, http, type Page } from './request';

/** 督查 and checklist templates (src/quality/quality_routes.h, checklist.h, inspection.h). */
export namespace InspectionApi {
  export interface Item {
    id: number;
    seq: number;
    category: string;
    content: string;
    max_score: number;
  }

  export interface Template {
    id: number;
    code: string;
    source: 'shipped' | 'custom';
    active: boolean;
    version_id: number;
    version: number;
    name: string;
    name_en: string;
    category: string;
    description: string;
    total_score: number;
    item_count: number;
    created_at: string;
    created_by_name: string;
    items?: Item[];
  }

  export interface TemplateInput {
    code?: string;
    name: string;
    name_en: string;
    category: string;
    description: string;
    active?: boolean;
    items: { category: string; content: string; max_score: number | null }[];
  }

  export interface Finding {
    id: number;
    item_id: number;
    description: string;
    created_at: string;
    rectification: { id: number; code: string; state: string };
  }

  export interface Sheet {
    id: number;
    department_id: number;
    department_name: string;
    scored: boolean;
    total_score: number | null;
    max_score: number | null;
    score: number | null;
    summary: string;
    scored_at: string;
    scores: { item_id: number; score: number; note: string }[];
    findings: Finding[];
  }

  export interface Round {
    id: number;
    title: string;
    template: { id: number; code: string; name: string; version: number; version_id: number };
    inspected_on: string;
    inspectors: string[];
    status: 'open' | 'completed';
    status_name: string;
    note: string;
    created_by_name: string;
    created_at: string;
    completed_at: string;
    department_count: number;
    scored_count: number;
    sheets?: Sheet[];
    items?: Item[];
  }

  export interface RoundQuery {
    from: string;
    to: string;
    template_id: number | null;
    department_id: number | null;
    status: string;
    page: number;
    page_size: number;
  }

  export interface RoundInput {
    template_id: number | null;
    title: string;
    inspected_on: string;
    inspectors: string[];
    department_ids: number[];
    note: string;
  }

  export interface ScoreInput {
    item_id: number;
    score: number | null;
    note: string;
  }

  export interface FindingInput {
    item_id: number | null;
    description: string;
    requirement: string;
    period: string;
    leader: string;
    responsible: string;
    assignee_id: number | null;
  }

  export interface MonthlyScore {
    department_id: number;
    department_name: string;
    template_id: number;
    template_code: string;
    template_name: string;
    sheets: number;
    average: number;
    min: number;
    max: number;
  }

  export interface FindingCount {
    department_id: number;
    department_name: string;
    in_month: number;
    open: number;
    overdue: number;
  }

  export interface Monthly {
    month: string;
    scores: MonthlyScore[];
    findings: FindingCount[];
  }
}

const BASE = '/inspections';

export function getTemplates(includeInactive = false) {
  return http.get<{ items: InspectionApi.Template[] }>(`${BASE}/templates`, { include_inactive: includeInactive ? 1 : null });
}
export function getTemplate(id: number, version?: number) {
  return http.get<InspectionApi.Template>(`${BASE}/templates/${id}`, { version });
}
export function createTemplate(input: InspectionApi.TemplateInput) {
  return http.post<InspectionApi.Template>(`${BASE}/templates`, input);
}
/** A new version of the template ("active" switches it on or off). */
export function updateTemplate(id: number, input: InspectionApi.TemplateInput) {
  return http.put<InspectionApi.Template>(`${BASE}/templates/${id}`, input);
}
export function getRounds(q: InspectionApi.RoundQuery) {
  const { page, page_size, ...rest } = q;
  return http.get<Page<InspectionApi.Round>>(BASE, { ...rest, offset: (page - 1) * page_size, limit: page_size });
}
export function createRound(input: InspectionApi.RoundInput) {
  return http.post<InspectionApi.Round>(BASE, input);
}
export function getRound(id: number) {
  return http.get<InspectionApi.Round>(`${BASE}/${id}`);
}
export function saveScores(id: number, input: { department_id: number; scores: InspectionApi.ScoreInput[]; summary: string }) {
  return http.put<InspectionApi.Round>(`${BASE}/${id}/scores`, input);
}
/** Findings; each becomes a rectification task of the department. */
export function addFindings(id: number, input: { department_id: number; findings: InspectionApi.FindingInput[] }) {
  const findings = input.findings.map((f) => ({ ...f, item_id: f.item_id ?? 0, assignee_id: f.assignee_id ?? 0 }));
  return http.post<InspectionApi.Round>(`${BASE}/${id}/findings`, { department_id: input.department_id, findings });
}
export function completeRound(id: number) {
  return http.post<InspectionApi.Round>(`${BASE}/${id}/complete`);
}
export function getMonthlyScores(month: string, templateId: number | null) {
  return http.get<InspectionApi.Monthly>(`${BASE}/scores`, { month, template_id: templateId });
}
export function monthlyScoresExportUrl(month: string, templateId: number | null): string {
  return apiUrl(`${BASE}/scores/export`, { month, template_id: templateId });
}
