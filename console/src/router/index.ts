import { createRouter, createWebHashHistory, type RouteLocationRaw } from 'vue-router';

import { setUnauthenticatedHandler } from '#/api/request';
import { t } from '#/locales';
import { can, currentUser, forgetSession, restoreSession } from '#/store/session';
import { visibleMenu } from '#/utils/menu';

import { menuRoutes, routes } from './routes';
import './types';

export const router = createRouter({
  history: createWebHashHistory(),
  routes,
});

/** The first menu page the user may open, or the forbidden page. */
export function firstAllowedRoute(): RouteLocationRaw {
  const first = visibleMenu(menuRoutes, currentUser.value?.permissions ?? [])[0]?.entries[0];
  return first ? first.path : { name: 'Forbidden' };
}

router.beforeEach(async (to) => {
  let signedIn = false;
  try {
    signedIn = await restoreSession();
  } catch {
    signedIn = false;
  }
  if (to.meta.public) return signedIn && to.name === 'Login' ? firstAllowedRoute() : true;
  if (!signedIn) return { name: 'Login', query: { redirect: to.fullPath } };
  if (to.name === 'Root') return firstAllowedRoute();
  if (!can(to.meta.permission)) return to.name === 'Forbidden' ? true : firstAllowedRoute();
  return true;
});

router.afterEach((to) => {
  document.title = `${to.meta.title ? `${t(to.meta.title)} · ` : ''}${t('common.appName')}`;
});

setUnauthenticatedHandler(() => {
  forgetSession();
  const current = router.currentRoute.value;
  if (current.name !== 'Login') void router.push({ name: 'Login', query: { redirect: current.fullPath } });
});
