import { AlarmClock, Calendar, FirstAidKit, Link, Notebook, Setting } from '@element-plus/icons-vue';
import type { RouteRecordRaw } from 'vue-router';

/** 系统 */
const system: RouteRecordRaw = {
  path: 'system',
  meta: { title: 'menu.system', icon: Setting },
  redirect: '/system/audit',
  children: [
    {
      path: 'audit',
      name: 'SystemAudit',
      component: () => import('#/views/system/audit/list.vue'),
      meta: { title: 'menu.audit', icon: Notebook, permission: 'audit.read', test: 'menu-audit' },
    },
    {
      path: 'calendar',
      name: 'SystemCalendar',
      component: () => import('#/views/system/calendar/index.vue'),
      meta: { title: 'menu.calendar', icon: Calendar, permission: 'calendar.manage', test: 'menu-calendar' },
    },
    {
      path: 'case-rules',
      name: 'SystemCaseRules',
      component: () => import('#/views/system/case-rules/index.vue'),
      meta: { title: 'caseRules.menu', icon: AlarmClock, permission: 'cases.rules.manage', test: 'menu-case-rules' },
    },
    {
      path: 'hospital',
      name: 'SystemHospital',
      component: () => import('#/views/system/hospital/index.vue'),
      meta: { title: 'menu.hospital', icon: FirstAidKit, permission: 'settings.manage', test: 'menu-hospital' },
    },
    {
      path: 'webhook',
      name: 'SystemWebhook',
      component: () => import('#/views/system/webhook.vue'),
      meta: { title: 'notify.menu', icon: Link, permission: 'settings.manage', test: 'menu-webhook' },
    },
  ],
};

export default system;
