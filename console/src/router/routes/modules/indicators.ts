import { DataBoard, DocumentChecked, EditPen, Histogram, Odometer, SetUp, TrendCharts, Upload } from '@element-plus/icons-vue';
import type { RouteRecordRaw } from 'vue-router';

import { IND_PERM } from '#/views/indicators/shared/constants';

/** 指标与质控 */
const indicators: RouteRecordRaw = {
  path: 'indicators',
  meta: { title: 'indicators.menu.group', icon: DataBoard },
  redirect: '/indicators/dashboard',
  children: [
    {
      path: 'dashboard',
      name: 'IndicatorsDashboard',
      component: () => import('#/views/indicators/dashboard/index.vue'),
      meta: {
        title: 'indicators.menu.dashboard',
        icon: Odometer,
        permission: IND_PERM.read,
        test: 'menu-ind-dashboard',
      },
    },
    {
      path: 'department',
      name: 'IndicatorsDepartment',
      component: () => import('#/views/indicators/department/index.vue'),
      meta: {
        title: 'indicators.menu.department',
        icon: Histogram,
        permission: IND_PERM.read,
        test: 'menu-ind-department',
      },
    },
    {
      path: 'analysis',
      name: 'IndicatorsAnalysis',
      component: () => import('#/views/indicators/analysis/index.vue'),
      meta: {
        title: 'indicators.menu.analysis',
        icon: TrendCharts,
        permission: IND_PERM.read,
        test: 'menu-ind-analysis',
      },
    },
    {
      path: 'import',
      name: 'IndicatorsImport',
      component: () => import('#/views/indicators/import/index.vue'),
      meta: { title: 'indicators.menu.import', icon: Upload, permission: IND_PERM.import, test: 'menu-ind-import' },
    },
    {
      path: 'figures',
      name: 'IndicatorsFigures',
      component: () => import('#/views/indicators/figures/index.vue'),
      meta: { title: 'indicators.menu.figures', icon: EditPen, permission: IND_PERM.read, test: 'menu-ind-figures' },
    },
    {
      path: 'qc',
      name: 'IndicatorsQc',
      component: () => import('#/views/indicators/qc/index.vue'),
      meta: { title: 'indicators.menu.qc', icon: DocumentChecked, permission: IND_PERM.import, test: 'menu-ind-qc' },
    },
    {
      path: 'definitions',
      name: 'IndicatorsDefinitions',
      component: () => import('#/views/indicators/definitions/index.vue'),
      meta: {
        title: 'indicators.menu.definitions',
        icon: SetUp,
        permission: IND_PERM.read,
        test: 'menu-ind-definitions',
      },
    },
  ],
};

export default indicators;
