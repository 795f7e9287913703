import type { UserApi } from '#/api/user';

export const IMPORT_HEADER = '工号,姓名,科室编码,手机,角色,数据范围';

export function emptyUser(): UserApi.UserInput {
  return { username: '', name: '', phone: '', department_id: null, roles: [], scope: 'self', password: '' };
}

export function userToInput(u: UserApi.User): UserApi.UserInput {
  return {
    username: u.username,
    name: u.name,
    phone: u.phone,
    department_id: u.department_id,
    roles: [...u.roles],
    scope: u.scope,
    password: '',
  };
}

/** Drops an empty password so an update keeps the old one. */
export function toPayload(input: UserApi.UserInput): UserApi.UserInput {
  const { password, ...rest } = input;
  return password ? { ...rest, password } : rest;
}
