import { ChatLineSquare, DataAnalysis, EditPen, Tickets } from '@element-plus/icons-vue';
import type { RouteRecordRaw } from 'vue-router';

/** 投诉管理 */
const complaints: RouteRecordRaw = {
  path: 'complaints',
  meta: { title: 'complaints.menu.group', icon: ChatLineSquare },
  redirect: '/complaints/list',
  children: [
    {
      path: 'list',
      name: 'ComplaintList',
      component: () => import('#/views/complaints/queue/index.vue'),
      meta: { title: 'complaints.menu.list', icon: Tickets, permission: 'complaints.read', test: 'menu-complaints' },
    },
    {
      path: 'register',
      name: 'ComplaintRegister',
      component: () => import('#/views/complaints/register/index.vue'),
      meta: { title: 'complaints.menu.register', icon: EditPen, permission: 'complaints.register', test: 'menu-complaint-register' },
    },
    {
      path: 'stats',
      name: 'ComplaintStats',
      component: () => import('#/views/complaints/stats/index.vue'),
      meta: { title: 'complaints.menu.stats', icon: DataAnalysis, permission: 'complaints.read', test: 'menu-complaint-stats' },
    },
    {
      path: 'cases/:id(\\d+)',
      name: 'ComplaintDetail',
      component: () => import('#/views/complaints/detail/index.vue'),
      meta: { title: 'complaints.menu.detail', permission: 'complaints.read', hidden: true, activeMenu: '/complaints/list' },
    },
  ],
};

export default complaints;
