import type { IndicatorsApi } from '#/api/indicators';
import type { Permission } from '#/utils/permission';

/**
 * The indicator permissions (docs/api.md, "Indicators"). `Permission` in utils/permission.ts
 * does not list them yet, hence the widening cast; it becomes a no-op once they are added.
 */
export const IND_PERM = {
  read: 'indicators.read' as string as Permission,
  recordsRead: 'indicators.records.read' as string as Permission,
  recordsIdentify: 'indicators.records.identify' as string as Permission,
  import: 'indicators.import' as string as Permission,
  manage: 'indicators.manage' as string as Permission,
} as const;

/** 院领导看板 KPI cards, in display order (codes of data/indicators/definitions.json). */
export const KEY_INDICATORS = [
  'outpatient_emergency_visits',
  'discharges',
  'avg_length_of_stay',
  'oe_cost_per_visit',
  'inpatient_cost_per_case',
  'surgery_ratio',
  'level4_surgery_ratio',
  'antibiotic_use_density',
  'inpatient_mortality',
  'pathway_entry_rate',
  'appointment_rate',
  'homepage_complete_rate',
] as const;

/** 科室看板: the department-level subset (visit-based ratios are kept; all are by department). */
export const DEPARTMENT_INDICATORS = KEY_INDICATORS;

export const DATASETS: readonly IndicatorsApi.Dataset[] = ['discharges', 'visits', 'antibiotic_use', 'pathways'];
export const GRAINS: readonly IndicatorsApi.Grain[] = ['month', 'quarter', 'year'];
export const GROUPINGS: readonly IndicatorsApi.Grouping[] = ['hospital', 'campus', 'department'];
export const DIRECTIONS: readonly IndicatorsApi.Direction[] = ['up', 'down', 'monitor'];
export const COMPARATORS: readonly IndicatorsApi.Comparator[] = ['>=', '>', '<=', '<'];
/** Locale key suffix of each comparator (indicators.comparator.*). */
export const COMPARATOR_KEY: Record<IndicatorsApi.Comparator, string> = {
  '>=': 'ge',
  '>': 'gt',
  '<=': 'le',
  '<': 'lt',
};
export const TARGET_SCOPES: readonly IndicatorsApi.TargetScope[] = ['hospital', 'campus', 'department'];
export const SEVERITIES: readonly IndicatorsApi.Severity[] = ['reject', 'error', 'warning'];
export const BATCH_STATUSES: readonly IndicatorsApi.BatchStatus[] = ['committed', 'failed', 'replaced', 'running'];
/** 首页质控 categories (src/indicators/qc.h QcCategoryName). */
export const QC_CATEGORIES = [
  'completeness',
  'main_diagnosis_code',
  'other_diagnosis_code',
  'procedure_code',
  'dates',
  'costs',
  'value_domain',
  'clinical',
  'parse',
] as const;

/** Record columns shown in the drill-down, per dataset (docs/api.md, GET /indicators/records). */
export const RECORD_COLUMNS: Record<'discharges' | 'visits', readonly string[]> = {
  discharges: [
    'bah',
    'zycs',
    'xm',
    'sfzh',
    'xb',
    'nl',
    'cykb',
    'rysj',
    'cysj',
    'sjzyts',
    'jbdm',
    'zyzd',
    'lyfs',
    'zfy',
    'batch_id',
  ],
  visits: ['jzlsh', 'jzsj', 'ksdm', 'jzlx', 'yybz', 'zfy', 'ypf', 'kjywbz', 'batch_id'],
};

/** Record columns holding money in 分, shown as 元. */
export const MONEY_COLUMNS: ReadonlySet<string> = new Set(['zfy', 'zfje', 'ypf']);

export const PAGE_SIZE = 20;
