import { reactive } from 'vue';

import type { IndicatorsApi } from '#/api/indicators';
import { can } from '#/store/session';

import { IND_PERM } from './constants';

/** The number a user clicked: one result cell and how it was queried. */
export interface DrillTarget {
  indicator: string;
  period: string;
  by: IndicatorsApi.Grain;
  group: IndicatorsApi.Grouping;
  org_unit: string;
  org_name: string;
  value: number | null;
  /** null when the click was on a number whose parts were not loaded (last year's trend line). */
  numerator: number | null;
  denominator: number | null;
}

export function drillTarget(
  result: IndicatorsApi.Result,
  by: IndicatorsApi.Grain,
  group: IndicatorsApi.Grouping,
): DrillTarget {
  return {
    indicator: result.indicator,
    period: result.period,
    by,
    group,
    org_unit: result.org_unit,
    org_name: result.org_name,
    value: result.value,
    numerator: result.numerator,
    denominator: result.denominator,
  };
}

/** The query for one page of the records behind a number. */
export function recordQuery(
  target: DrillTarget,
  side: IndicatorsApi.Side,
  page: number,
  pageSize: number,
): IndicatorsApi.RecordQuery {
  return {
    indicator: target.indicator,
    period: target.period,
    by: target.by,
    group: target.group,
    org_unit: target.org_unit,
    side,
    page,
    page_size: pageSize,
  };
}

/** One page's drill-down dialog state; numbers are clickable only with indicators.records.read. */
export function useDrill() {
  const state = reactive<{ open: boolean; target: DrillTarget | null }>({ open: false, target: null });
  return {
    state,
    canDrill: () => can(IND_PERM.recordsRead),
    show(result: IndicatorsApi.Result | null | undefined, by: IndicatorsApi.Grain, group: IndicatorsApi.Grouping) {
      if (!result || !can(IND_PERM.recordsRead)) return;
      state.target = drillTarget(result, by, group);
      state.open = true;
    },
    open(target: DrillTarget) {
      if (!can(IND_PERM.recordsRead)) return;
      state.target = target;
      state.open = true;
    },
  };
}
