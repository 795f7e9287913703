import { http } from './request';

export namespace RoleApi {
  export interface Role {
    code: string;
    name: string;
    name_en: string;
    permissions: string[];
  }
  export interface Permission {
    code: string;
    name: string;
  }
}

/** 角色列表 */
export function getRoles() {
  return http.get<{ items: RoleApi.Role[] }>('/roles');
}
/** 权限列表 */
export function getPermissions() {
  return http.get<{ items: RoleApi.Permission[] }>('/permissions');
}
export function updateRole(code: string, input: { name: string; permissions: string[] }) {
  return http.put<RoleApi.Role>(`/roles/${encodeURIComponent(code)}`, input);
}
