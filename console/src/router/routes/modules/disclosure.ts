import { ChatDotRound, DataAnalysis, Document, FolderOpened, Grid, PriceTag, Postcard, Warning } from '@element-plus/icons-vue';
import type { RouteRecordRaw } from 'vue-router';

/** 院务公开 */
const disclosure: RouteRecordRaw = {
  path: 'disclosure',
  meta: { title: 'menu.disclosure', icon: Document },
  redirect: '/disclosure/items',
  children: [
    {
      path: 'items',
      name: 'DisclosureItems',
      component: () => import('#/views/disclosure/item/list.vue'),
      meta: { title: 'menu.items', icon: Document, permission: 'disclosure.item.read', test: 'menu-items' },
    },
    {
      path: 'catalogue',
      name: 'DisclosureCatalogue',
      component: () => import('#/views/disclosure/catalogue/list.vue'),
      meta: {
        title: 'menu.catalogue',
        icon: FolderOpened,
        permission: ['disclosure.catalogue.manage', 'disclosure.item.read'],
        test: 'menu-catalogue',
      },
    },
    {
      path: 'prices',
      name: 'DisclosurePrices',
      component: () => import('#/views/disclosure/price/list.vue'),
      meta: { title: 'menu.prices', icon: PriceTag, permission: 'disclosure.price.manage', test: 'menu-prices' },
    },
    {
      path: 'overdue',
      name: 'DisclosureOverdue',
      component: () => import('#/views/disclosure/overdue/list.vue'),
      meta: { title: 'menu.overdue', icon: Warning, permission: 'disclosure.item.read', test: 'menu-overdue' },
    },
    {
      path: 'stats',
      name: 'DisclosureStats',
      component: () => import('#/views/disclosure/stats/index.vue'),
      meta: { title: 'menu.stats', icon: DataAnalysis, permission: 'disclosure.stats.read', test: 'menu-stats' },
    },
    {
      path: 'applications',
      name: 'DisclosureApplications',
      component: () => import('#/views/disclosure/applications/list.vue'),
      props: { mode: 'applications' },
      meta: { title: 'application.menu.applications', icon: Postcard, permission: 'disclosure.application.read', test: 'menu-applications' },
    },
    {
      path: 'applications/:id(\\d+)',
      name: 'DisclosureApplicationDetail',
      component: () => import('#/views/disclosure/applications/detail.vue'),
      props: { mode: 'applications' },
      meta: {
        title: 'application.menu.detail',
        permission: 'disclosure.application.read',
        hidden: true,
        activeMenu: '/disclosure/applications',
      },
    },
    {
      path: 'consultations',
      name: 'DisclosureConsultations',
      component: () => import('#/views/disclosure/applications/list.vue'),
      props: { mode: 'consultations' },
      meta: { title: 'application.menu.consultations', icon: ChatDotRound, permission: 'disclosure.application.read', test: 'menu-consultations' },
    },
    {
      path: 'consultations/:id(\\d+)',
      name: 'DisclosureConsultationDetail',
      component: () => import('#/views/disclosure/applications/detail.vue'),
      props: { mode: 'consultations' },
      meta: {
        title: 'application.menu.consultationDetail',
        permission: 'disclosure.application.read',
        hidden: true,
        activeMenu: '/disclosure/consultations',
      },
    },
    {
      path: 'annual-table',
      name: 'DisclosureAnnualTable',
      component: () => import('#/views/disclosure/annual-table/index.vue'),
      meta: { title: 'application.menu.annual', icon: Grid, permission: 'disclosure.application.read', test: 'menu-annual-table' },
    },
  ],
};

export default disclosure;
