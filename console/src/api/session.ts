import { http, request } from './request';

export namespace SessionApi {
  export type Scope = 'self' | 'dept' | 'dept_tree' | 'campus' | 'all';

  export interface User {
    id: number;
    username: string;
    name: string;
    phone: string;
    department_id: number | null;
    department_name: string;
    campus_id: number | null;
    roles: string[];
    permissions: string[];
    scope: Scope;
    active: boolean;
    locked: boolean;
  }

  export interface Session {
    user: User;
    csrf_token: string;
  }
}

/** 登录；wrong password (401) and lock-out (429) are shown by the login page itself. */
export function createSession(username: string, password: string) {
  return request<SessionApi.Session>('/session', {
    method: 'POST',
    body: { username, password },
    silent: true,
  });
}

/** 当前会话；401 when not signed in (silent: the router guard decides). */
export function getSession() {
  return http.get<SessionApi.Session>('/session', undefined, true);
}

/** 退出 */
export function deleteSession() {
  return http.del('/session');
}

/** 修改密码 */
export function changePassword(old_password: string, new_password: string) {
  return http.post<void>('/session/password', { old_password, new_password });
}
