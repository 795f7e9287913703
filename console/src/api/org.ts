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
  }
  export type DepartmentInput = Omit<Department, 'id'>;
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
