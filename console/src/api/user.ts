import { http, type Page } from './request';
import type { SessionApi } from './session';

export namespace UserApi {
  export type User = SessionApi.User;

  export interface UserInput {
    username: string;
    name: string;
    phone: string;
    department_id: number | null;
    roles: string[];
    scope: SessionApi.Scope;
    /** Required when creating; empty keeps the password on update. */
    password?: string;
  }

  export interface Query {
    q?: string;
    department_id: number | null;
    page: number;
    page_size: number;
  }
}

/** 职工列表 */
export function getUsers(query: UserApi.Query) {
  return http.get<Page<UserApi.User>>('/users', { ...query });
}
export function createUser(input: UserApi.UserInput) {
  return http.post<UserApi.User>('/users', input);
}
export function updateUser(id: number, input: UserApi.UserInput) {
  return http.put<UserApi.User>(`/users/${id}`, input);
}
/** 解锁 */
export function unlockUser(id: number) {
  return http.post<void>(`/users/${id}/unlock`);
}
/** 导入职工（CSV/XLSX，全部成功才保存） */
export function importUsers(file: File) {
  return http.upload<{ imported: number }>('/users/import', file);
}
