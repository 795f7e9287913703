import { DataAnalysis, EditPen, FirstAidKit, Finished, List, Search, TrendCharts, Warning } from '@element-plus/icons-vue';
import type { RouteRecordRaw } from 'vue-router';

/** 质量安全: 不良事件, 督查, 整改 */
const quality: RouteRecordRaw = {
  path: 'quality',
  meta: { title: 'adverse.menu.group', icon: FirstAidKit },
  redirect: '/quality/adverse-events',
  children: [
    {
      path: 'adverse-events',
      name: 'AdverseEventList',
      component: () => import('#/views/quality/adverse-events/queue/index.vue'),
      meta: { title: 'adverse.menu.list', icon: Warning, permission: 'adverse_events.read', test: 'menu-adverse-events' },
    },
    {
      path: 'adverse-events/report',
      name: 'AdverseEventReport',
      component: () => import('#/views/quality/adverse-events/report/index.vue'),
      meta: { title: 'adverse.menu.report', icon: EditPen, permission: 'adverse_events.report', test: 'menu-adverse-report' },
    },
    {
      path: 'adverse-events/stats',
      name: 'AdverseEventStats',
      component: () => import('#/views/quality/adverse-events/stats/index.vue'),
      meta: { title: 'adverse.menu.stats', icon: DataAnalysis, permission: 'adverse_events.read', test: 'menu-adverse-stats' },
    },
    {
      path: 'adverse-events/:id(\\d+)',
      name: 'AdverseEventDetail',
      component: () => import('#/views/quality/adverse-events/detail/index.vue'),
      meta: { title: 'adverse.menu.detail', permission: 'adverse_events.read', hidden: true, activeMenu: '/quality/adverse-events' },
    },
    {
      path: 'inspections',
      name: 'InspectionRounds',
      component: () => import('#/views/quality/inspections/rounds/index.vue'),
      meta: { title: 'inspection.menu.rounds', icon: Search, permission: 'inspections.read', test: 'menu-inspections' },
    },
    {
      path: 'inspections/:id(\\d+)',
      name: 'InspectionDetail',
      component: () => import('#/views/quality/inspections/detail/index.vue'),
      meta: { title: 'inspection.menu.detail', permission: 'inspections.read', hidden: true, activeMenu: '/quality/inspections' },
    },
    {
      path: 'checklists',
      name: 'InspectionChecklists',
      component: () => import('#/views/quality/inspections/checklists/index.vue'),
      meta: { title: 'inspection.menu.checklists', icon: List, permission: 'inspections.read', test: 'menu-checklists' },
    },
    {
      path: 'scores',
      name: 'InspectionScores',
      component: () => import('#/views/quality/inspections/scores/index.vue'),
      meta: { title: 'inspection.menu.scores', icon: TrendCharts, permission: 'inspections.read', test: 'menu-inspection-scores' },
    },
    {
      path: 'rectifications',
      name: 'RectificationList',
      component: () => import('#/views/quality/rectifications/queue/index.vue'),
      meta: { title: 'rectification.menu.list', icon: Finished, permission: 'rectification.read', test: 'menu-rectifications' },
    },
    {
      path: 'rectifications/:id(\\d+)',
      name: 'RectificationDetail',
      component: () => import('#/views/quality/rectifications/detail/index.vue'),
      meta: { title: 'rectification.menu.detail', permission: 'rectification.read', hidden: true, activeMenu: '/quality/rectifications' },
    },
  ],
};

export default quality;
