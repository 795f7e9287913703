import { computed, reactive } from 'vue';

import { ApiError, setCsrfToken } from '#/api/request';
import { createSession, deleteSession, getSession, type SessionApi } from '#/api/session';
import { hasPermission, type Permission } from '#/utils/permission';

interface SessionState {
  user: SessionApi.User | null;
  /** True once GET /session has answered (either way) in this page load. */
  checked: boolean;
}

const state = reactive<SessionState>({ user: null, checked: false });

function accept(session: SessionApi.Session): SessionApi.User {
  setCsrfToken(session.csrf_token);
  state.user = session.user;
  state.checked = true;
  return session.user;
}

/** The signed-in user, or null. */
export const currentUser = computed(() => state.user);

/** Restores the session after a reload; false when not signed in. */
export async function restoreSession(): Promise<boolean> {
  if (state.checked) return state.user !== null;
  try {
    accept(await getSession());
    return true;
  } catch (error) {
    state.checked = true;
    if (error instanceof ApiError && error.status === 401) return false;
    throw error;
  }
}

/** 登录; rejects with ApiError for the login page to show. */
export async function signIn(username: string, password: string): Promise<SessionApi.User> {
  return accept(await createSession(username, password));
}

/** 退出; local state is cleared even when the server call fails. */
export async function signOut(): Promise<void> {
  try {
    await deleteSession();
  } finally {
    forgetSession();
  }
}

/** Drops the local session (after a 401). */
export function forgetSession(): void {
  state.user = null;
  state.checked = true;
  setCsrfToken('');
}

/** Whether the current user holds the permission (or any of the list). */
export function can(required: Permission | readonly Permission[] | undefined): boolean {
  return hasPermission(state.user?.permissions ?? [], required);
}
