import type { IndicatorsApi } from '#/api/indicators';

import type { PivotDim } from '../shared/pivot';

export interface AnalysisForm {
  indicators: string[];
  /** [from, to] as YYYY-MM */
  range: [string, string];
  by: IndicatorsApi.Grain;
  group: IndicatorsApi.Grouping;
}

export const DEFAULT_INDICATORS = ['discharges', 'avg_length_of_stay', 'inpatient_cost_per_case'];

export const PIVOT_DIMS: readonly PivotDim[] = ['period', 'indicator', 'org'];

/** The export's file name: 指标分析_2025-01_2025-12.csv */
export function exportFileName(prefix: string, form: Pick<AnalysisForm, 'range'>): string {
  return `${prefix}_${form.range[0]}_${form.range[1]}.csv`;
}

/** A month range is valid when both ends are YYYY-MM and from ≤ to. */
export function validRange(range: readonly string[]): boolean {
  return range.length === 2 && range.every((m) => /^\d{4}-\d{2}$/.test(m)) && range[0]! <= range[1]!;
}
