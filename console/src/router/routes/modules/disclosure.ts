import { DataAnalysis, Document, FolderOpened, PriceTag, Warning } from '@element-plus/icons-vue';
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
  ],
};

export default disclosure;
