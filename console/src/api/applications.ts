import { type CaseApi, caseRoutes, listParams } from './cases';
import { apiUrl, http, type Page } from './request';

/** 依申请公开 and 咨询 (src/disclosure/application_routes.h, application_json.h). */
export namespace ApplicationApi {
  export interface Code {
    code: string;
    name: string;
    name_en: string;
  }

  /** One of the 21 rows of table 三「本年度办理结果」, with its group heading. */
  export interface Outcome {
    code: string;
    label: string;
    group: string;
    full_label: string;
    name_en: string;
  }

  export interface Codes {
    applicant_kinds: Code[];
    channels: Code[];
    outcomes: Outcome[];
    id_types: Code[];
    media: Code[];
    deliveries: Code[];
    consultation_channels: Code[];
    party_kinds: Code[];
    opinions: Code[];
  }

  export interface Application {
    mode: 'application' | 'consultation';
    source: 'public' | 'staff';
    applicant_kind: string;
    applicant_kind_name: string;
    applicant_name: string;
    organisation: string;
    id_type: string;
    id_type_name: string;
    id_number: string;
    phone: string;
    email: string;
    address: string;
    channel: string;
    channel_name: string;
    submitted_on: string;
    signed_on: string;
    confirmed_on: string;
    received_on: string;
    description: string;
    purpose: string;
    medium: string;
    medium_name: string;
    delivery: string;
    delivery_name: string;
    outcome: string;
    outcome_label: string;
    decided_on: string;
    answer_text: string;
    withheld_text: string;
    answer_delivery: string;
    correction: { request: string; requested_on: string; due: string; received_on: string };
    masked: boolean;
  }

  export interface ThirdParty {
    id: number;
    party_kind: string;
    party_kind_name: string;
    party: string;
    matter: string;
    sent_on: string;
    reply_due: string;
    replied_on: string;
    silent: boolean;
    opinion: string;
    opinion_name: string;
    opinion_text: string;
    pause_ends: string;
  }

  export type Case = CaseApi.Case & {
    application: Application;
    third_parties?: ThirdParty[];
    correction_notice_due?: string;
    paused_remaining?: number | null;
  };

  export interface RegisterInput {
    applicant_kind: string;
    applicant_name: string;
    organisation: string;
    id_type: string;
    id_number: string;
    phone: string;
    email: string;
    address: string;
    channel: string;
    submitted_on: string;
    signed_on: string;
    confirmed_on: string;
    received_on: string;
    description: string;
    purpose: string;
    medium: string;
    delivery: string;
    department_id: number | null;
  }

  export type Registered = Case & { tracking_code?: string };

  export interface AnswerInput {
    outcome: string;
    answer_text: string;
    withheld_text: string;
    answer_delivery: string;
  }

  export interface TableColumn {
    code: string;
    label: string;
    label_en: string;
    group?: string;
  }

  export interface TableRow {
    code: string;
    label: string;
    label_en: string;
    level: number;
    heading?: boolean;
    cells?: number[];
  }

  export interface AnnualTable {
    year: number;
    note: string;
    columns: TableColumn[];
    rows: TableRow[];
    complete: boolean;
    consultations: { received: number; answered: number };
    summary: {
      applications_received: number;
      carried_in: number;
      decided: number;
      carried_out: number;
      statement_a: string;
      statement_b: string;
    };
  }
}

export type ApplicationMode = 'applications' | 'consultations';

function base(mode: ApplicationMode): string {
  return `/disclosure/${mode}`;
}

export const applicationCases = caseRoutes(base('applications'));
export const consultationCases = caseRoutes(base('consultations'));

export function getApplications(mode: ApplicationMode, q: CaseApi.ListQuery) {
  return http.get<Page<ApplicationApi.Case>>(base(mode), listParams(q));
}
export function getApplication(mode: ApplicationMode, id: number) {
  return http.get<ApplicationApi.Case>(`${base(mode)}/${id}`);
}
/** 登记 (letters, visits, calls); an application answers its tracking code once. */
export function registerApplication(mode: ApplicationMode, input: Partial<ApplicationApi.RegisterInput>) {
  return http.post<ApplicationApi.Registered>(base(mode), input);
}
export function getApplicationCodes() {
  return http.get<ApplicationApi.Codes>(`${base('applications')}/codes`);
}

/** A step of an application with its fields (…/correction-request, …/answer, …). */
export function applicationStep(mode: ApplicationMode, id: number, step: string, body: Record<string, unknown>) {
  return http.post<ApplicationApi.Case>(`${base(mode)}/${id}/${step}`, body);
}

export function getAnnualTable(year: number) {
  return http.get<ApplicationApi.AnnualTable>(`${base('applications')}/annual-table`, { year });
}
export function annualTableExportUrl(year: number): string {
  return apiUrl(`${base('applications')}/annual-table/export`, { year });
}
