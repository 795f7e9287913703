import type { RouteRecordRaw } from 'vue-router';

import BasicLayout from '#/layouts/basic-layout.vue';
import { caseDetailPath } from '#/utils/cases';

import complaints from './modules/complaints';
import disclosure from './modules/disclosure';
import indicators from './modules/indicators';
import org from './modules/org';
import quality from './modules/quality';
import system from './modules/system';

/** Menu groups, in menu order; the layout builds the side menu from these. */
export const menuRoutes: RouteRecordRaw[] = [disclosure, complaints, quality, indicators, org, system];

export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'Login',
    component: () => import('#/views/auth/login.vue'),
    meta: { title: 'auth.title', public: true },
  },
  {
    path: '/',
    name: 'Root',
    component: BasicLayout,
    children: [
      ...menuRoutes,
      {
        // The links of reminders and notifications: /console/#/cases/<type>/<id>.
        path: 'cases/:type/:id',
        name: 'CaseLink',
        redirect: (to) => caseDetailPath(String(to.params.type), String(to.params.id)) ?? '/',
      },
      {
        path: 'forbidden',
        name: 'Forbidden',
        component: () => import('#/views/auth/forbidden.vue'),
        meta: { title: 'auth.forbidden' },
      },
    ],
  },
  { path: '/:pathMatch(.*)*', redirect: '/' },
];
