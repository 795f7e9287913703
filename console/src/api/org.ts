import { http } from './request';

export namespace OrgApi {
  export interface Campus {
    id: number;
    code: string;
    name: string;
    address: string;
    phone: string;
    sort: number;
  }
  export type CampusInput = Omit<Campus, 'id'>;

  export type DepartmentKind = 'clinical' | 'medtech' | 'admin' | 'support';

  export interface Department {
    id: number;
    code: string;
    name: string;
    campus_id: number | null;
    parent_id: number | null;
    kind: DepartmentKind;
    phone: string;
    location: string;
    intro: string;
    public: boolean;
    sort: number;
    /** 科室负责人: receives the department's overdue-case escalations. */
    head_user_id: number | null;
    head_name: string;
  }
  /** head_user_id null clears the head. */
  export type DepartmentInput = Omit<Department, 'id' | 'head_name'>;

  /** One problem of a department code table file; line 0 is the header. */
  export interface ImportProblem {
    line: number;
    column: string;
    value: string;
    reason: string;
    reason_en: string;
  }

  export type ImportAction = 'create' | 'update';

  export interface DepartmentImportValues {
    name: string;
    campus_code: string;
    parent_code: string;
    kind: DepartmentKind;
    public: boolean;
    sort: number;
  }

  /** A row that creates or changes a department (unchanged rows are only counted). */
  export interface DepartmentImportRow extends DepartmentImportValues {
    line: number;
    action: ImportAction;
    id: number | null;
    code: string;
    /** name, campus, parent, kind, public, sort */
    changed: string[];
    before?: DepartmentImportValues;
  }

  export interface DepartmentImportResult {
    dry_run: boolean;
    valid: boolean;
    created: number;
    updated: number;
    unchanged: number;
    ignored_columns: string[];
    rows: DepartmentImportRow[];
    errors: ImportProblem[];
  }
}

/** 院区列表 */
export function getCampuses() {
  return http.get<{ items: OrgApi.Campus[] }>('/campuses');
}
export function createCampus(input: OrgApi.CampusInput) {
  return http.post<OrgApi.Campus>('/campuses', input);
}
export function updateCampus(id: number, input: OrgApi.CampusInput) {
  return http.put<OrgApi.Campus>(`/campuses/${id}`, input);
}

/** 科室列表（扁平，按 parent_id 建树） */
export function getDepartments() {
  return http.get<{ items: OrgApi.Department[] }>('/departments');
}
export function createDepartment(input: OrgApi.DepartmentInput) {
  return http.post<OrgApi.Department>('/departments', input);
}
export function updateDepartment(id: number, input: OrgApi.DepartmentInput) {
  return http.put<OrgApi.Department>(`/departments/${id}`, input);
}

/**
 * 导入科室代码表（CSV/XLSX）。dryRun: 只校验并预览，不写入（行错误在 errors 中返回）；
 * otherwise all rows or none, and a row problem is a 400.
 */
export function importDepartments(file: File, dryRun: boolean) {
  return http.upload<OrgApi.DepartmentImportResult>('/departments/import', file, { dry_run: dryRun ? 1 : 0 });
}
