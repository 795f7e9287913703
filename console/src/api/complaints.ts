import { type CaseApi, caseRoutes, listParams } from './cases';
import { apiUrl, http, type Page } from './request';

/** 投诉管理 (src/complaints/complaint_routes.h). */
export namespace ComplaintApi {
  export interface Code {
    code: string;
    name: string;
    name_en: string;
  }

  export interface Codes {
    channels: Code[];
    categories: Code[];
    complexities: Code[];
    relations: Code[];
    reply_methods: Code[];
    follow_up_routes: Code[];
    not_processed_reasons: Code[];
  }

  /** A complaint's own fields, already masked by the server for the viewer. */
  export interface Complaint {
    source: 'public' | 'staff';
    channel: string;
    channel_name: string;
    received_at: string;
    received_local: string;
    first_receiver: { department_id: number | null; department_name: string; name: string };
    resolved_on_spot: boolean;
    complainant: {
      name: string;
      relation: string | null;
      relation_name: string | null;
      phone: string;
      id_number: string;
      masked: boolean;
    };
    patient: { name: string; record_no: string; department_id: number | null; department_name: string };
    target: { department_id: number | null; department_name: string; staff: string };
    category: string;
    category_name: string;
    description: string;
    demand: string;
    complexity: string;
    complexity_name: string;
    reply: {
      text: string;
      method: string;
      method_name: string;
      replied_at: string;
      accepted: boolean | null;
      follow_up: Code[];
    } | null;
    not_processed: { reason: string; reason_name: string; explanation: string; at: string } | null;
    major_dispute: { flag: boolean; note: string; at: string | null };
    rating: { score: number; comment: string; at: string } | null;
    rectification_case_id: number | null;
  }

  export type Case = CaseApi.Case & { complaint: Complaint };

  export interface Filters {
    category: string;
    channel: string;
    major: boolean;
  }

  export interface RegisterInput {
    channel: string;
    /** Local 'YYYY-MM-DD HH:MM'; '' = now. */
    received_at: string;
    first_receiver_department_id: number | null;
    first_receiver_name: string;
    resolved_on_spot: boolean;
    complexity: string;
    on_spot_reply: string;
    on_spot_method: string;
    complainant_name: string;
    complainant_relation: string;
    complainant_phone: string;
    complainant_id_number: string;
    patient_name: string;
    patient_record_no: string;
    patient_department_id: number | null;
    target_department_id: number | null;
    target_staff: string;
    category: string;
    description: string;
    demand: string;
  }

  export type Registered = Case & { tracking_code: string };

  export interface ReplyInput {
    reply_text: string;
    reply_method: string;
    accepted: boolean | null;
    follow_up: string[];
  }

  export interface Figure {
    key: string;
    name: string;
    name_en: string;
    received: number;
    answered: number;
    reply_rate: number | null;
    with_deadline: number;
    on_time: number;
    on_time_rate: number | null;
    previous: { received: number; answered: number; reply_rate: number | null };
    received_change: number | null;
    answered_change: number | null;
  }

  export interface Stats {
    year: number;
    from_month: number;
    to_month: number;
    previous_year: number;
    total: Figure;
    by_channel: Figure[];
    by_category: Figure[];
    by_department: Figure[];
    by_month: Figure[];
  }
}

const BASE = '/complaints';

export const complaintCases = caseRoutes(BASE);

function query(q: CaseApi.ListQuery, f: ComplaintApi.Filters) {
  return listParams(q, { category: f.category, channel: f.channel, major: f.major ? 1 : null });
}

/** 投诉列表 (queue + filters) */
export function getComplaints(q: CaseApi.ListQuery, f: ComplaintApi.Filters) {
  return http.get<Page<ComplaintApi.Case>>(BASE, query(q, f));
}
/** The filtered list as XLSX (投诉登记台账). */
export function complaintsExportUrl(q: CaseApi.ListQuery, f: ComplaintApi.Filters): string {
  const { offset: _o, limit: _l, ...rest } = query(q, f);
  return apiUrl(`${BASE}/export`, rest);
}
export function getComplaintCodes() {
  return http.get<ComplaintApi.Codes>(`${BASE}/categories`);
}
export function getComplaint(id: number) {
  return http.get<ComplaintApi.Case>(`${BASE}/${id}`);
}
/** 登记投诉（首诉）; the tracking code is in the answer once. */
export function registerComplaint(input: ComplaintApi.RegisterInput) {
  return http.post<ComplaintApi.Registered>(BASE, input);
}
export function dispatchComplaint(id: number, input: { department_id: number | null; assignee_id: number | null; note: string }) {
  return http.post<ComplaintApi.Case>(`${BASE}/${id}/dispatch`, { ...input, assignee_id: input.assignee_id ?? 0 });
}
export function replyComplaint(id: number, input: ComplaintApi.ReplyInput) {
  return http.post<ComplaintApi.Case>(`${BASE}/${id}/reply`, input);
}
export function notProcessComplaint(id: number, input: { reason: string; explanation: string }) {
  return http.post<ComplaintApi.Case>(`${BASE}/${id}/not-process`, input);
}
export function markMajorDispute(id: number, input: { flag: boolean; note: string }) {
  return http.post<ComplaintApi.Case>(`${BASE}/${id}/major-dispute`, input);
}
export function getComplaintStats(year: number, fromMonth: number, toMonth: number) {
  return http.get<ComplaintApi.Stats>(`${BASE}/stats`, { year, from_month: fromMonth, to_month: toMonth });
}
