import type { QueueCounts } from '#/utils/cases';

import { apiUrl, http } from './request';

/**
 * The case engine's shared API (src/platform/cases/case_routes.h, case_json.h): every case type
 * (投诉, 不良事件, 整改, 依申请公开, 咨询) has these routes under its own base path, plus the case
 * types and deadline rules at /cases (src/app/case_setup.h).
 */
export namespace CaseApi {
  export type Clock = 'none' | 'running' | 'paused' | 'stopped';

  /** An action the viewer may take now (from the case type's data file). */
  export interface Action {
    action: string;
    name: string;
    name_en: string;
    note_required: boolean;
    /** '', stop, pause, resume, restart: what it does to the deadline. */
    clock: string;
  }

  export interface Can {
    manage: boolean;
    handle: boolean;
    assign: boolean;
    clock: boolean;
    extend: boolean;
  }

  export interface Case {
    id: number;
    type: string;
    code: string;
    title: string;
    state: string;
    state_name: string;
    state_name_en: string;
    closed: boolean;
    department_id: number;
    department_name: string;
    assignee_id: number;
    assignee_name: string;
    opened_by_name: string;
    opened_at: string;
    /** Local 'YYYY-MM-DD HH:MM'. */
    start_at: string;
    period: string;
    /** Local 'YYYY-MM-DD HH:MM' or 'YYYY-MM-DD' (end of day); '' while paused or without deadline. */
    due_at: string;
    clock: Clock;
    escalation: number;
    overdue: boolean;
    answered_at: string;
    on_time: boolean | null;
    closed_at: string;
    updated_at: string;
    extension_limit: string;
    extended: string;
    /** With a viewer (detail and most lists). */
    actions?: Action[];
    can?: Can;
  }

  export interface Event {
    id: number;
    seq: number;
    at: string;
    actor_name: string;
    /** open, action, assign, note, attachment, pause, resume, extend, remind, escalate, correct, rate */
    kind: string;
    action: string;
    action_name: string;
    action_name_en: string;
    from_state: string;
    to_state: string;
    body: string;
    data: Record<string, unknown>;
    public: boolean;
    corrects: number;
  }

  export interface Attachment {
    id: number;
    event_id: number;
    filename: string;
    content_type: string;
    size: number;
    sha256: string;
    at: string;
    actor_name: string;
  }

  export interface Timeline {
    events: Event[];
    attachments: Attachment[];
  }

  export interface Assignee {
    id: number;
    name: string;
    /** 科室负责人 */
    head: boolean;
  }

  export interface StateDef {
    code: string;
    name: string;
    name_en: string;
    closed: boolean;
  }

  export interface ActionDef extends Action {
    from: string[];
    to: string;
  }

  export interface TypeDef {
    type: string;
    name: string;
    name_en: string;
    code_prefix: string;
    initial: string;
    states: StateDef[];
    actions: ActionDef[];
  }

  export interface TypeRules {
    periods: Record<string, string>;
    remind_before: string;
    escalate_after: string;
    extension_max: string;
  }

  export type Rules = Record<string, TypeRules>;

  /** A partial override: only what differs from the shipped defaults. */
  export type RulesOverride = Record<string, Partial<TypeRules>>;

  /** The list filters every case type shares. */
  export interface ListQuery {
    queue: string;
    state: string;
    department_id: number | null;
    q: string;
    from: string;
    to: string;
    page: number;
    page_size: number;
  }
}

/** `{queue, …, page, page_size}` → the API's `offset` / `limit`. */
export function listParams(query: CaseApi.ListQuery, extra: Record<string, string | number | boolean | null> = {}) {
  const { page, page_size, ...rest } = query;
  return { ...rest, ...extra, offset: (page - 1) * page_size, limit: page_size };
}

/** The shared routes of one case type, e.g. caseRoutes('/complaints'). */
export function caseRoutes(base: string) {
  return {
    base,
    queues: () => http.get<QueueCounts>(`${base}/queues`),
    timeline: (id: number) => http.get<CaseApi.Timeline>(`${base}/${id}/timeline`),
    act: <T = CaseApi.Case>(id: number, action: string, note: string) =>
      http.post<T>(`${base}/${id}/actions/${action}`, note ? { note } : {}),
    assign: <T = CaseApi.Case>(id: number, input: { department_id: number | null; assignee_id: number | null; reason: string }) =>
      http.post<T>(`${base}/${id}/assign`, {
        department_id: input.department_id,
        assignee_id: input.assignee_id ?? 0,
        reason: input.reason,
      }),
    assignees: (id: number, departmentId: number) =>
      http.get<{ items: CaseApi.Assignee[] }>(`${base}/${id}/assignees`, { department_id: departmentId }),
    addNote: (id: number, body: string, isPublic: boolean) =>
      http.post<CaseApi.Event>(`${base}/${id}/notes`, { body, public: isPublic }),
    upload: (id: number, file: File) => http.upload<CaseApi.Attachment>(`${base}/${id}/attachments`, file),
    attachmentUrl: (id: number, aid: number) => apiUrl(`${base}/${id}/attachments/${aid}`),
    correct: (id: number, eventId: number, body: string) =>
      http.post<CaseApi.Event>(`${base}/${id}/corrections`, { event_id: eventId, body }),
    pause: <T = CaseApi.Case>(id: number, reason: string) => http.post<T>(`${base}/${id}/pause`, { reason }),
    resume: <T = CaseApi.Case>(id: number, note: string) => http.post<T>(`${base}/${id}/resume`, note ? { note } : {}),
    extend: <T = CaseApi.Case>(id: number, input: { amount: string; approver: string; reason: string }) =>
      http.post<T>(`${base}/${id}/extend`, input),
    /** 立卷归档 ZIP */
    fileUrl: (id: number) => apiUrl(`${base}/${id}/file`),
  };
}

export type CaseRoutes = ReturnType<typeof caseRoutes>;

/** States and actions of every case type, zh + en. */
export function getCaseTypes() {
  return http.get<{ items: CaseApi.TypeDef[] }>('/cases/types');
}

/** The deadline rules in force and the shipped defaults. */
export function getCaseRules() {
  return http.get<{ rules: CaseApi.Rules; defaults: CaseApi.Rules }>('/cases/rules');
}

/** Saves the overrides (replacing the stored ones); answers the merged rules. */
export function putCaseRules(overrides: CaseApi.RulesOverride) {
  return http.put<{ rules: CaseApi.Rules }>('/cases/rules', overrides);
}
